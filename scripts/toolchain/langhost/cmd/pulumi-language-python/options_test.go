package main

import (
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

func TestParseOptionsDefaults(t *testing.T) {
	o, err := parseOptions("", "/p", nil)
	if err != nil {
		t.Fatal(err)
	}
	// The root falls back to the program directory (old engines send none).
	if o.Root != "/p" || o.ProgramDir != "/p" || o.Virtualenv != "" || o.Toolchain != toolchain.Auto ||
		o.typechecker != "" {
		t.Errorf("defaults = %+v", o)
	}
}

func TestParseOptionsAll(t *testing.T) {
	o, err := parseOptions("/root", "/root/src", testkit.MustStruct(t, map[string]any{
		"virtualenv":  "venv",
		"toolchain":   "pip",
		"typechecker": "mypy",
		"unknown":     1.0,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if o.Root != "/root" || o.ProgramDir != "/root/src" || o.Virtualenv != "venv" ||
		o.Toolchain != toolchain.Pip || o.Typechecker != toolchain.TypeCheckerMypy || o.typechecker != "mypy" {
		t.Errorf("got %+v", o)
	}
	for name, want := range map[string]any{"uv": toolchain.Uv, "poetry": toolchain.Poetry} {
		o, err := parseOptions("/r", "/r", testkit.MustStruct(t, map[string]any{"toolchain": name}))
		if err != nil || o.Toolchain != want {
			t.Errorf("%s: %+v %v", name, o, err)
		}
	}
}

func TestParseOptionsRejectsWrongValues(t *testing.T) {
	for _, m := range []map[string]any{
		{"virtualenv": true},
		{"toolchain": "conda"},
		{"toolchain": 1.0},
		{"typechecker": "pylint"},
	} {
		if _, err := parseOptions("/r", "/r", testkit.MustStruct(t, m)); err == nil {
			t.Errorf("%v: expected an error", m)
		}
	}
}
