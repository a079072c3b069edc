package main

import (
	"context"
	"os/exec"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// host implements pulumirpc.LanguageRuntimeServer for Node.js. Each RPC
// lives in the file named after it; the ones every host shares are in
// hostkit.Base.
type host struct {
	*hostkit.Base
}

// About feeds `pulumi about`: where node is and which version it is.
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := hostkit.FindOnPath("node")
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.AboutResponse{
		Executable: node,
		Metadata:   map[string]string{"packagemanager": "npm"},
	}
	// Versions are best effort: About must not fail because npm is odd.
	if out, err := exec.CommandContext(ctx, node, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	if out, err := exec.CommandContext(ctx, "npm", "--version").Output(); err == nil {
		resp.Metadata["packagemanagerVersion"] = strings.TrimSpace(string(out))
	}
	return resp, nil
}
