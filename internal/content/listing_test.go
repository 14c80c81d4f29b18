package content

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestWatchedLoadTrustsTheWatcher: a load told that its list of changes
// is complete looks at no file it does not name and does not walk the
// folders again; Missed then finds what the list left out, and a load
// naming that mends it.
func TestWatchedLoadTrustsTheWatcher(t *testing.T) {
	dir := t.TempDir()
	write := func(name, title string) { writePage(t, dir, name, title) }
	later := func(name string) {
		t.Helper()
		when := time.Now().Add(time.Minute)
		if err := os.Chtimes(filepath.Join(dir, "content", name), when, when); err != nil {
			t.Fatal(err)
		}
	}
	write("_index.md", "Home")
	write("a.md", "Alpha")
	write("b.md", "Bravo")
	site := &opens{statFS: os.DirFS(dir).(statFS), n: map[string]int{}}
	cache := NewCache()
	load := func(watched bool, changed ...string) map[string]string {
		t.Helper()
		return loadTitles(t, site, cache, watched, changed...)
	}
	missed := func(want ...string) {
		t.Helper()
		if got := cache.Missed(site); !slices.Equal(got, want) {
			t.Errorf("Missed() = %q, want %q", got, want)
		}
	}
	load(false)
	missed()

	// Nothing named: no file opened or looked at, no folder read (but
	// content/ itself, which must be there).
	if got := load(true); got["content/a.md"] != "Alpha" || len(site.n) != 0 || site.stats != 1 {
		t.Errorf("nothing named: titles %v, opens %v, %d stats; want no opens, one stat", got, site.n, site.stats)
	}

	// A change the list left out is not seen, until Missed names it.
	write("a.md", "Omega")
	later("a.md")
	if got := load(true); got["content/a.md"] != "Alpha" {
		t.Errorf("a.md changed unnamed: title %q; want the last one, trusted", got["content/a.md"])
	}
	missed("content/a.md")
	if got := load(true, "content/a.md"); got["content/a.md"] != "Omega" || site.n["content/a.md"] != 1 || site.n["content/b.md"] != 0 || site.n["content"] != 0 {
		t.Errorf("a.md named: titles %v, opens %v; want a.md read, nothing else", got, site.n)
	}
	missed()

	// A new folder with a file: named, the folders are walked again. A
	// new file in a folder walked before, then a removed one: named,
	// each is taken into the last walk's listing, no folder read.
	write("sub/c.md", "Charlie")
	missed("content/sub/c.md")
	if got := load(true, "content/sub", "content/sub/c.md"); got["content/sub/c.md"] != "Charlie" || site.n["content"] != 1 {
		t.Errorf("c.md new: titles %v, opens %v; want it read, the folder walked", got, site.n)
	}
	missed()
	write("d.md", "Delta") // in a folder walked before: named alone
	if got := load(true, "content/d.md"); got["content/d.md"] != "Delta" || site.n["content/d.md"] != 1 || site.n["content"] != 0 {
		t.Errorf("d.md new: titles %v, opens %v; want it read, no folder walked", got, site.n)
	}
	missed()
	if err := os.Remove(filepath.Join(dir, "content", "b.md")); err != nil {
		t.Fatal(err)
	}
	if _, ok := load(true, "content/b.md")["content/b.md"]; ok || site.n["content"] != 0 {
		t.Errorf("b.md removed: opens %v; want it gone, no folder walked", site.n)
	}
	missed()

	// A file whose bytes the cache was given without its time (a text
	// edit's): compared by its bytes, then by its time.
	src, err := os.ReadFile(filepath.Join(dir, "content", "a.md"))
	if err != nil {
		t.Fatal(err)
	}
	p, body, errs := Parse("content/a.md", src, nil)
	cache.Put("content/a.md", src, p, body, errs)
	missed()
	site.reset()
	missed()
	if site.n["content/a.md"] != 0 {
		t.Errorf("a.md compared once by its bytes: opened %d times again; want its time kept", site.n["content/a.md"])
	}
	cache.Put("content/a.md", []byte("+++\ntitle = \"Old\"\n+++\n"), p, body, errs)
	missed("content/a.md")
}
