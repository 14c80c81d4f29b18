package build

import (
	"bytes"
	"path"

	"kb/internal/content"
	"kb/internal/diag"
	"kb/internal/markdown"
	"kb/internal/parallel"
	"kb/internal/site"
	"kb/internal/theme"
)

type renderedPage struct {
	path   string // output path
	html   []byte
	source string // the content file, for clash messages
}

// body is a page's Markdown rendered, waiting for its layout.
type body struct {
	html     []byte
	headings []markdown.Heading
}

// render renders every page in four steps: profile values, which compare
// tables anywhere may show, then the Markdown of all pages (in parallel),
// then the link graph, which needs every page's links and
// headings (anchors, backlinks, related pages), then the layouts (in
// parallel). Results keep the site's page order, so output never depends
// on scheduling.
func render(s *site.Site, th *theme.Theme, md *markdown.Renderer) ([]renderedPage, diag.List) {
	bodies := make([]body, len(s.Pages))
	graph := make([]site.Rendered, len(s.Pages))
	problems := make([]diag.List, len(s.Pages)+1)
	// Profiles first: compare blocks in any body show other pages' values.
	parallel.For(len(s.Pages), func(i int) {
		if p := s.Pages[i]; len(p.ProfileValues) > 0 {
			graph[i].Links, problems[i] = renderProfile(s, md, p)
		}
	})
	parallel.For(len(s.Pages), func(i int) {
		p := s.Pages[i]
		if len(p.Body) == 0 {
			return
		}
		res, errs := md.Render(p.Body, markdown.Document{
			File:     p.File,
			BodyLine: p.BodyLine,
			Resolve:  func(l markdown.Link) (markdown.Target, error) { return s.Resolve(p, l) },
			Blocks: map[string]markdown.BlockRenderer{
				"compare":   markdown.CompareBlock(comparer(s, th, p)),
				"citations": citations(s, th),
			},
		})
		problems[i].Add(errs...)
		bodies[i] = body{html: res.HTML, headings: res.Headings}
		graph[i].Links = append(res.Links, graph[i].Links...)
		graph[i].IDs = headingIDs(res.Headings)
	})
	linkErrs := s.Link(graph)

	out := make([]renderedPage, len(s.Pages)+1)
	parallel.For(len(out), func(i int) {
		if i == len(s.Pages) {
			out[i], problems[i] = renderNotFound(s, th)
			return
		}
		p := s.Pages[i]
		var buf bytes.Buffer
		if err := th.Execute(&buf, string(p.Kind), newView(s, p, bodies[i].html, bodies[i].headings)); err != nil {
			problems[i].Add(withPage(err, p))
			return
		}
		out[i] = renderedPage{path: path.Join(p.URL, "index.html"), html: buf.Bytes(), source: p.File}
	})
	errs := linkErrs
	var pages []renderedPage
	for i := range out {
		errs.Add(problems[i]...)
		if out[i].path != "" {
			pages = append(pages, out[i])
		}
	}
	return pages, errs
}

func headingIDs(hs []markdown.Heading) []string {
	ids := make([]string, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	return ids
}

func renderNotFound(s *site.Site, th *theme.Theme) (renderedPage, diag.List) {
	p := &site.Page{Page: &content.Page{Kind: "404", Title: "Page not found", Terms: map[string][]string{}}, Parent: s.Home}
	var buf bytes.Buffer
	if err := th.Execute(&buf, "404", newView(s, p, nil, nil)); err != nil {
		return renderedPage{}, diag.List{withPage(err, p)}
	}
	return renderedPage{path: "404.html", html: buf.Bytes()}, nil
}

// withPage adds to a template error the page it failed on, since one
// layout serves many pages.
func withPage(err error, p *site.Page) diag.Diagnostic {
	d, ok := err.(diag.Diagnostic)
	if !ok {
		d = diag.Errorf("", 0, 0, "%v", err)
	}
	what := p.File
	if what == "" {
		what = "/" + p.URL
	}
	d.Msg += " (rendering " + what + ")"
	return d
}
