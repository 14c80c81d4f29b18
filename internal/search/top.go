package search

import "slices"

// MaxPostings caps the sections kept per stem, best first: a stem in
// thousands of sections ranks by its rarer companions anyway, and the cap
// keeps every shard small. Pages whose title holds the stem keep their
// first section's posting beyond the cap, up to MaxPostings more (see
// withTitles): a page is found by its title's words, however common.
const MaxPostings = 100

// topPostings keeps the MaxPostings postings with the highest impact
// among those added, without holding the others.
type topPostings struct {
	ps     []posting
	sorted bool // ps is full, and sorted best first
}

// morePertinent orders postings best first: higher impact, then lower
// section id, so the order is total and the result deterministic.
func morePertinent(a, b posting) int {
	if a.impact != b.impact {
		return b.impact - a.impact
	}
	return a.id - b.id
}

func (t *topPostings) add(p posting) {
	if len(t.ps) < MaxPostings {
		t.ps = append(t.ps, p)
		return
	}
	if !t.sorted {
		slices.SortFunc(t.ps, morePertinent)
		t.sorted = true
	}
	last := len(t.ps) - 1
	if morePertinent(p, t.ps[last]) >= 0 {
		return
	}
	i, _ := slices.BinarySearchFunc(t.ps, p, morePertinent)
	copy(t.ps[i+1:], t.ps[i:last])
	t.ps[i] = p
}

// best returns the postings kept, best first.
func (t *topPostings) best() []posting {
	if !t.sorted {
		slices.SortFunc(t.ps, morePertinent)
	}
	return t.ps
}

// withTitles merges a stem's best postings with its best title postings
// (see posting.titleWords), both best first, each posting once.
func withTitles(best, titles []posting) []posting {
	if len(titles) == 0 {
		return best
	}
	out := make([]posting, 0, len(best)+len(titles))
	i, j := 0, 0
	for i < len(best) || j < len(titles) {
		switch {
		case j == len(titles) || i < len(best) && morePertinent(best[i], titles[j]) < 0:
			out = append(out, best[i])
			i++
		case i == len(best) || morePertinent(titles[j], best[i]) < 0:
			out = append(out, titles[j])
			j++
		default: // the same posting in both
			out = append(out, best[i])
			i, j = i+1, j+1
		}
	}
	return out
}
