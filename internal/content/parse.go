package content

import (
	"bytes"
	"cmp"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
)

// knownKeys are the front matter keys every page may use; each taxonomy of
// the site adds its own.
var knownKeys = []string{"title", "description", "date", "updated", "draft", "weight", "slug", "aliases", "sources", "profile", "dimensions", "glossary", "params"}

var sourceKeys = []string{"title", "publisher", "url", "date"}

// Parse reads one Markdown page. file is its path relative to the site root
// and must lie under content/; taxonomies are the site's taxonomy names,
// each a front matter key. It returns the page and its body, the Markdown
// after the front matter: the body is rendering's input only, kept apart
// from the page so that a build can let it go once rendered. All problems
// found are returned.
//
// A page that cannot be read at all (not UTF-8, no front matter, TOML that
// does not parse) still comes back, titled after its file name, so that the
// rest of the site can be checked against it without a cascade of "no such
// page" errors; any error means the build fails anyway.
func Parse(file string, src []byte, taxonomies []string) (*Page, []byte, diag.List) {
	p := pageAt(file)
	if !utf8.Valid(src) {
		line, col := invalidUTF8At(src)
		return p, nil, diag.List{diag.Errorf(file, line, col, "file is not valid UTF-8: save it as UTF-8")}
	}
	src = normalize(src)
	front, body, bodyLine, err := Split(src)
	if hint := yamlHint(src); err != nil && hint != "" {
		return p, nil, diag.List{diag.Errorf(file, 1, 1, "%s", hint)}
	} else if err != nil {
		return p, nil, diag.List{diag.Errorf(file, 1, 1, "%v", err)}
	}
	doc, err := tomldoc.Parse(file, string(front), 1)
	if err != nil {
		return p, nil, diag.List{err.(diag.Diagnostic)}
	}
	p.BodyLine, p.Front = bodyLine, doc
	errs := readFront(p, doc, taxonomies)
	p.URL = pageURL(p)
	p.Keyed()
	return p, body, errs
}

// normalize makes a page file's line ends "\n" and drops a byte order
// mark, as Parse reads every file.
func normalize(src []byte) []byte {
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
}

// Body is the Markdown body of a page file's bytes, as Parse gives it:
// for a build that let the body go once rendered and needs it again.
// ok is false for bytes Parse would refuse.
func Body(src []byte) (body []byte, ok bool) {
	if !utf8.Valid(src) {
		return nil, false
	}
	_, body, _, err := Split(normalize(src))
	return body, err == nil
}

// pageAt is the page of file before its front matter is read: its kind,
// section, name and URL, titled after its name.
func pageAt(file string) *Page {
	rel := strings.TrimPrefix(file, Dir+"/")
	dir, name := path.Split(strings.TrimSuffix(rel, ".md"))
	p := &Page{
		Kind:  Article,
		File:  file,
		Dir:   strings.TrimSuffix(dir, "/"),
		Name:  name,
		Title: name,
		Terms: map[string][]string{},
	}
	if name == "_index" {
		p.Kind = Section
		if p.Dir == "" {
			p.Kind = Home
		}
	}
	p.URL = pageURL(p)
	p.Keyed()
	return p
}

// mistypedTitle says whether an unknown key is a typo of title ("titel"),
// which CheckKeys reports with its fix: one mistake, one message.
func mistypedTitle(doc *tomldoc.Doc) bool {
	for _, k := range doc.Keys() {
		if k != "title" && diag.Suggest(k, []string{"title"}) == "title" {
			return true
		}
	}
	return false
}

// readFront fills p from its front matter, and checks what each key's
// type alone cannot: a title, a usable slug and aliases, dates in order.
func readFront(p *Page, doc *tomldoc.Doc, taxonomies []string) diag.List {
	var errs diag.List
	doc.CheckKeys(&errs, append(append([]string{}, knownKeys...), taxonomies...))
	p.Title = cmp.Or(strings.TrimSpace(doc.String(&errs, "title")), p.Name)
	if v, ok := doc.Get("title"); !ok && !mistypedTitle(doc) {
		errs.Add(diag.Errorf(p.File, 2, 1, "front matter has no title: add title = \"...\""))
	} else if t, isStr := v.(string); isStr && strings.TrimSpace(t) == "" {
		errs.Add(doc.Errorf([]string{"title"}, "title is empty"))
	}
	p.Description = strings.TrimSpace(doc.String(&errs, "description"))
	p.Date = doc.Time(&errs, "date")
	p.Updated = doc.Time(&errs, "updated")
	p.Draft = doc.Bool(&errs, "draft")
	p.Weight = doc.Int(&errs, "weight")
	p.Slug = doc.String(&errs, "slug")
	p.Aliases = doc.Strings(&errs, "aliases")
	p.Profile = doc.Table(&errs, "profile")
	p.Params = doc.Table(&errs, "params")
	for _, t := range taxonomies {
		if terms := doc.Strings(&errs, t); len(terms) > 0 {
			p.Terms[t] = terms
		}
	}
	p.Sources = parseSources(doc, &errs)
	p.Dimensions = parseDimensions(p, doc, &errs)
	parseGlossary(p, doc, &errs)
	checkSlugKey(p, doc, &errs)
	checkAliasKeys(p, doc, &errs)
	if !p.Date.IsZero() && !p.Updated.IsZero() && p.Updated.Before(p.Date) {
		errs.Add(doc.Errorf([]string{"updated"}, "updated (%s) is before date (%s)", p.Updated.Format("2006-01-02"), p.Date.Format("2006-01-02")))
	}
	return errs
}

// checkSlugKey drops an unusable slug, which must not shape the URL.
func checkSlugKey(p *Page, doc *tomldoc.Doc, errs *diag.List) {
	if p.Slug == "" {
		return
	}
	msg := checkSlug(p.Slug)
	if p.Kind != Article {
		msg = "applies only to articles; a section's URL is its folder name"
	}
	if msg != "" {
		errs.Add(doc.Errorf([]string{"slug"}, "slug %q %s", p.Slug, msg))
		p.Slug = ""
	}
}

// checkAliasKeys leaves out an unusable alias, so that the redirect it
// would make cannot clash with anything and add a second message.
func checkAliasKeys(p *Page, doc *tomldoc.Doc, errs *diag.List) {
	var aliases []string
	for _, a := range p.Aliases {
		if msg := checkAlias(a); msg != "" {
			errs.Add(doc.Errorf([]string{"aliases"}, "alias %q %s", a, msg))
			continue
		}
		aliases = append(aliases, a)
	}
	p.Aliases = aliases
}

func parseSources(doc *tomldoc.Doc, errs *diag.List) []Source {
	n := doc.Tables(errs, "sources")
	out := make([]Source, 0, n)
	for i := range n {
		at := func(k string) []string { return []string{"sources", strconv.Itoa(i), k} }
		var local diag.List
		doc.CheckKeys(&local, sourceKeys, "sources", strconv.Itoa(i))
		s := Source{
			Title:     strings.TrimSpace(doc.String(&local, at("title")...)),
			Publisher: doc.String(&local, at("publisher")...),
			URL:       doc.String(&local, at("url")...),
			Date:      doc.Time(&local, at("date")...),
		}
		if s.Title == "" && !mistyped(doc, at("title")) {
			local.Add(doc.Errorf([]string{"sources", strconv.Itoa(i)}, "source %d has no title: every source needs title = \"...\"", i+1))
		}
		if s.URL != "" {
			if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				local.Add(doc.Errorf(at("url"), "source url %q must be an absolute http or https URL", s.URL))
			}
		}
		errs.Add(local...)
		out = append(out, s)
	}
	return out
}

// invalidUTF8At finds the line and column of the first byte that is not
// UTF-8.
func invalidUTF8At(src []byte) (line, col int) {
	line, col = 1, 1
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		src = src[size:]
	}
	return line, col
}

// FrontMatterKeys are the keys every page's front matter may use, which
// taxonomy names must therefore not take.
func FrontMatterKeys() []string { return slices.Clone(knownKeys) }
