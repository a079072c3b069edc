package hostkit

import (
	"context"
	"fmt"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Base is the state every host shares and the RPCs that do not depend on the
// language. A host embeds *Base and adds its own RPCs, each in the file
// named after it.
type Base struct {
	// Embedding the generated Unimplemented server gives a clear
	// "method X not implemented" for anything the CLI adds later.
	pulumirpc.UnimplementedLanguageRuntimeServer

	plugin Plugin

	mu            sync.Mutex
	engineAddress string
	watching      bool // a health check on the engine is running

	tracing string
	stop    context.CancelFunc // stops the whole plugin

	// cancelled when the CLI calls Cancel: the host's child processes (node,
	// python, go builds and programs) are started under this context so
	// they get interrupted.
	cancelCtx  context.Context
	cancelFunc context.CancelFunc
}

func newBase(p Plugin, engineAddress, tracing string, stop context.CancelFunc) *Base {
	ctx, cancel := context.WithCancel(context.Background())
	return &Base{
		plugin:        p,
		engineAddress: engineAddress,
		watching:      engineAddress != "",
		tracing:       tracing,
		stop:          stop,
		cancelCtx:     ctx,
		cancelFunc:    cancel,
	}
}

// Name is the plugin's binary name, e.g. "pulumi-language-nodejs".
func (b *Base) Name() string { return b.plugin.Name }

// Engine is the engine's address, from the command line or Handshake.
func (b *Base) Engine() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.engineAddress
}

// Tracing is the --tracing URL the CLI gave us, passed on to programs.
func (b *Base) Tracing() string { return b.tracing }

// CommandContext is the context to start a request's child processes under:
// it ends when the CLI calls Cancel or abandons the request (ctx). Call
// release when the request is done.
func (b *Base) CommandContext(ctx context.Context) (cmdCtx context.Context, release func()) {
	cmdCtx, cancel := context.WithCancel(b.cancelCtx)
	stopWatching := context.AfterFunc(ctx, cancel)
	return cmdCtx, func() {
		stopWatching()
		cancel()
	}
}

// Handshake is how newer CLIs (and debuggers attaching to a running host)
// give us the engine address instead of passing it on the command line.
func (b *Base) Handshake(ctx context.Context,
	req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.engineAddress = req.GetEngineAddress()
	if b.engineAddress != "" && !b.watching {
		if err := rpcutil.Healthcheck(context.Background(), b.engineAddress, engineCheckInterval, b.stop); err != nil {
			return nil, fmt.Errorf("could not watch the engine at %s: %w", b.engineAddress, err)
		}
		b.watching = true
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (b *Base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: pluginVersion}, nil
}

// Cancel interrupts whatever child processes are running; they were started
// with exec.CommandContext under b.cancelCtx.
func (b *Base) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	b.cancelFunc()
	return &emptypb.Empty{}, nil
}

// RuntimeOptionsPrompts would ask `pulumi new` questions (which package
// manager or Python toolchain); we ask none: this project uses npm, and pip
// with a virtualenv option (or auto-detection) is Python's default.
func (b *Base) RuntimeOptionsPrompts(context.Context,
	*pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// Template has nothing to rewrite in a Node.js or Go template; for Python it
// would convert requirements.txt for poetry/uv, which pip (the only
// toolchain this project uses) does not need.
func (b *Base) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

// GenerateProject and GenerateProgram power `pulumi convert` and PCL-based
// `pulumi new`/import code generation, which this project does not use.
func (b *Base) GenerateProject(context.Context,
	*pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	return nil, status.Errorf(codes.Unimplemented,
		"GenerateProject (pulumi convert) is not implemented by the canary-delivery %s language host",
		b.plugin.Language)
}

func (b *Base) GenerateProgram(context.Context,
	*pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	return nil, status.Errorf(codes.Unimplemented,
		"GenerateProgram (pulumi convert / import code) is not implemented by the canary-delivery %s language host",
		b.plugin.Language)
}
