package hostkit

import (
	"encoding/json"
	"sort"
)

// ConfigEnv turns the stack configuration of a RunRequest into the two
// environment variables every Pulumi SDK reads it from: PULUMI_CONFIG (JSON
// object "ns:key" -> string value) and PULUMI_CONFIG_SECRET_KEYS (JSON array
// of the keys holding secrets). Readers: @pulumi/pulumi's runtime/config.js;
// the Python SDK's pulumi.runtime.config get_config_env /
// get_config_secret_keys_env, which our exec.py hands to set_all_config; the
// Go SDK's pulumi.EnvConfig and pulumi.EnvConfigSecretKeys in
// sdk/v3/go/pulumi/run.go.
//
// Keys are passed as the engine gives them ("project:key"); @pulumi/pulumi
// also accepts the legacy "project:config:key" form, so no rewriting is
// needed.
func ConfigEnv(config map[string]string, secretKeys []string) ([]string, error) {
	if config == nil {
		config = map[string]string{}
	}
	cfg, err := json.Marshal(config) // map keys are sorted: stable output
	if err != nil {
		return nil, err
	}
	keys := append([]string{}, secretKeys...)
	sort.Strings(keys)
	secrets, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	return []string{
		"PULUMI_CONFIG=" + string(cfg),
		"PULUMI_CONFIG_SECRET_KEYS=" + string(secrets),
	}, nil
}
