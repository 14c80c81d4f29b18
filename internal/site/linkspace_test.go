package site

import (
	"slices"
	"testing"
)

// TestSpaceAdded: two builds' link spaces differ only in pages added
// and removed when every other page is as it was and the rest is the
// same; then Added names the pages added.
func TestSpaceAdded(t *testing.T) {
	base := []file{
		page("content/g/_index.md", "G", 0, nil),
		page("content/g/a.md", "A", 0, map[string][]string{"tags": {"x"}}),
		page("content/g/b.md", "B", 0, nil),
	}
	space := func(files ...file) *Space { return assembledSite(t, files...).Space() }
	last := space(base...)
	for _, c := range []struct {
		name  string
		files []file
		added []string
		ok    bool
	}{
		{"a new tag's page", []file{base[0], {"content/g/a.md", "title = \"A\"\ntags = [\"x\", \"y\"]\n"}, base[2]}, []string{"tags/y/"}, true},
		{"a new article", append(slices.Clone(base), page("content/g/c.md", "C", 0, nil)), []string{"g/c/"}, true},
		{"titles and weights only", []file{base[0], page("content/g/a.md", "A2", 3, map[string][]string{"tags": {"x"}}), base[2]}, nil, true},
		{"an article gone", base[:2], nil, true},
		{"one renamed", []file{base[0], base[1], page("content/g/c.md", "B", 0, nil)}, []string{"g/c/"}, true},
		{"one moved to another file, same URL", []file{base[0], base[1], {"content/g/bee.md", "title = \"B\"\nslug = \"b\"\n"}}, nil, false},
		{"an alias, and a page", []file{base[0], base[1], {"content/g/b.md", "title = \"B\"\naliases = [\"/old/\"]\n"}, page("content/g/c.md", "C", 0, nil)}, nil, false},
	} {
		added, ok := space(c.files...).Added(last)
		if ok != c.ok || ok && !slices.Equal(added, c.added) {
			t.Errorf("%s: Added = %q, %v; want %q, %v", c.name, added, ok, c.added, c.ok)
		}
	}
	if _, ok := last.Added(nil); ok {
		t.Error("added to no last space")
	}
}

// TestSpaceSameAsLinkSpace: two sites' Spaces are the same exactly when
// their LinkSpaces are: titles and weights leave both as they were, and
// a page, an alias or a file moved changes both.
func TestSpaceSameAsLinkSpace(t *testing.T) {
	base := []file{
		page("content/g/_index.md", "G", 0, nil),
		page("content/g/a.md", "A", 0, map[string][]string{"tags": {"x"}}),
		page("content/g/b.md", "B", 0, nil),
	}
	site := func(files ...file) *Site { return assembledSite(t, files...) }
	last := site(base...)
	for _, c := range []struct {
		name  string
		files []file
		same  bool
	}{
		{"the same files", base, true},
		{"titles and weights only", []file{base[0], page("content/g/a.md", "A2", 3, map[string][]string{"tags": {"x"}}), base[2]}, true},
		{"a new article", append(slices.Clone(base), page("content/g/c.md", "C", 0, nil)), false},
		{"an alias", []file{base[0], base[1], {"content/g/b.md", "title = \"B\"\naliases = [\"/old/\"]\n"}}, false},
		{"one moved to another file, same URL", []file{base[0], base[1], {"content/g/bee.md", "title = \"B\"\nslug = \"b\"\n"}}, false},
	} {
		s := site(c.files...)
		same, digests := s.Space().Same(last.Space()), s.LinkSpace() == last.LinkSpace()
		if same != c.same || digests != c.same {
			t.Errorf("%s: Same %v, LinkSpaces equal %v; want %v", c.name, same, digests, c.same)
		}
	}
	if last.Space().Same(nil) {
		t.Error("the same as no last space")
	}
}

// TestSpaceMoves: each last page's place maps to its place now, and a
// page gone to none.
func TestSpaceMoves(t *testing.T) {
	space := func(files ...file) *Space { return assembledSite(t, files...).Space() }
	g, a, b, c := page("content/g/_index.md", "G", 0, nil), page("content/g/a.md", "A", 0, nil), page("content/g/b.md", "B", 0, nil), page("content/g/c.md", "C", 0, nil)
	last := space(g, b, c)
	now := space(g, a, page("content/g/aa.md", "AA", 0, nil), c) // two added before c, b gone
	moves := now.Moves(last)
	for i, p := range last.pages {
		want := int32(0)
		for j, q := range now.pages {
			if q.url == p.url {
				want = int32(j + 1)
			}
		}
		if moves[i+1] != want {
			t.Errorf("%s: moved to %d, want %d", p.url, moves[i+1], want)
		}
	}
	placeOf := func(sp *Space, url string) int {
		return slices.IndexFunc(sp.pages, func(p spacePage) bool { return p.url == url }) + 1
	}
	if moves[placeOf(last, "g/b/")] != 0 {
		t.Error("g/b/, gone, moved somewhere")
	}
	if from, to := placeOf(last, "g/c/"), placeOf(now, "g/c/"); from == to || moves[from] != int32(to) {
		t.Errorf("g/c/ at %d, then %d: moved to %d", from, to, moves[from])
	}
}

// assembledSite is the site of files, with the taxonomy tags; any
// error fails the test.
func assembledSite(t *testing.T, files ...file) *Site {
	t.Helper()
	s, errs := assemble(t, []string{"tags"}, files...)
	if errs != "" {
		t.Fatal(errs)
	}
	return s
}
