package search

import (
	"slices"
	"strconv"
)

// The records a one-word query shows travel in its word's home shard, so
// that the query needs no records file: every query starts as one word
// in the header box, typed, and a longer query's best results are often
// among its words' own best pages (on the 10,000-page benchmark site,
// for 45 in 100 queries of three words taken from one section; seldom
// for words taken from titles). Only common stems carry them: most stems
// are in a section or two, and carrying theirs would more than double
// the shards' bytes (at 10,000 pages) to spare a query one records file.
const (
	// InlinePages is how many pages a stem's shard carries the records
	// of: as many as the header box shows.
	InlinePages = 6
	// InlineMin is how many postings a stem needs to carry records.
	InlineMin = 32
)

// inlineIDs returns, for each stem with at least InlineMin postings, the
// sections a query of that word alone shows first, by id: the best
// section of each of its InlinePages best pages, ranked as search.js
// ranks one word (rankSections: a title word lifts a page's first
// section). A stem without any has none.
func inlineIDs(best [][]posting) [][]int {
	out := make([][]int, len(best))
	for st, ps := range best {
		if len(ps) < InlineMin {
			continue
		}
		ranked := slices.Clone(ps)
		slices.SortStableFunc(ranked, func(a, b posting) int {
			if sa, sb := oneWordScore(a), oneWordScore(b); sa != sb {
				if sa > sb {
					return -1
				}
				return 1
			}
			return a.id - b.id
		})
		seen := map[int]bool{}
		for _, p := range ranked {
			if len(seen) == InlinePages {
				break
			}
			if !seen[p.of.page] {
				seen[p.of.page] = true
				out[st] = append(out[st], p.id)
			}
		}
		slices.Sort(out[st])
	}
	return out
}

// oneWordScore is a posting's score for a query of its word alone, as
// search.js computes it.
func oneWordScore(p posting) float64 {
	s := float64(p.impact)
	if p.titleWords > 0 {
		s *= 1 + min(1, 1/float64(p.titleWords))
	}
	return s
}

// inlineRecord is a record a shard carries, with its section's id:
//
//	[id, title, url, heading, text]
type inlineRecord struct {
	id int
	record
}

// appendInlineRecord is the one encoder of an inline record.
func appendInlineRecord(b []byte, r inlineRecord) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(r.id), 10)
	b = append(b, ',')
	b = appendRecordFields(b, r.record)
	return append(b, ']')
}
