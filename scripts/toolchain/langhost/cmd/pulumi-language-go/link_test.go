package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
)

func TestDescribeSDK(t *testing.T) {
	dir := testkit.Tree(t, map[string]string{
		"go.mod":                                     "module example.com/pulumi-canary-delivery/sdk/go\n\ngo 1.25\n",
		"canarydelivery/pulumi-plugin.json":          `{"resource": true}`,
		"canarydelivery/component.go":                "package canarydelivery\n",
		"canarydelivery/internal/pulumiUtilities.go": "package internal\n",
	})
	mod, imports, err := describeSDK(dir)
	if err != nil {
		t.Fatal(err)
	}
	if mod != "example.com/pulumi-canary-delivery/sdk/go" ||
		!reflect.DeepEqual(imports, []string{"example.com/pulumi-canary-delivery/sdk/go/canarydelivery"}) {
		t.Errorf("got %q %q", mod, imports)
	}
}

func TestDescribeSDKWithoutGoMod(t *testing.T) {
	dir := testkit.Tree(t, map[string]string{"x/pulumi-plugin.json": "{}"})
	if _, _, err := describeSDK(dir); err == nil || !strings.Contains(err.Error(), "no go.mod") {
		t.Errorf("got %v", err)
	}
}

func TestReplacementPath(t *testing.T) {
	for _, c := range []struct{ prog, sdk, want string }{
		{"/p", "/p/sdks/x", "./sdks/x"},
		{"/p/app", "/p/sdks/x", "../sdks/x"},
	} {
		got, err := replacementPath(filepath.FromSlash(c.prog), filepath.FromSlash(c.sdk))
		if err != nil || got != c.want {
			t.Errorf("%s from %s: got %q %v, want %q", c.sdk, c.prog, got, err, c.want)
		}
	}
}
