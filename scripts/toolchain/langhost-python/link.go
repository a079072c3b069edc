package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/blang/semver"
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
	opts, err := optionsFrom(req.GetInfo())
	if err != nil {
		return nil, err
	}
	tc, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	loaderClient, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loaderClient.Close()
	loader := schema.NewCachedLoader(loaderClient)

	packages := map[string]string{}
	var b strings.Builder
	b.WriteString("You can import the SDK in your Python code with:\n\n")
	for _, dep := range req.GetPackages() {
		// The distribution name lives in the schema
		// (language.python.packageName), so load it rather than guess.
		pkg, err := loadLinkedPackage(ctx, loader, dep.GetPackage())
		if err != nil {
			return nil, err
		}
		module := pythonPackageName(pkg)
		packages[module] = dep.GetPath()
		fmt.Fprintf(&b, "  import %s as %s\n", module, importAlias(pkg.Name))
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return nil, err
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
	if err := pkg.ImportLanguages(map[string]schema.Language{"python": python.Importer}); err != nil {
		return nil, err
	}
	return pkg, nil
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
