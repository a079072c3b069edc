package main

import (
	"path/filepath"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestDirectDependenciesFromNodeModules(t *testing.T) {
	root := testkit.Tree(t, map[string]string{
		"app/package.json": `{"dependencies":{"@pulumi/pulumi":"^3.259.0","missing":"~1.0.0"},
			"devDependencies":{"typescript":"^5"}}`,
		// Hoisted one level up, as in a workspace.
		"node_modules/@pulumi/pulumi/package.json": `{"version":"3.259.0"}`,
		"app/node_modules/typescript/package.json": `{"version":"5.9.3"}`,
	})
	deps, err := directDependenciesFromNodeModules(filepath.Join(root, "app"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range deps {
		got[d.Name] = d.Version
	}
	want := map[string]string{"@pulumi/pulumi": "3.259.0", "missing": "~1.0.0", "typescript": "5.9.3"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q want %q", k, got[k], v)
		}
	}
}
