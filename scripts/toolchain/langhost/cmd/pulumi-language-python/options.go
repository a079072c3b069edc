package main

import (
	"canary-delivery/toolchain/langhost/internal/hostkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/protobuf/types/known/structpb"
)

// pythonOptions are the `runtime.options` of a Pulumi.yaml / PulumiPlugin.yaml
// with `runtime: {name: python, options: {...}}`, already in the shape the
// SDK's toolchain package (pip / poetry / uv handling) takes.
type pythonOptions struct {
	toolchain.PythonOptions
	// typechecker is "", "mypy" or "pyright": run before the program.
	typechecker string
}

// parseOptions validates the options map. Unknown keys are ignored so that
// projects written for the upstream host keep working.
func parseOptions(root, programDir string, opts *structpb.Struct) (pythonOptions, error) {
	out := pythonOptions{PythonOptions: toolchain.PythonOptions{
		Root:       root,
		ProgramDir: programDir,
		Toolchain:  toolchain.Auto,
	}}
	if out.Root == "" {
		out.Root = programDir
	}
	m := hostkit.OptionsOf(opts)

	var err error
	if out.Virtualenv, _, err = m.String("virtualenv"); err != nil {
		return out, err
	}
	name, _, err := m.OneOf("toolchain", "pip", "poetry", "uv")
	if err != nil {
		return out, err
	}
	switch name {
	case "pip":
		out.Toolchain = toolchain.Pip
	case "poetry":
		out.Toolchain = toolchain.Poetry
	case "uv":
		out.Toolchain = toolchain.Uv
	}
	if out.typechecker, _, err = m.OneOf("typechecker", "mypy", "pyright"); err != nil {
		return out, err
	}
	switch out.typechecker {
	case "mypy":
		out.Typechecker = toolchain.TypeCheckerMypy
	case "pyright":
		out.Typechecker = toolchain.TypeCheckerPyright
	}
	return out, nil
}

// toolchainFor is the toolchain of the program the ProgramInfo every RPC
// carries describes, with the options it was resolved from.
func toolchainFor(info *pulumirpc.ProgramInfo) (pythonOptions, toolchain.Toolchain, error) {
	opts, err := parseOptions(info.GetRootDirectory(), info.GetProgramDirectory(), info.GetOptions())
	if err != nil {
		return opts, nil, err
	}
	tc, err := opts.resolve()
	return opts, tc, err
}

// resolve picks the toolchain (pip unless a uv.lock / poetry.lock or the
// option says otherwise) the way the SDK's own helpers do.
func (o pythonOptions) resolve() (toolchain.Toolchain, error) {
	return toolchain.ResolveToolchain(o.PythonOptions)
}
