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
	df     []int32 // by stem id: how many sections have the stem
	idf    []float64
	avgLen float64
}

// collectionOf is the collection of sections sections, with df and
// total length total (see Memory).
func collectionOf(df []int32, total int64, sections int) collection {
	n := float64(sections)
	col := collection{df: df, idf: make([]float64, len(df))}
	col.avgLen = quantizedLength(max(1, float64(total)/max(1, n)))
	for st, d := range df {
		col.idf[st] = math.Log(1 + (n-float64(d)+0.5)/(float64(d)+0.5))
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
// index's memory. The best of a list are the same however its postings
// are split and in whatever order they come: postings are ordered by
// morePertinent, in which no two are equal.
func (ix *Index) score(a *analysis, c counts, col collection, pages []pageFacets, wanted []bool) [][]posting {
	sc := scorer{ix: ix, a: a, c: c, col: col, pages: pages}
	if wanted == nil {
		return sc.all()
	}
	return sc.some(wanted)
}

// scorer scores the postings of an index's sections.
type scorer struct {
	ix    *Index
	a     *analysis
	c     counts
	col   collection
	pages []pageFacets
}

// postings hands each posting of section j to add, with the stem it is
// of, for each stem next reads on to (see nextMine, freqReader.seek).
func (sc scorer) postings(j int, next func(r *freqReader) (int32, bool), add func(stem int32, p posting)) {
	doc := sc.a.texts[j].doc
	norm := 1 - b + b*float64(sc.c.lengths[j])/sc.col.avgLen
	weight := sc.ix.docs[doc].Weight
	if weight == 0 {
		weight = 1
	}
	r := freqReader{varints: varints{b: sc.c.freqs[j]}, stems: len(sc.col.df)}
	for stem, ok := next(&r); ok; stem, ok = next(&r) {
		f, ok := r.rest(stem)
		if !ok {
			return
		}
		// BM25F: the body's count normalized by the section's length,
		// then the weighted fields' added, then saturated together. A
		// word of a long section's title counts as much as one of a
		// short section's.
		tf := float64(f.fields) + float64(f.body)/norm
		score := weight * sc.col.idf[f.stem] * tf * (k1 + 1) / (tf + k1)
		p := posting{id: j, impact: int(math.Round(score * 100)), first: int(f.first), of: &sc.pages[doc]}
		if f.title {
			p.titleWords = sc.a.texts[j].titleWords
		}
		add(f.stem, p)
	}
}

// stemLists are a stem's best postings and best title postings (few).
type stemLists struct{ all, titles topPostings }

func (l *stemLists) add(p posting) {
	l.all.add(p)
	if p.titleWords > 0 {
		l.titles.add(p)
	}
}

func (l *stemLists) best() []posting { return withTitles(l.all.best(), l.titles.best()) }

// all scores every stem. The stems are split among the cores, each
// scoring every section for its own stems: a list for every stem on
// each core would double the largest part of the index's memory.
func (sc scorer) all() [][]posting {
	lists := make([]stemLists, len(sc.col.df))
	for st := range lists {
		lists[st].all.ps = make([]posting, 0, min(int(sc.col.df[st]), MaxPostings))
	}
	best := make([][]posting, len(lists))
	parts := runtime.GOMAXPROCS(0)
	parallel.For(parts, func(part int) {
		mine := func(r *freqReader) (int32, bool) { return r.nextMine(part, parts) }
		for j := range sc.c.freqs {
			sc.postings(j, mine, func(stem int32, p posting) { lists[stem].add(p) })
		}
		for st := part; st < len(lists); st += parts {
			best[st] = lists[st].best()
		}
	})
	return best
}

// some scores the stems wanted, after an edit few: the sections are
// split among the cores instead, so that each reads a section once, and
// each core's lists are merged.
func (sc scorer) some(wanted []bool) [][]posting {
	slot := make([]int32, len(wanted)) // stem id → its list's index plus one
	var stems []int32
	for st, w := range wanted {
		if w {
			stems = append(stems, int32(st))
			slot[st] = int32(len(stems))
		}
	}
	best := make([][]posting, len(wanted))
	if len(stems) == 0 {
		return best // every wanted stem's postings were remembered (see bestPostings)
	}
	want := func(r *freqReader) (int32, bool) { return r.seek(slot) }
	parts := runtime.GOMAXPROCS(0)
	lists := make([][]stemLists, parts)
	n := len(sc.c.freqs)
	parallel.For(parts, func(part int) {
		mine := make([]stemLists, len(stems))
		for j := part * n / parts; j < (part+1)*n/parts; j++ {
			sc.postings(j, want, func(stem int32, p posting) { mine[slot[stem]-1].add(p) })
		}
		lists[part] = mine
	})
	for i, st := range stems {
		merged := lists[0][i]
		for _, other := range lists[1:] {
			for _, p := range other[i].all.ps {
				merged.all.add(p)
			}
			for _, p := range other[i].titles.ps {
				merged.titles.add(p)
			}
		}
		best[st] = merged.best()
	}
	return best
}
