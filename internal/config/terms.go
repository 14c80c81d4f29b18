package config

import (
	"slices"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/tomldoc"
)

// Terms are how one taxonomy's terms are shown, from a [terms.NAME]
// table: a name for some terms, and an order for lists of them (stages of
// a company's life read best in that order, not alphabetically). Terms
// are named by what pages write or by their slug.
type Terms struct {
	// Order lists terms in the order lists show them; terms it does not
	// list follow, by slug.
	Order []string
	// Names maps a term to the name pages show for it ("saas" = "SaaS").
	Names map[string]string
	// At places each term named in Order or Names at its key in
	// config.toml, for the build's message when no page uses it.
	At map[string]Place
}

// Place is a line and column of config.toml.
type Place struct{ Line, Col int }

var termKeys = []string{"order", "names"}

// parseTerms reads the [terms] tables, one per taxonomy.
func parseTerms(doc *tomldoc.Doc, errs *diag.List, taxonomies []string) map[string]Terms {
	if _, ok := doc.Get("terms"); !ok {
		return nil
	}
	doc.Table(errs, "terms")
	out := map[string]Terms{}
	for _, tax := range doc.Keys("terms") {
		if !slices.Contains(taxonomies, tax) {
			errs.Add(doc.Errorf([]string{"terms", tax}, "[terms.%s] names no taxonomy%s; the taxonomies are %s", tax, diag.DidYouMean(tax, taxonomies), quoted(taxonomies)))
			continue
		}
		doc.CheckKeys(errs, termKeys, "terms", tax)
		t := Terms{Names: map[string]string{}, At: map[string]Place{}}
		t.Order = doc.Strings(errs, "terms", tax, "order")
		line, col := doc.At("terms", tax, "order")
		for _, term := range t.Order {
			t.At[term] = Place{line, col}
		}
		if doc.Table(errs, "terms", tax, "names") != nil {
			for _, term := range doc.Keys("terms", tax, "names") {
				t.Names[term] = doc.String(errs, "terms", tax, "names", term)
				line, col := doc.At("terms", tax, "names", term)
				t.At[term] = Place{line, col}
			}
		}
		out[tax] = t
	}
	return out
}
