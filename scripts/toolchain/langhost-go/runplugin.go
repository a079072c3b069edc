package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin runs a provider written in Go from its directory
// (PulumiPlugin.yaml with `runtime: go`): built like a program (or the
// prebuilt `binary` option), then started with the engine's arguments. The
// plugin's output goes back to the CLI as RunPluginResponse messages; its
// first stdout line is the gRPC port the CLI then connects to. The last
// message carries the exit code. Policy packs (kind "analyzer") are not
// supported.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	if req.GetAttachDebugger() {
		return errors.New("--attach-debugger is not supported by this language host")
	}
	if req.GetKind() == string(apitype.AnalyzerPlugin) {
		return errors.New("Go policy packs are not supported by the canary-delivery Go language host")
	}
	programDir := req.GetInfo().GetProgramDirectory()
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return err
	}

	sender := &lockedSender{}
	stdout := sender.writer(func(p []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: p}})
	})
	stderr := sender.writer(func(p []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: p}})
	})

	cmdCtx, cancel := context.WithCancel(h.cancelCtx)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()

	program, cleanup, err := h.program(cmdCtx, programDir, packageToBuild(req.GetInfo().GetEntryPoint()), opts)
	if err != nil {
		return err
	}
	defer cleanup()

	cmd := exec.CommandContext(cmdCtx, program, req.GetArgs()...)
	cmd.Env = req.GetEnv()
	if len(cmd.Env) == 0 {
		cmd.Env = os.Environ()
	}
	cmd.Dir = req.GetPwd()
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Stdout, cmd.Stderr = stdout, stderr
	logging.V(5).Infof("language host running plugin: %s", cmd)

	code := 0
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return fmt.Errorf("plugin %s: %w", programDir, err)
		}
		code = exitErr.ExitCode()
	}
	return sender.do(func() error {
		return server.Send(&pulumirpc.RunPluginResponse{
			Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)},
		})
	})
}
