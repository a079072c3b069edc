package hostkit

import (
	"context"
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// EachLinkedPackage calls link for every generated SDK a LinkRequest names
// (`pulumi package add` sends it right after GeneratePackage), with the
// package's schema and the SDK's path as the CLI gives it. The schema comes
// with its `language.<language>` section decoded by importer: the SDK's
// package name lives there, so hosts read it rather than guess it from the
// plugin name.
func EachLinkedPackage(ctx context.Context, req *pulumirpc.LinkRequest, language string, importer schema.Language,
	link func(pkg *schema.Package, path string) error,
) error {
	loader, closeLoader, err := openLoader(req.GetLoaderTarget())
	if err != nil {
		return err
	}
	defer closeLoader()
	for _, dep := range req.GetPackages() {
		pkg, err := loadLinkedPackage(ctx, loader, dep.GetPackage(), language, importer)
		if err != nil {
			return err
		}
		if err := link(pkg, dep.GetPath()); err != nil {
			return err
		}
	}
	return nil
}

func loadLinkedPackage(ctx context.Context, loader schema.ReferenceLoader,
	dep *pulumirpc.PackageDependency, language string, importer schema.Language,
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
	if err := pkg.ImportLanguages(map[string]schema.Language{language: importer}); err != nil {
		return nil, err
	}
	return pkg, nil
}
