package output

import (
	"bytes"
	"maps"
	"os"
	"sync"
)

// Sink receives a build's files as they are made, from several goroutines
// at once. data is only valid during the call: the layouts reuse their
// buffers, so a build holds no more than a few pages at a time.
type Sink interface {
	Put(path string, data []byte) error
}

// Keeper is a sink that can keep a file as the last build left it,
// without being handed its bytes again.
type Keeper interface {
	// Keep keeps the last build's path, and says whether there was one.
	Keep(path string) bool
	// KeepBytes is Keep for a file whose bytes the build needs besides
	// (a page's Markdown copy, which llms-full.txt holds too): it gives
	// them, read back as the last build wrote them.
	KeepBytes(path string) ([]byte, bool)
}

// Rereader is a sink that can open the last build's files without
// keeping them, and tell what it recorded of them (see Dir.OpenLast).
type Rereader interface {
	OpenLast(path string) (*os.File, bool)
	LastWritten(path string) (size int64, sum uint64, ok bool)
}

// LinkPutter is a sink that can make a file as a hard link to a file
// holding its bytes already (see Dir.PutLinked).
type LinkPutter interface {
	PutLinked(path string, data []byte, from string) error
}

// Filer is a sink whose files are files on disk.
type Filer interface {
	// File is the file on disk that holds what was put at path (see
	// Dir.File), and whether there is one.
	File(path string) (string, bool)
}

// Memory is a sink that keeps every file, as the preview server serves
// them.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
	last  map[string][]byte // the last build's files, for Keep
}

// NewMemory is an empty Memory; last are the last build's files, which
// Keep keeps (nil for none).
func NewMemory(last map[string][]byte) *Memory {
	return &Memory{files: make(map[string][]byte, len(last)), last: last}
}

// LastFiles is how many files the last build made: about as many as
// this one will (see NewTree).
func (m *Memory) LastFiles() int { return len(m.last) }

// Keep keeps the last build's bytes of path, shared, not copied: no
// build writes into a file's bytes once they are put.
func (m *Memory) Keep(path string) bool {
	data, ok := m.last[path]
	if ok {
		m.mu.Lock()
		m.files[path] = data
		m.mu.Unlock()
	}
	return ok
}

// KeepBytes is Keep, giving the bytes kept. The caller must not change
// them.
func (m *Memory) KeepBytes(path string) ([]byte, bool) {
	if !m.Keep(path) {
		return nil, false
	}
	return m.last[path], true
}

// Put keeps a copy of data at path; but data that is the last build's
// bytes of path, as a rebuild hands back what it carries over (the
// search index and llms-full.txt, tens of megabytes at 10,000 pages), is
// kept as Keep keeps it, shared.
func (m *Memory) Put(path string, data []byte) error {
	if old, ok := m.last[path]; !ok || len(old) != len(data) || len(data) == 0 || &old[0] != &data[0] {
		data = bytes.Clone(data)
	}
	m.mu.Lock()
	m.files[path] = data
	m.mu.Unlock()
	return nil
}

// Files are the files put, by path. The map is the sink's own: call it
// once every Put has returned.
func (m *Memory) Files() map[string][]byte { return m.files }

// Snapshot is a copy of the map of the files put so far; their bytes are
// shared, as no build writes into a file's bytes once they are put.
func (m *Memory) Snapshot() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.files)
}

// Discard is a sink for a build that has already failed: its layouts
// still run, to report their problems too, but their pages go nowhere.
type Discard struct{}

// Put does nothing.
func (Discard) Put(string, []byte) error { return nil }
