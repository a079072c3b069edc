package hostkit

import (
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestNewPackageDependency(t *testing.T) {
	dep := NewPackageDependency("terraform-provider", "0.8.0", plugin.PulumiPluginJSON{
		Server:                    "https://example.com",
		Parameterization:          &plugin.PulumiParameterizationJSON{Name: "mine", Version: "1.0.0", Value: []byte(`{"x":1}`)},
		ExtensionParameterization: &plugin.PulumiParameterizationJSON{Name: "ext", Version: "2.0.0"},
	})
	if got, want := testkit.Summary(dep), `terraform-provider@v0.8.0 from https://example.com as mine@1.0.0={"x":1}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if dep.Kind != "resource" || dep.Extension.GetName() != "ext" || dep.Extension.GetVersion() != "2.0.0" {
		t.Errorf("got %+v", dep)
	}
	if v := NewPackageDependency("k", "v4.25.0", plugin.PulumiPluginJSON{}).Version; v != "v4.25.0" {
		t.Errorf("a leading v is kept: %s", v)
	}
}

func TestPackageSetKeepsEachPackageOnceInOrder(t *testing.T) {
	var s PackageSet
	for _, name := range []string{"random", "kubernetes", "random"} {
		s.Add(NewPackageDependency(name, "1.0.0", plugin.PulumiPluginJSON{}))
	}
	// Another server or parameterization is another package.
	s.Add(NewPackageDependency("random", "1.0.0", plugin.PulumiPluginJSON{Server: "https://example.com"}))
	s.Add(NewPackageDependency("kubernetes", "0.9.0", plugin.PulumiPluginJSON{}))
	want := "kubernetes@v0.9.0, kubernetes@v1.0.0, random@v1.0.0, random@v1.0.0 from https://example.com"
	if got := testkit.Summary(s.Sorted()...); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestRequiredPluginsLeavesOutParameterized(t *testing.T) {
	plugins := RequiredPlugins([]*pulumirpc.PackageDependency{
		NewPackageDependency("kubernetes", "4.25.0", plugin.PulumiPluginJSON{Server: "https://example.com"}),
		NewPackageDependency("terraform-provider", "0.8.0", plugin.PulumiPluginJSON{
			Parameterization: &plugin.PulumiParameterizationJSON{Name: "mine", Version: "1.0.0"},
		}),
	})
	if len(plugins) != 1 || plugins[0].Name != "kubernetes" || plugins[0].Version != "v4.25.0" ||
		plugins[0].Kind != "resource" || plugins[0].Server != "https://example.com" {
		t.Errorf("got %+v", plugins)
	}
}
