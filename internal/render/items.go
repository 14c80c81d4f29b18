package render

import (
	"bytes"
	"html/template"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/site"
)

// item renders p as a list entry, once, for every list that shows it; a
// theme without a "page-item" partial does without.
func (r *Renderer) item(p *site.Page) (template.HTML, diag.List) {
	if !r.partials.HasPartial("page-item") {
		return "", nil
	}
	var buf bytes.Buffer
	if err := r.partials.ExecutePartial(&buf, "page-item", p); err != nil {
		return "", diag.List{WithPage(err, p)}
	}
	return template.HTML(buf.String()), nil
}

// Entry is a page in a list, with its "page-item" markup: what the
// "page-list" partial ranges over. The page's fields are the entry's, so
// a list may show them without the markup.
type Entry struct {
	*site.Page
	HTML template.HTML
}

// List is pages as list entries.
func (r *Result) List(pages []*site.Page) []Entry {
	out := make([]Entry, len(pages))
	for i, p := range pages {
		out[i] = Entry{Page: p}
		if k, ok := r.index(p); ok {
			out[i].HTML = r.pages[k].Item // the field alone: see ReleaseHTML
		}
	}
	return out
}
