package hostkit

import (
	"fmt"
	"slices"
	"strings"

	"google.golang.org/protobuf/types/known/structpb"
)

// Options are the `runtime.options` of a Pulumi.yaml / PulumiPlugin.yaml
// (`runtime: {name: <language>, options: {...}}`). Each host picks the keys
// it knows and ignores the others, so that projects written for the
// upstream hosts keep working.
type Options map[string]any

// OptionsOf reads the options a ProgramInfo carries (nil-safe).
func OptionsOf(opts *structpb.Struct) Options { return opts.AsMap() }

// String is option key when it is set; set is false when it is not.
func (o Options) String(key string) (value string, set bool, err error) {
	v, ok := o[key]
	if !ok {
		return "", false, nil
	}
	s, isString := v.(string)
	if !isString {
		return "", true, fmt.Errorf("runtime option '%s' must be a string", key)
	}
	return s, true, nil
}

// Bool is option key when it is set; set is false when it is not.
func (o Options) Bool(key string) (value bool, set bool, err error) {
	v, ok := o[key]
	if !ok {
		return false, false, nil
	}
	b, isBool := v.(bool)
	if !isBool {
		return false, true, fmt.Errorf("runtime option '%s' must be a boolean", key)
	}
	return b, true, nil
}

// OneOf is option key when it is set, which must be one of choices.
func (o Options) OneOf(key string, choices ...string) (value string, set bool, err error) {
	s, set, err := o.String(key)
	if err != nil || !set || slices.Contains(choices, s) {
		return s, set, err
	}
	return "", true, fmt.Errorf("runtime option '%s' must be %s, not %q", key, alternatives(choices), s)
}

// alternatives reads "a, b or c".
func alternatives(choices []string) string {
	if len(choices) < 2 {
		return strings.Join(choices, "")
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}
