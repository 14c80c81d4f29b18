package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/site/sitetest"
)

// relinkSite assembles a small site twice, as two builds of the same
// pages would.
func relinkSite(t *testing.T, titles map[string]string) (last, next *site.Site) {
	t.Helper()
	return assembleTitled(t, titles), assembleTitled(t, titles)
}

// assembleTitled is a site of home and a section g whose articles are
// named by titles' keys, with its values as their titles.
func assembleTitled(t *testing.T, titles map[string]string) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n")}}
	for name, title := range titles {
		fsys["content/g/"+name+".md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n+++\n")}
	}
	return sitetest.Assemble(t, fsys)
}

// lastBody is a memo entry for page from of last, as rendering it with
// links to dests would have left it.
func lastBody(last *site.Site, from string, dests ...string) *memoEntry {
	p := last.Lookup(from)
	e := &memoEntry{file: p.File}
	for i, d := range dests {
		l := markdown.Link{Dest: d, Wiki: strings.HasPrefix(d, "[["), Line: i + 1, Col: 1}
		if l.Wiki {
			l.Dest = strings.Trim(d, "[]")
		}
		to, err := last.Resolve(p, l)
		e.trace.calls = append(e.trace.calls, resolvedAs(last, l, to, err))
		if err == nil {
			l.Target = to
			e.body.Links = append(e.body.Links, l)
		}
	}
	return e
}

// TestRelinkInTheSameSpace hands a body's links on as they are when the
// last build's LinkSpace is the same and each link leads where it did,
// and reuses no body whose link leads to a page whose title changed.
// When pages were added, the places of the pages after them move, and
// the links are relinked.
func TestRelinkInTheSameSpace(t *testing.T) {
	titles := map[string]string{"from": "From", "b": "B", "c": "C"}
	last, s := relinkSite(t, titles)
	e := lastBody(last, "g/from/", "b.md", "[[c]]", "missing.md")
	m := &Memo{sameSpace: true}
	m.makeRoom(s)
	b, ok := m.relink(&Renderer{site: s}, s.Lookup("g/from/"), e)
	if !ok {
		t.Fatal("not reused")
	}
	if &b.Links[0] != &e.body.Links[0] {
		t.Error("the links were copied, not handed on")
	}
	for i, want := range []string{"g/b/", "g/c/"} {
		if to, _ := s.LinkedPage(b.Links[i]); to != s.Lookup(want) {
			t.Errorf("link %d leads to %v, want this build's %s", i, to, want)
		}
	}

	titles["c"] = "C, retitled"
	s = assembleTitled(t, titles)
	m.makeRoom(s)
	if _, ok := m.relink(&Renderer{site: s}, s.Lookup("g/from/"), e); ok {
		t.Error("reused a body whose wikilink's page has a new title")
	}
	titles["c"], titles["b"] = "C", "B, retitled"
	s = assembleTitled(t, titles)
	m.makeRoom(s)
	if _, ok := m.relink(&Renderer{site: s}, s.Lookup("g/from/"), e); ok {
		t.Error("reused a body whose linked page has a new title")
	}

	titles["b"], titles["z"] = "B", "Z" // after every page linked: none moves
	s = assembleTitled(t, titles)
	m = &Memo{pagesOnly: true, added: []string{"z"}}
	m.makeRoom(s)
	if b, ok = m.relink(&Renderer{site: s}, s.Lookup("g/from/"), e); !ok || &b.Links[0] != &e.body.Links[0] {
		t.Errorf("after a page was added after the pages linked: reused %v, links handed on %v", ok, ok && &b.Links[0] == &e.body.Links[0])
	}

	delete(titles, "z")
	titles["a"] = "A" // g/a/ takes g/b/'s place
	s = assembleTitled(t, titles)
	m = &Memo{pagesOnly: true, added: []string{"a"}}
	m.makeRoom(s)
	b, ok = m.relink(&Renderer{site: s}, s.Lookup("g/from/"), e)
	if !ok {
		t.Fatal("not reused after a page was added")
	}
	for i, want := range []string{"g/b/", "g/c/"} {
		if to, _ := s.LinkedPage(b.Links[i]); to != s.Lookup(want) {
			t.Errorf("after a page was added, link %d leads to %v, want %s", i, to, want)
		}
	}
}

// TestRelinkKeepsThisBuildsPlaces relinks a body after a page was added
// before the page it links to, then offers it to a build with the same
// space in which the linked page has a new title: the body must not be
// reused, though the page now in the linked page's old place has its
// old title.
func TestRelinkKeepsThisBuildsPlaces(t *testing.T) {
	first := assembleTitled(t, map[string]string{"from": "From", "b": "B"})
	e := lastBody(first, "g/from/", "b.md")

	// g/a/ takes g/b/'s place.
	s := assembleTitled(t, map[string]string{"from": "From", "a": "B", "b": "B"})
	m := &Memo{pagesOnly: true, added: []string{"a"}}
	m.makeRoom(s)
	b, ok := m.relink(&Renderer{site: s}, s.Lookup("g/from/"), e)
	if !ok {
		t.Fatal("not reused after a page was added")
	}
	if to, _ := s.LinkedPage(b.Links[0]); to != s.Lookup("g/b/") {
		t.Fatalf("the link leads to %v, want g/b/", to)
	}
	kept := m.next[s.Lookup("g/from/").Index()]

	s = assembleTitled(t, map[string]string{"from": "From", "a": "B", "b": "B, retitled"})
	m = &Memo{sameSpace: true}
	m.makeRoom(s)
	if _, ok := m.relink(&Renderer{site: s}, s.Lookup("g/from/"), kept); ok {
		t.Error("reused a body whose linked page has a new title, by the page in its old place")
	}
}

// TestRelinkFindsEachLinksCall relinks a body whose resolver calls are
// not its links one for one: a link that failed is a call but no link,
// and calls may come in another order. Each link must get the target of
// its own call, leading to this build's page, with or without the
// fast path that reads the last build's answers.
func TestRelinkFindsEachLinksCall(t *testing.T) {
	last, s := relinkSite(t, map[string]string{"from": "from", "b": "b", "c": "c"})
	from := s.Lookup("g/from/")
	link := func(dest string, line int) markdown.Link { return markdown.Link{Dest: dest, Line: line, Col: 1} }
	// The calls and links as the last build made them.
	call := func(l markdown.Link) resolved {
		to, err := last.Resolve(last.Lookup("g/from/"), l)
		return resolvedAs(last, l, to, err)
	}
	missing, toB, toC := link("missing.md", 1), link("b.md#x", 2), link("c.md", 3)
	for name, calls := range map[string][]resolved{
		"a failed call first":    {call(missing), call(toB), call(toC)},
		"calls in another order": {call(toC), call(toB)},
	} {
		for _, fast := range []bool{false, true} {
			// The body's links, resolved by the last build; from a file,
			// without their targets' Refs.
			old := func(l markdown.Link) markdown.Link {
				l.Target, _ = last.Resolve(last.Lookup("g/from/"), l)
				if !fast {
					l.Target.Ref = nil
				}
				return l
			}
			e := &memoEntry{file: from.File, trace: trace{calls: calls}, body: Body{Links: []markdown.Link{old(toB), old(toC)}}}
			m := &Memo{sameSpace: fast}
			m.makeRoom(s)
			if !fast {
				m.path = "bodies" // kept in a file: relinked by URL
			}
			b, ok := m.relink(&Renderer{site: s}, from, e)
			if !ok {
				t.Fatalf("%s (fast %v): not relinked", name, fast)
			}
			for i, want := range []string{"g/b/", "g/c/"} {
				if to, _ := s.LinkedPage(b.Links[i]); to != s.Lookup(want) {
					t.Errorf("%s (fast %v): link %d leads to %+v, want this build's %s", name, fast, i, to, want)
				}
			}
			if _, frag := s.LinkedPage(b.Links[0]); frag != "x" {
				t.Errorf("%s (fast %v): fragment %q, want x", name, fast, frag)
			}
			if !fast && e.body.Links[0].Target.Ref != nil {
				t.Errorf("%s (fast %v): the memo's own body was changed", name, fast)
			}
		}
	}
}

// TestFastTargetByPath: after pages were added, a link that names a
// Markdown file by its path leads to that file's page whatever the
// added pages' names, and is taken from the last build's answer; a
// link of another kind that holds an added page's name, or an escape
// that could spell it, is resolved again, as it may lead to the added
// page now.
func TestFastTargetByPath(t *testing.T) {
	last := assembleTitled(t, map[string]string{"from": "From", "b": "B"})
	e := lastBody(last, "g/from/", "b.md", "b.md#part", "./b.md?x=1")
	// As after a page named b was added in another section: its name is
	// in every link above.
	s := assembleTitled(t, map[string]string{"from": "From", "b": "B"})
	m := &Memo{pagesOnly: true, added: []string{"b"}}
	m.makeRoom(s)
	for i, c := range e.trace.calls {
		if !c.byPath {
			t.Errorf("%q: not taken as naming a file by its path", c.link.Dest)
		}
		to, ok := m.fastTarget(s, &c, c.place)
		if !ok {
			t.Errorf("%q: resolved again, though it names a file by its path", c.link.Dest)
			continue
		}
		if p, _ := s.LinkedPage(markdown.Link{Target: to}); p != s.Lookup("g/b/") {
			t.Errorf("link %d leads to %v, want g/b/", i, p)
		}
	}
	for _, dest := range []string{"../b/", "b", "b%2Emd", "%62.md", "[[b]]"} {
		c := resolved{link: markdown.Link{Dest: strings.Trim(dest, "[]"), Wiki: strings.HasPrefix(dest, "[[")}, page: "g/b/"}.withFragment()
		if c.byPath {
			t.Errorf("%q taken as naming a file by its path", dest)
		}
		if _, ok := m.fastTarget(s, &c, 0); ok {
			t.Errorf("%q, which holds an added page's name, was not resolved again", dest)
		}
	}
}
