package content

import (
	"bytes"
	"io/fs"
	"sync"
	"time"

	"github.com/kbsite/kb/internal/diag"
)

// Cache keeps parsed pages between loads of the same site, so that a
// rebuild parses only the files whose bytes changed. Pages are shared
// between loads and must not be changed by their users. The zero value is
// not ready: use NewCache. It is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*cached
	// listing is the last walk of content/ (see listed).
	listing *listing
}

type cached struct {
	src  []byte
	page *Page
	body []byte
	errs diag.List
	// size and mtime are the file's when src was read; a zero mtime is
	// unknown (see fresh).
	size  int64
	mtime time.Time
}

// NewCache makes an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]*cached{}} }

// parse returns the page of file and its body, parsed now or earlier
// from the same bytes. info is the file's, taken before src was read
// (nil when unknown).
func (c *Cache) parse(file string, src []byte, info fs.FileInfo, taxonomies []string) (*Page, []byte, diag.List) {
	if c == nil {
		return Parse(file, src, taxonomies)
	}
	c.mu.Lock()
	last, ok := c.entries[file]
	c.mu.Unlock()
	var e cached
	if ok && bytes.Equal(last.src, src) {
		e = *last
	} else {
		e = cached{src: src}
		e.page, e.body, e.errs = Parse(file, src, taxonomies)
	}
	if info != nil {
		e.size, e.mtime = info.Size(), info.ModTime()
	}
	c.mu.Lock()
	c.entries[file] = &e
	c.mu.Unlock()
	return e.page, e.body, e.errs
}

// fresh returns what file was last parsed into (e, as lookAll found
// it), when the file still has the size and time it had when it was
// read, without reading it.
func fresh(site fs.FS, file string, e *cached) (*Page, []byte, diag.List, bool) {
	if e == nil || e.mtime.IsZero() {
		return nil, nil, nil, false
	}
	info, err := fs.Stat(site, file)
	if err != nil || info.Size() != e.size || !info.ModTime().Equal(e.mtime) {
		return nil, nil, nil, false
	}
	return e.page, e.body, e.errs, true
}

// lookAll returns what each of files was last parsed into, nil for a
// file the cache has not seen or one that want says no to, all under
// one lock (see parseAll).
func (c *Cache) lookAll(files []string, want func(file string) bool) []*cached {
	if c == nil {
		return nil
	}
	out := make([]*cached, len(files))
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, f := range files {
		if !want(f) {
			continue
		}
		out[i] = c.entries[f]
	}
	return out
}

// Put records the page and body parsed from src, as a rebuild that parsed
// one file itself does.
func (c *Cache) Put(file string, src []byte, p *Page, body []byte, errs diag.List) {
	c.mu.Lock()
	c.entries[file] = &cached{src: src, page: p, body: body, errs: errs}
	c.mu.Unlock()
}

// Source returns the bytes a file was last parsed from.
func (c *Cache) Source(file string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[file]
	if !ok {
		return nil, false
	}
	return e.src, true
}
