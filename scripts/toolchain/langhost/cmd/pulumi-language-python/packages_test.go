package main

import (
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestPulumiPackagesFromListing(t *testing.T) {
	listing := `[
		{"name": "pulumi_kubernetes", "version": "4.25.0", "plugin": {"resource": true, "name": "kubernetes"}},
		{"name": "pulumi-random", "version": "4.16", "plugin": {"resource": true}},
		{"name": "pulumi_policy", "version": "1.13.0", "plugin": {"resource": false}},
		{"name": "pulumi-alpha", "version": "3.31.0a1605189729", "plugin": {"resource": true}},
		{"name": "acme-thing", "version": "0.1.0",
		 "plugin": {"resource": true, "name": "acme", "version": "v2.0.0", "server": "https://example.com/plugins"}},
		{"name": "pulumi_mine", "version": "1.0.0", "plugin": {"resource": true, "name": "terraform-provider",
		 "version": "0.8.0", "parameterization": {"name": "mine", "version": "1.0.0", "value": "eyJ4IjoxfQ=="}}}
	]`
	pkgs, err := pulumiPackagesFromListing([]byte(listing))
	if err != nil {
		t.Fatal(err)
	}
	want := "acme@v2.0.0 from https://example.com/plugins, kubernetes@v4.25.0, random@v4.16.0, " +
		`terraform-provider@v0.8.0 as mine@1.0.0={"x":1}`
	if got := testkit.Summary(pkgs...); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, p := range pkgs {
		if p.Kind != "resource" {
			t.Errorf("%s: kind %q", p.Name, p.Kind)
		}
	}
}

func TestPulumiPackagesFromListingBadOutput(t *testing.T) {
	if _, err := pulumiPackagesFromListing([]byte("Traceback (most recent call last):")); err == nil {
		t.Error("expected an error")
	}
}

func TestSemverFromPython(t *testing.T) {
	for in, want := range map[string]string{
		"4.25.0": "4.25.0", "4.25": "4.25.0", " 1.2.3 ": "1.2.3",
		"3.31.0a1605189729": "", "1.0.0.post1": "", "1.0.0+local": "", "1.0.0.dev3": "",
	} {
		got, ok := semverFromPython(in)
		if got != want || ok != (want != "") {
			t.Errorf("%q: got %q %v", in, got, ok)
		}
	}
}
