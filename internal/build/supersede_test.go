package build

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// TestSupersededRebuildStopsAfterHandOver: a rebuild told that a later
// save waits stops, but only once it has handed the open page over, and
// returns ErrSuperseded; the next update, of both saves, gives a fresh
// build's files, the search index and llms-full.txt included once they
// catch up. A rebuild that hands nothing over early never stops.
func TestSupersededRebuildStopsAfterHandOver(t *testing.T) {
	dir, page, b, h := openPageSite(t)
	var asked atomic.Int32
	b.StopWhen(func() bool { asked.Add(1); return true })

	page("a", "A renamed", "Text of A.")
	res, _, err := b.UpdateWatched([]string{"content/docs/a.md"})
	if !errors.Is(err, ErrSuperseded) || res != nil {
		t.Fatalf("a rebuild with a later save waiting: result %v, error %v; want none, ErrSuperseded", res != nil, err)
	}
	if h.n != 1 || !strings.Contains(string(h.files["docs/b/index.html"]), ">A renamed</a>") {
		t.Fatalf("%d hand-overs before stopping, the open page with the new title: %t; want 1, true", h.n, strings.Contains(string(h.files["docs/b/index.html"]), ">A renamed</a>"))
	}
	if asked.Load() == 0 {
		t.Error("the rebuild stopped without asking")
	}

	// The later save, rebuilt with the one the stopped rebuild left.
	b.StopWhen(func() bool { return false })
	page("a", "A renamed again", "Text of A, edited.")
	got, _, err := b.UpdateWatched([]string{"content/docs/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if refreshed, _ := refreshSearch(b); refreshed != nil {
		got = refreshed
	}
	want, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range slices.Sorted(maps.Keys(want.Files)) {
		if !bytes.Equal(got.Files[p], want.Files[p]) {
			t.Errorf("%s differs from a fresh build's after a stopped rebuild", p)
		}
	}
	if len(got.Files) != len(want.Files) {
		t.Errorf("%d files after a stopped rebuild, a fresh build has %d", len(got.Files), len(want.Files))
	}

	// A rebuild of a site with fewer pages than LayOutFirst's minimum
	// hands nothing over, and so finishes whatever stop says.
	b.LayOutFirst(len(want.Files), func() []string { return []string{"docs/b/index.html"} }, h.ready)
	b.StopWhen(func() bool { return true })
	n := h.n
	page("a", "A once more", "Text of A, edited.")
	if _, _, err := b.UpdateWatched([]string{"content/docs/a.md"}); err != nil {
		t.Fatalf("a rebuild that handed nothing over: %v", err)
	}
	if h.n != n {
		t.Error("a rebuild below the minimum handed files over")
	}
}
