package linkcheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Cache keeps results between runs in a JSON file, so that a second check
// asks the network only for URLs it has not asked lately. Only results
// that will stay are kept: a success, a permanent redirect, and an error
// status that is not a server's passing trouble (4xx other than 408 and
// 429). A timeout, a reset, a host that did not resolve (the network may
// be down) or a 5xx is asked again on the next run. Entries older than
// the cache's age are dropped, used or not.
type Cache struct {
	path   string
	maxAge time.Duration
	mu     sync.Mutex
	links  map[string]cacheEntry
}

// cacheVersion changes when the file's meaning does; a file of another
// version is started afresh.
const cacheVersion = 1

type cacheFile struct {
	Version int                   `json:"version"`
	Links   map[string]cacheEntry `json:"links"`
}

type cacheEntry struct {
	Checked time.Time `json:"checked"`
	Outcome string    `json:"outcome"` // "ok", "redirected" or "broken"
	Status  int       `json:"status,omitempty"`
	Target  string    `json:"target,omitempty"`
}

// OpenCache reads the cache at path, keeping the entries younger than
// maxAge at now. A missing file is an empty cache; a file that cannot be
// read is one too, with an error saying why (the check can go on
// without it).
func OpenCache(path string, maxAge time.Duration, now time.Time) (*Cache, error) {
	c := &Cache{path: path, maxAge: maxAge, links: map[string]cacheEntry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	var f cacheFile
	if err := json.Unmarshal(data, &f); err != nil {
		return c, fmt.Errorf("%s is not a link cache (%v): it will be written afresh", path, err)
	}
	if f.Version != cacheVersion {
		return c, nil // written by another kb: start afresh
	}
	for u, e := range f.Links {
		if c.fresh(e, now) && outcomeOf(e.Outcome) >= 0 {
			c.links[u] = e
		}
	}
	return c, nil
}

func (c *Cache) fresh(e cacheEntry, now time.Time) bool {
	return now.Sub(e.Checked) < c.maxAge
}

// lookup returns u's cached result, if it has one younger than the
// cache's age. A nil Cache has none.
func (c *Cache) lookup(u string, now time.Time) (Result, bool) {
	if c == nil {
		return Result{}, false
	}
	c.mu.Lock()
	e, ok := c.links[u]
	c.mu.Unlock()
	if !ok || !c.fresh(e, now) {
		return Result{}, false
	}
	r := Result{URL: u, Outcome: Outcome(outcomeOf(e.Outcome)), Status: e.Status, Target: e.Target, Cached: true}
	if r.Outcome == Broken {
		r.Failure = Status
	}
	return r, true
}

// store keeps r, if it is a result that will stay. A nil Cache keeps
// nothing.
func (c *Cache) store(r Result, now time.Time) {
	if c == nil {
		return
	}
	var outcome string
	switch {
	case r.Outcome == OK:
		outcome = "ok"
	case r.Outcome == Redirected:
		outcome = "redirected"
	case r.Outcome == Broken && r.Failure == Status && r.Status < 500 && !transientStatus(r.Status):
		outcome = "broken"
	default:
		return
	}
	c.mu.Lock()
	c.links[r.URL] = cacheEntry{Checked: now.UTC().Truncate(time.Second), Outcome: outcome, Status: r.Status, Target: r.Target}
	c.mu.Unlock()
}

// Save writes the cache back to its file, creating its folder, through a
// temporary file renamed into place, so that a check stopped halfway
// leaves the previous cache whole.
func (c *Cache) Save() error {
	c.mu.Lock()
	data, err := json.MarshalIndent(cacheFile{Version: cacheVersion, Links: c.links}, "", "\t")
	c.mu.Unlock()
	if err != nil {
		return err
	}
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(c.path)+"-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// outcomeOf is the Outcome a cache entry names, -1 for one it does not
// know.
func outcomeOf(s string) int {
	switch s {
	case "ok":
		return int(OK)
	case "redirected":
		return int(Redirected)
	case "broken":
		return int(Broken)
	}
	return -1
}
