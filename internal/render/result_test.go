package render

import (
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site/sitetest"
)

// WithoutHTML's copy has no body's HTML, and the rest of each page; the
// result itself keeps its HTML, and what its layouts do to it (letting
// the HTML go) does not reach the copy.
func TestWithoutHTML(t *testing.T) {
	s := sitetest.Assemble(t, fstest.MapFS{"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\nText.\n")}})
	p := s.Pages[0]
	r := &Result{pages: make([]Page, len(s.Pages)), of: s.Pages}
	r.pages[0] = Page{Body: Body{html: []byte("<p>x</p>"), Words: 2, Links: []markdown.Link{{Dest: "a.md"}}}, SourceSum: [32]byte{1}}
	c := r.WithoutHTML()
	if got := c.Of(p); got.Body.html != nil || got.Body.Words != 2 || len(got.Body.Links) != 1 || got.SourceSum != ([32]byte{1}) {
		t.Errorf("copy's page: %+v", got)
	}
	if r.Of(p).Body.html == nil {
		t.Fatal("the result lost its HTML")
	}
	r.ReleaseHTML(p)
	if r.Of(p).Body.html != nil || c.Of(p).Body.Words != 2 {
		t.Error("letting the result's HTML go did not, or changed the copy")
	}
}
