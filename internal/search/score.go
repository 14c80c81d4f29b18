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
		r := freqReader{b: c.freqs[j]}
		for f, ok := r.next(); ok; f, ok = r.next() {
			col.df[f.stem]++
		}
		total += c.lengths[j]
	}
	col.avgLen = quantizedLength(max(1, float64(total)/float64(max(1, n))))
	for st, d := range col.df {
		col.idf[st] = math.Log(1 + (float64(n)-float64(d)+0.5)/(float64(d)+0.5))
	}
	return col
}

// lengthSteps is how many steps of the average section length BM25
// normalizes by there are in each doubling.
const lengthSteps = 8

// quantizedLength rounds an average section length to the nearest of a
// ladder of lengths 9% apart (each 2^(1/8) times the one below): BM25 then scores against
// at most 4.5% off the true average, and an edit that changes one
// section's length leaves it where it was (at 1,000 pages, a hundred
// words more move the average by a hundredth of a percent), so the
// postings of every stem the edit did not touch stay as they were (see
// Memory).
func quantizedLength(avg float64) float64 {
	return math.Exp2(math.Round(math.Log2(avg)*lengthSteps) / lengthSteps)
}

// score gives every stem wanted (every stem for nil) its best
// MaxPostings postings, and its best title postings (see MaxPostings),
// best first; a stem not wanted gets none. Each stem keeps only its best
// as sections are scored: a common stem's full list would be most of the
// index's memory. The stems are split among the cores, each scoring every
// section for its own stems, in section order, so the lists are the same
// however the work is shared.
func (ix *Index) score(a *analysis, c counts, col collection, pages []pageFacets, wanted []bool) [][]posting {
	lists := make([]topPostings, len(a.stems))
	titles := make([]topPostings, len(a.stems)) // the title postings, few
	best := make([][]posting, len(a.stems))
	for st := range lists {
		if wanted == nil || wanted[st] {
			lists[st].ps = make([]posting, 0, min(col.df[st], MaxPostings))
		}
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
			r := freqReader{b: c.freqs[j]}
			for f, ok := r.next(); ok; f, ok = r.next() {
				if int(f.stem)%parts != part || wanted != nil && !wanted[f.stem] {
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
			if wanted == nil || wanted[st] {
				best[st] = withTitles(lists[st].best(), titles[st].best())
			}
		}
	})
	return best
}
