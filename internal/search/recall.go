package search

import (
	"encoding/binary"

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

// bestPostings gives each stem wanted (every stem for nil) its best
// postings, best first: read back from last for a stem it remembers and
// no changed section has or had (touched), scored for the others. It
// also returns the stems it scored (nil for every stem), and how many
// it read back.
func (ix *Index) bestPostings(a *analysis, c counts, col collection, pages []pageFacets, wanted, touched []bool, last *Memory) (best [][]posting, scored []bool, read int) {
	if wanted == nil {
		return ix.score(a, c, col, pages, nil), nil, 0
	}
	var recalled []int32
	scored = make([]bool, len(wanted))
	for st, w := range wanted {
		switch {
		case !w:
		case touched[st] || last == nil || st >= len(last.postings) || last.postings[st] == nil:
			scored[st] = true
		default:
			recalled = append(recalled, int32(st))
		}
	}
	lists := make([][]posting, len(recalled))
	parallel.For(len(recalled), func(i int) {
		lists[i] = readPostings(last.postings[recalled[i]], a, pages)
	})
	for i, st := range recalled {
		if lists[i] == nil {
			scored[st] = true // its bytes do not read: scored after all
		}
	}
	best = ix.score(a, c, col, pages, scored)
	for i, st := range recalled {
		if lists[i] != nil {
			best[st] = lists[i]
			read++
		}
	}
	return best, scored, read
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
