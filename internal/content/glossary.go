package content

import (
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
)

// GlossaryEntry is one [[glossary]] table of a page's front matter: a term
// of the site's glossary given as data, or, for a term the page's body
// defines, the other names it goes by.
type GlossaryEntry struct {
	Term    string
	Aliases []string
	// Definition is Markdown; "" when the body defines the term.
	Definition string
}

var glossaryKeys = []string{"term", "aliases", "definition"}

// parseGlossary reads the front matter key that makes a page the site's
// glossary: glossary = true (the terms are the body's definition lists),
// or [[glossary]] tables of terms, which may add to them. One key serves
// both because either form says the same thing, "this page is the
// glossary", and two keys could contradict each other.
func parseGlossary(p *Page, doc *tomldoc.Doc, errs *diag.List) {
	v, ok := doc.Get("glossary")
	if !ok {
		return
	}
	switch v := v.(type) {
	case bool:
		p.Glossary = v
		return
	case []map[string]any, []any:
	default:
		errs.Add(doc.Errorf([]string{"glossary"}, "glossary must be true (the page's definition lists are the site's glossary) or [[glossary]] tables of term, aliases and definition, not %s", tomldoc.TypeName(v)))
		return
	}
	n := doc.Tables(errs, "glossary")
	p.Glossary = true
	for i := range n {
		at := []string{"glossary", strconv.Itoa(i)}
		key := func(k string) []string { return append(append([]string{}, at...), k) }
		doc.CheckKeys(errs, glossaryKeys, at...)
		e := GlossaryEntry{
			Term:       strings.TrimSpace(doc.String(errs, key("term")...)),
			Aliases:    doc.Strings(errs, key("aliases")...),
			Definition: strings.TrimSpace(doc.String(errs, key("definition")...)),
		}
		if e.Term == "" && !mistyped(doc, key("term")) {
			errs.Add(doc.Errorf(at, "glossary entry %d has no term: add term = \"...\", the word or phrase it defines", i+1))
		}
		// Kept even without a term, so that each entry's index is its
		// place in the front matter.
		p.GlossaryEntries = append(p.GlossaryEntries, e)
	}
}
