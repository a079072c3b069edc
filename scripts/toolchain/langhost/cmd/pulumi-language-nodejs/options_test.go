package main

import (
	"reflect"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
)

func TestParseOptionsDefaults(t *testing.T) {
	o, err := parseOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !o.typescript || o.packagemanager != npm.AutoPackageManager {
		t.Errorf("defaults = %+v", o)
	}
	if got := o.typescriptEnv(); !reflect.DeepEqual(got, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}) {
		t.Errorf("env = %q", got)
	}
}

func TestParseOptionsAll(t *testing.T) {
	o, err := parseOptions(testkit.MustStruct(t, map[string]any{
		"typescript":     false,
		"tsconfig":       "tsconfig.build.json",
		"nodeargs":       "--max-old-space-size=4096 --enable-source-maps",
		"packagemanager": "npm",
		"unknown":        1.0,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if o.typescript || o.packagemanager != npm.NpmPackageManager {
		t.Errorf("got %+v", o)
	}
	if !reflect.DeepEqual(o.nodeargs, []string{"--max-old-space-size=4096", "--enable-source-maps"}) {
		t.Errorf("nodeargs = %q", o.nodeargs)
	}
	if got := o.typescriptEnv(); !reflect.DeepEqual(got, []string{"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.build.json"}) {
		t.Errorf("env = %q", got)
	}
}

func TestParseOptionsRejectsWrongTypes(t *testing.T) {
	for _, m := range []map[string]any{
		{"typescript": "yes"},
		{"tsconfig": true},
		{"nodeargs": 3.0},
		{"packagemanager": "cargo"},
	} {
		if _, err := parseOptions(testkit.MustStruct(t, m)); err == nil {
			t.Errorf("%v: expected an error", m)
		}
	}
}
