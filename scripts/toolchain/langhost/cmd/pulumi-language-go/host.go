package main

import (
	"context"
	"os/exec"
	"strings"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// host implements pulumirpc.LanguageRuntimeServer for Go. Each RPC lives in
// the file named after it; the ones every host shares are in hostkit.Base.
type host struct {
	*hostkit.Base
}

// About feeds `pulumi about`: where go is and which version it is.
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	gobin, err := hostkit.FindOnPath("go")
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.AboutResponse{Executable: gobin}
	// Best effort: About must not fail because `go env` is odd.
	if out, err := exec.CommandContext(ctx, gobin, "env", "GOVERSION").Output(); err == nil {
		resp.Version = strings.TrimPrefix(strings.TrimSpace(string(out)), "go")
	}
	return resp, nil
}
