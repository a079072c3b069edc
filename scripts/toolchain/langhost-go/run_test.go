package main

import (
	"errors"
	"os/exec"
	"reflect"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestRunEnv(t *testing.T) {
	req := &pulumirpc.RunRequest{
		MonitorAddress:   "127.0.0.1:5000",
		Organization:     "organization",
		Project:          "demo",
		Stack:            "dev",
		DryRun:           true,
		Parallel:         16,
		Config:           map[string]string{"demo:size": "3", "demo:token": "s"},
		ConfigSecretKeys: []string{"demo:token"},
		Info:             &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p/src"},
	}
	got, err := runEnv(req, "127.0.0.1:6000")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"PULUMI_MONITOR=127.0.0.1:5000",
		"PULUMI_ENGINE=127.0.0.1:6000",
		"PULUMI_ORGANIZATION=organization",
		"PULUMI_PROJECT=demo",
		"PULUMI_STACK=dev",
		"PULUMI_ROOT_DIRECTORY=/p",
		"PULUMI_DRY_RUN=true",
		"PULUMI_PARALLEL=16",
		`PULUMI_CONFIG={"demo:size":"3","demo:token":"s"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["demo:token"]`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestRunEnvMinimal(t *testing.T) {
	got, err := runEnv(&pulumirpc.RunRequest{MonitorAddress: "m"}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PULUMI_MONITOR=m", "PULUMI_DRY_RUN=false", "PULUMI_PARALLEL=0",
		"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestPackageToBuild(t *testing.T) {
	for in, want := range map[string]string{
		"": ".", ".": ".", "cmd/prog": "./cmd/prog", "./cmd/prog": "./cmd/prog", "../x": "../x", "/abs": "/abs",
	} {
		if got := packageToBuild(in); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
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
	if r := runResponse(exitError(t, "2")); r.Error != "Program exited with non-zero exit code: 2" || r.Bail {
		t.Errorf("2: %+v", r)
	}
	if r := runResponse(errors.New("fork failed")); r.Error == "" || r.Bail {
		t.Errorf("start failure: %+v", r)
	}
}
