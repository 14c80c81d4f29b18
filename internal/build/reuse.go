package build

import (
	"crypto/sha256"
	"sync"

	"github.com/kbsite/kb/internal/output"
)

// outputKey is a digest of everything an output file is made from: a
// page's layout key (see theme.LayoutKey), a search records file's text.
type outputKey = [sha256.Size]byte

// outputReuse lets a build keep the files its last good build wrote: a
// file whose key is the one the last build gave it is kept as it is
// (in memory, or on disk as the output folder has it), not made again.
// It records this build's keys, for the next. Layout keys hold only for
// the built-in theme's layouts, so a build with layouts of its own keeps
// no pages.
type outputReuse struct {
	out  *output.Tree
	last map[string]outputKey // the last good build's, by output path
	mu   sync.Mutex
	next map[string]outputKey
}

func newOutputReuse(out *output.Tree, last map[string]outputKey) *outputReuse {
	return &outputReuse{out: out, last: last, next: make(map[string]outputKey, len(last))}
}

// same records key for path and says whether it is the last build's.
func (r *outputReuse) same(path string, key outputKey) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.next[path] = key
	last, ok := r.last[path]
	return ok && last == key
}

// carry records, for a file the build carries from the last one as it
// was, the last build's key.
func (r *outputReuse) carry(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if k, ok := r.last[path]; ok {
		r.next[path] = k
	}
}

// kept records key for path, reserved already, and says whether the
// file the last build wrote there was kept.
func (r *outputReuse) kept(path string, key outputKey) bool {
	return r != nil && r.same(path, key) && r.out.Keep(path)
}

// keptNew is kept for a path not yet reserved, which it reserves for pl
// when it keeps the file.
func (r *outputReuse) keptNew(path string, key outputKey, pl output.Place) bool {
	if r == nil || !r.same(path, key) || !r.out.Keep(path) {
		return false
	}
	r.out.Reserve(path, pl) // a clash is reported: the build fails
	return true
}

// keptNewBytes is keptNew for a file whose bytes the build needs too,
// and gives them.
func (r *outputReuse) keptNewBytes(path string, key outputKey, pl output.Place) ([]byte, bool) {
	if r == nil || !r.same(path, key) {
		return nil, false
	}
	data, ok := r.out.KeepBytes(path)
	if ok {
		r.out.Reserve(path, pl) // a clash is reported: the build fails
	}
	return data, ok
}

// keys are this build's keys, by output path; nil without reuse.
func (r *outputReuse) keys() map[string]outputKey {
	if r == nil {
		return nil
	}
	return r.next
}
