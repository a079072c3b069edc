package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// execScript runs the program inside python (see exec.py for its contract).
// It travels with `python -c`, so there is no file to install next to this
// binary and nothing to find on PATH.
//
//go:embed exec.py
var execScript string

// Run executes a Pulumi program: <python> -u -c <exec.py> <flags> <entry>,
// with the python of the project's toolchain (the `virtualenv` option's, a
// uv or poetry environment, else python3 / $PULUMI_PYTHON_CMD on PATH).
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: hostkit.NoDebugger}, nil
	}
	programDir := hostkit.ProgramDirectory(req)
	opts, err := parseOptions(req.GetInfo().GetRootDirectory(), programDir, req.GetInfo().GetOptions())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	tc, err := opts.resolve()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	// A missing virtualenv gets the SDK's message with the commands that
	// create it, rather than "No module named pulumi".
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// Stop python when the CLI calls Cancel or abandons this request.
	cmdCtx, release := h.CommandContext(ctx)
	defer release()

	if opts.typechecker != "" {
		if resp := typecheck(cmdCtx, tc, opts.typechecker, programDir); resp != nil {
			return resp, nil
		}
	}

	cfgEnv, err := hostkit.ConfigEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not serialize configuration: %v", err)}, nil
	}
	cmd, err := tc.Command(cmdCtx, runArgs(req, h.Engine(), h.Tracing())...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find python: %v", err)}, nil
	}
	if cmd.Env == nil { // the toolchain sets it only to activate a virtualenv
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, cfgEnv...)
	cmd.Dir = programDir
	hostkit.InterruptOnCancel(cmd)
	hostkit.ShareOutput(cmd)

	logging.V(5).Infof("language host running python in %s: %s ... %v", programDir, cmd.Path,
		hostkit.RunnerArgs(req, h.Engine(), h.Tracing(), entryPoint(req)))
	return hostkit.RunResponse(cmd.Run()), nil
}

// runArgs is python's whole command line after the interpreter.
func runArgs(req *pulumirpc.RunRequest, engineAddress, tracing string) []string {
	return append([]string{"-u", "-c", execScript},
		hostkit.RunnerArgs(req, engineAddress, tracing, entryPoint(req))...)
}

// entryPoint is what exec.py runs. The engine sends "." unless Pulumi.yaml
// has `main:` (a file or a directory, relative to the program directory);
// "." runs __main__.py. Older engines send the request's Program instead.
func entryPoint(req *pulumirpc.RunRequest) string {
	if entry := req.GetInfo().GetEntryPoint(); entry != "" {
		return entry
	}
	if program := req.GetProgram(); program != "" {
		return program
	}
	return "."
}

// typecheck runs mypy or pyright (installed in the program's environment)
// over the program directory; a non-nil response stops the run.
func typecheck(ctx context.Context, tc toolchain.Toolchain, checker, programDir string) *pulumirpc.RunResponse {
	cmd, err := tc.ModuleCommand(ctx, checker, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", checker, err)}
	}
	cmd.Dir = programDir
	hostkit.ShareOutput(cmd)
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("%s type checking failed (exit code %d)", checker,
				exitErr.ExitCode())}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s (is it installed in the program's "+
			"environment?): %v", checker, err)}
	}
	return nil
}
