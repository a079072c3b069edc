package main

import (
	"reflect"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestPluginArgsProvider(t *testing.T) {
	got := pluginArgs(false, "/nm/run-plugin/index.js", "/prov", []string{"--inspect"}, []string{"127.0.0.1:1"})
	want := []string{"--inspect", "/nm/run-plugin/index.js", "/prov", "127.0.0.1:1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestPluginArgsPolicyPack(t *testing.T) {
	got := pluginArgs(true, "/nm/run-policy-pack/index.js", "/policy", nil, []string{"127.0.0.1:1"})
	want := []string{"/nm/run-policy-pack/index.js", "127.0.0.1:1", "/policy"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestPolicyPackEnv(t *testing.T) {
	env, err := policyPackEnv(&pulumirpc.AnalyzerStackConfigureRequest{
		Project: "demo", Stack: "dev", DryRun: true,
		Config: map[string]string{"demo:x": "1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"PULUMI_NODEJS_PROJECT=demo",
		"PULUMI_NODEJS_STACK=dev",
		"PULUMI_NODEJS_DRY_RUN=true",
		`PULUMI_CONFIG={"demo:x":"1"}`,
		"PULUMI_CONFIG_SECRET_KEYS=[]",
	}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("got  %q\nwant %q", env, want)
	}
	if env, _ := policyPackEnv(nil); env != nil {
		t.Errorf("no stack: %q", env)
	}
}
