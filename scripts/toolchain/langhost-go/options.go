package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

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
	m := opts.AsMap() // nil-safe
	for key, dst := range map[string]*string{"binary": &out.binary, "buildTarget": &out.buildTarget} {
		v, ok := m[key]
		if !ok {
			continue
		}
		s, isString := v.(string)
		if !isString {
			return out, fmt.Errorf("runtime option '%s' must be a string", key)
		}
		*dst = s
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
