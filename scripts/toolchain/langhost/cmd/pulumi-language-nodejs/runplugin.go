package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin runs a plugin written in Node.js from its directory: a component
// or resource provider (PulumiPlugin.yaml, run with cmd/run-plugin) or a
// policy pack (kind "analyzer", PulumiPolicy.yaml, run with
// cmd/run-policy-pack). Its output goes back to the CLI through
// hostkit.PluginOutput.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	if err := h.RefusePlugin(req, true); err != nil {
		return err
	}
	programDir := req.GetInfo().GetProgramDirectory()
	isPolicyPack := req.GetKind() == string(apitype.AnalyzerPlugin)

	out := hostkit.NewPluginOutput(server)
	stdout := out.Stdout

	node, err := hostkit.FindOnPath("node")
	if err != nil {
		return err
	}
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return err
	}
	runModule := "@pulumi/pulumi/cmd/run-plugin"
	if isPolicyPack {
		runModule = "@pulumi/pulumi/cmd/run-policy-pack"
	} else if override := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); override != "" {
		runModule = override
	}
	runPath, err := resolveModule(ctx, node, programDir, runModule)
	if err != nil {
		return err
	}

	env := req.GetEnv()
	if len(env) == 0 {
		env = os.Environ()
	}
	env = append(env, opts.typescriptEnv()...)

	// Old policy-pack code reads project, stack and config from environment
	// variables, but the engine sends them over gRPC (ConfigureStack) after
	// the pack has started. sdk.PolicyProxy bridges this: it answers the
	// engine first, hands us the configuration, then forwards every call to
	// the real pack once that prints its own port.
	var proxy *sdk.PolicyProxy
	if isPolicyPack {
		proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout)
		if err != nil {
			return fmt.Errorf("could not start the policy pack proxy: %w", err)
		}
		cfg, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("waiting for the policy pack's stack configuration: %w", err)
		}
		extra, err := policyPackEnv(cfg)
		if err != nil {
			return err
		}
		env = append(env, extra...)
	}

	cmdCtx, release := h.CommandContext(ctx)
	defer release()
	cmd := exec.CommandContext(cmdCtx, node, pluginArgs(isPolicyPack, runPath, programDir, opts.nodeargs, req.GetArgs())...)
	hostkit.InterruptOnCancel(cmd)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, out.Stderr
	// Policy packs have always run from their own directory; other plugins
	// from the directory the CLI was started in.
	cmd.Dir = req.GetPwd()
	if isPolicyPack {
		cmd.Dir = programDir
	}
	logging.V(5).Infof("language host running plugin: %s", cmd)

	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start node for plugin %s: %w", programDir, err)
	}
	if proxy != nil {
		err = proxy.Attach(ctx, cmd) // waits for the pack to exit
	} else {
		err = cmd.Wait()
	}
	return out.Exit(programDir, err)
}

// pluginArgs builds node's arguments. cmd/run-plugin takes the plugin
// directory first and passes what follows (the engine address) to the
// plugin as its argv; cmd/run-policy-pack takes `<engine> <dir>`, so there
// the directory goes last. Node's own flags (runtime option nodeargs) must
// come before the script.
func pluginArgs(isPolicyPack bool, runPath, programDir string, nodeargs, reqArgs []string) []string {
	args := append(append([]string{}, nodeargs...), runPath)
	if isPolicyPack {
		args = append(args, reqArgs...)
		return append(args, programDir)
	}
	args = append(args, programDir)
	return append(args, reqArgs...)
}

// policyPackEnv is the environment old-style policy packs read their stack
// context from (the same variables cmd/run sets for programs).
func policyPackEnv(cfg *pulumirpc.AnalyzerStackConfigureRequest) ([]string, error) {
	if cfg == nil { // e.g. `pulumi policy publish`: no stack
		return nil, nil
	}
	var env hostkit.Env
	env.Add("PULUMI_NODEJS_ORGANIZATION", cfg.GetOrganization())
	env.Add("PULUMI_NODEJS_PROJECT", cfg.GetProject())
	env.Add("PULUMI_NODEJS_STACK", cfg.GetStack())
	env.Add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(cfg.GetDryRun()))
	if cfg.GetConfig() != nil {
		cfgEnv, err := hostkit.ConfigEnv(cfg.GetConfig(), cfg.GetConfigSecretKeys())
		if err != nil {
			return nil, fmt.Errorf("could not serialize the policy pack's stack configuration: %w", err)
		}
		env = append(env, cfgEnv...)
	}
	return env, nil
}
