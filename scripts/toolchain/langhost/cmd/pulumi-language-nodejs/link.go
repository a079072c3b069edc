package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
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
	esm := usesImportSyntax(programDir, opts)
	var b strings.Builder
	if esm {
		b.WriteString("You can import the SDK in your TypeScript code with:\n\n")
	} else {
		b.WriteString("You can import the SDK in your JavaScript code with:\n\n")
	}
	err = hostkit.EachLinkedPackage(ctx, req, "nodejs", nodejs.Importer, func(pkg *schema.Package, path string) error {
		npmName := npmPackageName(pkg)
		if err := pm.Link(ctx, programDir, npmName, path); err != nil {
			return err
		}
		ident := cgstrings.Camel(pkg.Name)
		if esm {
			fmt.Fprintf(&b, "  import * as %s from \"%s\";\n", ident, npmName)
		} else {
			fmt.Fprintf(&b, "  const %s = require(\"%s\");\n", ident, npmName)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: b.String()}, nil
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
