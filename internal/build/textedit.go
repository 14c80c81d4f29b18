package build

import (
	"bytes"
	"cmp"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
)

// textEdit is the fast path of Update: file is a published page whose
// front matter is byte for byte the same, and whose new text has the same
// headings, links to the same places, and (the glossary page) defines the
// same terms. Then nothing outside the page
// can change but the sentences other pages quote around its links, so
// only the page and the targets of those links are laid out again. ok is
// false when the edit is anything more; the caller then builds in full.
// The new state replaces entries of the last one's render result and
// link graph; the site itself is untouched.
func (b *Builder) textEdit(file string) (*Result, []string, bool) {
	last := b.last
	page, src, body, ok := b.editedText(file)
	if !ok {
		return nil, nil, false
	}
	old := last.rendered.Of(page).Body
	nb, errs := last.renderer.Body(page, body, last.rendered)
	if errs.Err() != nil || !slices.Equal(render.HeadingIDs(nb.Headings), render.HeadingIDs(old.Headings)) || !sameTargets(nb.Links, old.Links) {
		return nil, nil, false
	}
	if !render.SameTerms(nb.Terms, old.Terms) {
		return nil, nil, false // the glossary's terms: every article that uses one changes
	}

	// The edit is only text: apply it.
	start := time.Now()
	b.cache.Put(file, src, page.Page, body, nil)
	next := *last
	next.rendered = last.rendered.WithBody(page, nb, errs)
	contexts := changedContexts(last.site, old.Links, nb.Links)
	next.graph = last.graph.WithContexts(page, contexts)
	relayout := append([]*site.Page{page}, slices.Collect(maps.Keys(contexts))...)
	slices.SortFunc(relayout, func(a, b *site.Page) int { return cmp.Compare(a.URL, b.URL) })

	files := maps.Clone(last.res.Files)
	var changed []string
	next.layErrs = slices.Clone(last.layErrs)
	l := next.layout() // a new one: cached partials may show what the edit changed
	l.SameLinksAs(last.laidOut)
	next.laidOut = l
	for _, p := range relayout {
		var buf bytes.Buffer
		errs := layoutGuarded(l, last.theme, p, &buf)
		if errs.Err() != nil {
			// A layout that fails only now: let a full build report it.
			b.last = nil
			return nil, nil, false
		}
		if i := p.Index(); i >= 0 {
			next.layErrs[i] = errs
		}
		if path := outPath(p); !bytes.Equal(files[path], buf.Bytes()) {
			files[path] = buf.Bytes()
			changed = append(changed, path)
		}
	}
	changed = append(changed, updateCopies(files, last, page, body, nb)...)
	slices.Sort(changed)
	b.searchStale = true
	all := next.problems()
	all.Sort()
	res := *last.res
	res.Files = files
	res.Warnings = all.Warnings()
	res.Duration = time.Since(start)
	res.LaidOut = len(relayout)
	external, ok := withExternalLinks(last.res.External, page, next.rendered.Of(page))
	if !ok {
		external = externalLinks(last.site, next.rendered)
	}
	res.External = external
	next.res = &res
	b.last = &next
	// The files made here are not the ones their keys describe: the next
	// full build makes them again. (Were the edit undone, their keys would
	// match again, and the edited files be kept.)
	for _, p := range relayout {
		delete(b.lastKeys, outPath(p))
	}
	delete(b.lastKeys, page.MarkdownURL())
	return &res, changed, true
}

// editedText reads the new bytes of file, when it is a page of the last
// build whose front matter is byte for byte the same: the page, the
// file's bytes, and its new body.
func (b *Builder) editedText(file string) (*site.Page, []byte, []byte, bool) {
	// The parse cache holds each file's bytes as the last build read them
	// (a failed build sets stale, and Update then builds in full).
	old, known := b.cache.Source(file)
	if !known || !strings.HasPrefix(file, content.Dir+"/") || path.Ext(file) != ".md" {
		return nil, nil, nil, false
	}
	src, err := fs.ReadFile(b.src, file)
	if err != nil || !utf8.Valid(src) || bytes.Contains(src, []byte("\r")) {
		return nil, nil, nil, false
	}
	oldFront, _, _, err1 := content.Split(old)
	newFront, body, _, err2 := content.Split(src)
	if err1 != nil || err2 != nil || !bytes.Equal(oldFront, newFront) {
		return nil, nil, nil, false
	}
	for _, p := range b.last.site.Pages {
		if p.File == file {
			return p, src, body, true
		}
	}
	return nil, nil, nil, false // a draft, or not a page of this build
}

// sameTargets reports whether two renders of a page link to the same
// places in the same order (their text and sentences may differ).
func sameTargets(a, b []markdown.Link) bool {
	return slices.EqualFunc(a, b, func(x, y markdown.Link) bool {
		return x.Target.Href == y.Target.Href && x.Target.Ref == y.Target.Ref
	})
}

// changedContexts maps each page whose sentence around the first link
// to it differs between two renders of a page to the new sentence: what
// that page's backlinks quote.
func changedContexts(s *site.Site, old, new []markdown.Link) map[*site.Page]string {
	before := firstContexts(s, old)
	out := map[*site.Page]string{}
	for target, ctx := range firstContexts(s, new) {
		if before[target] != ctx {
			out[target] = ctx
		}
	}
	return out
}

// firstContexts maps each page linked to the sentence around the first
// link to it.
func firstContexts(s *site.Site, links []markdown.Link) map[*site.Page]string {
	out := map[*site.Page]string{}
	for _, l := range links {
		if to, _ := s.LinkedPage(l); to != nil {
			if _, seen := out[to]; !seen {
				out[to] = l.Context
			}
		}
	}
	return out
}

// updateCopies puts the edited page's new Markdown copy in files, and
// returns the paths whose bytes changed. Nothing else a copy or llms.txt
// says can change with the text of one page: titles, descriptions and
// link targets stay as they were.
func updateCopies(files map[string][]byte, last *state, page *site.Page, body []byte, nb render.Body) []string {
	path := page.MarkdownURL()
	if last.copier == nil || path == "" {
		return nil
	}
	cp := last.copier.Copy(page, body, nb)
	if bytes.Equal(files[path], cp) {
		return nil
	}
	files[path] = cp
	// llms-full.txt, every article's copy end to end (70 MB at 10,000
	// pages), is made again with the search index once edits pause (see
	// SearchJob): remaking it here took most of an edit's time.
	return []string{path}
}
