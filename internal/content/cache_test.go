package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestLoadReadsOnlyChangedFiles: with a cache, a load told which files
// may have changed reads the others only when their size or time moved,
// so a file changed behind the watcher's back still shows.
func TestLoadReadsOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, title string) { writePage(t, dir, name, title) }
	write("_index.md", "Home")
	write("a.md", "Alpha")
	write("b.md", "Bravo")
	site := &opens{statFS: os.DirFS(dir).(statFS), n: map[string]int{}}
	cache := NewCache()
	load := func(changed ...string) map[string]string { return loadTitles(t, site, cache, false, changed...) }
	load()
	if got := load(); got["content/a.md"] != "Alpha" || site.n["content/a.md"] != 0 || site.n["content/b.md"] != 0 {
		t.Errorf("nothing changed: titles %v, opens %v; want no file read", got, site.n)
	}

	// Named as changed: read, though its size and time are as they were.
	a := filepath.Join(dir, "content", "a.md")
	info, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	write("a.md", "Omega")
	if err := os.Chtimes(a, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if got := load("content/a.md"); got["content/a.md"] != "Omega" || site.n["content/a.md"] != 1 || site.n["content/b.md"] != 0 {
		t.Errorf("a.md named: titles %v, opens %v; want a.md read again, b.md not", got, site.n)
	}

	// Not named, but its time moved: read all the same.
	write("b.md", "Bravissimo")
	b := filepath.Join(dir, "content", "b.md")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(b, later, later); err != nil {
		t.Fatal(err)
	}
	if got := load(); got["content/b.md"] != "Bravissimo" || site.n["content/b.md"] != 1 {
		t.Errorf("b.md changed unnamed: titles %v, opens %v; want it read again", got, site.n)
	}
}

// writePage writes content/NAME under dir, a page titled title.
func writePage(t *testing.T, dir, name, title string) {
	t.Helper()
	p := filepath.Join(dir, "content", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("+++\ntitle = \""+title+"\"\n+++\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadTitles loads site through cache, told that changed are the files
// that changed (and, when watched, that they are all that did), and
// returns the pages' titles by file. It counts the opens and stats anew.
func loadTitles(t *testing.T, site *opens, cache *Cache, watched bool, changed ...string) map[string]string {
	t.Helper()
	site.reset()
	opt := Options{Cache: cache, Changed: map[string]bool{}, Watched: watched}
	for _, c := range changed {
		opt.Changed[c] = true
	}
	c, errs := Load(site, opt)
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	titles := map[string]string{}
	for _, p := range c.Pages {
		titles[p.File] = p.Title
	}
	return titles
}

type statFS interface {
	fs.FS
	fs.StatFS
}

// opens is a file system that counts the opens of each file, and the
// stats apart; a Stat is not an open.
type opens struct {
	statFS
	mu    sync.Mutex
	n     map[string]int
	stats int
}

func (o *opens) Stat(name string) (fs.FileInfo, error) {
	o.mu.Lock()
	o.stats++
	o.mu.Unlock()
	return o.statFS.Stat(name)
}

func (o *opens) Open(name string) (fs.File, error) {
	o.mu.Lock()
	o.n[name]++
	o.mu.Unlock()
	return o.statFS.Open(name)
}

func (o *opens) reset() {
	o.mu.Lock()
	clear(o.n)
	o.stats = 0
	o.mu.Unlock()
}
