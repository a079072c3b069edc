package hostkit

import "testing"

func TestParseArgsEngineAfterFlags(t *testing.T) {
	// The shape the CLI uses with logging flowed and tracing on.
	got := parseArgs([]string{"--logtostderr", "-v=9", "--tracing", "http://t", "--logflow", "127.0.0.1:4000"})
	if got.engineAddress != "127.0.0.1:4000" {
		t.Errorf("engine = %q", got.engineAddress)
	}
	if got.tracing != "http://t" || got.verbose != 9 || !got.logToStderr {
		t.Errorf("flags = %+v", got)
	}
}

func TestParseArgsIgnoresUnknownFlags(t *testing.T) {
	got := parseArgs([]string{"--some-new-flag", "-root=/x", "--typescript=false", "localhost:1"})
	if got.engineAddress != "localhost:1" {
		t.Errorf("engine = %q", got.engineAddress)
	}
}

func TestParseArgsNoEngine(t *testing.T) {
	got := parseArgs([]string{"--version"})
	if !got.showVersion || got.engineAddress != "" {
		t.Errorf("got %+v", got)
	}
}
