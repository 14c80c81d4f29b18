package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"kb/internal/config"
	"kb/internal/content"
)

// file is a content file of a test site: its path and front matter lines.
type file struct{ path, front string }

func page(path, title string, weight int, terms map[string][]string) file {
	front := fmt.Sprintf("title = %q\nweight = %d\n", title, weight)
	for k, v := range terms {
		front += fmt.Sprintf("%s = [%q]\n", k, strings.Join(v, `", "`))
	}
	return file{path, front}
}

func assemble(t *testing.T, taxonomies []string, files ...file) (*Site, string) {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n")}}
	for _, f := range files {
		fsys[f.path] = &fstest.MapFile{Data: []byte("+++\n" + f.front + "+++\n")}
	}
	c, errs := content.Load(fsys, content.Options{Taxonomies: taxonomies})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	cfg := config.Default()
	cfg.Taxonomies = taxonomies
	s, errs := Assemble(cfg, c)
	return s, errs.Error()
}

func TestListOrder(t *testing.T) {
	s, errs := assemble(t, nil,
		page("content/g/_index.md", "G", 0, nil),
		page("content/g/zeta.md", "Zeta", 0, nil),
		page("content/g/beta.md", "beta", 0, nil),
		page("content/g/second.md", "Second", 2, nil),
		page("content/g/first.md", "First", 1, nil),
		page("content/g/Alpha.md", "Alpha", 0, nil),
	)
	if errs != "" {
		t.Fatal(errs)
	}
	var got []string
	for _, a := range s.Lookup("g/").Articles {
		got = append(got, a.Title)
	}
	if strings.Join(got, ",") != "First,Second,Alpha,beta,Zeta" {
		t.Errorf("order = %v", got)
	}
}

func TestTermSlug(t *testing.T) {
	for in, want := range map[string]string{"Big Ideas": "big-ideas", " CTO ": "cto", "series-a": "series-a"} {
		if got := TermSlug(in); got != want {
			t.Errorf("TermSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTaxonomyPageClash(t *testing.T) {
	_, errs := assemble(t, []string{"tags"},
		page("content/tags.md", "A page at /tags/", 0, nil),
		page("content/a.md", "A", 0, map[string][]string{"tags": {"x"}}),
	)
	if want := "content/tags.md:1:1: URL /tags/ is claimed by this page and by the taxonomy page \"Tags\""; !strings.HasPrefix(errs, want) {
		t.Errorf("got %s\nwant %s", errs, want)
	}
}

func TestResolveLink(t *testing.T) {
	s, errs := assemble(t, nil,
		page("content/roles/_index.md", "Roles", 0, nil),
		page("content/roles/cto.md", "CTO", 0, nil),
		page("content/guides/a b.md", "Spaced", 0, nil),
		page("content/guides/x.md", "X", 0, nil),
	)
	if errs != "" {
		t.Fatal(errs)
	}
	from := s.Lookup("guides/x/")
	for _, tc := range []struct{ dest, want, err string }{
		{"../roles/cto.md", "roles/cto/", ""},
		{"../roles/cto.md#skills", "roles/cto/#skills", ""},
		{"/roles/cto.md", "roles/cto/", ""},
		{"../roles/_index.md", "roles/", ""},
		{"../_index.md", "", ""},
		{"a%20b.md", "guides/a b/", ""},
		{"../roles/ctp.md", "", `broken link "../roles/ctp.md": no such page (did you mean "../roles/cto.md"?)`},
		{"cto.md", "", `broken link "cto.md": no such page (did you mean "../roles/cto.md"?)`},
		{"../../../etc/passwd.md", "", `broken link "../../../etc/passwd.md": no such page`},
		{"bad%zz.md", "", `link "bad%zz.md" is not a valid URL path`},
	} {
		got, ok, err := s.ResolveLink(from, tc.dest)
		switch {
		case tc.err != "":
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("ResolveLink(%q) err = %v, want %s", tc.dest, err, tc.err)
			}
		case err != nil || !ok || got != tc.want:
			t.Errorf("ResolveLink(%q) = %q, %v, %v; want %q", tc.dest, got, ok, err, tc.want)
		}
	}
	if _, ok, err := s.ResolveLink(from, "image.png"); ok || err != nil {
		t.Error("a non-Markdown path is not for ResolveLink")
	}
}
