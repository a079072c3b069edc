package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// GeneratePackage writes a Go SDK for a package schema into
// req.Directory. `pulumi package gen-sdk --language go` and `pulumi
// package add` end up here. The engine serves the schemas of referenced
// packages over req.LoaderTarget.
func (h *host) GeneratePackage(ctx context.Context,
	req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loaderClient, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loaderClient.Close()
	loader := schema.NewCachedLoader(loaderClient)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("reading the package schema: %w", err)
	}
	// Dangling references are allowed, as upstream does, so that an SDK can
	// be generated for a schema that mentions types of unloaded packages.
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	rpcDiags := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiags}, nil
	}

	// With pkg.SupportPack (always on for `pulumi package add`) the
	// generator also writes the SDK's own go.mod; local dependencies (e.g.
	// "pulumi" -> a checkout of the Go SDK) become replace lines in it.
	files, err := gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	if err != nil {
		return nil, err
	}
	// The Go generator takes no overlays (`gen-sdk --overlays`): copy them
	// in as they are.
	for name, data := range req.GetExtraFiles() {
		files[name] = data
	}
	for name, data := range files {
		path := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiags}, nil
}

// GenerateProject and GenerateProgram power `pulumi convert` and PCL-based
// `pulumi new`/import code generation, which this project does not use.
func (h *host) GenerateProject(context.Context,
	*pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	return nil, status.Error(codes.Unimplemented,
		"GenerateProject (pulumi convert) is not implemented by the canary-delivery Go language host")
}

func (h *host) GenerateProgram(context.Context,
	*pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return nil, status.Error(codes.Unimplemented,
		"GenerateProgram (pulumi convert / import code) is not implemented by the canary-delivery Go language host")
}
