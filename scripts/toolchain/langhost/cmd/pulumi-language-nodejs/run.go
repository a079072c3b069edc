package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Run executes a Pulumi program: node @pulumi/pulumi/cmd/run <flags> <entry>.
//
// Unlike upstream we hand node the engine's resource monitor address
// directly rather than a proxy of our own, and we do not provide the
// file-pipe channel for synchronous invokes (--sync): cmd/run treats it as
// optional and @pulumi/pulumi 3.259.0 no longer makes synchronous invokes.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: hostkit.NoDebugger}, nil
	}
	programDir := hostkit.ProgramDirectory(req)

	node, err := hostkit.FindOnPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	// PULUMI_LANGUAGE_NODEJS_RUN_PATH lets tests substitute the runner, as upstream.
	runModule := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runModule == "" {
		runModule = "@pulumi/pulumi/cmd/run"
	}
	runPath, err := resolveModule(ctx, node, programDir, runModule)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	cfgEnv, err := hostkit.ConfigEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not serialize configuration: %v", err)}, nil
	}
	env := append(os.Environ(), cfgEnv...)
	env = append(env, opts.typescriptEnv()...)

	args := append(append([]string{}, opts.nodeargs...), runPath)
	args = append(args, hostkit.RunnerArgs(req, h.Engine(), h.Tracing(), entryPoint(req))...)

	return h.runNode(ctx, node, args, env), nil
}

// entryPoint is what cmd/run runs. The engine sends "." unless Pulumi.yaml
// has `main:`; with "." cmd/run itself looks up package.json
// `exports`/`main`.
func entryPoint(req *pulumirpc.RunRequest) string {
	if entry := req.GetInfo().GetEntryPoint(); entry != "" {
		return entry
	}
	return "."
}

// runNode starts node with the program's output going straight to ours (the
// engine shows our stdout/stderr) and maps its exit status to a RunResponse.
func (h *host) runNode(ctx context.Context, node string, args, env []string) *pulumirpc.RunResponse {
	// Stop node when the CLI calls Cancel or abandons this request.
	cmdCtx, release := h.CommandContext(ctx)
	defer release()

	cmd := exec.CommandContext(cmdCtx, node, args...)
	cmd.Env = env
	hostkit.InterruptOnCancel(cmd)
	hostkit.ShareOutput(cmd)

	logging.V(5).Infof("language host running: %s", cmd)
	return hostkit.RunResponse(cmd.Run())
}
