package build

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
)

// ExternalLink is one place where a page links to another site: a link
// or image of its body, a link in a profile value, or a source's url in
// its front matter. A build only lists them; kb check -external asks
// the other sites (see internal/linkcheck).
type ExternalLink struct {
	// URL is the absolute http(s) URL a reader's browser requests: a
	// scheme-relative "//host/x" is taken as https.
	URL string
	// File, Line and Col are where it is written.
	File      string
	Line, Col int
}

// externalLinks are every page's links to other sites, in page order and
// then in the order of the page's file: sources (in the front matter),
// profile values, then the body. It reads what rendering found, and
// parses nothing again.
func externalLinks(s *site.Site, r *render.Result) []ExternalLink {
	var out []ExternalLink
	for _, p := range s.Pages {
		out = appendPageExternal(out, p, r.Of(p))
	}
	return out
}

// withExternalLinks is links, the last build's external links, with
// page p's replaced by those of its new render rp: a preview's text edit
// changes one page's, and going through every page's took a tenth of
// such an edit at 10,000 pages. A page's links are together in the
// list, in the order of the site's pages. ok is false when p had none
// and now has some, whose place in the list is not known here.
func withExternalLinks(links []ExternalLink, p *site.Page, rp render.Page) (_ []ExternalLink, ok bool) {
	own := appendPageExternal(nil, p, rp)
	start := slices.IndexFunc(links, func(l ExternalLink) bool { return l.File == p.File })
	if start < 0 {
		return links, len(own) == 0
	}
	end := start
	for end < len(links) && links[end].File == p.File {
		end++
	}
	return slices.Concat(links[:start], own, links[end:]), true
}

// appendPageExternal appends the external links of page p, rendered as rp.
func appendPageExternal(out []ExternalLink, p *site.Page, rp render.Page) []ExternalLink {
	if p.File == "" {
		return out
	}
	for i, src := range p.Sources {
		if src.URL == "" {
			continue
		}
		line, col := sourcePlace(p, i, src.URL)
		out = append(out, ExternalLink{URL: src.URL, File: p.File, Line: line, Col: col})
	}
	out = appendExternal(out, p.File, rp.ProfileExternal)
	return appendExternal(out, p.File, rp.Body.External)
}

func appendExternal(out []ExternalLink, file string, links []markdown.Link) []ExternalLink {
	for _, l := range links {
		u := l.Dest
		if strings.HasPrefix(u, "//") {
			u = "https:" + u
		}
		out = append(out, ExternalLink{URL: u, File: file, Line: l.Line, Col: l.Col})
	}
	return out
}

// sourcePlace is where a source's url is written: at the URL itself when
// it is written out as it reads, else at its key.
func sourcePlace(p *site.Page, i int, url string) (line, col int) {
	if p.Front == nil {
		return 0, 0
	}
	at := []string{"sources", strconv.Itoa(i), "url"}
	if line, col, ok := p.Front.Locate(url, at...); ok {
		return line, col
	}
	return p.Front.At(at...)
}
