package render

import (
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// TestRelinkFindsEachLinksCall relinks a body whose resolver calls are
// not its links one for one: a link that failed is a call but no link,
// and calls may come in another order. Each link must get the target of
// its own call, pointing at this build's page, with or without the
// fast path that reads the last build's answers.
func TestRelinkFindsEachLinksCall(t *testing.T) {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n")}}
	for _, name := range []string{"from", "b", "c"} {
		fsys["content/g/"+name+".md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"" + name + "\"\n+++\n")}
	}
	c, errs := content.Load(fsys, content.Options{})
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	s, errs := site.Assemble(config.Default(), c, nil)
	if errs.Err() != nil {
		t.Fatal(errs)
	}
	from := s.Lookup("g/from/")
	link := func(dest string, line int) markdown.Link { return markdown.Link{Dest: dest, Line: line, Col: 1} }
	call := func(l markdown.Link) resolved {
		to, err := s.Resolve(from, l)
		return resolvedAs(l, to, err)
	}
	missing, toB, toC := link("missing.md", 1), link("b.md#x", 2), link("c.md", 3)
	for name, calls := range map[string][]resolved{
		"a failed call first":    {call(missing), call(toB), call(toC)},
		"calls in another order": {call(toC), call(toB)},
	} {
		for _, fast := range []bool{false, true} {
			// The body's links point at pages of an older build.
			old := func(l markdown.Link) markdown.Link {
				l.Target = markdown.Target{Ref: site.Ref{Page: site.NewPage(&content.Page{URL: "old/"})}}
				return l
			}
			e := &memoEntry{file: from.File, trace: trace{calls: calls}, body: Body{Links: []markdown.Link{old(toB), old(toC)}}}
			m := &Memo{next: map[string]*memoEntry{}, sameSpace: fast}
			b, ok := m.relink(&Renderer{site: s}, from, e)
			if !ok {
				t.Fatalf("%s (fast %v): not relinked", name, fast)
			}
			for i, want := range []string{"g/b/", "g/c/"} {
				if ref, _ := b.Links[i].Target.Ref.(site.Ref); ref.Page != s.Lookup(want) {
					t.Errorf("%s (fast %v): link %d leads to %+v, want this build's %s", name, fast, i, ref, want)
				}
			}
			if got, _ := b.Links[0].Target.Ref.(site.Ref); got.Fragment != "x" {
				t.Errorf("%s (fast %v): fragment %q, want x", name, fast, got.Fragment)
			}
			if e.body.Links[0].Target.Ref.(site.Ref).Page.URL != "old/" {
				t.Errorf("%s (fast %v): the memo's own body was changed", name, fast)
			}
		}
	}
}
