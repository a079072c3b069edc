package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestFindPulumiPackages(t *testing.T) {
	dir := testkit.Tree(t, map[string]string{
		// The program itself is not a plugin even if it says so.
		"package.json": `{"name":"@pulumi/self","version":"1.0.0","pulumi":{"resource":true}}`,
		"node_modules/@pulumi/kubernetes/package.json": `{"name":"@pulumi/kubernetes","version":"4.25.0",
			"pulumi":{"resource":true,"name":"kubernetes"}}`,
		// A second copy of the same version is reported once.
		"node_modules/other/node_modules/@pulumi/kubernetes/package.json": `{"name":"@pulumi/kubernetes",
			"version":"4.25.0","pulumi":{"resource":true}}`,
		"node_modules/other/node_modules/@pulumi/random/package.json": `{"name":"@pulumi/random",
			"version":"4.16.0","pulumi":{"resource":true}}`,
		"node_modules/@pulumi/pulumi/package.json": `{"name":"@pulumi/pulumi","version":"3.259.0"}`,
		"node_modules/@acme/thing/package.json": `{"name":"@acme/thing","version":"0.1.0",
			"pulumi":{"resource":true,"name":"acme","version":"v2.0.0","server":"https://example.com/plugins"}}`,
		"node_modules/tf/package.json": `{"name":"tf","version":"0.0.1","pulumi":{"resource":true,"name":"terraform-provider",
			"version":"0.8.0","parameterization":{"name":"mine","version":"1.0.0","value":"eyJ4IjoxfQ=="}}}`,
		// Errors are collected, not fatal.
		"node_modules/broken/package.json":        `{`,
		"node_modules/@thirdparty/x/package.json": `{"name":"@thirdparty/x","version":"1.0.0","pulumi":{"resource":true}}`,
		// A policy pack inside the program brings its own plugins: skipped.
		"policy/PulumiPolicy.yaml": "runtime: nodejs\n",
		"policy/node_modules/@pulumi/aws/package.json": `{"name":"@pulumi/aws","version":"7.0.0",
			"pulumi":{"resource":true}}`,
	})
	// Symlink loops (workspace links) must not hang the walk.
	if err := os.Symlink("..", filepath.Join(dir, "node_modules", "loop")); err != nil {
		t.Fatal(err)
	}

	pkgs, err := findPulumiPackages(dir)
	want := "acme@v2.0.0 from https://example.com/plugins, kubernetes@v4.25.0, random@v4.16.0, " +
		`terraform-provider@v0.8.0 as mine@1.0.0={"x":1}`
	if got := testkit.Summary(pkgs...); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if err == nil || !strings.Contains(err.Error(), "broken") || !strings.Contains(err.Error(), "@thirdparty/x") {
		t.Errorf("expected errors for broken and @thirdparty/x, got %v", err)
	}
}

func TestFindPulumiPackagesHoistedWorkspace(t *testing.T) {
	root := testkit.Tree(t, map[string]string{
		"package.json":              `{"name":"root","private":true,"workspaces":["examples/*"]}`,
		"examples/app/package.json": `{"name":"app","dependencies":{"@pulumi/kubernetes":"4.25.0"}}`,
		"examples/app/index.ts":     "",
		"node_modules/@pulumi/kubernetes/package.json": `{"name":"@pulumi/kubernetes","version":"4.25.0",
			"pulumi":{"resource":true,"name":"kubernetes"}}`,
	})
	pkgs, err := findPulumiPackages(filepath.Join(root, "examples", "app"))
	if err != nil {
		t.Fatal(err)
	}
	if got := testkit.Summary(pkgs...); got != "kubernetes@v4.25.0" {
		t.Errorf("got %q", got)
	}
}

func TestFindPulumiPackagesOutsideWorkspaceIgnoresParents(t *testing.T) {
	root := testkit.Tree(t, map[string]string{
		"package.json":     `{"name":"root"}`,
		"app/package.json": `{"name":"app"}`,
		"node_modules/@pulumi/kubernetes/package.json": `{"name":"@pulumi/kubernetes","version":"4.25.0",
			"pulumi":{"resource":true}}`,
	})
	pkgs, err := findPulumiPackages(filepath.Join(root, "app"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 0 {
		t.Errorf("got %s", testkit.Summary(pkgs...))
	}
}
