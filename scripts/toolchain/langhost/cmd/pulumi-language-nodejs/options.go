package main

import (
	"fmt"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"github.com/google/shlex"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	"google.golang.org/protobuf/types/known/structpb"
)

// nodeOptions are the `runtime.options` of a Pulumi.yaml / PulumiPlugin.yaml
// with `runtime: {name: nodejs, options: {...}}`.
type nodeOptions struct {
	typescript     bool   // load ts-node (default true, as upstream)
	tsconfig       string // tsconfig.json path handed to ts-node
	nodeargs       []string
	packagemanager npm.PackageManagerType
}

// parseOptions validates the options map. Unknown keys are ignored so that
// projects written for the upstream host keep working.
func parseOptions(opts *structpb.Struct) (nodeOptions, error) {
	out := nodeOptions{typescript: true, packagemanager: npm.AutoPackageManager}
	m := hostkit.OptionsOf(opts)

	typescript, set, err := m.Bool("typescript")
	if err != nil {
		return out, err
	}
	if set {
		out.typescript = typescript
	}
	if out.tsconfig, _, err = m.String("tsconfig"); err != nil {
		return out, err
	}
	nodeargs, set, err := m.String("nodeargs")
	if err != nil {
		return out, err
	}
	if set {
		if out.nodeargs, err = shlex.Split(nodeargs); err != nil {
			return out, fmt.Errorf("runtime option 'nodeargs': %w", err)
		}
	}
	manager, set, err := m.OneOf("packagemanager", string(npm.AutoPackageManager), string(npm.NpmPackageManager),
		string(npm.YarnPackageManager), string(npm.PnpmPackageManager), string(npm.BunPackageManager))
	if err != nil {
		return out, err
	}
	if set {
		out.packagemanager = npm.PackageManagerType(manager)
	}
	return out, nil
}

// typescriptEnv is how @pulumi/pulumi's cmd/run learns to register ts-node:
// it reads these variables, not command-line flags.
func (o nodeOptions) typescriptEnv() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}
