package main

import (
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

func TestPythonPackageName(t *testing.T) {
	if got := pythonPackageName(&schema.Package{Name: "canary-delivery"}); got != "pulumi_canary_delivery" {
		t.Errorf("default: %q", got)
	}
	if got := pythonPackageName(&schema.Package{Name: "x", Namespace: "acme"}); got != "acme_x" {
		t.Errorf("namespace: %q", got)
	}
	pkg := &schema.Package{Name: "x", Language: map[string]any{"python": python.PackageInfo{PackageName: "acme_tools"}}}
	if got := pythonPackageName(pkg); got != "acme_tools" {
		t.Errorf("override: %q", got)
	}
}

func TestImportAlias(t *testing.T) {
	for in, want := range map[string]string{"canary-delivery": "canary_delivery", "kubernetes": "kubernetes"} {
		if got := importAlias(in); got != want {
			t.Errorf("%q: got %q want %q", in, got, want)
		}
	}
}
