package build

import (
	"bytes"
	"kb/internal/output"
	"maps"
	"os"
	"testing"
	"testing/fstest"
)

// TestSpill keeps pages' HTML past a budget in the scratch file and reads
// it back byte for byte; the file leaves nothing in its folder.
func TestSpill(t *testing.T) {
	dir := t.TempDir()
	sp := newSpill(dir, int64(len("<p>first</p>")))
	if sp == nil {
		t.Fatal("no spill file")
	}
	defer sp.close()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the spill file is still in its folder: %v", entries)
	}
	pages := []string{"<p>first</p>", "<p>second, past the budget</p>", "", "<p>third</p>"}
	bodies := make([]body, len(pages))
	for i, html := range pages {
		bodies[i].html = []byte(html)
		sp.keep(&bodies[i])
	}
	for i, b := range bodies {
		if spilled := b.html == nil && pages[i] != ""; spilled != (i == 1 || i == 3) {
			t.Errorf("page %d: spilled %v; want only the pages past the budget", i, spilled)
		}
		got, err := sp.html(b)
		if err != nil || !bytes.Equal(got, []byte(pages[i])) {
			t.Errorf("page %d read back as %q, %v; want %q", i, got, err, pages[i])
		}
	}
}

// TestSpilledBuildMatchesBuild builds every golden site with all of its
// rendered HTML spilled, and expects exactly the in-memory build's files.
func TestSpilledBuildMatchesBuild(t *testing.T) {
	eachArchive(t, "testdata/golden", "", func(t *testing.T, site fstest.MapFS, _ string) {
		want, err := Build(site, Options{})
		if err != nil {
			t.Fatal(err)
		}
		b := NewBuilder(site, Options{})
		b.once, b.spillDir, b.spillBudget = true, t.TempDir(), 0
		mem := output.NewMemory()
		if _, err := b.build(mem); err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(mem.Files(), want.Files, bytes.Equal) {
			t.Errorf("spilled build: %d files, in-memory build %d, or their bytes differ", len(mem.Files()), len(want.Files))
		}
	})
}
