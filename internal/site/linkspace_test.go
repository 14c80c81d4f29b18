package site

import (
	"slices"
	"testing"
)

// TestSpaceGrown: a build's link space only grows when every page of the
// last is there as it was and the rest is the same; then Grown names the
// pages added.
func TestSpaceGrown(t *testing.T) {
	base := []file{
		page("content/g/_index.md", "G", 0, nil),
		page("content/g/a.md", "A", 0, map[string][]string{"tags": {"x"}}),
		page("content/g/b.md", "B", 0, nil),
	}
	space := func(files ...file) *Space {
		t.Helper()
		s, errs := assemble(t, []string{"tags"}, files...)
		if errs != "" {
			t.Fatal(errs)
		}
		return s.Space()
	}
	last := space(base...)
	for _, c := range []struct {
		name  string
		files []file
		added []string
	}{
		{"a new tag's page", []file{base[0], {"content/g/a.md", "title = \"A\"\ntags = [\"x\", \"y\"]\n"}, base[2]}, []string{"tags/y/"}},
		{"a new article", append(slices.Clone(base), page("content/g/c.md", "C", 0, nil)), []string{"g/c/"}},
		{"titles and weights only", []file{base[0], page("content/g/a.md", "A2", 3, map[string][]string{"tags": {"x"}}), base[2]}, nil},
		{"an article gone", base[:2], nil},
		{"one renamed", []file{base[0], base[1], page("content/g/c.md", "B", 0, nil)}, nil},
		{"one moved to another file, same URL", []file{base[0], base[1], {"content/g/bee.md", "title = \"B\"\nslug = \"b\"\n"}}, nil},
		{"an alias, and a page", []file{base[0], base[1], {"content/g/b.md", "title = \"B\"\naliases = [\"/old/\"]\n"}, page("content/g/c.md", "C", 0, nil)}, nil},
	} {
		added, ok := space(c.files...).Grown(last)
		if ok != (c.added != nil) || !slices.Equal(added, c.added) {
			t.Errorf("%s: Grown = %q, %v; want %q", c.name, added, ok, c.added)
		}
	}
	if _, ok := last.Grown(nil); ok {
		t.Error("grown from no last space")
	}
}
