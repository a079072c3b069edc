package main

import (
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestEntryPoint(t *testing.T) {
	for _, c := range []struct {
		req  *pulumirpc.RunRequest
		want string
	}{
		{&pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{EntryPoint: "main.py"}, Program: "x.py"}, "main.py"},
		// Older engines: no ProgramInfo, the request's Program, else ".".
		{&pulumirpc.RunRequest{Program: "app.py"}, "app.py"},
		{&pulumirpc.RunRequest{}, "."},
	} {
		if got := entryPoint(c.req); got != c.want {
			t.Errorf("%v: got %q want %q", c.req, got, c.want)
		}
	}
}

func TestRunArgsCarryTheScript(t *testing.T) {
	got := runArgs(&pulumirpc.RunRequest{Pwd: "/w", Args: []string{"--flag"}}, "", "")
	if len(got) < 4 || got[0] != "-u" || got[1] != "-c" || got[2] != execScript {
		t.Fatalf("got %q", got[:3])
	}
	if rest := got[len(got)-2:]; rest[0] != "." || rest[1] != "--flag" {
		t.Errorf("entry and args: got %q", rest)
	}
	if !strings.Contains(execScript, "run_in_stack") {
		t.Error("exec.py is not embedded")
	}
}
