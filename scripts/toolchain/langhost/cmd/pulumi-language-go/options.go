package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"canary-delivery/toolchain/langhost/internal/hostkit"
	"google.golang.org/protobuf/types/known/structpb"
)

// goOptions are the `runtime.options` of a Pulumi.yaml / PulumiPlugin.yaml
// with `runtime: {name: go, options: {...}}`.
type goOptions struct {
	// binary is a prebuilt program to run instead of building one.
	binary string
	// buildTarget is where `go build -o` writes the program (kept after the
	// run); by default it goes to a temporary directory and is removed.
	buildTarget string
}

// parseOptions validates the options map. Unknown keys are ignored so that
// projects written for the upstream host keep working.
func parseOptions(opts *structpb.Struct) (goOptions, error) {
	var out goOptions
	m := hostkit.OptionsOf(opts)
	var err error
	if out.binary, _, err = m.String("binary"); err != nil {
		return out, err
	}
	if out.buildTarget, _, err = m.String("buildTarget"); err != nil {
		return out, err
	}
	if out.binary != "" && out.buildTarget != "" {
		return out, fmt.Errorf("runtime options 'binary' and 'buildTarget' cannot both be set")
	}
	return out, nil
}

// resolveBinary finds the prebuilt program: an absolute path, a path
// relative to the program directory, else a name on PATH.
func resolveBinary(programDir, binary string) (string, error) {
	if filepath.IsAbs(binary) {
		return binary, nil
	}
	if p := filepath.Join(programDir, binary); isFile(p) {
		return p, nil
	}
	p, err := exec.LookPath(binary)
	if err != nil {
		return "", fmt.Errorf("runtime option 'binary': %q is neither in %s nor on PATH", binary, programDir)
	}
	return p, nil
}

// buildOutput is where `go build -o` should write the program.
func buildOutput(programDir, buildTarget, tmpDir string) string {
	switch {
	case buildTarget == "":
		return filepath.Join(tmpDir, "pulumi-go-program")
	case filepath.IsAbs(buildTarget):
		return buildTarget
	default:
		return filepath.Join(programDir, buildTarget)
	}
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}
