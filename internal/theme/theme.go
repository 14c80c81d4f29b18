package theme

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/diag"
)

// Layouts are the layouts a theme must provide, one per kind of page.
var Layouts = []string{"home", "section", "article", "taxonomy", "term", "articles", "pair", "search", "graph", "404"}

// Theme is a parsed set of layouts.
type Theme struct {
	Name      string
	templates map[string]*template.Template
	ids       map[string]bool
	// linksCards is set when a layout or partial uses View.Card.
	linksCards bool
	// digest is the layouts' and partials' text (see Digest).
	digest [sha256.Size]byte
}

// IDs are the element ids written literally in the theme's layouts and
// partials (id="main"), sorted: a heading of a page must not take one,
// or a link to it would land elsewhere.
func (th *Theme) IDs() []string { return slices.Sorted(maps.Keys(th.ids)) }

// literalIDs adds to ids every id="..." in src whose value holds no
// template action.
func literalIDs(ids map[string]bool, src []byte) {
	const attr = ` id="`
	for rest := string(src); ; {
		i := strings.Index(rest, attr)
		if i < 0 {
			return
		}
		rest = rest[i+len(attr):]
		v, _, ok := strings.Cut(rest, `"`)
		if ok && v != "" && !strings.Contains(v, "{{") {
			ids[v] = true
		}
	}
}

// The folders a site's theme files are in: its own layouts and static
// files, and its themes.
const (
	LayoutsDir = "layouts"
	StaticDir  = "static"
	ThemesDir  = "themes"
)

// Dir is the folder of a theme relative to the site root.
func Dir(name string) string { return path.Join(ThemesDir, name) }

// Load parses the layouts of the site's theme, with the site's own
// layouts/ over it. funcs are the template functions, fixed for a build.
func Load(site fs.FS, name string, funcs template.FuncMap) (*Theme, diag.List) {
	var errs diag.List
	if _, err := fs.Stat(site, Dir(name)); err != nil {
		return nil, diag.List{diag.Errorf("config.toml", 0, 0, "theme %q not found: there is no folder %s/", name, Dir(name))}
	}
	find := func(rel string) (string, []byte, error) { return findLayout(site, name, rel) }
	partials := partialFiles(site, name)
	baseFile, baseSrc, err := find("base.html")
	if err != nil {
		return nil, diag.List{diag.Errorf(path.Join(Dir(name), "layouts", "base.html"), 0, 0, "layout missing: %v", err)}
	}
	th := &Theme{Name: name, templates: map[string]*template.Template{}, ids: map[string]bool{}, digest: Digest(site, name)}
	literalIDs(th.ids, baseSrc)
	for _, pf := range partials {
		literalIDs(th.ids, pf.src)
	}
	for _, layout := range Layouts {
		file, src, err := find(layout + ".html")
		if err != nil {
			errs.Add(diag.Errorf(path.Join(Dir(name), "layouts", layout+".html"), 0, 0, "layout missing: the theme must provide %s.html (%v)", layout, err))
			continue
		}
		t := template.New(baseFile).Funcs(funcs)
		if _, err := t.Parse(string(baseSrc)); err != nil {
			errs.Add(templateError(err, baseFile))
			return nil, errs
		}
		bad := false
		for _, pf := range partials {
			if _, err := t.New(pf.file).Parse(string(pf.src)); err != nil {
				errs.Add(templateError(err, pf.file))
				bad = true
			}
		}
		literalIDs(th.ids, src)
		if _, err := t.New(file).Parse(string(src)); err != nil {
			errs.Add(templateError(err, file))
			bad = true
		}
		if bad {
			continue
		}
		problems := append(checkPartials(t, site, name), checkLayout(t, file)...)
		if len(problems) > 0 {
			errs.Add(problems...) // the partials' once: see dedupe
			continue
		}
		th.templates[layout] = t
		th.linksCards = th.linksCards || usesField(t, "Card")
	}
	errs = dedupe(errs)
	if len(errs) > 0 {
		return nil, errs
	}
	return th, nil
}

// findLayout reads the layout file rel ("base.html"): the site's own in
// layouts/, else the theme's.
func findLayout(site fs.FS, name, rel string) (string, []byte, error) {
	for _, dir := range []string{"layouts", path.Join(Dir(name), "layouts")} {
		p := path.Join(dir, rel)
		b, err := fs.ReadFile(site, p)
		if err == nil {
			return p, b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return p, nil, err
		}
	}
	return "", nil, fs.ErrNotExist
}

// Digest is a digest of the text of every layout and partial Load would
// read for the theme name, wherever each comes from: two sites whose
// digests are equal lay pages out with the same templates.
func Digest(site fs.FS, name string) [sha256.Size]byte {
	h := sha256.New()
	add := func(rel string, src []byte) {
		fmt.Fprintf(h, "%s %d\n", rel, len(src))
		h.Write(src)
	}
	for _, layout := range append([]string{"base"}, Layouts...) {
		_, src, _ := findLayout(site, name, layout+".html")
		add(layout, src)
	}
	for _, pf := range partialFiles(site, name) {
		add(path.Base(pf.file), pf.src)
	}
	var d [sha256.Size]byte
	h.Sum(d[:0])
	return d
}

// Digest is the theme's Digest, taken when it was loaded.
func (th *Theme) Digest() [sha256.Size]byte { return th.digest }

type file struct {
	file string
	src  []byte
}

// partialFiles lists partials/*.html, the site's replacing the theme's of
// the same name.
func partialFiles(site fs.FS, name string) []file {
	byName := map[string]file{}
	for _, dir := range []string{path.Join(Dir(name), "layouts", "partials"), "layouts/partials"} {
		entries, _ := fs.ReadDir(site, dir)
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".html") {
				continue
			}
			p := path.Join(dir, e.Name())
			if src, err := fs.ReadFile(site, p); err == nil {
				byName[e.Name()] = file{p, src}
			}
		}
	}
	var out []file
	for _, f := range byName {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b file) int { return strings.Compare(a.file, b.file) })
	return out
}

// Execute renders a layout into w. An error names the template file and
// line; w may then hold part of the page.
func (th *Theme) Execute(w io.Writer, layout string, data any) error {
	t := th.templates[layout]
	if t == nil {
		return fmt.Errorf("no layout %q", layout)
	}
	// Straight into w: a failed page's partial output is the caller's to
	// drop, and a copy of every page would cost more than it saves.
	if err := t.Execute(w, data); err != nil {
		return templateError(err, "")
	}
	return nil
}

// HasPartial says whether the theme defines a template of that name.
func (th *Theme) HasPartial(name string) bool {
	t := th.templates["article"]
	return t != nil && t.Lookup(name) != nil
}

// ExecutePartial renders a template defined in a partial ("compare-table")
// on its own, for markup that Markdown content embeds.
func (th *Theme) ExecutePartial(w io.Writer, name string, data any) error {
	t := th.templates["article"]
	if t == nil || t.Lookup(name) == nil {
		return fmt.Errorf("the theme has no partial %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return templateError(err, "")
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// templateErrRE reads the place out of html/template's messages, which
// look like "template: themes/default/layouts/article.html:12:5: ...".
var templateErrRE = regexp.MustCompile(`^(?:html/)?template: (?:html/template:)?([^:]+):(\d+)(?::(\d+))?: (.*)$`)

func templateError(err error, fallback string) diag.Diagnostic {
	msg := err.Error()
	if m := templateErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.Errorf(m[1], line, col, "template: %s", m[4])
	}
	return diag.Errorf(fallback, 0, 0, "template: %s", strings.TrimPrefix(msg, "template: "))
}

func dedupe(l diag.List) diag.List {
	var out diag.List
	seen := map[string]bool{}
	for _, d := range l {
		if k := d.Error(); !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
