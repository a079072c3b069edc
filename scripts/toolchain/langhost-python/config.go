package main

import (
	"encoding/json"
	"sort"
)

// configEnv turns the stack configuration of a RunRequest into the two
// environment variables the Python SDK reads (pulumi.runtime.config's
// get_config_env / get_config_secret_keys_env, which our exec script hands to
// set_all_config): PULUMI_CONFIG (JSON object "ns:key" -> string value) and
// PULUMI_CONFIG_SECRET_KEYS (JSON array of the keys holding secrets).
func configEnv(config map[string]string, secretKeys []string) ([]string, error) {
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
