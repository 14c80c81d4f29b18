package site

import (
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
)

// Ref is what a link inside the site leads to: a page (and a heading on
// it), or a file copied to the output. Make one with PageRef, and read
// its page back with Site.RefPage.
//
// A page among the site's Pages is held by its place there, not by
// pointer: two builds with the same LinkSpace have the same pages in the
// same places, so a preview rebuild hands a reused body's links on as
// they are. Pointing a copy of each at the new build's pages took a
// sixth of the processor time of a title edit's rebuild before the open
// page was handed over, at 10,000 pages (see render.Memo).
type Ref struct {
	n        int32 // the page's Page.n; 0 for a file, or a page not among Pages
	page     *Page // a page not among Pages (a clash's loser)
	Fragment string
	File     string // output path of a static file or content asset
}

// PageRef is a Ref to p, at the heading whose id is fragment ("" for
// none).
func PageRef(p *Page, fragment string) Ref {
	if p.n > 0 {
		return Ref{n: p.n, Fragment: fragment}
	}
	return Ref{page: p, Fragment: fragment}
}

// Place is the place in the site's Pages of the page r leads to, as
// Page.Index plus one; 0 for a file or a page not among Pages. A build
// with the same LinkSpace has the same page there (see AtPlace).
func (r Ref) Place() int32 { return r.n }

// RefPage is the page r leads to in s, nil for a file. A Ref that an
// earlier build made leads to the page in the same place in s, which is
// the same page when the two builds' LinkSpace is the same.
func (s *Site) RefPage(r Ref) *Page {
	if r.n > 0 {
		return s.AtPlace(r.n)
	}
	return r.page
}

// AtPlace is the page at place n (see Ref.Place), nil for none.
func (s *Site) AtPlace(n int32) *Page {
	if n <= 0 || int(n) > len(s.Pages) {
		return nil
	}
	return s.Pages[n-1]
}

// LinkedPage is the page a resolved link leads to, nil for a link to a
// file or one that Resolve did not make; fragment is the heading's id.
// markdown carries Resolve's Ref through as an opaque value, and this
// and AbsURL are the places that read it back.
func (s *Site) LinkedPage(l markdown.Link) (p *Page, fragment string) {
	ref, ok := l.Target.Ref.(Ref)
	if !ok {
		return nil, ""
	}
	return s.RefPage(ref), ref.Fragment
}

// AbsURL is the absolute URL that link l, resolved by Resolve, leads to:
// a page's (with the heading's fragment), or a file's. A page's Markdown
// copy writes it, since the copy is read away from the page. "" for a
// link Resolve did not make.
func (s *Site) AbsURL(l markdown.Link) string {
	ref, ok := l.Target.Ref.(Ref)
	if !ok {
		return ""
	}
	if ref.File != "" {
		return s.URLs.Abs(ref.File)
	}
	p := s.RefPage(ref)
	if p == nil {
		return ""
	}
	if ref.Fragment != "" {
		return s.URLs.Abs(p.URL) + "#" + ref.Fragment
	}
	return s.URLs.Abs(p.URL)
}

// Resolve resolves a link written in page from, in any of the forms
// authors write:
//
//   - a relative path to a Markdown file, as it reads on GitHub:
//     "cto.md", "../roles/cto.md#skills", "../roles/_index.md";
//   - a path to a section's folder: "../roles/";
//   - a path from content/: "/roles/cto.md";
//   - a wikilink: [[cto]] by unique file name or slug, [[roles/cto]] by path;
//   - a bare fragment: "#skills";
//   - a path to a file: relative to the Markdown file ("diagram.svg",
//     "../../static/img/x.svg") or from the site root ("/img/x.svg").
//
// Anchors are checked later, by CheckLinks, once every page's headings are
// known.
func (s *Site) Resolve(from *Page, l markdown.Link) (markdown.Target, error) {
	raw, frag, _ := strings.Cut(l.Dest, "#")
	page, file, err := s.resolveRef(from, raw, l.Dest, l.Wiki)
	if err != nil {
		return markdown.Target{}, err
	}
	if file != "" {
		return markdown.Target{Href: s.URLs.Rel(file), Ref: Ref{File: file, Fragment: frag}}, nil
	}
	if page.Draft && s.byURL[page.URL] != page {
		return markdown.Target{}, fmt.Errorf("link %q leads to a draft (%s has draft = true): publish it, or build with -drafts", l.Dest, page.File)
	}
	href := page.URL
	if page == from && frag != "" {
		href = "" // a same-page link stays a bare fragment
	}
	t := markdown.Target{Title: page.Title, Ref: PageRef(page, frag)}
	if href == "" && frag != "" {
		t.Href = "#" + frag
	} else {
		t.Href = s.URLs.Rel(href)
		if frag != "" {
			t.Href += "#" + frag
		}
	}
	return t, nil
}

// resolveRef finds what raw (the destination without its fragment) names:
// a page, or the output path of a file. Messages quote dest, the
// destination as written.
func (s *Site) resolveRef(from *Page, raw, dest string, wiki bool) (*Page, string, error) {
	if raw == "" {
		return from, "", nil // "#skills", [[#skills]]
	}
	if wiki {
		p, err := s.lookupWiki(raw, dest)
		return p, "", err
	}
	raw, _, _ = strings.Cut(raw, "?")
	p, err := url.PathUnescape(raw)
	if err != nil {
		return nil, "", fmt.Errorf("link %q is not a valid URL path: %v", dest, err)
	}
	// The folder of the Markdown file, as the path reads on GitHub.
	here := path.Join(content.Dir, from.Dir)
	var repoPath string // where the link leads in the repository
	if strings.HasPrefix(p, "/") {
		repoPath = path.Join(content.Dir, p)
	} else {
		repoPath = path.Join(here, p)
	}
	if strings.HasSuffix(p, ".md") {
		if page := s.lookupFile(repoPath); page != nil {
			return page, "", nil
		}
		return nil, "", fmt.Errorf("broken link %q: no such page%s", dest, s.suggestPage(repoPath, from))
	}
	// A section's folder, "../roles/" or "../roles", or the address of a
	// generated page, "/roles/cto-vs-vp-engineering/". An address a page
	// redirects from (its aliases, or a comparison page's other order,
	// which the roles' weights decide) leads to the page's own: a weight
	// moved does not break the links to it.
	if rel, ok := strings.CutPrefix(repoPath+"/", content.Dir+"/"); ok {
		u := strings.TrimPrefix(rel, "/")
		if page := s.byURL[u]; page != nil && page.Kind != content.Article {
			return page, "", nil
		}
		if page := s.byAlias[u]; page != nil && page.Kind != content.Article {
			return page, "", nil
		}
	}
	if out, ok := s.outputFile(p, repoPath); ok {
		return nil, out, nil
	}
	return nil, "", fmt.Errorf("broken link %q: no such page or file%s", dest, s.suggestFile(p))
}

// outputFile finds the output path of a file a link names: a content asset
// or a static file by its place in the repository, or any output file by
// its path from the site root.
func (s *Site) outputFile(p, repoPath string) (string, bool) {
	for _, dir := range []string{content.Dir, "static"} {
		if out, ok := strings.CutPrefix(repoPath, dir+"/"); ok && s.files[out] {
			return out, true
		}
	}
	if strings.HasPrefix(p, "/") && s.files[strings.TrimPrefix(p, "/")] {
		return strings.TrimPrefix(p, "/"), true
	}
	return "", false
}

// lookupFile finds a page, published or draft, by its repository path.
func (s *Site) lookupFile(repoPath string) *Page {
	key := strings.TrimSuffix(strings.TrimPrefix(repoPath, content.Dir+"/"), ".md")
	if p := s.byFile[key]; p != nil {
		return p
	}
	return s.draftFile[key]
}

// FindPage finds a page by name or path, as a wikilink does.
func (s *Site) FindPage(name string) (*Page, error) { return s.lookupWiki(name, name) }

// lookupWiki finds the page a wikilink names: by path ("roles/cto") or by
// a file name or slug that only one page has.
func (s *Site) lookupWiki(target, dest string) (*Page, error) {
	key := strings.Trim(strings.TrimSuffix(target, ".md"), "/")
	if strings.Contains(key, "/") {
		for _, k := range []string{key, key + "/_index"} {
			if p := s.byFile[k]; p != nil {
				return p, nil
			}
			if p := s.draftFile[k]; p != nil {
				return p, nil
			}
		}
		return nil, fmt.Errorf("broken wikilink [[%s]]: no page at content/%s.md%s", dest, key, s.suggestWiki(key))
	}
	cands := s.byName[strings.ToLower(key)]
	switch len(cands) {
	case 1:
		return cands[0], nil
	case 0:
		return nil, fmt.Errorf("broken wikilink [[%s]]: no page is named %q%s", dest, key, s.suggestWiki(key))
	}
	paths := make([]string, len(cands))
	for i, c := range cands {
		paths[i] = strings.TrimSuffix(strings.TrimPrefix(c.File, content.Dir+"/"), ".md")
	}
	return nil, fmt.Errorf("ambiguous wikilink [[%s]]: %d pages are named %q (%s); write the path, like [[%s]]", dest, len(cands), key, strings.Join(paths, ", "), paths[0])
}

// suggestPage proposes the nearest existing page path, written relative to
// the linking page as the author would write it.
func (s *Site) suggestPage(repoPath string, from *Page) string {
	target := strings.TrimSuffix(strings.TrimPrefix(repoPath, content.Dir+"/"), ".md")
	names := slices.Sorted(maps.Keys(s.byFile))
	// The usual mistake is the right file name in the wrong folder.
	best := ""
	for _, n := range names {
		if path.Base(n) == path.Base(target) {
			best = n
			break
		}
	}
	if best == "" {
		best = diag.Suggest(target, names)
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", linkFrom(from.Dir, best+".md"))
}

func (s *Site) suggestWiki(key string) string {
	names := slices.Sorted(maps.Keys(s.byName))
	if strings.Contains(key, "/") {
		names = slices.Sorted(maps.Keys(s.byFile))
	}
	if best := diag.Suggest(strings.ToLower(key), names); best != "" {
		return fmt.Sprintf(" (did you mean [[%s]]?)", best)
	}
	return ""
}

func (s *Site) suggestFile(p string) string {
	files := slices.Sorted(maps.Keys(s.files))
	if best := diag.Suggest(strings.TrimPrefix(p, "/"), files); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", "/"+best)
	}
	return ""
}

// linkFrom writes target (relative to content/) as a link from the
// folder dir.
func linkFrom(dir, target string) string {
	if path.Dir(target) == dir || (dir == "" && !strings.Contains(target, "/")) {
		return path.Base(target)
	}
	if dir == "" {
		return target
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + target
}
