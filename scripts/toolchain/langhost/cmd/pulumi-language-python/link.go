package main

import (
	"context"
	"fmt"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Link adds locally generated SDKs to the program's dependencies and tells
// the user how to import them. `pulumi package add` calls it right after
// GeneratePackage and then calls InstallDependencies, which installs them.
//
// With pip the SDK's path (relative to the project root, as the CLI gives
// it) becomes a line of requirements.txt, replacing any line for the same
// distribution; uv and poetry get a path dependency in pyproject.toml. That
// is the SDK toolchain package's LinkPackages, as upstream uses it.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	_, tc, err := toolchainFor(req.GetInfo())
	if err != nil {
		return nil, err
	}
	packages := map[string]string{}
	var b strings.Builder
	b.WriteString("You can import the SDK in your Python code with:\n\n")
	err = hostkit.EachLinkedPackage(ctx, req, "python", python.Importer, func(pkg *schema.Package, path string) error {
		module := pythonPackageName(pkg)
		packages[module] = path
		fmt.Fprintf(&b, "  import %s as %s\n", module, importAlias(pkg.Name))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: b.String()}, nil
}

// pythonPackageName is the top-level package (and distribution) name the
// generated SDK carries: language.python.packageName, else
// <namespace or "pulumi">_<name> (the generator's own rule).
func pythonPackageName(pkg *schema.Package) string {
	if info, ok := pkg.Language["python"].(python.PackageInfo); ok && info.PackageName != "" {
		return info.PackageName
	}
	return python.PyPack(pkg.Namespace, pkg.Name)
}

// importAlias is a Python identifier for the package: "canary-delivery" ->
// "canary_delivery".
func importAlias(name string) string {
	return strings.NewReplacer("-", "_", ".", "_").Replace(python.PyName(name))
}
