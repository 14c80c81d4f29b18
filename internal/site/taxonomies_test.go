package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestTermsAsByDefinition checks, on random sites, each term's pages
// and each page's terms against their definition worked out plainly:
// a term's pages are the pages that write it (in any case or spacing),
// once each, in list order; a page's terms of a taxonomy are the ones
// it writes, in the order written, once each. Weights and titles repeat,
// so that the order falls back on titles and URLs.
func TestTermsAsByDefinition(t *testing.T) {
	forms := []string{"Hiring", "hiring", " hiring ", "Series A", "series-a", "budget", "Board", "remote"}
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 3))
		var files []file
		for i := range 50 + rng.IntN(100) {
			front := fmt.Sprintf("title = \"T%d\"\nweight = %d\n", rng.IntN(20), rng.IntN(3))
			for _, tax := range []string{"tags", "stages"} {
				var written []string
				for range rng.IntN(4) {
					written = append(written, fmt.Sprintf("%q", forms[rng.IntN(len(forms))]))
				}
				front += fmt.Sprintf("%s = [%s]\n", tax, strings.Join(written, ", "))
			}
			files = append(files, file{fmt.Sprintf("content/s%d/a%d.md", rng.IntN(3), i), front})
		}
		s, errs := assemble(t, []string{"tags", "stages"}, files...)
		if errs != "" {
			t.Fatal(errs)
		}
		for _, tax := range s.Taxonomies {
			for _, term := range tax.Terms {
				var want []*Page
				for _, p := range s.Pages {
					if slices.ContainsFunc(p.Terms[tax.Name], func(w string) bool { return TermSlug(w) == term.Slug }) {
						want = append(want, p)
					}
				}
				slices.SortFunc(want, func(a, b *Page) int {
					// List order, spelt out: weighted first, by weight,
					// then by title whatever its case, then by URL.
					if (a.Weight == 0) != (b.Weight == 0) {
						return boolInt(a.Weight == 0) - boolInt(b.Weight == 0)
					}
					if a.Weight != b.Weight {
						return a.Weight - b.Weight
					}
					if c := strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)); c != 0 {
						return c
					}
					return strings.Compare(a.URL, b.URL)
				})
				if !slices.Equal(term.Pages, want) {
					t.Fatalf("seed %d: %s %q: pages %v, by definition %v", seed, tax.Name, term.Slug, urls(term.Pages), urls(want))
				}
			}
			for _, p := range s.Pages {
				var want []string
				for _, w := range p.Terms[tax.Name] {
					if slug := TermSlug(w); !slices.Contains(want, slug) {
						want = append(want, slug)
					}
				}
				var got []string
				for _, tt := range p.PageTerms {
					if tt.Taxonomy == tax {
						for _, term := range tt.Terms {
							got = append(got, term.Slug)
						}
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("seed %d: %s of %s: %v, by definition %v", seed, tax.Name, p.URL, got, want)
				}
			}
		}
	}
}

// TestIsSlugOnlyForOwnSlugs: a term taken as its own slug is one (and
// the usual ones are taken so); a term TermSlug changes is not.
func TestIsSlugOnlyForOwnSlugs(t *testing.T) {
	for _, w := range []string{"hiring", "platform-teams", "c++", "q3/2024", "a_b.c"} {
		if !isSlug(w) || TermSlug(w) != w {
			t.Errorf("%q: isSlug %v, slug %q", w, isSlug(w), TermSlug(w))
		}
	}
	for _, w := range []string{"Hiring", "platform teams", " hiring", "hiring\t", "ÉQUIPE", "\u00a0x", "x\u0085"} {
		if isSlug(w) {
			t.Errorf("isSlug(%q), but its slug is %q", w, TermSlug(w))
		}
	}
}
