package main

import (
	"errors"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestRunFlags(t *testing.T) {
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:5000",
		Organization:   "organization",
		Project:        "demo",
		Stack:          "dev",
		DryRun:         true,
		Parallel:       -1,
		Args:           []string{"extra", "--flag"},
		Info: &pulumirpc.ProgramInfo{
			RootDirectory:    "/p",
			ProgramDirectory: "/p/src",
			EntryPoint:       "main.py",
		},
	}
	got := runFlags(req, "127.0.0.1:6000", "")
	want := []string{
		"--monitor=127.0.0.1:5000",
		"--engine=127.0.0.1:6000",
		"--organization=organization",
		"--project=demo",
		"--root-directory=/p",
		"--stack=dev",
		"--pwd=/p/src",
		"--dry-run",
		"--parallel=-1",
		"main.py",
		"extra",
		"--flag",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestRunFlagsDefaults(t *testing.T) {
	// An old-style request: no ProgramInfo, so pwd and entry fall back.
	got := runFlags(&pulumirpc.RunRequest{MonitorAddress: "m", Pwd: "/w"}, "", "http://trace")
	want := []string{"--monitor=m", "--pwd=/w", "--parallel=0", "--tracing=http://trace", "."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestRunArgsCarryTheScript(t *testing.T) {
	got := runArgs(&pulumirpc.RunRequest{Pwd: "/w"}, "", "")
	if len(got) < 4 || got[0] != "-u" || got[1] != "-c" || got[2] != execScript {
		t.Fatalf("got %q", got[:3])
	}
	if !strings.Contains(execScript, "run_in_stack") {
		t.Error("exec.py is not embedded")
	}
}

func exitError(t *testing.T, code string) error {
	t.Helper()
	err := exec.Command("sh", "-c", "exit "+code).Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("expected an exit error, got %v", err)
	}
	return err
}

func TestRunResponse(t *testing.T) {
	if r := runResponse(nil); r.Error != "" || r.Bail {
		t.Errorf("success: %+v", r)
	}
	if r := runResponse(exitError(t, "32")); r.Error != "" || !r.Bail {
		t.Errorf("32 must bail silently: %+v", r)
	}
	if r := runResponse(exitError(t, "1")); r.Error != "Program exited with non-zero exit code: 1" || r.Bail {
		t.Errorf("1: %+v", r)
	}
	if r := runResponse(errors.New("fork failed")); r.Error == "" || r.Bail {
		t.Errorf("start failure: %+v", r)
	}
}
