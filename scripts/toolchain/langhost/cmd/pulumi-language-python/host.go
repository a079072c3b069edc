package main

import (
	"context"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// host implements pulumirpc.LanguageRuntimeServer for Python. Each RPC
// lives in the file named after it; the ones every host shares are in
// hostkit.Base.
type host struct {
	*hostkit.Base
}

// About feeds `pulumi about`: which python (the virtualenv's when one is
// configured), its version, and the toolchain.
func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	opts, tc, err := toolchainFor(req.GetInfo())
	if err != nil {
		return nil, err
	}
	info, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.AboutResponse{
		Executable: info.PythonExecutable,
		Version:    info.PythonVersion.String(),
		Metadata:   map[string]string{"toolchain": toolchain.Name(opts.Toolchain)},
	}
	if info.ToolchainVersion.Major != 0 || info.ToolchainVersion.Minor != 0 {
		resp.Metadata["toolchainVersion"] = info.ToolchainVersion.String()
	}
	if venv, err := tc.VirtualEnvPath(ctx); err == nil && venv != "" {
		resp.Metadata["virtualenv"] = venv
	}
	return resp, nil
}
