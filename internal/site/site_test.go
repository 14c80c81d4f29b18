package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
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
	s, errs := Assemble(cfg, c, nil)
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

func TestResolve(t *testing.T) {
	s, errs := assemble(t, nil,
		page("content/roles/_index.md", "Roles", 0, nil),
		page("content/roles/cto.md", "CTO", 0, nil),
		page("content/guides/a b.md", "Spaced", 0, nil),
		page("content/guides/x.md", "X", 0, nil),
		file{"content/guides/_index.md", "title = \"Guides\"\naliases = [\"/old-guides/\"]\n"},
		file{"content/roles/ceo.md", "title = \"CEO\"\naliases = [\"/old-ceo/\"]\n"},
	)
	if errs != "" {
		t.Fatal(errs)
	}
	from := s.Lookup("guides/x/")
	for _, tc := range []struct {
		dest string
		wiki bool
		want string
		err  string
	}{
		{"../roles/cto.md", false, "/roles/cto/", ""},
		{"../roles/cto.md#skills", false, "/roles/cto/#skills", ""},
		{"/roles/cto.md", false, "/roles/cto/", ""},
		{"../roles/_index.md", false, "/roles/", ""},
		{"../roles/", false, "/roles/", ""},
		{"../roles", false, "/roles/", ""},
		{"../_index.md", false, "/", ""},
		{"a%20b.md", false, "/guides/a%20b/", ""},
		{"#here", false, "#here", ""},
		{"x.md#here", false, "#here", ""},
		{"cto", true, "/roles/cto/", ""},
		{"roles/cto#skills", true, "/roles/cto/#skills", ""},
		{"roles", true, "/roles/", ""},
		{"CTO", true, "/roles/cto/", ""},
		{"../roles/ctp.md", false, "", `broken link "../roles/ctp.md": no such page (did you mean "../roles/cto.md"?)`},
		{"cto.md", false, "", `broken link "cto.md": no such page (did you mean "../roles/cto.md"?)`},
		{"../../../etc/passwd.md", false, "", `broken link "../../../etc/passwd.md": no such page`},
		{"bad%zz.md", false, "", `link "bad%zz.md" is not a valid URL path`},
		{"image.png", false, "", `broken link "image.png": no such page or file`},
		{"ctoo", true, "", `broken wikilink [[ctoo]]: no page is named "ctoo" (did you mean [[cto]]?)`},
		// A section's old address leads to its own; an article is linked
		// by its file, old address or not.
		{"/old-guides/", false, "/guides/", ""},
		{"../old-guides", false, "/guides/", ""},
		{"/old-ceo/", false, "", `broken link "/old-ceo/": no such page or file`},
	} {
		got, err := s.Resolve(from, markdown.Link{Dest: tc.dest, Wiki: tc.wiki})
		switch {
		case tc.err != "":
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
				t.Errorf("Resolve(%q) err = %v, want %s", tc.dest, err, tc.err)
			}
		case err != nil || got.Href != tc.want:
			t.Errorf("Resolve(%q) = %q, %v; want %q", tc.dest, got.Href, err, tc.want)
		}
	}
}

// TestWikiNames: a wikilink finds a page by its file name, its slug or
// its section's folder name, in any case; a name two pages share finds
// neither, and says which; and so when another pair of pages claims one
// URL, which assembles the site another way.
func TestWikiNames(t *testing.T) {
	files := []file{
		page("content/roles/_index.md", "Roles", 0, nil),
		page("content/roles/cto.md", "CTO", 0, nil),
		page("content/archive/cto.md", "Old CTO", 0, nil),
		file{"content/roles/Lead.md", "title = \"Lead\"\nslug = \"head\"\n"},
	}
	for _, clash := range []bool{false, true} {
		fs := files
		if clash {
			fs = append(fs, file{"content/roles/x.md", "title = \"X\"\nslug = \"y\"\n"}, page("content/roles/y.md", "Y", 0, nil))
		}
		s, errs := assemble(t, nil, fs...)
		if clash != (errs != "") {
			t.Fatalf("clash %v: %s", clash, errs)
		}
		for name, want := range map[string]string{"head": "roles/head/", "LEAD": "roles/head/", "Roles": "roles/", "archive": "archive/"} {
			if p, err := s.FindPage(name); err != nil || p.URL != want {
				t.Errorf("clash %v: [[%s]] = %v, %v; want /%s", clash, name, p, err, want)
			}
		}
		_, err := s.FindPage("cto")
		if want := `ambiguous wikilink [[cto]]: 2 pages are named "cto" (archive/cto, roles/cto)`; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("clash %v: [[cto]]: %v, want %s", clash, err, want)
		}
	}
}

// FuzzResolve: any destination, as a path or a wikilink, resolves or fails
// with a message; never a panic, never a link out of the site.
func FuzzResolve(f *testing.F) {
	for _, d := range []string{"../roles/cto.md#x", "/roles/", "%", "..", "a/../../b.md", "#", "roles/cto", "/",
		"c%231.md", "c#1.md", "d2", "Guide.md", "guide.md", "GUIDE", "caf%C3%A9.md", "cafe%CC%81.md", "café", "cafe\u0301",
		"../tags/", "/tags/x/", "/search/", "/all-articles/", "/sitemap.xml", "/404.html", "tags", "search", "con.md",
		"100%25%20sure.md", "-dash.md", "/css/kb.css", "../../static/img/a.svg", "../guidez/z.md", "z", "\x00", "%00", "a%2Fb.md", "%2e%2e/x.md"} {
		f.Add(d, false)
		f.Add(d, true)
	}
	fsys := fstest.MapFS{
		"content/_index.md":            {Data: []byte("+++\ntitle = \"H\"\n+++\n")},
		"content/roles/cto.md":         {Data: []byte("+++\ntitle = \"C\"\n+++\n")},
		"content/guides/x.md":          {Data: []byte("+++\ntitle = \"X\"\n+++\n")},
		"content/guides/wip.md":        {Data: []byte("+++\ntitle = \"W\"\ndraft = true\n+++\n")},
		"content/guides/c#1.md":        {Data: []byte("+++\ntitle = \"C1\"\n+++\n")},
		"content/guides/d#2.md":        {Data: []byte("+++\ntitle = \"D2\"\nslug = \"d2\"\n+++\n")},
		"content/guides/Guide.md":      {Data: []byte("+++\ntitle = \"Guide\"\n+++\n")},
		"content/guides/guide.md":      {Data: []byte("+++\ntitle = \"guide\"\n+++\n")},
		"content/guides/caf\u00e9.md":  {Data: []byte("+++\ntitle = \"Cafe\"\n+++\n")},
		"content/guides/cafe\u0301.md": {Data: []byte("+++\ntitle = \"Cafe NFD\"\ndate = 00:00:00\n+++\n")},
		"content/guides/100% sure.md":  {Data: []byte("+++\ntitle = \"Sure\"\n+++\n")},
		"content/guides/-dash.md":      {Data: []byte("+++\ntitle = \"Dash\"\n+++\n")},
		"content/guides/con.md":        {Data: []byte("+++\ntitle = \"Con\"\n+++\n")},
		"content/tags.md":              {Data: []byte("+++\ntitle = \"T\"\ntags = [\"x\"]\n+++\n")},
		"content/search.md":            {Data: []byte("+++\ntitle = \"S\"\nslug = \"Search\"\n+++\n")},
		"content/guideZ/y.md":          {Data: []byte("+++\ntitle = \"Y\"\n+++\n")},
		"content/guidez/z.md":          {Data: []byte("+++\ntitle = \"Z\"\n+++\n")},
	}
	c, _ := content.Load(fsys, content.Options{Taxonomies: []string{"tags"}})
	cfg := config.Default()
	cfg.Taxonomies = []string{"tags"}
	s, _ := Assemble(cfg, c, []string{"img/a.svg", "css/kb.css"})
	from := s.Lookup("guides/x/")
	f.Fuzz(func(t *testing.T, dest string, wiki bool) {
		got, err := s.Resolve(from, markdown.Link{Dest: dest, Wiki: wiki})
		if err == nil && !strings.HasPrefix(got.Href, "/") && !strings.HasPrefix(got.Href, "#") {
			t.Errorf("Resolve(%q) = %q: not a path in the site", dest, got.Href)
		}
		// A fragment may hold anything ("#.."): only the path must not
		// climb.
		if path, _, _ := strings.Cut(got.Href, "#"); err == nil && strings.Contains(path, "..") {
			t.Errorf("Resolve(%q) = %q", dest, got.Href)
		}
	})
}

// TestUpdatedFromGit: a page's last-updated date is its front matter's
// updated; else its last commit, unless that is the day it is dated.
func TestUpdatedFromGit(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		date, updated, committed, want string
	}{
		{"2026-01-01", "2026-02-01", "2026-03-01", "2026-02-01"}, // front matter wins
		{"2026-01-01", "", "2026-03-01", "2026-03-01"},
		{"2026-01-01", "", "2026-01-01", ""}, // committed the day it is dated
		{"", "", "2026-03-01", "2026-03-01"},
		{"2026-01-01", "", "", ""}, // no git
	} {
		cp := &content.Page{Date: day(tc.date), Updated: day(tc.updated)}
		got := updated(cp, day(tc.committed))
		if (tc.want == "" && !got.IsZero()) || (tc.want != "" && got.Format(time.DateOnly) != tc.want) {
			t.Errorf("%+v: got %v", tc, got)
		}
	}
}
