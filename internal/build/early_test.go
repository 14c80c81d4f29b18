package build

import (
	"testing"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/site"
)

// TestFirstPagesAsByDefinition checks which pages a preview rebuild lays
// out first against the definition: those whose output path is among
// the open paths, or the 404 page. Folders nest and share prefixes, and
// an open path may be a page's or another file's.
func TestFirstPagesAsByDefinition(t *testing.T) {
	open := []string{"index.html", "a/b/index.html", "css/kb.css", "a/index.html/index.html"}
	b := NewBuilder(nil, Options{})
	b.LayOutFirst(0, func() []string { return open }, func(Early) {})
	first := b.firstPages(output.NewMemory(nil))
	want := map[string]bool{"404.html": true}
	for _, p := range open {
		want[p] = true
	}
	for _, url := range []string{"", "a/", "a/b/", "a/bc/", "a/b/c/", "b/", "css/", "a/index.html/", "index.html/"} {
		for _, kind := range []content.Kind{content.Article, content.Section} {
			p := site.NewPage(&content.Page{URL: url, Kind: kind})
			if got := first(p); got != want[outPath(p)] {
				t.Errorf("page %q: laid out first %v, by definition %v", url, got, want[outPath(p)])
			}
		}
	}
	if nf := site.NewPage(&content.Page{Kind: content.NotFound}); !first(nf) {
		t.Error("the 404 page is not laid out first")
	}
}
