package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPageMovedUnderItsURL: a page moved to another file that keeps its
// URL (by its slug) breaks the links to its old file. A rebuild that
// reuses the linking page's body must find that, though the URL is
// still there, as a fresh build does.
func TestPageMovedUnderItsURL(t *testing.T) {
	dir, _, b := builtDocs(t, "Text of b, after [the first](a.md).")
	if err := os.Remove(filepath.Join(dir, "content", "docs", "a.md")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content", "docs", "alpha.md"), []byte("+++\ntitle = \"Alpha\"\nslug = \"a\"\n+++\nText of a.\n"))
	_, _, gotErr := b.UpdateWatched([]string{"content/docs/a.md", "content/docs/alpha.md"})
	_, wantErr := Build(os.DirFS(dir), Options{})
	if wantErr == nil {
		t.Fatal("a fresh build finds no broken link")
	}
	if gotErr == nil || gotErr.Error() != wantErr.Error() {
		t.Errorf("rebuild: %v\nfresh build: %v", gotErr, wantErr)
	}
}
