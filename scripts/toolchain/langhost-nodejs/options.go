package main

import (
	"errors"
	"fmt"

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
	m := opts.AsMap() // nil-safe

	if v, ok := m["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return out, errors.New("runtime option 'typescript' must be a boolean")
		}
		out.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return out, errors.New("runtime option 'tsconfig' must be a string")
		}
		out.tsconfig = s
	}
	if v, ok := m["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return out, errors.New("runtime option 'nodeargs' must be a string")
		}
		words, err := shlex.Split(s)
		if err != nil {
			return out, fmt.Errorf("runtime option 'nodeargs': %w", err)
		}
		out.nodeargs = words
	}
	if v, ok := m["packagemanager"]; ok {
		s, isString := v.(string)
		if !isString {
			return out, errors.New("runtime option 'packagemanager' must be a string")
		}
		switch pm := npm.PackageManagerType(s); pm {
		case npm.AutoPackageManager, npm.NpmPackageManager, npm.YarnPackageManager,
			npm.PnpmPackageManager, npm.BunPackageManager:
			out.packagemanager = pm
		default:
			return out, fmt.Errorf("runtime option 'packagemanager' must be auto, npm, yarn, pnpm or bun, not %q", s)
		}
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
