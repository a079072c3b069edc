package hostkit

import (
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestOptions(t *testing.T) {
	o := OptionsOf(testkit.MustStruct(t, map[string]any{"s": "x", "b": false, "n": 1.0}))
	if s, set, err := o.String("s"); s != "x" || !set || err != nil {
		t.Errorf("string: %q %v %v", s, set, err)
	}
	if b, set, err := o.Bool("b"); b || !set || err != nil {
		t.Errorf("bool: %v %v %v", b, set, err)
	}
	if _, set, err := o.String("missing"); set || err != nil {
		t.Errorf("missing: %v %v", set, err)
	}
	if _, _, err := o.String("n"); err == nil || err.Error() != "runtime option 'n' must be a string" {
		t.Errorf("not a string: %v", err)
	}
	if _, _, err := o.Bool("s"); err == nil || err.Error() != "runtime option 's' must be a boolean" {
		t.Errorf("not a boolean: %v", err)
	}
	if len(OptionsOf(nil)) != 0 {
		t.Error("nil options must read as none")
	}
}

func TestOptionsOneOf(t *testing.T) {
	o := OptionsOf(testkit.MustStruct(t, map[string]any{"tool": "uv", "checker": "pylint", "n": 1.0}))
	if v, set, err := o.OneOf("tool", "pip", "poetry", "uv"); v != "uv" || !set || err != nil {
		t.Errorf("choice: %q %v %v", v, set, err)
	}
	want := `runtime option 'checker' must be mypy or pyright, not "pylint"`
	if _, set, err := o.OneOf("checker", "mypy", "pyright"); !set || err == nil || err.Error() != want {
		t.Errorf("no choice: %v %v", set, err)
	}
	if _, _, err := o.OneOf("n", "a"); err == nil || err.Error() != "runtime option 'n' must be a string" {
		t.Errorf("not a string: %v", err)
	}
	if _, set, err := o.OneOf("missing", "a"); set || err != nil {
		t.Errorf("missing: %v %v", set, err)
	}
}
