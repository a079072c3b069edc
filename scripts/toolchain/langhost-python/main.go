// Command pulumi-language-python is a small Python language host for the
// Pulumi CLI, written for this project because the upstream module is not
// served by the Go mirror we build from (see README.md).
//
// Like every Pulumi plugin it serves gRPC on a free loopback port and prints
// that port on stdout; the CLI reads it and connects.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// pluginVersion is reported by GetPluginInfo and --version. It matches the
// CLI and the `pulumi` PyPI package we pin; override with
// -ldflags "-X main.pluginVersion=...".
var pluginVersion = "3.259.0"

// engineCheckInterval is how often we ask the engine whether it is alive, so
// that this process goes away when the CLI dies without telling us.
const engineCheckInterval = 5 * time.Minute

func main() {
	args := parseArgs(os.Args[1:])
	if args.showVersion {
		fmt.Println(pluginVersion)
		return
	}

	logging.InitLogging(args.logToStderr, args.verbose, true)
	cmdutil.InitTracing("pulumi-language-python", "pulumi-language-python", args.tracing)

	// Ctrl-C (or the CLI going away, via the health check) stops the server.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		close(cancel)
	}()

	host := newHost(args.engineAddress, args.tracing, stop)
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
