package search

import (
	"encoding/binary"
	"slices"

	"github.com/kbsite/kb/internal/parallel"
)

// An index remembers each stem's best postings as it scored them (see
// Memory.postings), so that the next one scores again only the stems an
// edit touched. A key shard is made again when any of its words' stems
// was touched, and it holds all of its words' postings: after one edit
// at 10,000 pages, some 300 shards with 12,000 stems, of which about 100
// were touched. Scoring all of those stems, every section read for them,
// was the largest part of the index's processor time in such a build
// (by CPU profiles); the others' postings are as they were, for the
// reasons the shards kept are (see Memory), and are read back instead.
// Most touched stems are not scored either: their postings are made from
// the changed sections' and the last ones (see mergeTouched).

// bestPostings gives each stem wanted (every stem for nil) its best
// postings, best first: read back from last for a stem it remembers and
// no changed section has or had (d.touched); for a touched stem, made
// from the changed sections' postings where they are all it has, or
// merged with last's where its count of sections is as it was and that
// is exact (see mergeTouched); scored for the others. It also returns
// the stems whose lists it made (scored or from the changed sections;
// nil for every stem), how many it read back and how many it made from
// the changed sections.
func (ix *Index) bestPostings(a *analysis, c counts, col collection, pages []pageFacets, wanted []bool, d delta, last *Memory) (best [][]posting, made []bool, read, merged int) {
	if wanted == nil {
		return ix.score(a, c, col, pages, nil), nil, 0, 0
	}
	remembered := func(st int) bool {
		return last != nil && st < len(last.postings) && last.postings[st] != nil
	}
	var recalled, touched []int32
	scored := make([]bool, len(wanted))
	for st, w := range wanted {
		switch {
		case !w:
		case d.touched != nil && d.touched[st]:
			touched = append(touched, int32(st))
		case remembered(st):
			recalled = append(recalled, int32(st))
		default:
			scored[st] = true
		}
	}
	// A touched stem's last postings are read for a merge only when its
	// count of sections is as it was.
	var merging []int32
	for _, st := range touched {
		if remembered(int(st)) && int(st) < len(last.df) && last.df[st] == col.df[st] {
			merging = append(merging, st)
		}
	}
	reading := slices.Concat(recalled, merging)
	lists := make([][]posting, len(reading))
	parallel.For(len(reading), func(i int) {
		lists[i] = readPostings(last.postings[reading[i]], a, pages)
	})
	for i, st := range recalled {
		if lists[i] == nil {
			scored[st] = true // its bytes do not read: scored after all
		}
	}
	old := map[int32][]posting{}
	for i, st := range merging {
		old[st] = lists[len(recalled)+i]
	}
	fresh := scorer{ix: ix, a: a, c: c, col: col, pages: pages}.sectionsPostings(d.changed, touched)
	inChanged := make([]bool, len(c.freqs))
	for _, j := range d.changed {
		inChanged[j] = true
	}
	freshLists := make([][]posting, len(touched))
	for i, st := range touched {
		var ok bool
		switch {
		case int(col.df[st]) == len(fresh[i]):
			// Every section with the stem changed: a word new to the
			// site, or one only the edited page has.
			var l stemLists
			for _, p := range fresh[i] {
				l.add(p)
			}
			freshLists[i], ok = l.best(), true
		case old[st] != nil:
			freshLists[i], ok = mergeTouched(old[st], fresh[i], inChanged)
		}
		if !ok {
			scored[st] = true
		}
	}
	best = ix.score(a, c, col, pages, scored)
	for i, st := range recalled {
		if lists[i] != nil {
			best[st] = lists[i]
			read++
		}
	}
	made = scored
	for i, st := range touched {
		if !scored[st] {
			best[st], made[st] = freshLists[i], true
			merged++
		}
	}
	return best, made, read, merged
}

// sectionsPostings are the postings of the sections secs (by id) of each
// of stems, by stems' order.
func (sc scorer) sectionsPostings(secs []int, stems []int32) [][]posting {
	out := make([][]posting, len(stems))
	if len(stems) == 0 {
		return out
	}
	slot := make([]int32, len(sc.col.df)) // stem id → its index in stems plus one
	for i, st := range stems {
		slot[st] = int32(i + 1)
	}
	want := func(r *freqReader) (int32, bool) { return r.seek(slot) }
	for _, j := range secs {
		sc.postings(j, want, func(stem int32, p posting) {
			out[slot[stem]-1] = append(out[slot[stem]-1], p)
		})
	}
	return out
}

// mergeTouched makes a touched stem's best postings (as score does: its
// MaxPostings best, with its best title postings) from old, its last
// ones as bestPostings remembered them, and fresh, its postings in the
// changed sections, whose ids inChanged marks; false when that cannot
// be exact. The stem's count of sections, the sections' number and
// their average length are as they were (the caller checks the first,
// the index the others: see WriteKeeping), so its postings in the
// sections that did not change score as they did. Without those the
// scan of every section's counts for each touched stem was the index's
// largest cost after one edit at 10,000 pages: 5 million frequencies
// read to score 1.4 million postings.
func mergeTouched(old, fresh []posting, inChanged []bool) ([]posting, bool) {
	// The best postings are the first MaxPostings of old (the title
	// postings beyond them rank lower than all of them); the best title
	// postings are old's title postings, every one (a title posting
	// among the best is among the best title postings too).
	all := old[:min(len(old), MaxPostings)]
	var titles, freshTitles []posting
	for _, p := range old {
		if p.titleWords > 0 {
			titles = append(titles, p)
		}
	}
	for _, p := range fresh {
		if p.titleWords > 0 {
			freshTitles = append(freshTitles, p)
		}
	}
	best, ok := mergeList(all, fresh, inChanged)
	if !ok {
		return nil, false
	}
	bestTitles, ok := mergeList(titles, freshTitles, inChanged)
	if !ok {
		return nil, false
	}
	return withTitles(best, bestTitles), true
}

// mergeList is the MaxPostings best of a stem's postings (or of its
// title postings), from old, the last ones, best first, and fresh, those
// of the changed sections; false when that cannot be exact. A list
// shorter than MaxPostings held every posting. A full one held the
// best: a posting of a section that did not change and is not in it
// ranks below every one of it that did not change either (their scores
// are as they were), so below the last of those, lowest. The result is
// exact when at least MaxPostings postings rank no lower than lowest:
// those that stay, and the fresh ones above it.
func mergeList(old, fresh []posting, inChanged []bool) ([]posting, bool) {
	var top topPostings
	stay := 0
	var lowest posting
	for _, p := range old {
		if !inChanged[p.id] {
			top.add(p)
			lowest = p
			stay++
		}
	}
	above := 0
	for _, p := range fresh {
		top.add(p)
		if stay > 0 && morePertinent(p, lowest) < 0 {
			above++
		}
	}
	if len(old) == MaxPostings && (stay == 0 || stay+above < MaxPostings) {
		return nil, false
	}
	return top.best(), true
}

// rememberPostings keeps each stem's best postings in m, by stem id:
// those scored now (scored, nil for every stem) encoded again, the
// others as last had them; none for a stem touched and not scored.
func (m *Memory) rememberPostings(best [][]posting, scored, touched []bool, last *Memory) {
	m.postings = make([][]byte, len(m.stems.words))
	if scored != nil && last != nil {
		copy(m.postings, last.postings)
	}
	parallel.For(len(m.postings), func(st int) {
		switch {
		case scored == nil || st < len(scored) && scored[st]:
			m.postings[st] = appendPostings(nil, best[st])
		case st < len(touched) && touched[st]:
			m.postings[st] = nil
		}
	})
}

// appendPostings encodes ps: their count, then each one's section id,
// impact, first position and title words, as varints. The count comes
// first even for none, so an encoded list is never empty (an empty one
// is a stem not remembered).
func appendPostings(b []byte, ps []posting) []byte {
	b = binary.AppendUvarint(b, uint64(len(ps)))
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(p.id))
		b = binary.AppendVarint(b, int64(p.impact))
		b = binary.AppendUvarint(b, uint64(p.first))
		b = binary.AppendUvarint(b, uint64(p.titleWords))
	}
	return b
}

// readPostings decodes what appendPostings wrote, each posting's page
// facets taken from this index's pages by its section's page; nil for
// bytes that do not decode, or name a section the analysis does not
// have (none decoded is an empty list, not nil).
func readPostings(b []byte, a *analysis, pages []pageFacets) []posting {
	r := varints{b: b}
	n := r.num()
	if r.bad || n > uint64(len(b)) {
		return nil
	}
	ps := make([]posting, n)
	for i := range ps {
		id := r.num()
		impact, k := binary.Varint(r.b)
		if k <= 0 || id >= uint64(len(a.texts)) {
			return nil
		}
		r.b = r.b[k:]
		first, titleWords := r.num(), r.num()
		doc := a.texts[id].doc
		if r.bad || doc < 0 || doc >= len(pages) {
			return nil
		}
		ps[i] = posting{id: int(id), impact: int(impact), first: int(first), titleWords: int(titleWords), of: &pages[doc]}
	}
	if len(r.b) != 0 {
		return nil
	}
	return ps
}
