package build

import (
	"bytes"
	"path"
	"strings"

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

// render renders every page, and the 404 page, on all cores. Results keep
// the site's page order, so output never depends on scheduling.
func render(s *site.Site, th *theme.Theme, md *markdown.Renderer) ([]renderedPage, diag.List) {
	out := make([]renderedPage, len(s.Pages)+1)
	problems := make([]diag.List, len(s.Pages)+1)
	basePath := s.Config.BasePath()
	parallel.For(len(out), func(i int) {
		if i == len(s.Pages) {
			out[i], problems[i] = renderNotFound(s, th)
			return
		}
		p := s.Pages[i]
		var res markdown.Result
		if len(p.Body) > 0 {
			res, problems[i] = md.Render(p.Body, markdown.Document{
				File:     p.File,
				BodyLine: p.BodyLine,
				Resolve: func(dest string) (string, error) {
					u, ok, err := s.ResolveLink(p, dest)
					if err != nil || !ok {
						return dest, err
					}
					target, frag, hasFrag := strings.Cut(u, "#")
					if hasFrag {
						frag = "#" + frag
					}
					return basePath + escapePath(target) + frag, nil
				},
			})
		}
		var buf bytes.Buffer
		if err := th.Execute(&buf, layoutOf(p), newView(s, p, res.HTML, res.Headings)); err != nil {
			problems[i].Add(withPage(err, p))
			return
		}
		out[i] = renderedPage{path: path.Join(p.URL, "index.html"), html: buf.Bytes(), source: p.File}
	})
	var errs diag.List
	var pages []renderedPage
	for i := range out {
		errs.Add(problems[i]...)
		if out[i].path != "" {
			pages = append(pages, out[i])
		}
	}
	return pages, errs
}

func renderNotFound(s *site.Site, th *theme.Theme) (renderedPage, diag.List) {
	p := &site.Page{Page: &content.Page{Kind: "404", Title: "Page not found", Terms: map[string][]string{}}, Parent: s.Home}
	var buf bytes.Buffer
	if err := th.Execute(&buf, "404", newView(s, p, nil, nil)); err != nil {
		return renderedPage{}, diag.List{withPage(err, p)}
	}
	return renderedPage{path: "404.html", html: buf.Bytes()}, nil
}

func layoutOf(p *site.Page) string {
	return string(p.Kind)
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
