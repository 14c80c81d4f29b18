package render

import (
	"bytes"
	"crypto/sha256"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// The glossary page defines the site's terms (glossary.go), and an
// article links the terms of prev's glossary.
//
// bodyTraced renders a page's Markdown body, its links resolved from the
// page, and returns what the render read of the rest of the site:
// every link it resolved, and whether it showed other pages' data in a
// block (a compare table, a citations list), which a trace does not
// follow (see Memo).
func (r *Renderer) bodyTraced(p *site.Page, src []byte, prev *Result) (Body, diag.List, trace) {
	var tr trace
	used := func(render markdown.BlockRenderer) markdown.BlockRenderer {
		return func(file, body string, fenceLine int) ([]byte, diag.List) {
			tr.blocks = true
			return render(file, body, fenceLine)
		}
	}
	doc := markdown.Document{
		File:     p.File,
		BodyLine: p.BodyLine,
		Resolve: func(l markdown.Link) (markdown.Target, error) {
			t, err := r.site.Resolve(p, l)
			tr.add(r.site, l, t, err)
			return t, err
		},
		Blocks: map[string]markdown.BlockRenderer{
			"compare":   used(markdown.CompareBlock(r.comparer(p, prev))),
			"citations": used(r.citations(prev)),
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
		Digest:     sha256.Sum256(res.HTML),
	}
	if doc.DefinesTerms {
		var more diag.List
		b.Terms, more = withAliases(p, res.Terms)
		errs.Add(more...)
	}
	return b, errs, tr
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
