package search

import (
	"bytes"
	"encoding/binary"

	"github.com/kbsite/kb/internal/parallel"
)

// Field weights make a word in the page title count as much as
// weightTitle occurrences in the body, and so on.
const (
	weightTitle       = 12
	weightHeading     = 4
	weightDescription = 2
)

// termFreq is a stem's counts in a section: in the body, and in the
// other fields with their weights, apart, as BM25F normalizes only the
// body's by its length; its first body position; and whether it is a
// word of the page's title in the page's first section.
type termFreq struct {
	stem   int32
	body   float32
	fields float32
	first  int32
	title  bool
}

// counts are every section's stem frequencies (as appendFreqs writes
// them: 5 million frequencies of a 10,000-page site take about 30 MB so,
// where they took 100 MB as termFreqs) and body length, by section id.
type counts struct {
	freqs   [][]byte
	lengths []int
}

// count counts the stems of texts on all cores, and, if words is set,
// lists each text's distinct words that have a stem. The page title has
// its full weight in the page's first section only; in the others it
// counts as a word of the body does. It lets go of the texts' word ids,
// which nothing needs after.
func (a *analysis) count(texts []text, words bool) (counts, [][]byte) {
	n := len(texts)
	c := counts{freqs: make([][]byte, n), lengths: make([]int, n)}
	distinct := make([][]byte, n)
	newScratch := func() *freqScratch {
		sc := &freqScratch{slot: make([]int32, len(a.stems))}
		if words {
			sc.seen = make([]int32, len(a.words))
		}
		return sc
	}
	parallel.Each(n, newScratch, func(scratch *freqScratch, j int) {
		t := &texts[j]
		weight := float32(1)
		if t.sec == 0 {
			weight = weightTitle
		}
		c.freqs[j], c.lengths[j] = a.frequencies(*t, weight, scratch)
		if words {
			distinct[j] = a.distinctWords(*t, scratch)
		}
		t.title, t.desc, t.heading, t.body = nil, nil, nil, nil
	})
	return c, distinct
}

// freqScratch is a worker's scratch space for frequencies: out, reused
// for each section, and where each stem is in it, by stem id (a slice, not
// a map: this lookup runs for every word of the site); and for
// distinctWords, the last text each word was seen in.
type freqScratch struct {
	slot []int32 // stem id → its index in out plus one; 0 for none
	out  []termFreq
	seen []int32 // word id → the number of the text it was last seen in
	text int32   // the number of the text being read, from 1
	buf  []byte
}

// distinctWords lists the distinct words of t that have a stem, as
// unsigned varints.
func (a *analysis) distinctWords(t text, sc *freqScratch) []byte {
	sc.text++
	sc.buf = sc.buf[:0]
	for _, ids := range [][]int32{t.title, t.desc, t.heading, t.body} {
		for _, w := range ids {
			if sc.seen[w] != sc.text && a.stemOf[w] >= 0 {
				sc.seen[w] = sc.text
				sc.buf = binary.AppendUvarint(sc.buf, uint64(w))
			}
		}
	}
	return bytes.Clone(sc.buf)
}

// frequencies counts a section's stems, field weights applied; the body's
// words are also the section's length.
func (a *analysis) frequencies(t text, titleWeight float32, sc *freqScratch) ([]byte, int) {
	sc.out = sc.out[:0]
	length := 0
	add := func(ids []int32, weight float32, body, title bool) {
		for pos, w := range ids {
			st := a.stemOf[w]
			if st < 0 {
				continue
			}
			i := sc.slot[st] - 1
			if i < 0 {
				i = int32(len(sc.out))
				sc.slot[st] = i + 1
				sc.out = append(sc.out, termFreq{stem: st, first: -1})
			}
			f := &sc.out[i]
			f.title = f.title || title
			if body {
				f.body += weight
				length++
				if f.first < 0 {
					f.first = int32(pos)
				}
			} else {
				f.fields += weight
			}
		}
	}
	add(t.desc, weightDescription, false, false)
	add(t.title, titleWeight, false, t.sec == 0)
	add(t.heading, weightHeading, false, false)
	add(t.body, 1, true, false)
	for i := range sc.out {
		sc.out[i].first = max(sc.out[i].first, 0)
		sc.slot[sc.out[i].stem] = 0
	}
	sc.buf = appendFreqs(sc.buf[:0], sc.out)
	return bytes.Clone(sc.buf), length
}
