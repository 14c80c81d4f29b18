package site

import "github.com/kbsite/kb/internal/content"

// MarkdownURL is where page p's Markdown copy is published, beside its
// HTML ("roles/cto/index.md", "index.md" at home), or "" for a page
// without one: only pages written in Markdown have a copy (home, the
// sections with an _index.md, articles), not the pages kb generates.
func (p *Page) MarkdownURL() string {
	switch {
	case p.File == "":
		return ""
	case p.Kind == content.Home, p.Kind == content.Section, p.Kind == content.Article:
		return p.URL + "index.md"
	}
	return ""
}
