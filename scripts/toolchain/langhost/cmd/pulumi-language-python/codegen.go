package main

import (
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generateSDK is the Python SDK generator behind GeneratePackage (`pulumi
// package gen-sdk --language python`, `pulumi package add`). It has no
// "local" mode and no local dependencies: it always writes a setup.py (or
// pyproject.toml) package that pip can install from its directory.
func generateSDK(tool string, req *pulumirpc.GeneratePackageRequest, pkg *schema.Package,
	loader schema.ReferenceLoader,
) (map[string][]byte, error) {
	return python.GeneratePackage(tool, pkg, req.GetExtraFiles(), loader)
}
