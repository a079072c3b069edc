package main

import (
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestEntryPoint(t *testing.T) {
	req := &pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{EntryPoint: "bin/index.js"}}
	if got := entryPoint(req); got != "bin/index.js" {
		t.Errorf("main: got %q", got)
	}
	// An old-style request has no ProgramInfo: ".", where cmd/run reads
	// package.json (the request's Program is not used).
	if got := entryPoint(&pulumirpc.RunRequest{Program: "ignored.js"}); got != "." {
		t.Errorf("default: got %q", got)
	}
}
