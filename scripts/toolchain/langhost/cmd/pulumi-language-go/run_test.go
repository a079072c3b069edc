package main

import (
	"reflect"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestRunEnv(t *testing.T) {
	got, err := runEnv(testkit.RunRequest(), "127.0.0.1:6000")
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
