// Package testkit holds the helpers the language hosts' tests share.
package testkit

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// WriteFiles creates files (path -> content) under root.
func WriteFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		path := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Tree is a new temporary directory holding files (path -> content).
func Tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	WriteFiles(t, root, files)
	return root
}

// RunRequest is a run of project "demo" on stack "dev" with every field a
// program runner passes on set.
func RunRequest() *pulumirpc.RunRequest {
	return &pulumirpc.RunRequest{
		MonitorAddress:   "127.0.0.1:5000",
		Organization:     "organization",
		Project:          "demo",
		Stack:            "dev",
		DryRun:           true,
		Parallel:         16,
		Config:           map[string]string{"demo:size": "3", "demo:token": "s"},
		ConfigSecretKeys: []string{"demo:token"},
		Args:             []string{"extra"},
		Info:             &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p/src", EntryPoint: "."},
	}
}

// Summary is one line per package list, easy to compare:
// "name@version from server as param@version=value, ...".
func Summary(pkgs ...*pulumirpc.PackageDependency) string {
	var parts []string
	for _, p := range pkgs {
		s := p.Name + "@" + p.Version
		if p.Server != "" {
			s += " from " + p.Server
		}
		if p.Parameterization != nil {
			s += " as " + p.Parameterization.Name + "@" + p.Parameterization.Version + "=" + string(p.Parameterization.Value)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// MustStruct is m as the runtime options a ProgramInfo carries.
func MustStruct(t *testing.T, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := structpb.NewStruct(m)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// ExitError is the error of a process that exited with code.
func ExitError(t *testing.T, code string) error {
	t.Helper()
	err := exec.Command("sh", "-c", "exit "+code).Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("expected an exit error, got %v", err)
	}
	return err
}
