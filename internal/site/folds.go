package site

import (
	"fmt"
	"slices"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
)

// checkFolds reports each page whose URL differs from another's only in
// case or accent encoding, and leaves it out of the site; links to it
// still resolve, so that the clash is the one message. Pages whose path
// comes from a slug are checked last, so that the page reported is the
// one whose slug caused the clash. Two files or folders whose names clash
// were reported by content.Load, and are not here.
func (s *Site) checkFolds() diag.List {
	var errs diag.List
	order := foldOrder(s.Pages)
	dropped := map[*Page]bool{}
	for _, p := range order {
		k := p.URLFold
		if k == "" {
			k = content.FoldKey(p.URL) // a page not parsed from a file, not Keyed
		}
		other := s.byFold[k]
		if other == nil {
			s.byFold[k] = p
			continue
		}
		file, line, col := place(p)
		errs.Add(diag.Errorf(file, line, col, "URLs /%s and /%s (%s) differ %s; %s", p.URL, other.URL, source(other), content.FoldDifference(p.URL, other.URL), fix(p)))
		dropped[p] = true
		delete(s.byURL, p.URL)
		s.keepForLinks(p)
	}
	if len(dropped) > 0 {
		s.Pages = slices.DeleteFunc(s.Pages, func(p *Page) bool { return dropped[p] })
	}
	return errs
}

// foldOrder is pages in the order checkFolds goes by: sections and home
// before articles, and pages without a slug before those with one,
// otherwise as they come: dealt out by those four ranks in one pass,
// where a stable sort compared each page with many.
func foldOrder(pages []*Page) []*Page {
	rank := func(p *Page) int { return 2*boolInt(p.Kind == content.Article) + boolInt(p.Slug != "") }
	var start [4]int
	for _, p := range pages {
		if r := rank(p); r < 3 {
			start[r+1]++
		}
	}
	for r := 1; r < 4; r++ {
		start[r] += start[r-1]
	}
	order := make([]*Page, len(pages))
	for _, p := range pages {
		r := rank(p)
		order[start[r]] = p
		start[r]++
	}
	return order
}

// keepForLinks lets links find a page that is left out of the site
// because of a clash already reported, so that they add no second
// message: by path, and by name where no page of the site has it.
func (s *Site) keepForLinks(p *Page) {
	if p.File == "" {
		return
	}
	if _, taken := s.byFile[contentKey(p.File)]; !taken {
		s.byFile[contentKey(p.File)] = p
	}
	for _, k := range p.WikiKeys() {
		if len(s.byName[k]) == 0 {
			s.byName[k] = []*Page{p}
		}
	}
}

// place is where a page's URL comes from: its slug when it has one, else
// its file (the folder of a section without an _index.md).
func place(p *Page) (file string, line, col int) {
	switch {
	case p.File == "" && p.Kind == content.Section:
		return content.Dir + "/" + p.Dir, 0, 0
	case p.File == "":
		return "", 0, 0
	case p.Slug != "" && p.Front != nil:
		line, col = p.Front.At("slug")
		return p.File, line, col
	}
	return p.File, 1, 1
}

// source names where a page comes from, for clash messages.
func source(p *Page) string {
	switch {
	case p.File != "":
		return p.File
	case p.Kind == content.Section:
		return "the folder " + content.Dir + "/" + p.Dir
	}
	return fmt.Sprintf("the %s page %q that kb makes", p.Kind, p.Title)
}

// fix says how to move a page to another URL.
func fix(p *Page) string {
	switch {
	case p.Slug != "":
		return "change the slug"
	case p.File == "":
		return "rename the folder"
	case p.Kind == content.Article:
		return "rename the file or set slug = \"...\""
	}
	return "rename the folder"
}
