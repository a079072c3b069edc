package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/BurntSushi/toml"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// RunPlugin runs a provider written in Python from its directory
// (PulumiPlugin.yaml with `runtime: python`). A directory with a
// __main__.py is run as `python -u <dir> <args>`; otherwise a pyproject.toml
// project is run as `python -u -m pulumi.run.plugin <project name> <args>`,
// the `pulumi` package's own entry that hosts the components the package
// exports. Policy packs (kind "analyzer") are not supported.
//
// Its output goes back to the CLI through hostkit.PluginOutput.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	if err := h.RefusePlugin(req, false); err != nil {
		return err
	}
	programDir := req.GetInfo().GetProgramDirectory()
	out := hostkit.NewPluginOutput(server)

	_, tc, err := toolchainFor(req.GetInfo())
	if err != nil {
		return err
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return err
	}
	args, asModule, err := pluginArgs(programDir, req.GetArgs())
	if err != nil {
		return err
	}

	cmdCtx, release := h.CommandContext(ctx)
	defer release()
	cmd, err := tc.Command(cmdCtx, args...)
	if err != nil {
		return err
	}
	// The engine's environment for the plugin, with the virtualenv (if any)
	// activated on top of it.
	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	if venv, err := tc.VirtualEnvPath(ctx); err == nil && venv != "" {
		env = toolchain.ActivateVirtualEnv(env, venv)
	}
	cmd.Env = env
	// `python <dir>` puts dir first on sys.path; `-m` puts the working
	// directory there, so a module-run plugin runs from its own directory.
	cmd.Dir = req.GetPwd()
	if asModule {
		cmd.Dir = programDir
	}
	hostkit.InterruptOnCancel(cmd)
	cmd.Stdout, cmd.Stderr = out.Stdout, out.Stderr
	logging.V(5).Infof("language host running plugin: %s", cmd)
	return out.Exit(programDir, cmd.Run())
}

// pluginArgs is python's command line for a plugin directory; asModule
// says it runs `-m pulumi.run.plugin`.
func pluginArgs(programDir string, reqArgs []string) (args []string, asModule bool, err error) {
	args = []string{"-u"}
	if _, statErr := os.Stat(filepath.Join(programDir, "__main__.py")); statErr == nil {
		args = append(args, programDir)
	} else {
		name, err := pyprojectName(programDir)
		if err != nil {
			return nil, false, err
		}
		args = append(args, "-m", "pulumi.run.plugin", name)
		asModule = true
	}
	return append(args, reqArgs...), asModule, nil
}

// pyprojectName reads [project].name from dir/pyproject.toml.
func pyprojectName(dir string) (string, error) {
	path := filepath.Join(dir, "pyproject.toml")
	var doc struct {
		Project struct {
			Name string `toml:"name"`
		} `toml:"project"`
	}
	if _, err := toml.DecodeFile(path, &doc); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("%s has neither a __main__.py nor a pyproject.toml to run", dir)
		}
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if doc.Project.Name == "" {
		return "", fmt.Errorf("%s: [project] has no name", path)
	}
	return doc.Project.Name, nil
}
