package main

import (
	"io"
	"sync"
)

// lockedSender serializes Send calls on one gRPC server stream.
//
// exec.Cmd copies a child's stdout and stderr on two goroutines, while a
// gRPC stream forbids concurrent Send calls; every message goes through this
// one mutex.
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
