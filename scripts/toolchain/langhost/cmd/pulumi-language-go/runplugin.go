package main

import (
	"os"
	"os/exec"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin runs a provider written in Go from its directory
// (PulumiPlugin.yaml with `runtime: go`): built like a program (or the
// prebuilt `binary` option), then started with the engine's arguments. Its
// output goes back to the CLI through hostkit.PluginOutput. Policy packs
// (kind "analyzer") are not supported.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	if err := h.RefusePlugin(req, false); err != nil {
		return err
	}
	programDir := req.GetInfo().GetProgramDirectory()
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return err
	}

	out := hostkit.NewPluginOutput(server)

	cmdCtx, release := h.CommandContext(ctx)
	defer release()

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
	hostkit.InterruptOnCancel(cmd)
	cmd.Stdout, cmd.Stderr = out.Stdout, out.Stderr
	logging.V(5).Infof("language host running plugin: %s", cmd)
	return out.Exit(programDir, cmd.Run())
}
