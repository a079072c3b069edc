package main

import (
	"os"
	"path/filepath"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestParseOptions(t *testing.T) {
	o, err := parseOptions(nil)
	if err != nil || o != (goOptions{}) {
		t.Errorf("defaults: %+v %v", o, err)
	}
	o, err = parseOptions(testkit.MustStruct(t, map[string]any{"buildTarget": "bin/prog", "unknown": 1.0}))
	if err != nil || o.buildTarget != "bin/prog" || o.binary != "" {
		t.Errorf("buildTarget: %+v %v", o, err)
	}
	o, err = parseOptions(testkit.MustStruct(t, map[string]any{"binary": "prog"}))
	if err != nil || o.binary != "prog" {
		t.Errorf("binary: %+v %v", o, err)
	}
	for _, m := range []map[string]any{
		{"binary": true},
		{"buildTarget": 1.0},
		{"binary": "a", "buildTarget": "b"},
	} {
		if _, err := parseOptions(testkit.MustStruct(t, m)); err == nil {
			t.Errorf("%v: expected an error", m)
		}
	}
}

func TestResolveBinary(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "prog"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := resolveBinary(dir, "prog"); err != nil || got != filepath.Join(dir, "prog") {
		t.Errorf("relative: %q %v", got, err)
	}
	if got, err := resolveBinary(dir, "/abs/prog"); err != nil || got != "/abs/prog" {
		t.Errorf("absolute: %q %v", got, err)
	}
	if got, err := resolveBinary(dir, "sh"); err != nil || !filepath.IsAbs(got) {
		t.Errorf("on PATH: %q %v", got, err)
	}
	if _, err := resolveBinary(dir, "no-such-program-anywhere"); err == nil {
		t.Error("expected an error")
	}
}

func TestBuildOutput(t *testing.T) {
	for _, c := range []struct{ target, want string }{
		{"", "/tmp/x/pulumi-go-program"},
		{"bin/prog", "/p/bin/prog"},
		{"/out/prog", "/out/prog"},
	} {
		if got := buildOutput("/p", c.target, "/tmp/x"); got != c.want {
			t.Errorf("%q: got %q want %q", c.target, got, c.want)
		}
	}
}
