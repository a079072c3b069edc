package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/cgstrings"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Link adds locally generated SDKs to the program's package.json (as
// `"<npm name>": "file:<path>"`, via the package manager) and tells the user
// how to import them. `pulumi package add` calls it right after
// GeneratePackage.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	programDir := req.GetInfo().GetProgramDirectory()
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return nil, err
	}
	pm, err := npm.ResolvePackageManager(opts.packagemanager, programDir)
	if err != nil {
		return nil, err
	}
	loaderClient, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loaderClient.Close()
	loader := schema.NewCachedLoader(loaderClient)

	esm := usesImportSyntax(programDir, opts)
	var b strings.Builder
	if esm {
		b.WriteString("You can import the SDK in your TypeScript code with:\n\n")
	} else {
		b.WriteString("You can import the SDK in your JavaScript code with:\n\n")
	}
	for _, dep := range req.GetPackages() {
		// The npm name lives in the schema (language.nodejs.packageName),
		// so load it rather than guess from the plugin name.
		pkg, err := loadLinkedPackage(ctx, loader, dep.GetPackage())
		if err != nil {
			return nil, err
		}
		npmName := npmPackageName(pkg)
		if err := pm.Link(ctx, programDir, npmName, dep.GetPath()); err != nil {
			return nil, err
		}
		ident := cgstrings.Camel(pkg.Name)
		if esm {
			fmt.Fprintf(&b, "  import * as %s from \"%s\";\n", ident, npmName)
		} else {
			fmt.Fprintf(&b, "  const %s = require(\"%s\");\n", ident, npmName)
		}
	}
	return &pulumirpc.LinkResponse{ImportInstructions: b.String()}, nil
}

func loadLinkedPackage(ctx context.Context, loader schema.ReferenceLoader,
	dep *pulumirpc.PackageDependency,
) (*schema.Package, error) {
	desc := &schema.PackageDescriptor{Name: dep.GetName(), DownloadURL: dep.GetServer()}
	if v, err := semver.ParseTolerant(dep.GetVersion()); err == nil {
		desc.Version = &v
	}
	if p := dep.GetParameterization(); p != nil {
		desc.Parameterization = &schema.ParameterizationDescriptor{Name: p.GetName(), Value: p.GetValue()}
		if v, err := semver.ParseTolerant(p.GetVersion()); err == nil {
			desc.Parameterization.Version = v
		}
	}
	ref, err := schema.LoadPackageReferenceV2(ctx, loader, desc)
	if err != nil {
		return nil, fmt.Errorf("loading the schema of %s: %w", dep.GetName(), err)
	}
	pkg, err := ref.Definition()
	if err != nil {
		return nil, err
	}
	if err := pkg.ImportLanguages(map[string]schema.Language{"nodejs": nodejs.Importer}); err != nil {
		return nil, err
	}
	return pkg, nil
}

// npmPackageName is the name the generated SDK's package.json carries:
// language.nodejs.packageName, else @<namespace>/<name>, else @pulumi/<name>
// (the same rule the SDK generator applies).
func npmPackageName(pkg *schema.Package) string {
	if info, ok := pkg.Language["nodejs"].(nodejs.NodePackageInfo); ok && info.PackageName != "" {
		return info.PackageName
	}
	if pkg.Namespace != "" {
		return "@" + pkg.Namespace + "/" + pkg.Name
	}
	return "@pulumi/" + pkg.Name
}

// usesImportSyntax decides whether to suggest `import` or `require`:
// TypeScript programs (ts-node on, a tsconfig given or present) and ES
// module packages use `import`.
func usesImportSyntax(programDir string, opts nodeOptions) bool {
	if opts.typescript || opts.tsconfig != "" {
		return true
	}
	if _, err := os.Stat(filepath.Join(programDir, "tsconfig.json")); err == nil {
		return true
	}
	data, err := os.ReadFile(filepath.Join(programDir, "package.json"))
	if err != nil {
		return false
	}
	var pj struct {
		Type string `json:"type"`
	}
	return json.Unmarshal(data, &pj) == nil && pj.Type == "module"
}
