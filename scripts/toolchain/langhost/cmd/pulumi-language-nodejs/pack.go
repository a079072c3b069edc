package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Pack turns a generated Node.js SDK directory into an npm tarball (`pulumi
// package pack-sdk`). Generated SDKs build with `npm run build` into ./bin
// without copying package.json there, so we copy it before `npm pack bin`.
// Packing @pulumi/pulumi itself (upstream's conformance-test special case)
// is not supported.
func (h *host) Pack(ctx context.Context, req *pulumirpc.PackRequest) (*pulumirpc.PackResponse, error) {
	dir := req.GetPackageDirectory()
	manifest, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	if bytes.Contains(manifest, []byte(`"name": "@pulumi/pulumi"`)) {
		return nil, errors.New("packing the core @pulumi/pulumi SDK is not supported by this language host")
	}

	// The CLI shows our stderr; npm's chatter goes there, not to stdout.
	logTo := struct{ io.Writer }{os.Stderr}
	run := func(args ...string) error {
		fmt.Fprintf(os.Stderr, "$ npm %s\n", strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, "npm", args...)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = logTo, logTo
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm %s in %s: %w", strings.Join(args, " "), dir, err)
		}
		return nil
	}
	if err := run("install"); err != nil {
		return nil, err
	}
	if err := run("run", "build"); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "bin", "package.json"), manifest, 0o644); err != nil {
		return nil, err
	}

	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "npm", "pack", filepath.Join(dir, "bin"),
		"--pack-destination", req.GetDestinationDirectory())
	cmd.Stdout, cmd.Stderr = &out, logTo
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm pack: %w", err)
	}
	// npm pack prints the tarball name as its last stdout line.
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	name := strings.TrimSpace(lines[len(lines)-1])
	return &pulumirpc.PackResponse{ArtifactPath: filepath.Join(req.GetDestinationDirectory(), name)}, nil
}
