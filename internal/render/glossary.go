package render

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// The glossary is the one page whose body others depend on: its terms
// are linked wherever an article uses them. All renders it before every
// other body and makes its terms the Result's glossary, which each
// article's render then reads; a text edit of the glossary that changes
// a term (its name, id, aliases or definition) is not a text edit
// (SameTerms), and rebuilds every page.

// dataTerms renders the [[glossary]] entries of the glossary page's front
// matter that define a term, for its body to list after its text: their
// definitions are Markdown, rendered like profile values, and a problem
// in one is placed inside its value in the front matter.
func (r *Renderer) dataTerms(p *site.Page) ([]markdown.DataTerm, []markdown.Link, diag.List) {
	var terms []markdown.DataTerm
	var links []markdown.Link
	var errs diag.List
	for i, e := range p.GlossaryEntries {
		if e.Term == "" || e.Definition == "" {
			continue
		}
		idx := strconv.Itoa(i)
		line, col := p.Front.At("glossary", idx, "definition")
		res, problems := r.md.RenderInline([]byte(e.Definition), markdown.Document{
			File:     p.File,
			BodyLine: line,
			Resolve:  func(l markdown.Link) (markdown.Target, error) { return r.site.Resolve(p, l) },
		})
		at, atCol, written := p.Front.Locate(e.Definition, "glossary", idx, "definition")
		for _, d := range problems {
			if written && d.Line == line && d.Col > 0 {
				d.Line, d.Col = at, atCol+d.Col-1
			} else {
				d.Line, d.Col = line, col
			}
			d.Msg = fmt.Sprintf("glossary.%d.definition: %s", i, d.Msg)
			errs.Add(d)
		}
		var text string
		for _, s := range res.Sections {
			text += s.Text
		}
		tl, tc := p.Front.At("glossary", idx, "term")
		terms = append(terms, markdown.DataTerm{Term: e.Term, HTML: res.HTML, Text: text, Line: tl, Col: tc})
		links = append(links, res.Links...)
	}
	return terms, links, errs
}

// withAliases gives the terms of the glossary page p (as its body
// defines them) the aliases its front matter lists, and checks that every
// name belongs to one term only: an alias that is another term's name or
// alias could not say which term a use of it means. An entry without a
// definition only adds aliases, so it must name a term the text defines.
func withAliases(p *site.Page, terms []markdown.Term) ([]markdown.Term, diag.List) {
	var errs diag.List
	type owner struct {
		term      int
		alias     bool
		line, col int
	}
	names := map[string]owner{}
	for i, t := range terms {
		names[markdown.TermKey(t.Term)] = owner{term: i, line: t.Line, col: t.Col}
	}
	terms = slices.Clone(terms)
	for i, e := range p.GlossaryEntries {
		if e.Term == "" {
			continue
		}
		idx := strconv.Itoa(i)
		o, defined := names[markdown.TermKey(e.Term)]
		if !defined || o.alias {
			if e.Definition == "" {
				errs.Add(p.Front.Errorf([]string{"glossary", idx, "term"}, "glossary term %q has no definition: add definition = \"...\" to this entry, or define it in the page's text as a definition list (the term on a line, \": its definition\" on the next)", e.Term))
			}
			continue // with a definition, it was a term of its own or a clash already reported
		}
		for _, a := range e.Aliases {
			line, col, ok := p.Front.Locate(a, "glossary", idx, "aliases")
			if !ok {
				line, col = p.Front.At("glossary", idx, "aliases")
			}
			key := markdown.TermKey(a)
			switch prev, taken := names[key]; {
			case key == "":
				errs.Add(diag.Errorf(p.File, line, col, "glossary alias of %q is empty: remove it", e.Term))
				continue
			case taken && prev.term == o.term:
				continue // the term's own name, or an alias given twice
			case taken && prev.alias:
				errs.Add(diag.Errorf(p.File, line, col, "glossary alias %q of %q is also an alias of %q (line %d): a use of it could not say which term it means; keep it on one of them", a, e.Term, terms[prev.term].Term, prev.line))
				continue
			case taken:
				errs.Add(diag.Errorf(p.File, line, col, "glossary alias %q of %q is the term %q (line %d): a use of it could not say which term it means; remove the alias, or rename the term", a, e.Term, terms[prev.term].Term, prev.line))
				continue
			case !markdown.Findable(a):
				errs.Add(diag.Warnf(p.File, line, col, "glossary alias %q does not start with a letter or digit, so kb cannot find where it is used: start it with a word", a))
			}
			names[key] = owner{term: o.term, alias: true, line: line, col: col}
			t := &terms[o.term]
			t.Aliases = append(slices.Clip(t.Aliases), a)
		}
	}
	if len(terms) == 0 {
		line, col := p.Front.At("glossary")
		errs.Add(diag.Warnf(p.File, line, col, "the glossary defines no terms: write them in its text as a definition list (the term on a line, \": its definition\" on the next), or as [[glossary]] entries with term and definition"))
	}
	return terms, errs
}

// glossaryOf is the site's terms as articles link them, nil without a
// glossary page.
func (r *Renderer) glossaryOf(b Body) *markdown.Glossary {
	g := r.site.Glossary
	if g == nil {
		return nil
	}
	return markdown.NewGlossary(r.site.URLs.Rel(g.URL), b.Terms)
}

// linksTerms says whether p's body links the glossary's terms: an
// article's does, other pages' (home, sections) introduce and list
// rather than explain, and the glossary's own would link to itself.
func (r *Renderer) linksTerms(p *site.Page) bool {
	return p.Kind == content.Article && p != r.site.Glossary
}

// SameTerms reports whether two renders of the glossary page define the
// same terms, where they are written aside: what decides every article's
// term links.
func SameTerms(a, b []markdown.Term) bool {
	return slices.EqualFunc(a, b, func(x, y markdown.Term) bool {
		return x.Term == y.Term && x.ID == y.ID && x.Definition == y.Definition && slices.Equal(x.Aliases, y.Aliases)
	})
}
