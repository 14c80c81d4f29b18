package render

import (
	"fmt"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/site"
)

// rendering starts the note WithPage adds to a message.
const rendering = " (rendering "

// WithPage adds to a template error the page it failed on, since one
// layout serves many pages.
func WithPage(err error, p *site.Page) diag.Diagnostic {
	d, ok := err.(diag.Diagnostic)
	if !ok {
		d = diag.Errorf("", 0, 0, "%v", err)
	}
	what := p.File
	switch {
	case p.Kind == content.NotFound:
		what = "404.html"
	case what == "":
		what = "/" + p.URL
	}
	d.Msg += rendering + what + ")"
	return d
}

// OnePerMistake merges the problems that are one mistake met on many
// pages: the same message at the same place of a template, which
// WithPage made for each page. The merged problem names the first page
// and how many more there were, so that a typo in a layout is one
// message, not one per page.
func OnePerMistake(l diag.List) diag.List {
	type key struct {
		file      string
		line, col int
		msg       string
	}
	var out diag.List
	first := map[key]int{} // index in out
	more := map[key]int{}
	var order []key
	for _, d := range l {
		msg, page, ok := strings.Cut(d.Msg, rendering)
		if !ok || d.Internal {
			out = append(out, d)
			continue
		}
		k := key{d.File, d.Line, d.Col, msg}
		if _, seen := first[k]; seen {
			more[k]++
			continue
		}
		first[k] = len(out)
		order = append(order, k)
		d.Msg = msg + rendering + strings.TrimSuffix(page, ")")
		out = append(out, d)
	}
	for _, k := range order {
		d := &out[first[k]]
		switch n := more[k]; n {
		case 0:
		case 1:
			d.Msg += " and 1 other page"
		default:
			d.Msg += fmt.Sprintf(" and %d other pages", n)
		}
		d.Msg += ")"
	}
	return out
}
