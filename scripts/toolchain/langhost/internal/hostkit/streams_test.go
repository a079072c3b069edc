package hostkit

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"canary-delivery/toolchain/langhost/internal/testkit"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// pluginStream records what RunPlugin sends; embedding the interface
// satisfies the methods a test never calls.
type pluginStream struct {
	pulumirpc.LanguageRuntime_RunPluginServer
	sending sync.Mutex // held by the sender; TryLock fails if two sends overlap
	sent    []*pulumirpc.RunPluginResponse
	overlap bool
}

func (s *pluginStream) Send(r *pulumirpc.RunPluginResponse) error {
	if !s.sending.TryLock() {
		s.overlap = true
		return nil
	}
	defer s.sending.Unlock()
	s.sent = append(s.sent, r)
	return nil
}

func TestPluginOutputSendsOneMessageAtATimeAndTheExitCodeLast(t *testing.T) {
	stream := &pluginStream{}
	out := NewPluginOutput(stream)
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); fmt.Fprintf(out.Stdout, "out %d\n", i) }()
		go func() { defer wg.Done(); fmt.Fprintf(out.Stderr, "err %d\n", i) }()
	}
	wg.Wait()
	if err := out.Exit("/p", testkit.ExitError(t, "3")); err != nil {
		t.Fatal(err)
	}
	if stream.overlap {
		t.Error("two Send calls overlapped")
	}
	if len(stream.sent) != 101 || stream.sent[100].GetExitcode() != 3 {
		t.Errorf("got %d messages, last %v", len(stream.sent), stream.sent[len(stream.sent)-1])
	}
}

func TestPluginOutputReportsAPluginThatDidNotRun(t *testing.T) {
	stream := &pluginStream{}
	err := NewPluginOutput(stream).Exit("/p", errors.New("exec format error"))
	if err == nil || !strings.Contains(err.Error(), "plugin /p: exec format error") || len(stream.sent) != 0 {
		t.Errorf("got %v, %d messages", err, len(stream.sent))
	}
}
