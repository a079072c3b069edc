package hostkit

import (
	"reflect"
	"testing"
)

func TestConfigEnv(t *testing.T) {
	env, err := ConfigEnv(
		map[string]string{"proj:b": "2", "proj:a": `{"x":1}`, "kubernetes:context": "kind"},
		[]string{"proj:b", "proj:a"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`PULUMI_CONFIG={"kubernetes:context":"kind","proj:a":"{\"x\":1}","proj:b":"2"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["proj:a","proj:b"]`,
	}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("got  %q\nwant %q", env, want)
	}
}

func TestConfigEnvEmpty(t *testing.T) {
	env, err := ConfigEnv(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}
	if !reflect.DeepEqual(env, want) {
		t.Errorf("got %q, want %q", env, want)
	}
}
