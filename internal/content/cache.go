package content

import (
	"bytes"
	"sync"

	"github.com/kbsite/kb/internal/diag"
)

// Cache keeps parsed pages between loads of the same site, so that a
// rebuild parses only the files whose bytes changed. Pages are shared
// between loads and must not be changed by their users. The zero value is
// not ready: use NewCache. It is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	entries map[string]cached
}

type cached struct {
	src  []byte
	page *Page
	body []byte
	errs diag.List
}

// NewCache makes an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cached{}} }

// parse returns the page of file and its body, parsed now or earlier
// from the same bytes.
func (c *Cache) parse(file string, src []byte, taxonomies []string) (*Page, []byte, diag.List) {
	if c == nil {
		return Parse(file, src, taxonomies)
	}
	c.mu.Lock()
	e, ok := c.entries[file]
	c.mu.Unlock()
	if ok && bytes.Equal(e.src, src) {
		return e.page, e.body, e.errs
	}
	p, body, errs := Parse(file, src, taxonomies)
	c.Put(file, src, p, body, errs)
	return p, body, errs
}

// Put records the page and body parsed from src, as a rebuild that parsed
// one file itself does.
func (c *Cache) Put(file string, src []byte, p *Page, body []byte, errs diag.List) {
	c.mu.Lock()
	c.entries[file] = cached{src: src, page: p, body: body, errs: errs}
	c.mu.Unlock()
}

// Source returns the bytes a file was last parsed from.
func (c *Cache) Source(file string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[file]
	return e.src, ok
}
