package hostkit

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// lockedSender serializes Send calls on one gRPC server stream.
//
// exec.Cmd copies a child's stdout and stderr on two goroutines (and the
// Node.js host's policy-pack proxy adds a third), while a gRPC stream
// forbids concurrent Send calls; every message goes through this one mutex.
type lockedSender struct {
	mu sync.Mutex
}

// do runs send under the lock.
func (s *lockedSender) do(send func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return send()
}

// writer returns an io.Writer whose every write becomes one message built
// by send. send marshals p before returning, so callers may reuse p.
func (s *lockedSender) writer(send func(p []byte) error) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		if err := s.do(func() error { return send(p) }); err != nil {
			return 0, err
		}
		return len(p), nil
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// InstallOutput streams what an install writes to the CLI as
// InstallDependenciesResponse messages.
func InstallOutput(server pulumirpc.LanguageRuntime_InstallDependenciesServer) (stdout, stderr io.Writer) {
	sender := &lockedSender{}
	stdout = sender.writer(func(p []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: p})
	})
	stderr = sender.writer(func(p []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: p})
	})
	return stdout, stderr
}

// PluginOutput streams a plugin's output to the CLI as RunPluginResponse
// messages: its first stdout line is the gRPC port the CLI then connects
// to, and the last message (Exit) carries the exit code.
type PluginOutput struct {
	Stdout, Stderr io.Writer

	sender *lockedSender
	server pulumirpc.LanguageRuntime_RunPluginServer
}

func NewPluginOutput(server pulumirpc.LanguageRuntime_RunPluginServer) *PluginOutput {
	sender := &lockedSender{}
	return &PluginOutput{
		Stdout: sender.writer(func(p []byte) error {
			return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: p}})
		}),
		Stderr: sender.writer(func(p []byte) error {
			return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: p}})
		}),
		sender: sender,
		server: server,
	}
}

// Exit reports how the plugin in programDir ended (err from waiting for
// it): its exit code as the last message, or an error when it did not run.
func (o *PluginOutput) Exit(programDir string, err error) error {
	code := 0
	if err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return fmt.Errorf("plugin %s: %w", programDir, err)
		}
		code = exitErr.ExitCode()
	}
	return o.sender.do(func() error {
		return o.server.Send(&pulumirpc.RunPluginResponse{
			Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)},
		})
	})
}
