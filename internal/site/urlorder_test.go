package site

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortByURLAsSort: pages in any number of runs in URL order, runs
// of one page among them, come out as a sort from scratch puts them.
func TestSortByURLAsSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, runs := range []int{1, 2, 3, 7, maxRuns - 1, maxRuns, maxRuns + 1, 200} {
		var pages []*Page
		for r := range runs {
			n := rng.IntN(40)
			if r%5 == 0 {
				n = 1
			}
			run := make([]*Page, n)
			for i := range run {
				run[i] = &Page{URL: fmt.Sprintf("%s/%d-%d/", string(rune('a'+rng.IntN(26))), r, i)}
			}
			slices.SortFunc(run, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
			pages = append(pages, run...)
		}
		want := slices.Clone(pages)
		slices.SortFunc(want, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })
		sortByURL(pages)
		if !slices.Equal(pages, want) {
			t.Errorf("%d runs: pages out of URL order", runs)
		}
	}
}
