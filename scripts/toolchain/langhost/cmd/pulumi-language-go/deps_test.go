package main

import (
	"testing"
)

func TestDirectDependencies(t *testing.T) {
	gomod := `module example.com/prog

go 1.25

require (
	example.com/pulumi-canary-delivery/sdk/go v0.0.0-00010101000000-000000000000
	github.com/pulumi/pulumi/sdk/v3 v3.259.0
	golang.org/x/net v0.58.0 // indirect
)

replace example.com/pulumi-canary-delivery/sdk/go => ./sdks/canary-delivery

replace github.com/pulumi/pulumi/sdk/v3 v3.259.0 => github.com/pulumi/pulumi/sdk/v3 v3.261.0
`
	deps, err := directDependencies("go.mod", []byte(gomod))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range deps {
		got[d.Name] = d.Version
	}
	want := map[string]string{
		"example.com/pulumi-canary-delivery/sdk/go": "v0.0.0-00010101000000-000000000000 => ./sdks/canary-delivery",
		"github.com/pulumi/pulumi/sdk/v3":           "v3.261.0",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q want %q", k, got[k], v)
		}
	}
}
