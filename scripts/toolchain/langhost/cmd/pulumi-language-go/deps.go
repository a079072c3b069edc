package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
)

// InstallDependencies is `pulumi install` (and the install step of `pulumi
// new` / `pulumi package add`): `go mod tidy` in the program directory,
// which adds what the imports need (and drops what they do not), fills in
// go.sum and downloads the modules, streaming go's output back.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	stdout, stderr := hostkit.InstallOutput(server)
	dir := hostkit.InstallDirectory(req)
	gobin, err := hostkit.FindOnPath("go")
	if err != nil {
		return err
	}
	return hostkit.Installing(stdout, func() error {
		cmd := exec.CommandContext(server.Context(), gobin, "mod", "tidy")
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = stdout, stderr
		logging.V(5).Infof("language host running: %s (in %s)", cmd, dir)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("`go mod tidy` in %s: %w", dir, err)
		}
		return nil
	})
}

// GetProgramDependencies lists the program's modules for `pulumi about`:
// the direct requirements of its go.mod (with their replacements), or with
// transitive dependencies requested every module of `go list -m all`.
func (h *host) GetProgramDependencies(ctx context.Context,
	req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	var deps []*pulumirpc.DependencyInfo
	if req.GetTransitiveDependencies() {
		mods, err := listModules(ctx, dir, false)
		if err != nil {
			return nil, err
		}
		for _, m := range mods {
			if !m.Main {
				deps = append(deps, &pulumirpc.DependencyInfo{Name: m.Path, Version: moduleVersion(m)})
			}
		}
	} else {
		path := filepath.Join(dir, "go.mod")
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if deps, err = directDependencies(path, data); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// directDependencies are the requirements of a go.mod not marked
// `// indirect`, each with the version a replace directive substitutes.
func directDependencies(path string, data []byte) ([]*pulumirpc.DependencyInfo, error) {
	f, err := modfile.Parse(path, data, nil)
	if err != nil {
		return nil, err
	}
	var deps []*pulumirpc.DependencyInfo
	for _, r := range f.Require {
		if r.Indirect {
			continue
		}
		m := goModule{Path: r.Mod.Path, Version: r.Mod.Version}
		for _, rep := range f.Replace {
			if rep.Old.Path == m.Path && (rep.Old.Version == "" || rep.Old.Version == m.Version) {
				m.Replace = &goModule{Path: rep.New.Path, Version: rep.New.Version}
			}
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: m.Path, Version: moduleVersion(m)})
	}
	return deps, nil
}

// moduleVersion is the version that is really used: a replacement's own
// version, "v0.0.0-... => ../local/dir" for a directory replacement.
func moduleVersion(m goModule) string {
	switch {
	case m.Replace == nil:
		return m.Version
	case m.Replace.Version != "":
		return m.Replace.Version
	default:
		return m.Version + " => " + m.Replace.Path
	}
}
