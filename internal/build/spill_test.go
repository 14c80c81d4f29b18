package build

import (
	"bytes"
	"maps"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/output"
)

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
		mem := output.NewMemory(nil)
		if _, err := b.build(mem); err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(mem.Files(), want.Files, bytes.Equal) {
			t.Errorf("spilled build: %d files, in-memory build %d, or their bytes differ", len(mem.Files()), len(want.Files))
		}
	})
}
