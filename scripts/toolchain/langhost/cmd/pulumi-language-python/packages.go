package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// listScript prints the installed distributions that carry a Pulumi plugin
// manifest (see packages.py).
//
//go:embed packages.py
var listScript string

// GetRequiredPackages tells the engine which resource plugins the program
// needs before it runs. Python SDKs of Pulumi packages say so with a
// `pulumi-plugin.json` inside their top-level package (generated SDKs always
// write one), so we ask the program's python which installed distributions
// have one.
func (h *host) GetRequiredPackages(ctx context.Context,
	req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	pkgs, err := h.installedPulumiPackages(ctx, req.GetInfo())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages.
func (h *host) GetRequiredPlugins(ctx context.Context,
	req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	pkgs, err := h.installedPulumiPackages(ctx, req.GetInfo())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: hostkit.RequiredPlugins(pkgs)}, nil
}

func (h *host) installedPulumiPackages(ctx context.Context,
	info *pulumirpc.ProgramInfo,
) ([]*pulumirpc.PackageDependency, error) {
	_, tc, err := toolchainFor(info)
	if err != nil {
		return nil, err
	}
	// Without its environment the program cannot run either; Run reports
	// that with the commands that fix it, so answer "nothing" here.
	if err := tc.ValidateVenv(ctx); err != nil {
		logging.V(3).Infof("GetRequiredPackages: %v", err)
		return nil, nil
	}
	cmd, err := tc.Command(ctx, "-c", listScript)
	if err != nil {
		return nil, err
	}
	cmd.Dir = info.GetProgramDirectory()
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("listing installed Python packages with %s: %w", cmd.Path, err)
	}
	return pulumiPackagesFromListing(out)
}

// installedDistribution is one entry printed by packages.py.
type installedDistribution struct {
	Name    string                  `json:"name"`
	Version string                  `json:"version"`
	Plugin  plugin.PulumiPluginJSON `json:"plugin"`
}

// pulumiPackagesFromListing turns packages.py's output into the engine's
// package dependencies: manifests with "resource": false are skipped; the
// name defaults to the distribution name without its "pulumi-"/"pulumi_"
// prefix and the version to the distribution's (when it is a plain release).
func pulumiPackagesFromListing(data []byte) ([]*pulumirpc.PackageDependency, error) {
	var dists []installedDistribution
	if err := json.Unmarshal(data, &dists); err != nil {
		return nil, fmt.Errorf("reading the list of installed Pulumi packages: %w", err)
	}
	var out []*pulumirpc.PackageDependency
	for _, d := range dists {
		p := d.Plugin
		if !p.Resource {
			continue
		}
		name := p.Name
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(d.Name), "pulumi-"), "pulumi_")
		}
		version := p.Version
		if version == "" {
			v, ok := semverFromPython(d.Version)
			if !ok {
				// e.g. "3.31.0a1605189729": the plugin's build suffix cannot be
				// recovered from a Python pre-release version.
				logging.V(3).Infof("GetRequiredPackages: cannot derive a plugin version for %s %s", d.Name, d.Version)
				continue
			}
			version = v
		}
		out = append(out, hostkit.NewPackageDependency(name, version, p))
	}
	hostkit.SortPackages(out)
	return out, nil
}

var pythonReleaseVersion = regexp.MustCompile(`^(\d+)\.(\d+)(?:\.(\d+))?$`)

// semverFromPython maps a plain Python release version ("4.25", "4.25.0") to
// the plugin's semver ("4.25.0"); anything else (pre/post/dev releases,
// local versions) has no reliable plugin counterpart.
func semverFromPython(pythonVersion string) (string, bool) {
	m := pythonReleaseVersion.FindStringSubmatch(strings.TrimSpace(pythonVersion))
	if m == nil {
		return "", false
	}
	patch := m[3]
	if patch == "" {
		patch = "0"
	}
	return m[1] + "." + m[2] + "." + patch, true
}
