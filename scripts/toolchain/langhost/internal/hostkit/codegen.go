package hostkit

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// openLoader connects to the schema loader the engine serves for a request
// (GeneratePackageRequest and LinkRequest carry its LoaderTarget). Call
// closeLoader when done.
func openLoader(target string) (loader schema.ReferenceLoader, closeLoader func(), err error) {
	client, err := schema.NewLoaderClient(target)
	if err != nil {
		return nil, nil, err
	}
	return schema.NewCachedLoader(client), func() { _ = client.Close() }, nil
}

// GeneratePackage writes an SDK for a package schema into req.Directory:
// `pulumi package gen-sdk --language <lang>` and `pulumi package add` end up
// here. It binds the request's schema, loading the schemas of referenced
// packages from the engine, and writes what the host's Plugin.GenerateSDK
// returns. Schema errors come back as diagnostics, not as an error.
func (b *Base) GeneratePackage(_ context.Context,
	req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, closeLoader, err := openLoader(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer closeLoader()

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

	files, err := b.plugin.GenerateSDK(b.plugin.Name, req, pkg, loader)
	if err != nil {
		return nil, err
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
