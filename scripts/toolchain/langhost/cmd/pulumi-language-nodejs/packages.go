package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// GetRequiredPackages tells the engine which resource plugins the program
// needs before it runs, so that e.g. `kubernetes` v4.25.0 can be checked for
// (or installed) up front. npm packages that carry a plugin say so in their
// package.json: `"pulumi": {"resource": true, "name": ..., "version": ...}`.
func (h *host) GetRequiredPackages(_ context.Context,
	req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	pkgs, err := findPulumiPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		// Like upstream: a broken package.json somewhere in node_modules
		// must not stop the deployment; report what we could read.
		logging.V(3).Infof("errors while looking for Pulumi packages: %v", err)
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages.
func (h *host) GetRequiredPlugins(_ context.Context,
	req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetProgram()
	}
	pkgs, err := findPulumiPackages(dir)
	if err != nil {
		logging.V(3).Infof("errors while looking for Pulumi packages: %v", err)
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: hostkit.RequiredPlugins(pkgs)}, nil
}

// findPulumiPackages walks programDir (every node_modules below it) and, when
// the program sits in an npm workspace whose dependencies are hoisted, the
// node_modules of each parent directory up to the workspace root. Results
// are de-duplicated and sorted so the answer is stable.
func findPulumiPackages(programDir string) ([]*pulumirpc.PackageDependency, error) {
	abs, err := filepath.Abs(programDir)
	if err != nil {
		return nil, err
	}
	w := &packageWalker{visited: map[string]bool{}}
	w.walk(abs, false)

	if root, err := npm.FindWorkspaceRoot(abs); err == nil && root != abs {
		for dir := filepath.Dir(abs); strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
			if nm := filepath.Join(dir, "node_modules"); isDir(nm) {
				w.walk(nm, true)
			}
			if dir == root {
				break
			}
		}
	}

	return w.found.Sorted(), errors.Join(w.errs...)
}

type packageWalker struct {
	visited map[string]bool // real directory paths already walked (symlink loops)
	found   hostkit.PackageSet
	errs    []error
}

// walk visits dir recursively. Only package.json files inside a
// node_modules tree count: the program's own package.json is not a plugin.
func (w *packageWalker) walk(dir string, inNodeModules bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		return
	}
	if real, err = filepath.Abs(real); err != nil || w.visited[real] {
		return
	}
	w.visited[real] = true

	// A policy pack's dependencies belong to the pack, not the program.
	if _, err := os.Stat(filepath.Join(dir, "PulumiPolicy.yaml")); err == nil {
		return
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		w.errs = append(w.errs, err)
		return
	}
	childInNodeModules := inNodeModules || filepath.Base(dir) == "node_modules"
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			fi, err := os.Stat(path) // follow the link
			if err != nil {
				continue // dangling links are common in node_modules/.bin
			}
			isDir = fi.IsDir()
		}
		switch {
		case isDir:
			w.walk(path, childInNodeModules)
		case inNodeModules && e.Name() == "package.json":
			w.readPackageJSON(path)
		}
	}
}

func (w *packageWalker) readPackageJSON(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		w.errs = append(w.errs, err)
		return
	}
	dep, err := pulumiPackageFromJSON(data)
	if err != nil {
		w.errs = append(w.errs, fmt.Errorf("%s: %w", path, err))
		return
	}
	if dep != nil {
		w.found.Add(dep)
	}
}

// packageJSON is the part of a package.json we need.
type packageJSON struct {
	Name    string                  `json:"name"`
	Version string                  `json:"version"`
	Pulumi  plugin.PulumiPluginJSON `json:"pulumi"`
}

// pulumiPackageFromJSON returns the plugin a package.json declares, or nil
// when it declares none.
func pulumiPackageFromJSON(data []byte) (*pulumirpc.PackageDependency, error) {
	var pj packageJSON
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, err
	}
	if !pj.Pulumi.Resource {
		return nil, nil
	}

	// The plugin name is pulumi.name, else the npm name without the
	// @pulumi/ scope. Third-party scopes must say pulumi.name explicitly.
	name := pj.Pulumi.Name
	if name == "" {
		after, ok := strings.CutPrefix(pj.Name, "@pulumi/")
		if !ok || after == "" {
			return nil, fmt.Errorf("package %q sets pulumi.resource but not pulumi.name", pj.Name)
		}
		name = after
	}

	version := pj.Pulumi.Version
	if version == "" {
		version = pj.Version
	}
	if version == "" {
		return nil, fmt.Errorf("package %q has no version", pj.Name)
	}
	return hostkit.NewPackageDependency(name, version, pj.Pulumi), nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
