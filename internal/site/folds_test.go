package site

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
)

// TestGeneratedClash: a page that takes the URL of a page kb generates is
// one error, at its slug, and the generated page is still there for
// templates (no nil), but not in the site's pages, so nothing renders
// twice.
func TestGeneratedClash(t *testing.T) {
	s, errs := assemble(t, []string{"tags"},
		file{"content/a.md", "title = \"A\"\nslug = \"all-articles\"\n"},
		file{"content/search.md", "title = \"S\"\n"},
		file{"content/b.md", "title = \"B\"\nslug = \"tags\"\ntags = [\"x\"]\n"},
	)
	want := strings.Join([]string{
		`content/a.md:3:1: URL /all-articles/ is claimed by this page and by the articles page "All articles" that kb makes; change the slug`,
		`content/b.md:3:1: URL /tags/ is claimed by this page and by the taxonomy page "Tags" that kb makes; change the slug`,
		`content/search.md:1:1: URL /search/ is claimed by this page and by the search page "Search" that kb makes; rename the page or set slug = "..."`,
	}, "\n")
	if got := sortLines(errs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s.AllArticles == nil || s.Taxonomies[0].Page == nil || s.Taxonomies[0].Terms[0].Page.Term.Taxonomy.Page == nil {
		t.Fatal("a generated page left out is nil: templates would fail on it")
	}
	seen := map[string]bool{}
	for _, p := range s.Pages {
		if seen[p.URL] {
			t.Errorf("two pages at /%s", p.URL)
		}
		seen[p.URL] = true
	}
}

// TestFoldClash: URLs that differ only in case are one error, at the slug
// that made one of them, and links to the page left out still resolve.
func TestFoldClash(t *testing.T) {
	s, errs := assemble(t, nil,
		file{"content/g/_index.md", "title = \"G\"\n"},
		file{"content/g/guide.md", "title = \"Guide\"\n"},
		file{"content/g/aaa.md", "title = \"Other\"\nslug = \"GUIDE\"\n"},
		file{"content/g/b.md", "title = \"B\"\naliases = [\"/G/old/\", \"/g/Guide/\", \"/kept/\", \"/Kept/x/\"]\n"},
	)
	want := strings.Join([]string{
		`content/g/aaa.md:3:1: URLs /g/GUIDE/ and /g/guide/ (content/g/guide.md) differ only in case, so they are one name on macOS and Windows; change the slug`,
		`content/g/b.md:3:1: alias "/G/old/" and /g/ (content/g/_index.md) differ only in case, so they are one name on macOS and Windows; change one`,
		`content/g/b.md:3:1: alias "/Kept/x/" and /kept/ (a path of another alias) differ only in case, so they are one name on macOS and Windows; change one`,
		`content/g/b.md:3:1: alias "/g/Guide/" and /g/guide/ (content/g/guide.md) differ only in case, so they are one name on macOS and Windows; change one`,
	}, "\n")
	if got := sortLines(errs); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s.Lookup("g/GUIDE/") != nil {
		t.Error("the page left out is in the site")
	}
	if b := s.Lookup("g/b/"); strings.Join(b.Aliases, " ") != "/kept/" {
		t.Errorf("aliases kept: %q", b.Aliases)
	}
	if _, err := s.Resolve(s.Lookup("g/b/"), markdown.Link{Dest: "aaa.md"}); err != nil {
		t.Errorf("a link to the page left out: %v", err)
	}
}

// TestClashedFilesResolve: pages content.Load left out because their
// files clash are still found by links, so the clash is the one message.
func TestClashedFilesResolve(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":   {Data: []byte("+++\ntitle = \"H\"\n+++\n")},
		"content/g/Guide.md":  {Data: []byte("+++\ntitle = \"Guide\"\n+++\n")},
		"content/g/guide.md":  {Data: []byte("+++\ntitle = \"guide\"\n+++\n")},
		"content/N/only.md":   {Data: []byte("+++\ntitle = \"Only\"\n+++\n")},
		"content/n/single.md": {Data: []byte("+++\ntitle = \"Single\"\n+++\n")},
	}
	c, errs := content.Load(fsys, content.Options{})
	if len(errs) != 2 {
		t.Fatalf("got %v", errs)
	}
	s, serrs := Assemble(config.Default(), c, nil)
	if len(serrs) != 0 {
		t.Fatalf("got %v", serrs)
	}
	// The files left out are those not in plain form: Guide.md and N/.
	from := s.Lookup("g/guide/")
	for _, l := range []markdown.Link{{Dest: "Guide.md"}, {Dest: "../N/only.md"}, {Dest: "only", Wiki: true}} {
		if _, err := s.Resolve(from, l); err != nil {
			t.Errorf("Resolve(%v): %v", l, err)
		}
	}
}

func TestConfigWarningsReported(t *testing.T) {
	cfg := config.Default()
	cfg.NoFile = true
	c, _ := content.Load(fstest.MapFS{"content/_index.md": {Data: []byte("+++\ntitle = \"H\"\n+++\n")}}, content.Options{})
	_, errs := Assemble(cfg, c, nil)
	if len(errs) != 1 || len(errs.Warnings()) != 1 || !strings.HasPrefix(errs[0].Error(), "config.toml: warning: no config.toml found") {
		t.Errorf("got %v", errs)
	}
}

// TestGeneratedPageNames: the URLs config refuses as taxonomy names are
// those of the pages kb makes.
func TestGeneratedPageNames(t *testing.T) {
	_, err := config.Parse("taxonomies = [\"" + strings.TrimSuffix(SearchURL, "/") + "\", \"" + strings.TrimSuffix(AllArticlesURL, "/") + "\"]\n")
	if err == nil || strings.Count(err.Error(), "where kb makes its own") != 2 {
		t.Errorf("config.Parse accepts a taxonomy at a generated page's URL: %v", err)
	}
}

func sortLines(s string) string {
	lines := strings.Split(s, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
