package theme

import (
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/themes"
)

func TestLoadReportsMissingLayouts(t *testing.T) {
	site := fstest.MapFS{
		"themes/t/layouts/base.html":    {Data: []byte(`{{template "main" .}}`)},
		"themes/t/layouts/article.html": {Data: []byte(`{{define "main"}}a{{end}}`)},
	}
	_, errs := Load(site, "t", template.FuncMap{})
	got := errs.Error()
	for _, l := range []string{"home", "section", "taxonomy", "term", "articles", "404"} {
		if !strings.Contains(got, "themes/t/layouts/"+l+".html: layout missing") {
			t.Errorf("no error for %s.html in:\n%s", l, got)
		}
	}
	if strings.Contains(got, "article.html") {
		t.Errorf("article.html exists but was reported:\n%s", got)
	}
}

func TestSiteLayoutWins(t *testing.T) {
	site := fstest.MapFS{
		"themes/t/layouts/base.html":        {Data: []byte(`[{{template "main" .}}]`)},
		"layouts/base.html":                 {Data: []byte(`<p>{{template "main" .}}</p>`)},
		"themes/t/layouts/partials/p.html":  {Data: []byte(`{{define "p"}}theme{{end}}`)},
		"themes/t/layouts/partials/kb.html": {Data: []byte(`{{define "page-item"}}{{end}}{{define "page-list"}}{{end}}{{define "compare-table"}}{{end}}`)},
		"layouts/partials/p.html":           {Data: []byte(`{{define "p"}}site{{end}}`)},
		"themes/t/layouts/home.html":        {Data: []byte(`{{define "main"}}home {{template "p"}}{{end}}`)},
		"themes/t/layouts/section.html":     {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/article.html":     {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/taxonomy.html":    {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/term.html":        {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/404.html":         {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/articles.html":    {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/pair.html":        {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/search.html":      {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/layouts/graph.html":       {Data: []byte(`{{define "main"}}{{end}}`)},
		"themes/t/static/css/a.css":         {Data: []byte(`theme`)},
		"static/css/a.css":                  {Data: []byte(`site`)},
		"themes/t/static/.hidden":           {Data: []byte(`x`)},
		"static/img/x.svg":                  {Data: []byte(`<svg/>`)},
	}
	th, errs := Load(site, "t", template.FuncMap{})
	if errs != nil {
		t.Fatal(errs)
	}
	var b strings.Builder
	if err := th.Execute(&b, "home", nil); err != nil || b.String() != "<p>home site</p>" {
		t.Errorf("home = %q, %v", b.String(), err)
	}
	static, err := StaticFiles(site, "t")
	if err != nil || len(static) != 2 || static["css/a.css"] != "static/css/a.css" || static["img/x.svg"] != "static/img/x.svg" {
		t.Errorf("static = %v, %v", static, err)
	}
}

// TestBuiltinOverlayLinks: with the built-in theme laid over a site, the
// site's symbolic links can still be read (content checks where they
// lead), and the theme's files are never links.
func TestBuiltinOverlayLinks(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "b.md"), []byte("+++\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b.md", filepath.Join(dir, "content", "a.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	builtin := fstest.MapFS{"default/layouts/base.html": {Data: []byte("x")}}
	fsys := WithBuiltin(os.DirFS(dir), "default", builtin)
	if got, err := fs.ReadLink(fsys, "content/a.md"); err != nil || got != "b.md" {
		t.Errorf("ReadLink = %q, %v; want b.md", got, err)
	}
	if fi, err := fs.Lstat(fsys, "content/a.md"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat of the link: %v, %v; want a link", fi, err)
	}
	if fi, err := fs.Lstat(fsys, "themes/default/layouts/base.html"); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("Lstat of a theme file: %v, %v; want a regular file", fi, err)
	}
	if _, err := fs.ReadLink(fsys, "themes/default/layouts/base.html"); err == nil {
		t.Error("a theme file reads as a link")
	}
}

// readCounter is a site that counts the files read through its own
// ReadFile.
type readCounter struct {
	fstest.MapFS
	reads *int
}

func (r readCounter) ReadFile(name string) ([]byte, error) {
	*r.reads++
	return r.MapFS.ReadFile(name)
}

// TestBuiltinOverlayReadFile reads the site's files through the site's
// own ReadFile (see sitedir), and the built-in theme's from it, as Open
// gives them.
func TestBuiltinOverlayReadFile(t *testing.T) {
	reads := 0
	site := readCounter{fstest.MapFS{"content/a.md": {Data: []byte("a")}}, &reads}
	fsys := WithBuiltin(site, "default", fstest.MapFS{"default/layouts/base.html": {Data: []byte("base")}})
	if got, err := fs.ReadFile(fsys, "content/a.md"); err != nil || string(got) != "a" || reads != 1 {
		t.Errorf("content/a.md read as %q, %v, by the site's ReadFile %d times", got, err, reads)
	}
	if got, err := fs.ReadFile(fsys, "themes/default/layouts/base.html"); err != nil || string(got) != "base" {
		t.Errorf("the theme's base.html read as %q, %v", got, err)
	}
	if _, err := fs.ReadFile(fsys, "themes/default/missing.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing theme file: %v", err)
	}
	if _, err := fs.ReadFile(fsys, "../x"); err == nil {
		t.Error("a path out of the site read")
	}
}

// skeleton is a site with a theme "t" that has every layout (each an
// empty main block), a base calling it, and the partials the engine calls
// by name; files are added over it, by path.
func skeleton(files map[string]string) fstest.MapFS {
	site := fstest.MapFS{
		"themes/t/layouts/base.html":              {Data: []byte(`{{template "main" .}}`)},
		"themes/t/layouts/partials/required.html": {Data: []byte(`{{define "page-item"}}{{end}}{{define "page-list"}}{{end}}{{define "compare-table"}}{{end}}`)},
	}
	for _, l := range Layouts {
		site["themes/t/layouts/"+l+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	for p, data := range files {
		site[p] = &fstest.MapFile{Data: []byte(data)}
	}
	return site
}

// The repository's own theme folder is the built-in theme, so layout
// keys hold for this site; a layout of a site's own makes the digest
// differ.
func TestDigestOfBuiltin(t *testing.T) {
	builtin := BuiltinDigest(themes.Builtin, "default")
	if Digest(os.DirFS("../.."), "default") != builtin {
		t.Error("themes/default differs from the built-in theme's digest")
	}
	own := fstest.MapFS{"layouts/partials/site-footer.html": {Data: []byte(`{{define "site-footer"}}{{end}}`)}}
	if Digest(WithBuiltin(own, "default", themes.Builtin), "default") == builtin {
		t.Error("a site's own partial leaves the digest as the built-in theme's")
	}
}
