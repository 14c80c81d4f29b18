package search

import (
	"math"
	"runtime"

	"github.com/kbsite/kb/internal/parallel"
)

// BM25's parameters, the usual ones.
const k1, b = 1.2, 0.75

// collection is what BM25 needs of the whole site: each stem's inverse
// document frequency (over sections), and the sections' average length.
type collection struct {
	df     []int // by stem id: how many sections have the stem
	idf    []float64
	avgLen float64
}

func (c counts) collection(stems int) collection {
	n := len(c.freqs)
	col := collection{df: make([]int, stems), idf: make([]float64, stems)}
	total := 0
	for j := range n {
		for _, f := range c.freqs[j] {
			col.df[f.stem]++
		}
		total += c.lengths[j]
	}
	col.avgLen = max(1, float64(total)/float64(max(1, n)))
	for st, d := range col.df {
		col.idf[st] = math.Log(1 + (float64(n)-float64(d)+0.5)/(float64(d)+0.5))
	}
	return col
}

// score gives every stem its best MaxPostings postings, and its best
// title postings (see MaxPostings), best first. Each
// stem keeps only its best as sections are scored: a common stem's full
// list would be most of the index's memory. The stems are split among the
// cores, each scoring every section for its own stems, in section order,
// so the lists are the same however the work is shared. It lets go of the
// counts.
func (ix *Index) score(a *analysis, c counts, pages []pageFacets) [][]posting {
	col := c.collection(len(a.stems))
	lists := make([]topPostings, len(a.stems))
	titles := make([]topPostings, len(a.stems)) // the title postings, few
	best := make([][]posting, len(a.stems))
	for st := range lists {
		lists[st].ps = make([]posting, 0, min(col.df[st], MaxPostings))
	}
	parts := runtime.GOMAXPROCS(0)
	parallel.For(parts, func(part int) {
		for j := range c.freqs {
			doc := a.texts[j].doc
			norm := 1 - b + b*float64(c.lengths[j])/col.avgLen
			weight := ix.docs[doc].Weight
			if weight == 0 {
				weight = 1
			}
			for _, f := range c.freqs[j] {
				if int(f.stem)%parts != part {
					continue
				}
				// BM25F: the body's count normalized by the section's
				// length, then the weighted fields' added, then saturated
				// together. A word of a long section's title counts as
				// much as one of a short section's.
				tf := float64(f.fields) + float64(f.body)/norm
				score := weight * col.idf[f.stem] * tf * (k1 + 1) / (tf + k1)
				p := posting{id: j, impact: int(math.Round(score * 100)), first: int(f.first), of: &pages[doc]}
				if f.title {
					p.titleWords = a.texts[j].titleWords
				}
				lists[f.stem].add(p)
				if p.titleWords > 0 {
					titles[f.stem].add(p)
				}
			}
		}
		for st := part; st < len(lists); st += parts {
			best[st] = withTitles(lists[st].best(), titles[st].best())
		}
	})
	clear(c.freqs)
	return best
}
