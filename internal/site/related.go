package site

import (
	"cmp"
	"math"
	"slices"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/parallel"
)

// MaxRelated is how many related articles a page lists.
const MaxRelated = 5

// relatedTermCap bounds the work of finding related articles: a term that
// more pages carry is too common to make two pages related on its own, so
// it proposes no candidates, though it still adds to the score of those
// found otherwise. Without the cap, a tag on every page would make the
// search quadratic.
const relatedTermCap = 256

// relate picks each article's related articles: scored by shared terms,
// rarer terms weighing more (1 + ln(N/df)), and by the link neighbourhood
// (a page linking here, a page linked from the same places or linking to
// the same places), leaving out the pages the article already links to.
// Ties break by title and URL, so the choice is deterministic.
func (s *Site) relate(g *Graph) {
	n := float64(len(s.Articles))
	weight := map[*Term]float64{}
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			if df := len(term.Pages); df > 0 {
				weight[term] = 1 + math.Log(n/float64(df))
			}
		}
	}
	// termsOf lists each article's terms in a fixed order: scores are
	// float sums, and a varying order of addition could reorder ties.
	// They are listed once, not for every article that meets them.
	termsOf := make(map[*Page][]*Term, len(s.Articles))
	for _, p := range s.Articles {
		var out []*Term
		for _, tt := range p.PageTerms {
			out = append(out, tt.Terms...)
		}
		if p.Term != nil {
			out = append(out, p.Term) // an article that is a term relates to the pages that carry it
		}
		termsOf[p] = out
	}
	// Each core reuses one score map, cleared for every article.
	newScores := func() map[*Page]float64 { return map[*Page]float64{} }
	related := make([][]*Page, len(s.Articles))
	parallel.Each(len(s.Articles), newScores, func(score map[*Page]float64, i int) {
		a := s.Articles[i]
		clear(score)
		add := func(b *Page, w float64) {
			if b != a && b.Kind == content.Article {
				score[b] += w
			}
		}
		var common []*Term
		for _, term := range termsOf[a] {
			if len(term.Pages) > relatedTermCap {
				common = append(common, term)
				continue
			}
			for _, b := range term.Pages {
				add(b, weight[term])
			}
			if term.Page != nil && term.Page != a {
				add(term.Page, weight[term])
			}
		}
		for _, bl := range g.backlinks[a] {
			add(bl.From, 1)
			for _, sibling := range g.links[bl.From] {
				add(sibling, 0.5) // linked from the same page
			}
		}
		for _, target := range g.links[a] {
			for _, bl := range g.backlinks[target] {
				add(bl.From, 0.5) // links to the same page
			}
		}
		for b := range score {
			for _, term := range termsOf[b] {
				if slices.Contains(common, term) {
					score[b] += weight[term]
				}
			}
		}
		for _, l := range g.links[a] {
			delete(score, l)
		}
		related[i] = topRelated(score)
	})
	for i, a := range s.Articles {
		if len(related[i]) > 0 {
			g.related[a] = related[i]
		}
	}
}

// topRelated picks the MaxRelated best-scored pages, best first, ties by
// title and URL. It keeps a short sorted list rather than sorting every
// candidate: a popular page can have thousands.
func topRelated(score map[*Page]float64) []*Page {
	type cand struct {
		p *Page
		s float64
	}
	better := func(x, y cand) bool {
		return cmp.Or(cmp.Compare(y.s, x.s), cmp.Compare(x.p.sortKey, y.p.sortKey), cmp.Compare(x.p.URL, y.p.URL)) < 0
	}
	var top []cand
	for p, sc := range score {
		c := cand{p, sc}
		if len(top) == MaxRelated && !better(c, top[len(top)-1]) {
			continue
		}
		i := len(top)
		for i > 0 && better(c, top[i-1]) {
			i--
		}
		top = slices.Insert(top, i, c)
		if len(top) > MaxRelated {
			top = top[:MaxRelated]
		}
	}
	out := make([]*Page, len(top))
	for i, c := range top {
		out[i] = c.p
	}
	return out
}
