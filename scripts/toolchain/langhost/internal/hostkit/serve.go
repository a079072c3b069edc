// Package hostkit is what our language hosts (cmd/pulumi-language-*) have in
// common: the plugin's command line and gRPC server, engine liveness, the
// trivial RPCs, streaming a child's output to the CLI, stack configuration
// as environment, and the plumbing around SDK generation and linking. Each
// host adds only what is particular to its language.
package hostkit

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// pluginVersion is reported by GetPluginInfo and --version. It matches the
// CLI and the language SDKs we pin (@pulumi/pulumi, the `pulumi` PyPI
// package, github.com/pulumi/pulumi/sdk/v3); override with -ldflags
// "-X canary-delivery/toolchain/langhost/internal/hostkit.pluginVersion=...".
var pluginVersion = "3.259.0"

// engineCheckInterval is how often we ask the engine whether it is alive, so
// that the host goes away when the CLI dies without telling us.
const engineCheckInterval = 5 * time.Minute

// Plugin names one language host.
type Plugin struct {
	// Name is the binary's name, e.g. "pulumi-language-nodejs"; tracing and
	// the SDK generators are told it.
	Name string
	// Language is how messages name the language, e.g. "Node.js".
	Language string
	// GenerateSDK is the language's SDK generator behind GeneratePackage:
	// the files (path -> content) of an SDK for pkg. tool is Name.
	GenerateSDK func(tool string, req *pulumirpc.GeneratePackageRequest, pkg *schema.Package,
		loader schema.ReferenceLoader) (map[string][]byte, error)
}

// Serve runs a language host: newHost wraps the shared state in the host's
// own pulumirpc.LanguageRuntimeServer. Like every Pulumi plugin it serves
// gRPC on a free loopback port and prints that port on stdout; the CLI reads
// it and connects.
func Serve(p Plugin, newHost func(*Base) pulumirpc.LanguageRuntimeServer) {
	args := parseArgs(os.Args[1:])
	if args.showVersion {
		fmt.Println(pluginVersion)
		return
	}

	logging.InitLogging(args.logToStderr, args.verbose, true)
	cmdutil.InitTracing(p.Name, p.Name, args.tracing)

	// Ctrl-C (or the CLI going away, via the health check) stops the server.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()

	host := newHost(newBase(p, args.engineAddress, args.tracing, stop))
	if args.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, args.engineAddress, engineCheckInterval, stop); err != nil {
			cmdutil.Exit(fmt.Errorf("could not watch the engine at %s: %w", args.engineAddress, err))
		}
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host gRPC server: %w", err))
	}

	// The CLI waits for exactly this line.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host gRPC server stopped: %w", err))
	}
}
