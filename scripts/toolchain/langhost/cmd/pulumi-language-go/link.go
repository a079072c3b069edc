package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
)

// Link points the program's go.mod at locally generated SDKs and tells the
// user how to import them. `pulumi package add` calls it right after
// GeneratePackage (which, for `package add`, writes the SDK's own go.mod)
// and then calls InstallDependencies.
//
// Each SDK becomes `replace <module> => ./<path>`. The matching require is
// left to `go mod tidy` once the program imports the package: a require
// added now would be dropped again by the tidy of InstallDependencies while
// nothing imports it yet.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	root := info.GetRootDirectory()
	if root == "" {
		root = programDir
	}
	gobin, err := hostkit.FindOnPath("go")
	if err != nil {
		return nil, err
	}

	var b strings.Builder
	b.WriteString("You can import the SDK in your Go code with:\n\n")
	args := []string{"mod", "edit"}
	for _, dep := range req.GetPackages() {
		sdkDir := dep.GetPath()
		if !filepath.IsAbs(sdkDir) {
			sdkDir = filepath.Join(root, sdkDir) // the CLI sends it relative to the project root
		}
		modulePath, imports, err := describeSDK(sdkDir)
		if err != nil {
			return nil, fmt.Errorf("linking %s: %w", dep.GetPackage().GetName(), err)
		}
		rel, err := replacementPath(programDir, sdkDir)
		if err != nil {
			return nil, err
		}
		args = append(args, "-replace="+modulePath+"="+rel)
		for _, imp := range imports {
			fmt.Fprintf(&b, "  import \"%s\"\n", imp)
		}
	}
	if len(args) > 2 {
		cmd := exec.CommandContext(ctx, gobin, args...)
		cmd.Dir = programDir
		logging.V(5).Infof("language host running: %s (in %s)", cmd, programDir)
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
		}
	}
	b.WriteString("\nthen run `go mod tidy` (or `pulumi install`) so that go.mod requires it.\n")
	return &pulumirpc.LinkResponse{ImportInstructions: b.String()}, nil
}

// describeSDK reads a generated Go SDK: its module path (from its go.mod)
// and the import paths of its package directories, the ones holding a
// pulumi-plugin.json.
func describeSDK(sdkDir string) (modulePath string, imports []string, err error) {
	gomod := filepath.Join(sdkDir, "go.mod")
	data, err := os.ReadFile(gomod)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("%s has no go.mod; generate the SDK with `pulumi package add` "+
			"(or a schema with supportPack) so that it is a Go module of its own", sdkDir)
	} else if err != nil {
		return "", nil, err
	}
	modulePath = modfile.ModulePath(data)
	if modulePath == "" {
		return "", nil, fmt.Errorf("%s has no module line", gomod)
	}
	err = filepath.WalkDir(sdkDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() != "pulumi-plugin.json" {
			return nil
		}
		rel, err := filepath.Rel(sdkDir, filepath.Dir(p))
		if err != nil {
			return err
		}
		imports = append(imports, path.Join(modulePath, filepath.ToSlash(rel)))
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	if len(imports) == 0 {
		imports = []string{modulePath}
	}
	sort.Strings(imports)
	return modulePath, imports, nil
}

// replacementPath is sdkDir as go.mod wants a local replacement: relative
// to the program's go.mod and starting with ./ or ../.
func replacementPath(programDir, sdkDir string) (string, error) {
	rel, err := filepath.Rel(programDir, sdkDir)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel, nil
}
