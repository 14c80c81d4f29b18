package search

import (
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"maps"
	"math"
	"slices"
	"strings"
	"unsafe"

	"github.com/kbsite/kb/internal/parallel"
)

// Memory is what an index remembers of the site it indexed, so that the
// next index of the site redoes only what an edit changed: each
// section's stem counts, by a digest of everything they are made from;
// the vocabulary; each key shard's key; and each stem's best postings
// (see bestPostings). A section whose digest is
// the same is not split into words again, and a stem that no changed
// section has, or had, keeps its postings: a posting's impact reads the
// site only through the section count and the average section length,
// which BM25 takes rounded (see quantizedLength), and a stem's share of
// sections, which only the sections that have it change. So its shards
// are kept as they are, unless the count or the rounded average moved.
// The files the index makes are the same, byte for byte, as an index
// made from nothing. A Memory is never changed once made: the next
// index makes its own.
type Memory struct {
	words  dict    // every word the memory's sections have had, by id
	stemOf []int32 // by word id: its stem's id, -1 for stop words
	stems  dict
	refs   []int32 // by word id: how many sections have the word; 0 for a word no longer in the site; nil for an index not remembered, where every word is in the site
	df     []int32 // by stem id: how many sections have the stem
	total  int64   // the sections' lengths, summed
	secs   []memSection
	avgLen float64                      // the rounded average section length the postings were scored with
	shards map[string][sha256.Size]byte // each key shard's key: its bytes' digest
	// postings are each stem's best postings, by stem id, as
	// appendPostings encodes them; nil for a stem not remembered (see
	// bestPostings).
	postings [][]byte
	// recalled is how many stems' postings this index read back from
	// the last one's memory rather than scoring them; merged how many
	// touched stems' it made from the changed sections' postings, with
	// the last ones or alone (see bestPostings).
	recalled, merged int
}

// memSection is what a Memory keeps of a section.
type memSection struct {
	key    sectionKey
	length int32
	freqs  []byte // see appendFreqs
	words  []byte // the distinct words that have a stem, by id, as unsigned varints
}

// sectionKey is a digest of everything a section's counts, postings and
// record are made from (see sectionKeys): two CRC-32s of it, with
// different polynomials, and its length. The CRCs run in hardware, as
// the output folder's checksums do (SHA-256 took 0.10 s of a build's
// processor time after one edit at 10,000 pages, by a CPU profile);
// together they act as one 64-bit CRC, so a section that changed keeps
// its key with odds of about one in 2^64. Nothing here is adversarial:
// the text is the author's.
type sectionKey [16]byte

// keyOf is the sectionKey of b and s one after the other, without
// copying s next to b: the CRCs run over the parts in turn.
func keyOf(b []byte, s string) sectionKey {
	tail := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	var k sectionKey
	binary.LittleEndian.PutUint32(k[0:], crc32.Update(crc32.Checksum(b, castagnoli), castagnoli, tail))
	binary.LittleEndian.PutUint32(k[4:], crc32.Update(crc32.ChecksumIEEE(b), crc32.IEEETable, tail))
	binary.LittleEndian.PutUint64(k[8:], uint64(len(b)+len(s)))
	return k
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// delta is what changed since the last memory: the stems whose postings
// may have (nil for every stem), and the shards that lost a word; with
// every section's key.
type delta struct {
	touched  []bool
	deadKeys map[string]bool
	keys     []sectionKey
	changed  []int // the sections whose keys changed, by id
}

// sectionKeys digests each section with its page's fields that reach its
// counts, postings and record: the titles, description, URL, weight and
// facet values, and its place.
func (ix *Index) sectionKeys(refs []sectionRef, pages []pageFacets) []sectionKey {
	keys := make([]sectionKey, len(refs))
	// Each worker lays a section's fields out in its own buffer and
	// digests them and the text after them: a hash.Hash fed the text as
	// []byte copied it into a new slice each time (60 MB at 10,000
	// pages), and so did laying the text out in the buffer.
	parallel.Each(len(refs), func() *[]byte { return new([]byte) }, func(buf *[]byte, j int) {
		r := refs[j]
		d := &ix.docs[r.doc]
		sec := &d.Sections[r.sec]
		b := (*buf)[:0]
		num := func(v uint64) { b = binary.AppendUvarint(b, v) }
		str := func(s string) { num(uint64(len(s))); b = append(b, s...) }
		num(uint64(r.doc))
		num(uint64(r.sec))
		str(d.Title)
		num(uint64(len(d.OtherTitles)))
		for _, t := range d.OtherTitles {
			str(t)
		}
		str(d.Description)
		str(d.URL)
		num(math.Float64bits(d.Weight))
		f := pages[r.doc]
		num(uint64(f.siteSection + 1))
		num(uint64(len(f.terms)))
		for _, t := range f.terms {
			num(uint64(t))
		}
		str(sec.Anchor)
		str(sec.Heading)
		num(uint64(len(sec.Text)))
		keys[j] = keyOf(b, sec.Text)
		*buf = b
	})
	return keys
}

// analyseSince analyses the sections whose keys are not last's (every
// section when last is nil, or has another count of sections), and
// takes the others' counts from last. It returns the analysis of the
// site, every section's counts, this index's memory (its shards' keys
// not yet known) and what changed. An index made from nothing that
// will not be remembered does not list each section's words: every word
// it numbers is in the site (the memory's refs are then nil).
func (ix *Index) analyseSince(last *Memory, pages []pageFacets, remember bool) (*analysis, counts, *Memory, delta) {
	refs := ix.sections()
	keys := ix.sectionKeys(refs, pages)
	if last != nil && (len(last.secs) != len(refs) || last.stale()) {
		last = nil
	}
	var changed []int
	for j := range refs {
		if last == nil || last.secs[j].key != keys[j] {
			changed = append(changed, j)
		}
	}
	some := make([]sectionRef, len(changed))
	for i, j := range changed {
		some[i] = refs[j]
	}
	texts, owner, vocabs := ix.tokenize(some)
	all := make([]text, len(refs))
	isChanged := make([]bool, len(refs))
	for i, j := range changed {
		all[j], isChanged[j] = texts[i], true
	}
	parallel.For(len(refs), func(j int) {
		if !isChanged[j] {
			all[j] = ix.bareText(refs[j])
		}
	})
	// The index needs only the snippets of the texts it split from here
	// on: let the rest go, the largest part of a large site's index. A
	// section whose counts are remembered keeps its text until the
	// index is written (see release): its snippet is made only if its
	// record is (at 10,000 pages, making every snippet took 0.13 s of
	// processor time).
	for _, j := range changed {
		r := refs[j]
		ix.docs[r.doc].Sections[r.sec].Text = ""
	}

	mem := &Memory{words: newDict(), stems: newDict()}
	if last != nil {
		mem.words = last.words.clone()
		mem.stems = last.stems.clone()
		mem.stemOf = slices.Clone(last.stemOf)
	}
	known := len(mem.words.words)
	mergeVocabs(vocabs, &mem.words)
	renumber(texts, owner)
	mem.stemOf = stemWords(mem.words.words, known, mem.stemOf, &mem.stems)
	a := &analysis{texts: all, words: mem.words.words, stemOf: mem.stemOf, stems: mem.stems.words}

	listWords := last != nil || remember
	fresh, freshWords := a.count(texts, listWords)
	c := counts{freqs: make([][]byte, len(refs)), lengths: make([]int, len(refs))}
	mem.secs = make([]memSection, len(refs))
	if last != nil {
		copy(mem.secs, last.secs)
	}
	for i, j := range changed {
		mem.secs[j] = memSection{key: keys[j], length: int32(fresh.lengths[i]), freqs: fresh.freqs[i], words: freshWords[i]}
	}
	for j, s := range mem.secs {
		c.freqs[j], c.lengths[j] = s.freqs, int(s.length)
	}

	d := mem.update(last, changed)
	d.keys, d.changed = keys, changed
	if !listWords {
		mem.refs = nil
	}
	return a, c, mem, d
}

// stale says whether most of the words m numbers are no longer in the
// site: edits leave the words they take out numbered, and a memory kept
// from build to build would otherwise only grow. The index then starts
// from nothing, once.
func (m *Memory) stale() bool {
	gone := 0
	for _, n := range m.refs {
		if n == 0 {
			gone++
		}
	}
	return gone > len(m.refs)/2
}

// update brings the memory's counts of each word's and each stem's
// sections, and its total length, from last's to this index's, given
// the sections that changed (their new counts are in m.secs already),
// and says what changed. The counts of the sections last had are taken
// away, those of the new added: the total is BM25's average length, a
// stem's count its inverse document frequency. The sections are tallied
// on all cores: for an index made from nothing, that is every section.
func (m *Memory) update(last *Memory, changed []int) delta {
	tallies := parallel.Each(len(changed), func() *tally {
		t := &tally{df: make([]int32, len(m.stems.words)), refs: make([]int32, len(m.words.words))}
		if last != nil {
			t.touched = make([]bool, len(t.df))
		}
		return t
	}, func(t *tally, i int) {
		j := changed[i]
		if last != nil {
			t.add(last.secs[j], -1)
		}
		t.add(m.secs[j], 1)
	})
	d := delta{deadKeys: map[string]bool{}}
	m.refs = make([]int32, len(m.words.words))
	m.df = make([]int32, len(m.stems.words))
	if last != nil {
		copy(m.refs, last.refs)
		copy(m.df, last.df)
		m.total = last.total
		d.touched = make([]bool, len(m.df))
	}
	for _, t := range tallies {
		m.total += t.total
		for st, n := range t.df {
			m.df[st] += n
		}
		for w, n := range t.refs {
			m.refs[w] += n
		}
		for st, yes := range t.touched {
			d.touched[st] = d.touched[st] || yes
		}
	}
	if last != nil {
		for w, n := range last.refs {
			if n > 0 && m.refs[w] == 0 && m.stemOf[w] >= 0 {
				for i, k := range Keys(m.words.words[w]) {
					d.deadKeys[shardName(k, i == 0)] = true
				}
			}
		}
	}
	return d
}

// tally is one core's share of update: what its sections add to, or
// take from, each stem's and each word's count of sections and the
// total length, and the stems they have.
type tally struct {
	df, refs []int32
	total    int64
	touched  []bool // nil for an index made from nothing
}

// add counts s by times, 1 or -1.
func (t *tally) add(s memSection, by int32) {
	t.total += int64(by) * int64(s.length)
	r := freqReader{varints: varints{b: s.freqs}, stems: len(t.df)}
	for st, ok := r.nextStem(); ok; st, ok = r.nextStem() {
		r.skip()
		t.df[st] += by
		if t.touched != nil {
			t.touched[st] = true
		}
	}
	eachID(s.words, len(t.refs), func(w int32) { t.refs[w] += by })
}

// bareText is a section's text without its words, for a section whose
// counts are remembered: what the records and postings read of it, its
// snippet made when its record is (see record).
func (ix *Index) bareText(r sectionRef) text {
	d := ix.docs[r.doc]
	t := text{doc: r.doc, sec: r.sec, later: true}
	if r.sec == 0 {
		t.titleWords = max(1, distinctContentWords(d.Title))
	}
	return t
}

// snippetOf is the start of a section's text, or of its page's
// description when it has none, in its own bytes (not the page's text).
func snippetOf(d Doc, sec Section) string {
	return strings.Clone(snippetIn(d, sec))
}

// snippetIn is snippetOf as part of the page's text.
func snippetIn(d Doc, sec Section) string {
	body := sec.Text
	if body == "" {
		body = d.Description
	}
	return truncate(body, snippetChars)
}

// release lets go of every section's text.
func (ix *Index) release() {
	for i := range ix.docs {
		for j := range ix.docs[i].Sections {
			ix.docs[i].Sections[j].Text = ""
		}
	}
}

// clone is a copy of d that numbering more strings does not change.
func (d dict) clone() dict {
	return dict{ids: maps.Clone(d.ids), words: slices.Clone(d.words)}
}
