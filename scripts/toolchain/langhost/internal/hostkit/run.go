package hostkit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// bailExitCode is what a program exits with after it has already shown the
// user an actionable error: @pulumi/pulumi's cmd/run, our exec.py, and the
// Go SDK's pulumi.Run (constant.ExitStatusLoggedError). The engine must not
// add its own "program failed" message on top (RunResponse.Bail).
const bailExitCode = 32

// NoDebugger is the answer to a Run or RunPlugin asking for --attach-debugger.
const NoDebugger = "--attach-debugger is not supported by this language host"

// RunResponse maps how a program ended to what the engine expects.
func RunResponse(err error) *pulumirpc.RunResponse {
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

// ProgramDirectory is where the program lives (and runs): ProgramInfo's
// program directory, or the deprecated pwd of older engines.
func ProgramDirectory(req *pulumirpc.RunRequest) string {
	if dir := req.GetInfo().GetProgramDirectory(); dir != "" {
		return dir
	}
	return req.GetPwd()
}

// RunnerArgs is a program runner's command line after the runner itself,
// the same for @pulumi/pulumi's cmd/run (parsed with minimist) and our
// exec.py (argparse): its flags, the entry point, then the program's own
// arguments.
func RunnerArgs(req *pulumirpc.RunRequest, engineAddress, tracing, entry string) []string {
	args := append(runFlags(req, engineAddress, tracing), entry)
	return append(args, req.GetArgs()...)
}

// runFlags are the runner's flags. `--name=value` keeps values that start
// with "-" unambiguous.
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
	add("pwd", ProgramDirectory(req))
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", tracing)
	return args
}

// FindOnPath is where the program a host starts (node, go) is, or an error
// that says what is missing.
func FindOnPath(name string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("could not find %s on $PATH: %w", name, err)
	}
	return path, nil
}

// Env collects a child's NAME=value environment entries.
type Env []string

// Add adds NAME=value, unless value is empty.
func (e *Env) Add(name, value string) {
	if value != "" {
		*e = append(*e, name+"="+value)
	}
}

// InterruptOnCancel makes cmd get an interrupt when its context ends, so the
// SDK can flush and report, and a kill if it lingers.
func InterruptOnCancel(cmd *exec.Cmd) {
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
}

// ShareOutput sends cmd's stdout and stderr to ours, which the engine shows.
// Node may switch the file descriptors it inherits to non-blocking mode,
// which makes later writes from Go to the same fd fail with EAGAIN; wrapping
// the writers makes exec copy through a pipe instead of handing the child
// our own descriptors.
func ShareOutput(cmd *exec.Cmd) {
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
}

// RefusePlugin says why RunPlugin cannot run req: a debugger to attach, or
// a policy pack (kind "analyzer") when the host's language has no support
// for them (policyPacks false).
func (b *Base) RefusePlugin(req *pulumirpc.RunPluginRequest, policyPacks bool) error {
	if req.GetAttachDebugger() {
		return errors.New(NoDebugger)
	}
	if !policyPacks && req.GetKind() == string(apitype.AnalyzerPlugin) {
		return fmt.Errorf("%s policy packs are not supported by the canary-delivery %s language host",
			b.plugin.Language, b.plugin.Language)
	}
	return nil
}
