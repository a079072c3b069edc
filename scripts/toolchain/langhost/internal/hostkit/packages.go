package hostkit

import (
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// NewPackageDependency is a resource plugin as GetRequiredPackages reports
// it, from the plugin manifest an SDK carries (pulumi-plugin.json, or
// package.json's "pulumi" block) once the host has settled its name and
// version. The version gets the "v" the engine expects; server,
// parameterization and extension are passed on.
func NewPackageDependency(name, version string, manifest plugin.PulumiPluginJSON) *pulumirpc.PackageDependency {
	if !strings.HasPrefix(version, "v") {
		version = "v" + version
	}
	dep := &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: version, Server: manifest.Server}
	if p := manifest.Parameterization; p != nil {
		dep.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
	}
	if p := manifest.ExtensionParameterization; p != nil {
		dep.Extension = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
	}
	return dep
}

// PackageSet collects the packages a program needs, each once: the same
// package may be installed twice (two node_modules, two module paths).
type PackageSet struct {
	seen map[string]bool
	list []*pulumirpc.PackageDependency
}

// Add keeps dep unless a package with its name, version, server and
// parameterization is already there.
func (s *PackageSet) Add(dep *pulumirpc.PackageDependency) {
	key := dep.Name + "@" + dep.Version + "|" + dep.Server
	if dep.Parameterization != nil {
		key += "|" + dep.Parameterization.Name + "@" + dep.Parameterization.Version
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if !s.seen[key] {
		s.seen[key] = true
		s.list = append(s.list, dep)
	}
}

// Sorted is the set in the order SortPackages gives.
func (s *PackageSet) Sorted() []*pulumirpc.PackageDependency {
	SortPackages(s.list)
	return s.list
}

// SortPackages orders packages by name, then version, so that answers are
// stable.
func SortPackages(pkgs []*pulumirpc.PackageDependency) {
	sort.Slice(pkgs, func(i, j int) bool {
		if pkgs[i].Name != pkgs[j].Name {
			return pkgs[i].Name < pkgs[j].Name
		}
		return pkgs[i].Version < pkgs[j].Version
	})
}

// RequiredPlugins answers GetRequiredPlugins, the older form of
// GetRequiredPackages that some engines still call. Parameterized packages
// cannot be expressed as plain plugin dependencies and are left out.
func RequiredPlugins(pkgs []*pulumirpc.PackageDependency) []*pulumirpc.PluginDependency {
	plugins := make([]*pulumirpc.PluginDependency, 0, len(pkgs))
	for _, p := range pkgs {
		if p.Parameterization != nil {
			continue
		}
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server,
		})
	}
	return plugins
}
