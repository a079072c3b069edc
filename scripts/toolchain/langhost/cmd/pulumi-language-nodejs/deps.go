package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// InstallDependencies runs the package manager (npm unless a yarn/pnpm/bun
// lock file or the packagemanager option says otherwise) for `pulumi
// install` and `pulumi new`, streaming its output back. In an npm workspace
// it installs from the workspace root, which is where npm wants to run.
// `.nvmrc`/fnm node version switching (UseLanguageVersionTools) is not done.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	stdout, stderr := hostkit.InstallOutput(server)
	dir := hostkit.InstallDirectory(req)
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return err
	}
	root := dir
	if ws, err := npm.FindWorkspaceRoot(dir); err == nil {
		fmt.Fprintf(stdout, "Detected workspace root at %s\n", ws)
		root = ws
	} else if !errors.Is(err, npm.ErrNotInWorkspace) {
		return fmt.Errorf("looking for an npm workspace around %s: %w", dir, err)
	}

	return hostkit.Installing(stdout, func() error {
		_, err := npm.Install(server.Context(), opts.packagemanager, root, false, stdout, stderr)
		return err
	})
}

// GetProgramDependencies lists the program's npm dependencies for `pulumi
// about`. The lock file is the source of truth; without one we fall back to
// the versions found in node_modules for the direct dependencies.
func (h *host) GetProgramDependencies(ctx context.Context,
	req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return nil, err
	}

	var deps []*pulumirpc.DependencyInfo
	pm, err := npm.ResolvePackageManager(opts.packagemanager, dir)
	if err == nil {
		pkgs, listErr := pm.ListPackages(ctx, dir, req.GetTransitiveDependencies())
		if listErr == nil {
			for _, p := range pkgs {
				deps = append(deps, &pulumirpc.DependencyInfo{Name: p.Name, Version: p.Version})
			}
			return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
		}
		err = listErr
	}
	logging.V(5).Infof("no lock file answer for %s (%v); reading node_modules", dir, err)

	deps, err = directDependenciesFromNodeModules(dir)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// directDependenciesFromNodeModules reads dir/package.json and, for each
// dependency, the version installed in the nearest node_modules (looking in
// parent directories too, as node does). Uninstalled ones report the range
// asked for in package.json.
func directDependenciesFromNodeModules(dir string) ([]*pulumirpc.DependencyInfo, error) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	var pj struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "package.json"), err)
	}
	wanted := map[string]string{}
	for name, r := range pj.DevDependencies {
		wanted[name] = r
	}
	for name, r := range pj.Dependencies {
		wanted[name] = r
	}

	deps := make([]*pulumirpc.DependencyInfo, 0, len(wanted))
	for name, versionRange := range wanted {
		version := versionRange
		if v := installedVersion(dir, name); v != "" {
			version = v
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: version})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return deps, nil
}

// installedVersion finds node_modules/<name>/package.json from dir upwards.
func installedVersion(dir, name string) string {
	for d := dir; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "node_modules", name, "package.json"))
		if err == nil {
			var pj struct {
				Version string `json:"version"`
			}
			if json.Unmarshal(data, &pj) == nil {
				return pj.Version
			}
		}
		if d == filepath.Dir(d) {
			return ""
		}
	}
}
