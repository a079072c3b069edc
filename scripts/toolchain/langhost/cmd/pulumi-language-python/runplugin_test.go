package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestPluginArgsMainPy(t *testing.T) {
	dir := testkit.Tree(t, map[string]string{"__main__.py": "", "pyproject.toml": "[project]\nname = \"x\"\n"})
	got, asModule, err := pluginArgs(dir, []string{"127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"-u", dir, "127.0.0.1:1"}; !reflect.DeepEqual(got, want) || asModule {
		t.Errorf("got %q %v, want %q", got, asModule, want)
	}
}

func TestPluginArgsPyproject(t *testing.T) {
	dir := testkit.Tree(t, map[string]string{"pyproject.toml": "[project]\nname = \"my-components\"\nversion = \"1.0.0\"\n"})
	got, asModule, err := pluginArgs(dir, []string{"127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-u", "-m", "pulumi.run.plugin", "my-components", "127.0.0.1:1"}
	if !reflect.DeepEqual(got, want) || !asModule {
		t.Errorf("got %q %v, want %q", got, asModule, want)
	}
}

func TestPluginArgsNothingToRun(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := pluginArgs(dir, nil); err == nil || !strings.Contains(err.Error(), "neither") {
		t.Errorf("got %v", err)
	}
	testkit.WriteFiles(t, dir, map[string]string{"pyproject.toml": "[tool.x]\n"})
	if _, err := pyprojectName(dir); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "pyproject.toml")) {
		t.Errorf("got %v", err)
	}
}
