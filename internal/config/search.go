package config

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/search"
	"github.com/kbsite/kb/internal/tomldoc"
)

// Search holds the settings of site search.
type Search struct {
	// Facets names the taxonomies whose terms group and filter search
	// results, beside the site section, which always does. Nil, the
	// default, means every taxonomy that a section of the same name owns
	// (its terms are that section's articles): what kb did before the
	// setting existed, so that sites need not set it. An empty list means
	// no taxonomy facet.
	Facets []string
}

// IsFacet says whether a taxonomy's terms are a search facet; owned says
// whether a section owns the taxonomy. By default a taxonomy named like
// one of the search index's own fields is not one (the setting rejects
// it, see checkSearch).
func (s Search) IsFacet(taxonomy string, owned bool) bool {
	if s.Facets == nil {
		return owned && !search.ReservedFacet(taxonomy)
	}
	return slices.Contains(s.Facets, taxonomy)
}

var searchKeys = []string{"facets"}

// checkSearch reports each facet that is not a declared taxonomy, with
// the nearest one, or cannot be a facet; a typo would otherwise quietly
// leave the facet out.
func checkSearch(doc *tomldoc.Doc, s Search, taxonomies []string) diag.List {
	var errs diag.List
	at := []string{"search", "facets"}
	seen := map[string]bool{}
	for _, f := range s.Facets {
		switch {
		case seen[f]:
			errs.Add(doc.Errorf(at, "search facet %q is listed twice", f))
		case !slices.Contains(taxonomies, f):
			errs.Add(doc.Errorf(at, "search facet %q is not a taxonomy%s; the taxonomies are %s", f, diag.DidYouMean(f, taxonomies), quoted(taxonomies)))
		case search.ReservedFacet(f):
			errs.Add(doc.Errorf(at, "taxonomy %q cannot be a search facet: the search index uses the name for its own data; rename the taxonomy", f))
		}
		seen[f] = true
	}
	return errs
}

// quoted lists names as TOML writes an array of them.
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
