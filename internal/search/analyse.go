package search

import (
	"hash/maphash"
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/parallel"
)

// text is a section's words as ids into the analysis's vocabulary, per
// field.
type text struct {
	doc, sec                   int
	title, desc, heading, body []int32
	titleWords                 int    // in the first section: the distinct words of the page's title, stop words aside, at least 1
	snippet                    string // the start of the body, for the records
	later                      bool   // the snippet is made with the record, from the section's text
}

// dict numbers distinct strings in the order it first sees them.
type dict struct {
	ids   map[string]int32
	words []string // by id
}

func newDict() dict { return dict{ids: map[string]int32{}} }

func (d *dict) id(w string) int32 {
	if id, ok := d.ids[w]; ok {
		return id
	}
	id := int32(len(d.words))
	d.ids[w] = id
	d.words = append(d.words, w)
	return id
}

// vocab numbers the words one worker has seen; global maps its numbers
// to the site's, once merged.
type vocab struct {
	dict
	global []int32
	buf    []byte  // scratch for eachWord
	seq    []int32 // scratch for a text's word ids, copied out at their size
	recent *recentWords
	seed   maphash.Seed
}

// recentWords is a small cache of words and their ids, one slot per hash
// of the word, in front of the vocabulary's map: most of a site's text
// is its few thousand commonest words, found here by one short compare,
// and the map's lookup was most of the time it takes to tokenize (0.5 s
// of processor time at 10,000 pages).
type recentWords [4096]struct {
	word string
	id   int32
}

func newVocab() *vocab {
	return &vocab{dict: newDict(), recent: &recentWords{}, seed: maphash.MakeSeed()}
}

func (v *vocab) wordID(word []byte) int32 {
	slot := &v.recent[maphash.Bytes(v.seed, word)%uint64(len(v.recent))]
	if slot.word == string(word) { // no allocation for the compare; an empty slot's "" is no word
		return slot.id
	}
	id, ok := v.ids[string(word)] // nor for the lookup
	if !ok {
		id = v.id(string(word))
	}
	slot.word, slot.id = v.words[id], id
	return id
}

// idsOf numbers the words of s in the worker's vocabulary.
func (v *vocab) idsOf(s string) []int32 {
	v.seq = v.seq[:0]
	v.buf = eachWord(s, v.buf, func(word []byte) { v.seq = append(v.seq, v.wordID(word)) })
	return slices.Clone(v.seq)
}

// analysis is every section of the site, with one vocabulary for the
// site and each word's stem; the texts hold words only while they are
// counted, and only those of the sections analysed again (see
// analyseSince).
type analysis struct {
	texts  []text
	words  []string // by word id
	stemOf []int32  // word id -> stem id; -1 for stop words
	stems  []string // by stem id
}

// sectionRef is a section of a page, by their numbers.
type sectionRef struct{ doc, sec int }

// sections lists every section of every page, in order: a section's place
// in the list is its id.
func (ix *Index) sections() []sectionRef {
	var refs []sectionRef
	for di, d := range ix.docs {
		for si := range d.Sections {
			refs = append(refs, sectionRef{di, si})
		}
	}
	return refs
}

// tokenize turns each section into word ids on all cores, and says which
// worker's vocabulary numbered each.
func (ix *Index) tokenize(refs []sectionRef) ([]text, []*vocab, []*vocab) {
	texts := make([]text, len(refs))
	owner := make([]*vocab, len(refs))
	vocabs := parallel.Each(len(refs), newVocab, func(v *vocab, j int) {
		r := refs[j]
		d := ix.docs[r.doc]
		sec := d.Sections[r.sec]
		t := text{doc: r.doc, sec: r.sec, title: v.idsOf(strings.Join(append([]string{d.Title}, d.OtherTitles...), " ")), heading: v.idsOf(sec.Heading), body: v.idsOf(sec.Text)}
		if r.sec == 0 {
			t.desc = v.idsOf(d.Description)
			t.titleWords = max(1, distinctContentWords(d.Title))
		}
		t.snippet = snippetOf(d, sec)
		texts[j], owner[j] = t, v
	})
	return texts, owner, vocabs
}

// distinctContentWords counts the distinct words of s that are not stop
// words.
func distinctContentWords(s string) int {
	seen := map[string]bool{}
	for _, tk := range Tokens(s) {
		if !IsStop(tk.Word) {
			seen[tk.Word] = true
		}
	}
	return len(seen)
}

// mergeVocabs numbers the words of every worker's vocabulary in the
// site's, words, and records in each worker's the site's numbers.
func mergeVocabs(vocabs []*vocab, words *dict) {
	for _, v := range vocabs {
		v.global = make([]int32, len(v.words))
		for i, word := range v.words {
			v.global[i] = words.id(word)
		}
	}
}

// renumber turns each text's word ids from its worker's numbers into the
// site's.
func renumber(texts []text, owner []*vocab) {
	parallel.For(len(texts), func(j int) {
		r := owner[j].global
		t := &texts[j]
		for _, f := range [][]int32{t.title, t.desc, t.heading, t.body} {
			for k, id := range f {
				f[k] = r[id]
			}
		}
	})
}

// stemWords finds the stem of each word from the first not yet stemmed
// on (stemOf holds the others'), on all cores: Snowball is costly, and a
// site's vocabulary is far smaller than its text. It numbers new stems
// in stems, and returns every word's stem id, -1 for stop words.
func stemWords(words []string, from int, stemOf []int32, stems *dict) []int32 {
	stemmed := make([]string, len(words)-from)
	parallel.For(len(stemmed), func(i int) {
		if w := words[from+i]; !IsStop(w) {
			stemmed[i] = Stem(w)
		}
	})
	for _, st := range stemmed {
		id := int32(-1)
		if st != "" {
			id = stems.id(st)
		}
		stemOf = append(stemOf, id)
	}
	return stemOf
}
