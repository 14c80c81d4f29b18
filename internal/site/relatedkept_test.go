package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/markdown"
)

// relatedSite is a random site for the related lists' digest: articles
// with titles and tags, and links between pages by index.
type relatedSite struct {
	titles, descs []string
	tags          [][]string
	links         [][2]int
}

func randomRelatedSite(rng *rand.Rand) relatedSite {
	n := 300 + rng.IntN(100)
	var rs relatedSite
	for i := range n {
		rs.titles = append(rs.titles, fmt.Sprintf("A %d", rng.IntN(n/2)))
		rs.descs = append(rs.descs, "")
		tags := []string{fmt.Sprintf("t%d", rng.IntN(30))}
		if rng.IntN(3) > 0 {
			tags = append(tags, "everywhere") // past relatedTermCap
		}
		rs.tags = append(rs.tags, tags)
		for range rng.IntN(5) {
			rs.links = append(rs.links, [2]int{i, rng.IntN(n)})
		}
	}
	return rs
}

func (rs relatedSite) clone() relatedSite {
	c := relatedSite{titles: slices.Clone(rs.titles), descs: slices.Clone(rs.descs), links: slices.Clone(rs.links)}
	for _, t := range rs.tags {
		c.tags = append(c.tags, slices.Clone(t))
	}
	return c
}

func (rs relatedSite) graph(t *testing.T) (*Site, *Graph) {
	t.Helper()
	var files []file
	for i, title := range rs.titles {
		front := fmt.Sprintf("title = %q\ndescription = %q\ntags = [\"%s\"]\n", title, rs.descs[i], strings.Join(rs.tags[i], `", "`))
		files = append(files, file{fmt.Sprintf("content/s%d/a%03d.md", i%3, i), front})
	}
	s, errs := assemble(t, []string{"tags"}, files...)
	if errs != "" {
		t.Fatal(errs)
	}
	byFile := map[string]*Page{}
	for _, p := range s.Pages {
		byFile[p.File] = p
	}
	rendered := make([]Rendered, len(s.Pages))
	for _, l := range rs.links {
		from, to := byFile[files[l[0]].path], byFile[files[l[1]].path]
		rendered[from.Index()].Links = append(rendered[from.Index()].Links, markdown.Link{Target: markdown.Target{Ref: PageRef(to, "")}})
	}
	g, _ := s.Link(rendered)
	return s, g
}

// TestRelatedKeptUnderSameDigest edits random sites in the ways a related
// list can change (a title, which breaks ties, a tag, a link added or
// taken away) and in one it cannot (a description): whenever a list
// changed, the digest did; where the digest stayed, the kept lists are
// taken and are the lists worked out afresh; where it changed, they are
// refused.
func TestRelatedKeptUnderSameDigest(t *testing.T) {
	edits := []struct {
		name string
		edit func(rs *relatedSite, rng *rand.Rand)
	}{
		{"description", func(rs *relatedSite, rng *rand.Rand) { rs.descs[rng.IntN(len(rs.descs))] = "changed" }},
		{"title", func(rs *relatedSite, rng *rand.Rand) {
			i := rng.IntN(len(rs.titles))
			rs.titles[i] = rs.titles[(i+1)%len(rs.titles)] // a tie with another page's title, maybe
		}},
		{"tag", func(rs *relatedSite, rng *rand.Rand) {
			i := rng.IntN(len(rs.tags))
			rs.tags[i][0] = fmt.Sprintf("t%d", rng.IntN(30))
		}},
		{"link added", func(rs *relatedSite, rng *rand.Rand) {
			rs.links = append(rs.links, [2]int{rng.IntN(len(rs.titles)), rng.IntN(len(rs.titles))})
		}},
		{"link taken away", func(rs *relatedSite, rng *rand.Rand) {
			i := rng.IntN(len(rs.links))
			rs.links = slices.Delete(rs.links, i, i+1)
		}},
	}
	changedLists := map[string]int{}
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 11))
		base := randomRelatedSite(rng)
		s, g := base.graph(t)
		digest, lists := g.RelatedDigest(), g.RelatedLists()
		if digest == ([32]byte{}) || len(lists) != len(s.Articles) {
			t.Fatalf("seed %d: digest %x, %d lists for %d articles", seed, digest, len(lists), len(s.Articles))
		}
		for _, e := range edits {
			for range 4 {
				edited := base.clone()
				e.edit(&edited, rng)
				_, fresh := edited.graph(t)
				want := fresh.RelatedLists()
				_, kept := edited.graph(t)
				took := kept.KeepRelated(digest, lists)
				same := fresh.RelatedDigest() == digest
				if !slices.EqualFunc(want, lists, slices.Equal) {
					changedLists[e.name]++
					if same {
						t.Fatalf("seed %d, %s: the lists changed and the digest did not", seed, e.name)
					}
				}
				if took != same {
					t.Fatalf("seed %d, %s: digest same %t, kept lists taken %t", seed, e.name, same, took)
				}
				if got := kept.RelatedLists(); !slices.EqualFunc(got, want, slices.Equal) {
					t.Fatalf("seed %d, %s (kept lists taken: %t): lists differ from a fresh graph's", seed, e.name, took)
				}
				if e.name == "description" && !same {
					t.Fatalf("seed %d: a description edit changed the digest", seed)
				}
			}
		}
	}
	for _, e := range edits[1:] {
		if changedLists[e.name] == 0 {
			t.Errorf("no %s edit changed a list: the test shows nothing for it", e.name)
		}
	}
}

// TestKeepRelatedRefusesDamage checks that lists which do not fit the
// articles are refused under the right digest.
func TestKeepRelatedRefusesDamage(t *testing.T) {
	_, g := randomRelatedSite(rand.New(rand.NewPCG(1, 2))).graph(t)
	digest, lists := g.RelatedDigest(), g.RelatedLists()
	bad := map[string][][]int32{
		"one list short": lists[1:],
		"out of range":   append([][]int32{{int32(len(lists))}}, lists[1:]...),
		"itself":         append([][]int32{{0}}, lists[1:]...),
		"too long":       append([][]int32{{1, 2, 3, 4, 5, 6}}, lists[1:]...),
	}
	for name, l := range bad {
		_, fresh := randomRelatedSite(rand.New(rand.NewPCG(1, 2))).graph(t)
		if fresh.KeepRelated(digest, l) {
			t.Errorf("%s: taken", name)
		}
	}
}
