package main

import (
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// generateSDK is the Go SDK generator behind GeneratePackage (`pulumi
// package gen-sdk --language go`, `pulumi package add`). With
// pkg.SupportPack (always on for `pulumi package add`) the generator also
// writes the SDK's own go.mod; local dependencies (e.g. "pulumi" -> a
// checkout of the Go SDK) become replace lines in it.
func generateSDK(tool string, req *pulumirpc.GeneratePackageRequest, pkg *schema.Package,
	_ schema.ReferenceLoader,
) (map[string][]byte, error) {
	files, err := gogen.GeneratePackage(tool, pkg, req.GetLocalDependencies())
	if err != nil {
		return nil, err
	}
	// The Go generator takes no overlays (`gen-sdk --overlays`): copy them
	// in as they are.
	for name, data := range req.GetExtraFiles() {
		files[name] = data
	}
	return files, nil
}
