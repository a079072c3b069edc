package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/module"
)

// GetRequiredPackages tells the engine which resource plugins the program
// needs before it runs. Go SDKs of Pulumi packages carry a
// `pulumi-plugin.json` in their package directory (generated SDKs always
// write one), so we list the program's modules (`go list -m -json all`)
// and look for that file in each module's directory.
//
// Like upstream we are lenient: a program whose modules cannot be listed
// (no go.mod yet, no network) gets an empty answer, and the build in Run
// reports the real problem.
func (h *host) GetRequiredPackages(ctx context.Context,
	req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	mods, err := listModules(ctx, req.GetInfo().GetProgramDirectory(), true)
	if err != nil {
		logging.V(3).Infof("GetRequiredPackages: %v", err)
		return &pulumirpc.GetRequiredPackagesResponse{}, nil
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pulumiPackages(mods)}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages.
func (h *host) GetRequiredPlugins(ctx context.Context,
	req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	mods, err := listModules(ctx, dir, true)
	if err != nil {
		logging.V(3).Infof("GetRequiredPlugins: %v", err)
		return &pulumirpc.GetRequiredPluginsResponse{}, nil
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: hostkit.RequiredPlugins(pulumiPackages(mods))}, nil
}

// goModule is the part of `go list -m -json` output we use.
type goModule struct {
	Path     string
	Version  string
	Dir      string
	Main     bool
	Indirect bool
	Replace  *goModule
}

// dir is where the module's files are (the replacement's, when replaced).
func (m goModule) dir() string {
	if m.Dir == "" && m.Replace != nil {
		return m.Replace.Dir
	}
	return m.Dir
}

// listModules runs `go list -m -json all` in dir. With download, -mod=mod
// lets go fetch what go.sum does not have yet, so every module has a Dir.
func listModules(ctx context.Context, dir string, download bool) ([]goModule, error) {
	gobin, err := hostkit.FindOnPath("go")
	if err != nil {
		return nil, err
	}
	args := []string{"list", "-m", "-json"}
	if download {
		args = append(args, "-mod=mod")
	}
	args = append(args, "all")
	cmd := exec.CommandContext(ctx, gobin, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s in %s: %w: %s", strings.Join(args, " "), dir, err,
			strings.TrimSpace(stderr.String()))
	}
	return parseModules(out)
}

// parseModules decodes the stream of JSON objects `go list -m -json` prints.
func parseModules(data []byte) ([]goModule, error) {
	var mods []goModule
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var m goModule
		if err := dec.Decode(&m); err != nil {
			if errors.Is(err, io.EOF) {
				return mods, nil
			}
			return nil, fmt.Errorf("reading `go list -m -json` output: %w", err)
		}
		mods = append(mods, m)
	}
}

// manifestGlobs are where a module keeps its pulumi-plugin.json, relative to
// the module root: at the root; in the package directory of a module that is
// the SDK itself (`.../sdk/go` module, `<pkg>/pulumi-plugin.json`, what
// `pulumi package add` generates); in `go/<pkg>/` of the classic
// `github.com/pulumi/pulumi-<name>/sdk/vN` layout. `pulumiplugin.json` is the
// older name.
var manifestGlobs = []string{
	"pulumi-plugin.json", "*/pulumi-plugin.json", "go/*/pulumi-plugin.json",
	"pulumiplugin.json", "*/pulumiplugin.json", "go/*/pulumiplugin.json",
}

// pulumiPackages finds the plugin manifests of the program's dependencies.
// Manifests with "resource": false are skipped; a manifest without a version
// takes the module's version (a pseudo-version's base release). Results are
// de-duplicated and sorted so the answer is stable.
func pulumiPackages(mods []goModule) []*pulumirpc.PackageDependency {
	var pkgs hostkit.PackageSet
	for _, m := range mods {
		dir := m.dir()
		if m.Main || dir == "" {
			continue
		}
		for _, pattern := range manifestGlobs {
			matches, _ := filepath.Glob(filepath.Join(dir, pattern))
			sort.Strings(matches)
			for _, path := range matches {
				dep, err := packageFromManifest(path, m)
				if err != nil {
					logging.V(3).Infof("GetRequiredPackages: %s: %v", path, err)
					continue
				}
				if dep != nil {
					pkgs.Add(dep)
				}
			}
		}
	}
	return pkgs.Sorted()
}

func packageFromManifest(path string, m goModule) (*pulumirpc.PackageDependency, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p plugin.PulumiPluginJSON
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, err
	}
	if !p.Resource {
		return nil, nil
	}
	if p.Name == "" {
		return nil, errors.New("no plugin name")
	}
	version := p.Version
	if version == "" {
		v, ok := releaseOf(m.Version)
		if !ok {
			return nil, fmt.Errorf("no plugin version, and module version %q is not a release", m.Version)
		}
		version = v
	}
	return hostkit.NewPackageDependency(p.Name, version, p), nil
}

// releaseOf maps a module version to the plugin release it stands for:
// "v4.25.0" as is; a pseudo-version "v4.25.1-0.2026...-abcdef" (a commit
// after v4.25.0) to v4.25.0, the release before it; "v0.0.0-..." (no tag
// at all, e.g. a locally replaced SDK) has none.
func releaseOf(version string) (string, bool) {
	v, err := semver.ParseTolerant(version)
	if err != nil {
		return "", false
	}
	if module.IsPseudoVersion(version) {
		base, err := module.PseudoVersionBase(version)
		if err != nil || base == "" {
			return "", false
		}
		return base, true
	}
	return "v" + v.String(), true
}
