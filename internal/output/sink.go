package output

import (
	"bytes"
	"sync"
)

// Sink receives a build's files as they are made, from several goroutines
// at once. data is only valid during the call: the layouts reuse their
// buffers, so a build holds no more than a few pages at a time.
type Sink interface {
	Put(path string, data []byte) error
}

// Memory is a sink that keeps every file, as the preview server serves
// them.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory is an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Put keeps a copy of data at path.
func (m *Memory) Put(path string, data []byte) error {
	data = bytes.Clone(data)
	m.mu.Lock()
	m.files[path] = data
	m.mu.Unlock()
	return nil
}

// Files are the files put, by path. The map is the sink's own: call it
// once every Put has returned.
func (m *Memory) Files() map[string][]byte { return m.files }

// Discard is a sink for a build that has already failed: its layouts
// still run, to report their problems too, but their pages go nowhere.
type Discard struct{}

// Put does nothing.
func (Discard) Put(string, []byte) error { return nil }
