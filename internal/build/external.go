package build

import (
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
		if p.File == "" {
			continue
		}
		rp := r.Of(p)
		for i, src := range p.Sources {
			if src.URL == "" {
				continue
			}
			line, col := sourcePlace(p, i, src.URL)
			out = append(out, ExternalLink{URL: src.URL, File: p.File, Line: line, Col: col})
		}
		out = appendExternal(out, p.File, rp.ProfileExternal)
		out = appendExternal(out, p.File, rp.Body.External)
	}
	return out
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
