package hostkit

import (
	"errors"
	"reflect"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestRunnerArgs(t *testing.T) {
	req := testkit.RunRequest()
	req.Parallel = -1 // "--parallel=-1": with a separate value it would read as a flag
	got := RunnerArgs(req, "127.0.0.1:6000", "", "main.py")
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
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestRunnerArgsOfOlderEngines(t *testing.T) {
	// An old-style request: no ProgramInfo, so pwd falls back.
	got := RunnerArgs(&pulumirpc.RunRequest{MonitorAddress: "m", Pwd: "/w"}, "", "http://trace", ".")
	want := []string{"--monitor=m", "--pwd=/w", "--parallel=0", "--tracing=http://trace", "."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestRunResponse(t *testing.T) {
	if r := RunResponse(nil); r.Error != "" || r.Bail {
		t.Errorf("success: %+v", r)
	}
	if r := RunResponse(testkit.ExitError(t, "32")); r.Error != "" || !r.Bail {
		t.Errorf("32 must bail silently: %+v", r)
	}
	for code, want := range map[string]string{
		"1": "Program exited with non-zero exit code: 1",
		"2": "Program exited with non-zero exit code: 2",
	} {
		if r := RunResponse(testkit.ExitError(t, code)); r.Error != want || r.Bail {
			t.Errorf("%s: %+v", code, r)
		}
	}
	if r := RunResponse(errors.New("fork failed")); r.Error == "" || r.Bail {
		t.Errorf("start failure: %+v", r)
	}
}

func TestRefusePlugin(t *testing.T) {
	b := newBase(Plugin{Name: "pulumi-language-go", Language: "Go"}, "", "", func() {})
	policyPack := &pulumirpc.RunPluginRequest{Kind: "analyzer"}
	if err := b.RefusePlugin(policyPack, true); err != nil {
		t.Errorf("policy packs supported: %v", err)
	}
	want := "Go policy packs are not supported by the canary-delivery Go language host"
	if err := b.RefusePlugin(policyPack, false); err == nil || err.Error() != want {
		t.Errorf("policy packs refused: %v", err)
	}
	if err := b.RefusePlugin(&pulumirpc.RunPluginRequest{AttachDebugger: true}, true); err == nil ||
		err.Error() != NoDebugger {
		t.Errorf("debugger: %v", err)
	}
	if err := b.RefusePlugin(&pulumirpc.RunPluginRequest{Kind: "resource"}, false); err != nil {
		t.Errorf("provider: %v", err)
	}
}
