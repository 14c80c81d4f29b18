package site

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/markdown"
)

// TestRelatedAsByDefinition checks every article's related list, on
// random sites, against the definition worked out plainly (see
// relatedByDefinition): pages looked up by pointer, sums in the same
// order. Links come from articles and from section pages, to articles
// and to section pages; tags are shared by a few pages or by more than
// relatedTermCap.
func TestRelatedAsByDefinition(t *testing.T) {
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 7))
		var files []file
		n := 600 + rng.IntN(200) // "everywhere", on about half, passes relatedTermCap
		for i := range n {
			tags := []string{fmt.Sprintf("t%d", rng.IntN(40))}
			if rng.IntN(2) == 0 {
				tags = append(tags, "everywhere") // on more than relatedTermCap pages
			}
			if rng.IntN(3) == 0 {
				tags = append(tags, fmt.Sprintf("t%d", rng.IntN(40)))
			}
			front := fmt.Sprintf("title = \"A %d\"\ntags = [\"%s\"]\n", rng.IntN(n/2), strings.Join(tags, `", "`))
			files = append(files, file{fmt.Sprintf("content/s%d/a%d.md", i%4, i), front})
		}
		s, errs := assemble(t, []string{"tags"}, files...)
		if errs != "" {
			t.Fatal(errs)
		}
		rendered := make([]Rendered, len(s.Pages))
		for i := range s.Pages {
			for range rng.IntN(6) {
				to := s.Pages[rng.IntN(len(s.Pages))]
				rendered[i].Links = append(rendered[i].Links, markdown.Link{Target: markdown.Target{Ref: PageRef(to, "")}})
			}
		}
		g, _ := s.Link(rendered)
		for _, a := range s.Articles {
			got, want := g.Related(a), relatedByDefinition(s, g, a)
			if !slices.Equal(got, want) {
				t.Fatalf("seed %d: related of %s: %v, by definition %v", seed, a.URL, urls(got), urls(want))
			}
		}
	}
}

func urls(ps []*Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return out
}

// relatedByDefinition is relate's scoring as its comment states it,
// with nothing numbered or kept between articles.
func relatedByDefinition(s *Site, g *Graph, a *Page) []*Page {
	isArticle := map[*Page]bool{}
	for _, p := range s.Articles {
		isArticle[p] = true
	}
	score := map[*Page]float64{}
	var order []*Page
	add := func(b *Page, w float64) {
		if !isArticle[b] || b == a {
			return
		}
		if _, ok := score[b]; !ok {
			order = append(order, b)
		}
		score[b] += w
	}
	n := float64(len(s.Articles))
	weight := func(t *Term) float64 { return 1 + math.Log(n/float64(len(t.Pages))) }
	termsOf := func(p *Page) []*Term {
		var out []*Term
		for _, tt := range p.PageTerms {
			out = append(out, tt.Terms...)
		}
		if p.Term != nil {
			out = append(out, p.Term)
		}
		return out
	}
	var common []*Term
	for _, term := range termsOf(a) {
		if len(term.Pages) > relatedTermCap {
			common = append(common, term)
			continue
		}
		for _, b := range term.Pages {
			add(b, weight(term))
		}
		if term.Page != nil && term.Page != a {
			add(term.Page, weight(term))
		}
	}
	for _, bl := range g.Backlinks(a) {
		add(bl.From, 1)
		for _, sibling := range g.Links(bl.From) {
			add(sibling, 0.5)
		}
	}
	for _, target := range g.Links(a) {
		for _, bl := range g.Backlinks(target) {
			add(bl.From, 0.5)
		}
	}
	for _, b := range order {
		for _, term := range termsOf(b) {
			if slices.Contains(common, term) {
				score[b] += weight(term)
			}
		}
	}
	for _, l := range g.Links(a) {
		delete(score, l)
	}
	return topRelated(func(yield func(*Page, float64) bool) {
		for _, b := range order {
			if sc, ok := score[b]; ok && !yield(b, sc) {
				return
			}
		}
	})
}
