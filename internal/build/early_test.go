package build

import (
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/site/sitetest"
)

// TestFirstPagesAsByDefinition checks which pages a preview rebuild lays
// out first against the definition: those whose output path is among
// the open paths, or the 404 page. Folders nest and share prefixes, and
// an open path may be a page's or another file's.
func TestFirstPagesAsByDefinition(t *testing.T) {
	open := []string{"index.html", "a/b/index.html", "css/kb.css", "a/index.html/index.html"}
	fsys := fstest.MapFS{}
	for _, f := range []string{"_index.md", "a/_index.md", "a/b/_index.md", "a/bc.md", "a/b/c.md", "b.md", "css.md", "a/index.html.md", "index.html.md"} {
		fsys["content/"+f] = &fstest.MapFile{Data: []byte("+++\ntitle = \"T\"\n+++\n")}
	}
	s := sitetest.Assemble(t, fsys)
	b := NewBuilder(nil, Options{})
	b.LayOutFirst(0, func() []string { return open }, func(Early) {})
	first := b.firstPages(output.NewMemory(nil), s)
	want := map[string]bool{"404.html": true}
	for _, p := range open {
		want[p] = true
	}
	pages := layoutPages(s)
	if len(first) != len(pages) {
		t.Fatalf("%d pages said first or not, of %d", len(first), len(pages))
	}
	laidFirst := 0
	for i, p := range pages {
		if first[i] != want[outPath(p)] {
			t.Errorf("page %q: laid out first %v, by definition %v", outPath(p), first[i], want[outPath(p)])
		}
		if first[i] {
			laidFirst++
		}
	}
	if laidFirst != 4 { // the home page, a/b/, a/index.html/ and the 404 page
		t.Errorf("%d pages laid out first, want 4", laidFirst)
	}
	if b.firstPages(output.Discard{}, s) != nil {
		t.Error("a build that writes nowhere lays pages out first")
	}
}
