package build

import (
	"bytes"
	"sync"
)

// sink receives a build's files as they are made, from several goroutines
// at once. data is only valid during the call: the layouts reuse their
// buffers, so a build holds no more than a few pages at a time.
type sink interface {
	Put(path string, data []byte) error
}

// memory is a sink that keeps every file, as the preview server serves
// them.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemory() *memory { return &memory{files: map[string][]byte{}} }

func (m *memory) Put(path string, data []byte) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	m.files[path] = data
	m.mu.Unlock()
	return nil
}

// discard is a sink for a build that has already failed: its layouts
// still run, to report their problems too, but their pages go nowhere.
type discard struct{}

func (discard) Put(string, []byte) error { return nil }
