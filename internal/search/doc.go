package search

// Dir is the output folder the index's files go in (meta.json, k/, r/);
// the site's search page lives there too.
const Dir = "search/"

// Doc is one page to index.
type Doc struct {
	Title       string
	Description string
	URL         string // the page's URL as links write it (base path included)
	Section     string // the site section it belongs to, a facet
	// Terms are the page's terms in each taxonomy that is a facet, by
	// taxonomy name. A taxonomy named like a key of meta.json (see
	// ReservedFacet) is left out.
	Terms    map[string][]string
	Sections []Section
	// Weight scales the page's scores: generated pages that restate
	// others (comparison pages, say) rank below the pages they compare.
	// Zero means 1.
	Weight float64
}

// Section is a part of a page under one heading.
type Section struct {
	Anchor  string // the heading's id, "" for the part before any heading
	Heading string
	Text    string
}
