package render

import (
	"bytes"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// body renders a page's Markdown body, its links resolved from the page.
// The glossary page defines the site's terms (glossary.go), and an
// article links the terms of prev's glossary.
func (r *Renderer) body(p *site.Page, src []byte, prev *Result) (Body, diag.List) {
	doc := markdown.Document{
		File:     p.File,
		BodyLine: p.BodyLine,
		Resolve:  func(l markdown.Link) (markdown.Target, error) { return r.site.Resolve(p, l) },
		Blocks: map[string]markdown.BlockRenderer{
			"compare":   markdown.CompareBlock(r.comparer(p, prev)),
			"citations": r.citations(prev),
		},
	}
	var dataLinks []markdown.Link
	var errs diag.List
	if p == r.site.Glossary {
		doc.DefinesTerms = true
		doc.DataTerms, dataLinks, errs = r.dataTerms(p)
	} else if r.linksTerms(p) {
		doc.Glossary, doc.Title = prev.glossary, p.Title
	}
	res, mdErrs := r.md.Render(src, doc)
	errs.Add(mdErrs...)
	b := Body{
		html:       res.HTML,
		Headings:   res.Headings,
		Links:      append(res.Links, dataLinks...),
		External:   res.External,
		Sections:   res.Sections,
		Edits:      res.Edits,
		Words:      countWords(src),
		Size:       len(src),
		HasCompare: bytes.Contains(res.HTML, []byte("data-compare")),
		HasTerms:   res.TermLinks > 0,
	}
	if doc.DefinesTerms {
		var more diag.List
		b.Terms, more = withAliases(p, res.Terms)
		errs.Add(more...)
	}
	return b, errs
}

// countWords counts the runs of characters other than space, tab and
// newline: a word starts wherever such a character follows one of those.
// It runs over every byte of the site's Markdown, so without branches.
func countWords(b []byte) int {
	n, prev := 0, 1 // prev is 1 after a blank, and at the start
	for _, c := range b {
		blank := int(wordBreak[c])
		n += prev &^ blank
		prev = blank
	}
	return n
}

// wordBreak marks the bytes that separate words for countWords.
var wordBreak = [256]uint8{' ': 1, '\n': 1, '\t': 1}
