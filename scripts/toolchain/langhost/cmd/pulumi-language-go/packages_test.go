package main

import (
	"path/filepath"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestParseModules(t *testing.T) {
	out := `{"Path": "example.com/prog", "Main": true, "Dir": "/p"}
{"Path": "github.com/pulumi/pulumi/sdk/v3", "Version": "v3.259.0", "Dir": "/mod/sdk"}
{"Path": "example.com/pulumi-x/sdk/go", "Version": "v0.0.0-00010101000000-000000000000",
 "Replace": {"Path": "./sdks/x", "Dir": "/p/sdks/x"}, "Indirect": true}
`
	mods, err := parseModules([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 3 || !mods[0].Main || mods[1].dir() != "/mod/sdk" || mods[2].dir() != "/p/sdks/x" || !mods[2].Indirect {
		t.Errorf("got %+v", mods)
	}
	if _, err := parseModules([]byte(`{"Path": `)); err == nil {
		t.Error("expected an error for truncated output")
	}
}

func TestPulumiPackages(t *testing.T) {
	root := testkit.Tree(t, map[string]string{
		// The program itself never counts.
		"prog/pulumi-plugin.json": `{"resource": true, "name": "self", "version": "1.0.0"}`,
		// Classic layout: module .../sdk/v4, manifest in go/<pkg>/, version from the module.
		"k8s/go/kubernetes/pulumi-plugin.json": `{"resource": true, "name": "kubernetes"}`,
		// A pseudo-version after v4.16.0 stands for the v4.16.0 plugin.
		"random/go/random/pulumi-plugin.json": `{"resource": true, "name": "random", "server": "https://example.com"}`,
		// `pulumi package add` layout: module .../sdk/go, manifest in <pkg>/, version in the manifest.
		"sdks/canary/canarydelivery/pulumi-plugin.json": `{"resource": true, "name": "canary-delivery", "version": "0.1.0"}`,
		// Parameterized.
		"tf/mine/pulumi-plugin.json": `{"resource": true, "name": "terraform-provider", "version": "0.8.0",
			"parameterization": {"name": "mine", "version": "1.0.0", "value": "eyJ4IjoxfQ=="}}`,
		// Not plugins: resource false, untagged without a version, broken JSON.
		"policy/pulumi-plugin.json":     `{"resource": false}`,
		"untagged/x/pulumi-plugin.json": `{"resource": true, "name": "untagged"}`,
		"broken/pulumiplugin.json":      `{`,
		// Too deep to be a package manifest (testdata of some module).
		"deep/a/b/c/pulumi-plugin.json": `{"resource": true, "name": "deep", "version": "1.0.0"}`,
	})
	mods := []goModule{
		{Path: "example.com/prog", Main: true, Dir: filepath.Join(root, "prog")},
		{Path: "github.com/pulumi/pulumi-kubernetes/sdk/v4", Version: "v4.25.0", Dir: filepath.Join(root, "k8s")},
		// The same module twice (e.g. via two paths) is reported once.
		{Path: "github.com/pulumi/pulumi-kubernetes/sdk/v4", Version: "v4.25.0", Dir: filepath.Join(root, "k8s")},
		{Path: "github.com/pulumi/pulumi-random/sdk/v4", Version: "v4.16.1-0.20250101000000-abcdefabcdef",
			Dir: filepath.Join(root, "random")},
		{Path: "example.com/pulumi-canary-delivery/sdk/go", Version: "v0.0.0-00010101000000-000000000000",
			Replace: &goModule{Path: "./sdks/canary", Dir: filepath.Join(root, "sdks", "canary")}},
		{Path: "example.com/tf", Version: "v1.0.0", Dir: filepath.Join(root, "tf")},
		{Path: "example.com/policy", Version: "v1.0.0", Dir: filepath.Join(root, "policy")},
		{Path: "example.com/untagged", Version: "v0.0.0-20250101000000-abcdefabcdef", Dir: filepath.Join(root, "untagged")},
		{Path: "example.com/broken", Version: "v1.0.0", Dir: filepath.Join(root, "broken")},
		{Path: "example.com/deep", Version: "v1.0.0", Dir: filepath.Join(root, "deep")},
		{Path: "example.com/not-downloaded", Version: "v1.0.0"},
	}
	want := "canary-delivery@v0.1.0, kubernetes@v4.25.0, random@v4.16.0 from https://example.com, " +
		`terraform-provider@v0.8.0 as mine@1.0.0={"x":1}`
	if got := testkit.Summary(pulumiPackages(mods)...); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestReleaseOf(t *testing.T) {
	for in, want := range map[string]string{
		"v4.25.0":                               "v4.25.0",
		"v4.25.1-0.20250101000000-abcdefabcdef": "v4.25.0",
		"v0.0.0-20250101000000-abcdefabcdef":    "",
		"v0.0.0-00010101000000-000000000000":    "",
		"":                                      "",
	} {
		got, ok := releaseOf(in)
		if got != want || ok != (want != "") {
			t.Errorf("%q: got %q %v", in, got, ok)
		}
	}
}
