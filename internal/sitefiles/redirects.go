package sitefiles

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/site"
)

// File is a file to add to the output, with where its path comes from.
type File struct {
	Path string
	Data []byte
	From output.Place
}

// aliasPage is a redirect for an old URL: a meta refresh for browsers and a
// canonical link so search engines credit the new page.
var aliasPage = template.Must(template.New("alias").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Canonical}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p>This page has moved to <a href="{{.URL}}">{{.Title}}</a>.</p>
</body>
</html>
`))

// Redirects are the redirect pages of every alias of every page.
func Redirects(s *site.Site) ([]File, error) {
	u := site.NewURLs(s.Config)
	var out []File
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			var b strings.Builder
			err := aliasPage.Execute(&b, map[string]string{
				"Lang":      s.Config.Language,
				"Title":     p.Title,
				"URL":       u.Rel(p.URL),
				"Canonical": u.Abs(p.URL),
			})
			if err != nil {
				return nil, fmt.Errorf("alias %q: %v", a, err)
			}
			out = append(out, File{Path: content.AliasPath(a), Data: []byte(b.String()), From: aliasPlace(p)})
		}
	}
	return out, nil
}

// aliasPlace is where p's aliases are written, for clash messages.
func aliasPlace(p *site.Page) output.Place {
	pl := output.Place{File: p.File, Line: 1, Col: 1}
	if p.Front != nil {
		pl.Line, pl.Col = p.Front.At("aliases")
	}
	return pl
}
