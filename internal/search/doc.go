package search

// Dir is the output folder the index's files go in (meta.json, k/, r/);
// the site's search page lives there too.
const Dir = "search/"

// Doc is one page to index.
type Doc struct {
	Title string
	// OtherTitles are other names the page goes by, indexed as words of
	// its title but not shown: a comparison page's, say, are the full
	// titles of the two pages it compares.
	OtherTitles []string
	Description string
	URL         string // the page's URL as links write it (base path included)
	Section     string // the site section it belongs to, a facet
	// Terms are the page's terms in each taxonomy that is a facet, by
	// taxonomy name. A taxonomy named like a key of meta.json (see
	// ReservedFacet) is left out.
	Terms    map[string][]string
	Sections []Section
	// Weight scales the page's scores: pages that restate others
	// (comparison pages, a list of sources or a glossary, say) rank below
	// the pages they describe. Zero means 1.
	Weight float64
}

// Section is a part of a page under one heading.
type Section struct {
	Anchor  string // the heading's id, "" for the part before any heading
	Heading string
	Text    string
}
