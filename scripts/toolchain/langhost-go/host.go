package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// host implements pulumirpc.LanguageRuntimeServer. Each RPC lives in the file
// named after it; this file holds the shared state and the trivial RPCs.
type host struct {
	// Embedding the generated Unimplemented server gives a clear
	// "method X not implemented" for anything the CLI adds later.
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	watching      bool // a health check on the engine is running

	tracing string
	stop    context.CancelFunc // stops the whole plugin

	// cancelled when the CLI calls Cancel: running go builds and programs are
	// started under this context so they get interrupted.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

func newHost(engineAddress, tracing string, stop context.CancelFunc) *host {
	ctx, cancel := context.WithCancel(context.Background())
	return &host{
		engineAddress: engineAddress,
		watching:      engineAddress != "",
		tracing:       tracing,
		stop:          stop,
		cancelCtx:     ctx,
		cancelFunc:    cancel,
	}
}

func (h *host) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

// Handshake is how newer CLIs (and debuggers attaching to a running host)
// give us the engine address instead of passing it on the command line.
func (h *host) Handshake(ctx context.Context,
	req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.engineAddress = req.GetEngineAddress()
	if h.engineAddress != "" && !h.watching {
		if err := rpcutil.Healthcheck(context.Background(), h.engineAddress, engineCheckInterval, h.stop); err != nil {
			return nil, fmt.Errorf("could not watch the engine at %s: %w", h.engineAddress, err)
		}
		h.watching = true
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: pluginVersion}, nil
}

// Cancel interrupts whatever go builds or programs are running; they were started
// with exec.CommandContext under h.cancelCtx.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancelFunc()
	return &emptypb.Empty{}, nil
}

// RuntimeOptionsPrompts would ask `pulumi new` questions; we have none.
func (h *host) RuntimeOptionsPrompts(context.Context,
	*pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Template has nothing to rewrite in a Go template.
func (h *host) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

// About feeds `pulumi about`: where go is and which version it is.
func (h *host) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("could not find go on $PATH: %w", err)
	}
	resp := &pulumirpc.AboutResponse{Executable: gobin}
	// Best effort: About must not fail because `go env` is odd.
	if out, err := exec.CommandContext(ctx, gobin, "env", "GOVERSION").Output(); err == nil {
		resp.Version = strings.TrimPrefix(strings.TrimSpace(string(out)), "go")
	}
	return resp, nil
}
