package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"

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

// bailExitCode is what exec.py exits with after it has already shown the
// user an actionable error; the engine must not add its own "program
// failed" message on top (RunResponse.Bail).
const bailExitCode = 32

// Run executes a Pulumi program: <python> -u -c <exec.py> <flags> <entry>,
// with the python of the project's toolchain (the `virtualenv` option's, a
// uv or poetry environment, else python3 / $PULUMI_PYTHON_CMD on PATH).
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "--attach-debugger is not supported by this language host"}, nil
	}
	programDir := programDirectory(req)
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
	cmdCtx, cancel := context.WithCancel(h.cancelCtx)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()

	if opts.typechecker != "" {
		if resp := typecheck(cmdCtx, tc, opts.typechecker, programDir); resp != nil {
			return resp, nil
		}
	}

	cfgEnv, err := configEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not serialize configuration: %v", err)}, nil
	}
	cmd, err := tc.Command(cmdCtx, runArgs(req, h.engine(), h.tracing)...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find python: %v", err)}, nil
	}
	if cmd.Env == nil { // the toolchain sets it only to activate a virtualenv
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, cfgEnv...)
	cmd.Dir = programDir
	// Interrupt first so the SDK can flush and report; kill if it lingers.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	// Copy through pipes rather than handing python our own descriptors (the
	// same precaution as in the Node.js host; the engine shows our output).
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}

	logging.V(5).Infof("language host running python in %s: %s ... %v", programDir, cmd.Path,
		runFlags(req, h.engine(), h.tracing))
	return runResponse(cmd.Run()), nil
}

// programDirectory is where the program lives (and runs): ProgramInfo's
// program directory, or the deprecated pwd of older engines.
func programDirectory(req *pulumirpc.RunRequest) string {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		return dir
	}
	return req.GetPwd()
}

// runArgs is python's whole command line after the interpreter.
func runArgs(req *pulumirpc.RunRequest, engineAddress, tracing string) []string {
	return append([]string{"-u", "-c", execScript}, runFlags(req, engineAddress, tracing)...)
}

// runFlags builds what exec.py parses: its flags, the entry point, then the
// program's own arguments. `--name=value` keeps values starting with "-"
// unambiguous.
func runFlags(req *pulumirpc.RunRequest, engineAddress, tracing string) []string {
	var args []string
	add := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", programDirectory(req))
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", tracing)

	// The engine sends "." unless Pulumi.yaml has `main:` (a file or a
	// directory, relative to the program directory); "." runs __main__.py.
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	return append(args, req.GetArgs()...)
}

// typecheck runs mypy or pyright (installed in the program's environment)
// over the program directory; a non-nil response stops the run.
func typecheck(ctx context.Context, tc toolchain.Toolchain, checker, programDir string) *pulumirpc.RunResponse {
	cmd, err := tc.ModuleCommand(ctx, checker, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", checker, err)}
	}
	cmd.Dir = programDir
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
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

// runResponse maps how python ended to what the engine expects.
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
