package theme

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/site/sitetest"
)

// TestEarlyNeighbourhoodAsArticleGraphs checks, on random sites, every
// article's neighbourhood worked out from the link graph around it
// against the one cut out of the whole article graph. Links go between
// articles, to and from section pages (which are no nodes), to the page
// itself and twice to one page; some articles are hubs, so that
// neighbours' counts tie and differ; sections nest.
func TestEarlyNeighbourhoodAsArticleGraphs(t *testing.T) {
	for seed := range uint64(12) {
		rng := rand.New(rand.NewPCG(seed, 11))
		fsys := fstest.MapFS{"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n")}}
		page := func(path, title string) {
			fsys[path] = &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n+++\n")}
		}
		page("content/a/_index.md", "A")
		page("content/a/sub/_index.md", "A sub")
		page("content/b/_index.md", "B")
		folders := []string{"a", "a/sub", "b", ""}
		for i := range 40 + rng.IntN(60) {
			page(fmt.Sprintf("content/%s/p%d.md", folders[rng.IntN(len(folders))], i), fmt.Sprintf("P%d", i))
		}
		s := sitetest.Assemble(t, fsys)
		rendered := make([]site.Rendered, len(s.Pages))
		for i := range s.Pages {
			n := rng.IntN(4)
			if rng.IntN(8) == 0 {
				n = 20 + rng.IntN(20) // a hub
			}
			for range n {
				to := s.Pages[rng.IntN(len(s.Pages))]
				if rng.IntN(10) == 0 {
					to = s.Pages[i]
				}
				rendered[i].Links = append(rendered[i].Links, markdown.Link{Target: markdown.Target{Ref: site.PageRef(to, "")}})
			}
		}
		g, _ := s.Link(rendered)
		early := &Layout{Site: s, Graph: g, graphs: &siteGraph{}, Early: true}
		whole := &Layout{Site: s, Graph: g, graphs: &siteGraph{}}
		for _, p := range s.Articles {
			got, gotOK := early.neighbourhood(p)
			want, wantOK := whole.neighbourhood(p)
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, %s: early neighbourhood %v %+v, from the article graph %v %+v", seed, p.URL, gotOK, got, wantOK, want)
			}
		}
		if early.graphs.built.Load() {
			t.Errorf("seed %d: the early neighbourhoods made the whole article graph", seed)
		}
	}
}
