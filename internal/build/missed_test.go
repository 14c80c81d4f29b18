package build

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestMissedMendsAWatchedUpdate: an update that trusts its paths to be
// every change shows a change it was not told of only once Missed names
// it and an update of that runs; the result is then a fresh build's.
func TestMissedMendsAWatchedUpdate(t *testing.T) {
	dir, page, b := builtDocs(t, "Text of b, after [[a]].")
	if missed := b.Missed(); missed != nil {
		t.Fatalf("after the first build, Missed() = %q; want nil", missed)
	}

	// a's title changes behind the watcher's back; b's is named.
	page("a", "Omega", "Text of a.")
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "content", "docs", "a.md"), later, later); err != nil {
		t.Fatal(err)
	}
	page("b", "Bravissimo", "Text of b, after [[a]].")
	res, _, err := b.UpdateWatched([]string{"content/docs/b.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Files["docs/b/index.html"]; !bytes.Contains(got, []byte("Bravissimo")) || !bytes.Contains(got, []byte("Alpha")) {
		t.Fatalf("b's page after a watched update naming it: want its new title and a's last one, trusted")
	}
	missed := b.Missed()
	if !slices.Equal(missed, []string{"content/docs/a.md"}) {
		t.Fatalf("Missed() = %q, want a.md", missed)
	}
	res, _, err = b.UpdateWatched(missed)
	if err != nil {
		t.Fatal(err)
	}
	if refreshed, _ := refreshSearch(b); refreshed != nil {
		res = refreshed // the search index, which a preview brings up to date later
	}
	want, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range want.Files {
		if !bytes.Equal(res.Files[p], data) {
			t.Errorf("%s differs from a fresh build after the missed change was named", p)
		}
	}
	if len(res.Files) != len(want.Files) {
		t.Errorf("%d files, a fresh build has %d", len(res.Files), len(want.Files))
	}
	if missed := b.Missed(); missed != nil {
		t.Errorf("after the mending update, Missed() = %q; want nil", missed)
	}
}

// builtDocs is a docsSite with pages a ("Alpha") and b ("Bravo", whose
// text is bText), built once by a Builder.
func builtDocs(t *testing.T, bText string) (string, func(name, title, body string), *Builder) {
	t.Helper()
	dir, page := docsSite(t)
	page("a", "Alpha", "Text of a.")
	page("b", "Bravo", bText)
	b := NewBuilder(os.DirFS(dir), Options{})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	return dir, page, b
}
