package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// bailExitCode is what @pulumi/pulumi's cmd/run exits with after it has
// already shown the user an actionable error; the engine must not add its
// own "program failed" message on top (RunResponse.Bail).
const bailExitCode = 32

// Run executes a Pulumi program: node @pulumi/pulumi/cmd/run <flags> <entry>.
//
// Unlike upstream we hand node the engine's resource monitor address
// directly rather than a proxy of our own, and we do not provide the
// file-pipe channel for synchronous invokes (--sync): cmd/run treats it as
// optional and @pulumi/pulumi 3.259.0 no longer makes synchronous invokes.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "--attach-debugger is not supported by this language host"}, nil
	}
	programDir := req.GetInfo().GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}

	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find node on $PATH: %v", err)}, nil
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

	cfgEnv, err := configEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not serialize configuration: %v", err)}, nil
	}
	env := append(os.Environ(), cfgEnv...)
	env = append(env, opts.typescriptEnv()...)

	args := append(append([]string{}, opts.nodeargs...), runPath)
	args = append(args, runFlags(req, h.engine(), h.tracing)...)

	return h.runNode(ctx, node, args, env), nil
}

// runFlags builds the arguments cmd/run expects after its own path: the
// flags it parses with minimist, then the entry point, then program args.
// `--name=value` form keeps values that start with "-" unambiguous.
func runFlags(req *pulumirpc.RunRequest, engineAddress, tracing string) []string {
	var args []string
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	info := req.GetInfo()
	pwd := info.GetProgramDirectory()
	if pwd == "" {
		pwd = req.GetPwd()
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", info.GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", pwd)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", tracing)

	// The engine sends "." unless Pulumi.yaml has `main:`; with "." cmd/run
	// itself looks up package.json `exports`/`main`.
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// runNode starts node with the program's output going straight to ours (the
// engine shows our stdout/stderr) and maps its exit status to a RunResponse.
func (h *host) runNode(ctx context.Context, node string, args, env []string) *pulumirpc.RunResponse {
	// Stop node when the CLI calls Cancel or abandons this request.
	cmdCtx, cancel := context.WithCancel(h.cancelCtx)
	defer cancel()
	stopWatching := context.AfterFunc(ctx, cancel)
	defer stopWatching()

	cmd := exec.CommandContext(cmdCtx, node, args...)
	cmd.Env = env
	// Interrupt first so cmd/run can flush and report; kill if it lingers.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	// Node may switch the file descriptors it inherits to non-blocking mode,
	// which makes later writes from Go to the same fd fail with EAGAIN.
	// Wrapping the writers makes exec copy through a pipe instead of handing
	// node our own descriptors.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}

	logging.V(5).Infof("language host running: %s", cmd)
	return runResponse(cmd.Run())
}

// runResponse maps how node ended to what the engine expects.
func runResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}
	}
	switch code := exitErr.ExitCode(); code {
	case bailExitCode:
		return &pulumirpc.RunResponse{Bail: true}
	case -1: // killed by a signal
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", exitErr)}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code)}
	}
}
