package search

import (
	"maps"
	"slices"
)

// termsPerNumber is how many terms one number of a terms mask holds: 31
// bits, so that every number is a positive integer to the browser's
// 32-bit bitwise operators.
const termsPerNumber = 31

// facets are what results are grouped and filtered by: a page's site
// section, and its terms in each taxonomy that is a facet. Values are
// numbered in the order pages first bring them.
type facets struct {
	siteSections []string
	terms        map[string][]string // by taxonomy name: its terms
}

// add numbers a page's facet values not seen before.
func (f *facets) add(d Doc) {
	indexOf(&f.siteSections, d.Section)
	for taxonomy, terms := range d.Terms {
		if ReservedFacet(taxonomy) {
			continue // its terms would overwrite a key of meta.json
		}
		if f.terms == nil {
			f.terms = map[string][]string{}
		}
		list := f.terms[taxonomy]
		for _, t := range terms {
			indexOf(&list, t)
		}
		f.terms[taxonomy] = list
	}
}

func indexOf(list *[]string, s string) int {
	if i := slices.Index(*list, s); i >= 0 {
		return i
	}
	*list = append(*list, s)
	return len(*list) - 1
}

// termIDs numbers the terms of all taxonomies in one sequence, which the
// terms masks index: taxonomies in name order, as meta.json lists them,
// and each one's terms in order. It returns each term's id by taxonomy,
// and how many there are.
func (f *facets) termIDs() (map[string]map[string]int, int) {
	names := slices.Sorted(maps.Keys(f.terms))
	ids := make(map[string]map[string]int, len(names))
	n := 0
	for _, name := range names {
		ids[name] = make(map[string]int, len(f.terms[name]))
		for _, t := range f.terms[name] {
			ids[name][t] = n
			n++
		}
	}
	return ids, n
}

// pageFacets are a page's facet values, which all its postings share.
type pageFacets struct {
	page        int // the page's number, so that results show each page once
	siteSection int // its site section's index in meta.json's "facets"
	// terms is its terms as a bit mask: term id i is bit i%31 of
	// terms[i/31]. It has at least one number, so that postings have the
	// same shape on a site without term facets as on one with a few.
	terms []int
}

// ofPages returns the facet values of each page, by page number.
func (f *facets) ofPages(docs []Doc) []pageFacets {
	ids, n := f.termIDs()
	size := max(1, (n+termsPerNumber-1)/termsPerNumber)
	masks := make([]int, size*len(docs)) // one allocation for every page's mask
	out := make([]pageFacets, len(docs))
	for i, d := range docs {
		mask := masks[i*size : (i+1)*size : (i+1)*size]
		for taxonomy, terms := range d.Terms {
			for _, t := range terms {
				if id, ok := ids[taxonomy][t]; ok {
					mask[id/termsPerNumber] |= 1 << (id % termsPerNumber)
				}
			}
		}
		out[i] = pageFacets{page: i, siteSection: slices.Index(f.siteSections, d.Section), terms: mask}
	}
	return out
}
