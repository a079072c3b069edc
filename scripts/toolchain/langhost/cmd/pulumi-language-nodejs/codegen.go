package main

import (
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generateSDK is the Node.js SDK generator behind GeneratePackage (`pulumi
// package gen-sdk --language nodejs`, `pulumi package add`).
func generateSDK(tool string, req *pulumirpc.GeneratePackageRequest, pkg *schema.Package,
	loader schema.ReferenceLoader,
) (map[string][]byte, error) {
	return nodejs.GeneratePackage(tool, pkg, req.GetExtraFiles(), req.GetLocalDependencies(), req.GetLocal(), loader)
}
