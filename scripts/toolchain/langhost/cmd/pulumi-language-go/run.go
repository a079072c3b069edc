package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Run executes a Pulumi Go program: `go build -o <tmp> <entry>` in the
// program directory (or the prebuilt `binary` option), then the binary with
// the environment the Go SDK reads its run information from.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: hostkit.NoDebugger}, nil
	}
	programDir := hostkit.ProgramDirectory(req)
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	// Stop the build or the program when the CLI calls Cancel or abandons
	// this request.
	cmdCtx, release := h.CommandContext(ctx)
	defer release()

	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram() // older engines
	}
	program, cleanup, err := h.program(cmdCtx, programDir, packageToBuild(entry), opts)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	defer cleanup()

	env, err := runEnv(req, h.Engine())
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not serialize configuration: %v", err)}, nil
	}
	cmd := exec.CommandContext(cmdCtx, program, req.GetArgs()...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = programDir
	hostkit.InterruptOnCancel(cmd)
	hostkit.ShareOutput(cmd)
	logging.V(5).Infof("language host running: %s", cmd)
	return hostkit.RunResponse(cmd.Run()), nil
}

// program returns the executable to run: the prebuilt `binary`, or a fresh
// `go build` of the entry point. cleanup removes a temporary build.
func (h *host) program(ctx context.Context, programDir, entry string, opts goOptions,
) (path string, cleanup func(), err error) {
	cleanup = func() {}
	if opts.binary != "" {
		path, err := resolveBinary(programDir, opts.binary)
		return path, cleanup, err
	}
	tmp := ""
	if opts.buildTarget == "" {
		if tmp, err = os.MkdirTemp("", "pulumi-go-build-"); err != nil {
			return "", cleanup, err
		}
		cleanup = func() { _ = os.RemoveAll(tmp) }
	}
	out := buildOutput(programDir, opts.buildTarget, tmp)
	if err := goBuild(ctx, programDir, out, entry); err != nil {
		cleanup()
		return "", func() {}, err
	}
	return out, cleanup, nil
}

// goBuild compiles the package at entry (relative to dir) into out. The
// compiler's messages go to our stderr, which the CLI shows.
func goBuild(ctx context.Context, dir, out, entry string) error {
	gobin, err := hostkit.FindOnPath("go")
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, gobin, "build", "-o", out, entry)
	cmd.Dir = dir
	cmd.Stdout = struct{ io.Writer }{os.Stderr}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("language host building: %s (in %s)", cmd, dir)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("unable to build the Go program in %s (`go build -o %s %s`): %w", dir, out, entry, err)
	}
	return nil
}

// packageToBuild is the `go build` argument for an entry point: "." unless
// Pulumi.yaml's `main:` names a sub-directory, which must look like a
// relative path to go.
func packageToBuild(entry string) string {
	switch {
	case entry == "" || entry == ".":
		return "."
	case entry[0] == '.' || entry[0] == '/':
		return entry
	default:
		return "./" + entry
	}
}

// runEnv is how the Go SDK learns everything about the run
// (sdk/v3/go/pulumi/run.go getEnvInfo): the engine and monitor addresses,
// the stack's identity, configuration, dry run and parallelism.
func runEnv(req *pulumirpc.RunRequest, engineAddress string) ([]string, error) {
	cfg, err := hostkit.ConfigEnv(req.GetConfig(), req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	var env hostkit.Env
	env.Add("PULUMI_MONITOR", req.GetMonitorAddress())
	env.Add("PULUMI_ENGINE", engineAddress)
	env.Add("PULUMI_ORGANIZATION", req.GetOrganization())
	env.Add("PULUMI_PROJECT", req.GetProject())
	env.Add("PULUMI_STACK", req.GetStack())
	env.Add("PULUMI_ROOT_DIRECTORY", req.GetInfo().GetRootDirectory())
	env.Add("PULUMI_DRY_RUN", strconv.FormatBool(req.GetDryRun()))
	env.Add("PULUMI_PARALLEL", strconv.Itoa(int(req.GetParallel())))
	return append(env, cfg...), nil
}
