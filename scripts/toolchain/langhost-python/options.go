package main

import (
	"fmt"

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
	m := opts.AsMap() // nil-safe

	str := func(key string) (string, bool, error) {
		v, ok := m[key]
		if !ok {
			return "", false, nil
		}
		s, isString := v.(string)
		if !isString {
			return "", true, fmt.Errorf("runtime option '%s' must be a string", key)
		}
		return s, true, nil
	}

	if s, _, err := str("virtualenv"); err != nil {
		return out, err
	} else {
		out.Virtualenv = s
	}
	if s, ok, err := str("toolchain"); err != nil {
		return out, err
	} else if ok {
		switch s {
		case "pip":
			out.Toolchain = toolchain.Pip
		case "poetry":
			out.Toolchain = toolchain.Poetry
		case "uv":
			out.Toolchain = toolchain.Uv
		default:
			return out, fmt.Errorf("runtime option 'toolchain' must be pip, poetry or uv, not %q", s)
		}
	}
	if s, ok, err := str("typechecker"); err != nil {
		return out, err
	} else if ok {
		switch s {
		case "mypy":
			out.Typechecker = toolchain.TypeCheckerMypy
		case "pyright":
			out.Typechecker = toolchain.TypeCheckerPyright
		default:
			return out, fmt.Errorf("runtime option 'typechecker' must be mypy or pyright, not %q", s)
		}
		out.typechecker = s
	}
	return out, nil
}

// optionsFrom is parseOptions for the ProgramInfo every RPC carries.
func optionsFrom(info *pulumirpc.ProgramInfo) (pythonOptions, error) {
	return parseOptions(info.GetRootDirectory(), info.GetProgramDirectory(), info.GetOptions())
}

// resolve picks the toolchain (pip unless a uv.lock / poetry.lock or the
// option says otherwise) the way the SDK's own helpers do.
func (o pythonOptions) resolve() (toolchain.Toolchain, error) {
	return toolchain.ResolveToolchain(o.PythonOptions)
}
