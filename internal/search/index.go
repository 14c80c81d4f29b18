package search

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"kb/internal/parallel"
)

// Doc is one page to index.
type Doc struct {
	Title       string
	Description string
	URL         string   // the page's URL as links write it (base path included)
	Section     string   // the site section it belongs to, a facet
	Roles       []string // the roles it is about, a facet
	Sections    []Section
	// Weight scales the page's scores: generated pages that restate
	// others (comparison pages, say) rank below the pages they compare.
	// Zero means 1.
	Weight float64
}

// Section is a part of a page under one heading.
type Section struct {
	Anchor  string // the heading's id, "" for the part before any heading
	Heading string
	Text    string
}

// Tuning of the index. Field weights make a word in the page title count
// as much as Title occurrences in the body, and so on.
const (
	weightTitle       = 12
	weightHeading     = 4
	weightDescription = 2
	k1, b             = 1.2, 0.75
	// MaxPostings caps the sections kept per stem, best first: a stem in
	// thousands of sections ranks by its rarer companions anyway, and the
	// cap keeps every shard small.
	MaxPostings = 100
	// TypoPostings caps the postings a word carries under its typo keys.
	TypoPostings = 12
	// RecordShard is how many section records a records file holds.
	RecordShard = 32
	// snippetChars caps the text kept per section for snippets.
	snippetChars = 400
)

// Index is the search index of a site, built from Docs.
type Index struct {
	docs     []Doc
	sectionF []string // facet values: site sections
	roles    []string // facet values: roles
}

// Add indexes a page.
func (ix *Index) Add(d Doc) {
	indexOf(&ix.sectionF, d.Section)
	for _, r := range d.Roles {
		indexOf(&ix.roles, r)
	}
	ix.docs = append(ix.docs, d)
}

func indexOf(list *[]string, s string) int {
	if i := slices.Index(*list, s); i >= 0 {
		return i
	}
	*list = append(*list, s)
	return len(*list) - 1
}

// posting is one section's score for a stem: section id, impact (the BM25
// score times 100), the stem's first position in the section's body, the
// section's site-section facet, its role mask, and its page's number (to
// show each page once).
type posting [6]int

// text is a section's words as ids into the analysis's vocabulary, per
// field.
type text struct {
	doc, sec                   int
	title, desc, heading, body []int32
	snippet                    string // the start of the body, for the records
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
}

func (v *vocab) wordID(word []byte) int32 {
	if id, ok := v.ids[string(word)]; ok { // no allocation for the lookup
		return id
	}
	return v.id(string(word))
}

// analysis is every section tokenized, with one vocabulary for the site
// and each word's stem.
type analysis struct {
	texts  []text
	words  []string // by word id
	stemOf []int32  // word id -> stem id; -1 for stop words
	stems  []string // by stem id
}

// analyse tokenizes every section on all cores, each worker numbering
// words in its own vocabulary, then merges the vocabularies and stems each
// distinct word once: Snowball is costly, and a site's vocabulary is far
// smaller than its text.
func (ix *Index) analyse() *analysis {
	type job struct{ doc, sec int }
	var jobs []job
	for di, d := range ix.docs {
		for si := range d.Sections {
			jobs = append(jobs, job{di, si})
		}
	}
	texts := make([]text, len(jobs))
	owner := make([]*vocab, len(jobs))
	vocabs := parallel.Each(len(jobs), func() *vocab { return &vocab{dict: newDict()} }, func(v *vocab, j int) {
		ids := func(s string) []int32 {
			v.seq = v.seq[:0]
			v.buf = eachWord(s, v.buf, func(word []byte) { v.seq = append(v.seq, v.wordID(word)) })
			return slices.Clone(v.seq)
		}
		d := ix.docs[jobs[j].doc]
		sec := d.Sections[jobs[j].sec]
		t := text{doc: jobs[j].doc, sec: jobs[j].sec, title: ids(d.Title), heading: ids(sec.Heading), body: ids(sec.Text)}
		if jobs[j].sec == 0 {
			t.desc = ids(d.Description)
		}
		body := sec.Text
		if body == "" {
			body = d.Description
		}
		t.snippet = strings.Clone(truncate(body, snippetChars)) // its own bytes, not the page's text
		texts[j], owner[j] = t, v
	})
	// The index needs only the snippets of the texts from here on: let
	// the rest go, the largest part of a large site's index.
	for _, j := range jobs {
		ix.docs[j.doc].Sections[j.sec].Text = ""
	}

	words := newDict()
	for _, v := range vocabs {
		v.global = make([]int32, len(v.words))
		for i, word := range v.words {
			v.global[i] = words.id(word)
		}
	}
	a := &analysis{texts: texts, words: words.words}
	parallel.For(len(texts), func(j int) {
		r := owner[j].global
		t := &texts[j]
		for _, f := range [][]int32{t.title, t.desc, t.heading, t.body} {
			for k, id := range f {
				f[k] = r[id]
			}
		}
	})
	stemmed := make([]string, len(a.words))
	parallel.For(len(a.words), func(i int) {
		if !IsStop(a.words[i]) {
			stemmed[i] = Stem(a.words[i])
		}
	})
	stems := newDict()
	a.stemOf = make([]int32, len(a.words))
	for i, st := range stemmed {
		a.stemOf[i] = -1
		if st != "" {
			a.stemOf[i] = stems.id(st)
		}
	}
	a.stems = stems.words
	return a
}

// termFreq is a stem's weighted count in a section, and its first body
// position.
type termFreq struct {
	stem  int32
	tf    float32
	first int32
}

// freqScratch is a worker's scratch space for frequencies: out, reused
// for each section, and where each stem is in it, by stem id (a slice, not
// a map: this lookup runs for every word of the site).
type freqScratch struct {
	slot []int32 // stem id → its index in out plus one; 0 for none
	out  []termFreq
}

// frequencies counts a section's stems, field weights applied; body is
// also the section's length.
func (a *analysis) frequencies(t text, titleWeight float32, sc *freqScratch) ([]termFreq, int) {
	sc.out = sc.out[:0]
	length := 0
	add := func(ids []int32, weight float32, body bool) {
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
			f.tf += weight
			if body {
				length++
				if f.first < 0 {
					f.first = int32(pos)
				}
			}
		}
	}
	add(t.desc, weightDescription, false)
	add(t.title, titleWeight, false)
	add(t.heading, weightHeading, false)
	add(t.body, 1, true)
	for i := range sc.out {
		sc.out[i].first = max(sc.out[i].first, 0)
		sc.slot[sc.out[i].stem] = 0
	}
	return slices.Clone(sc.out), length
}

// Files returns the index's files, by path under the output root; like
// Write, it is called once.
func (ix *Index) Files() map[string][]byte {
	files := map[string][]byte{}
	ix.Write(func(name string, data []byte) { files[name] = data })
	return files
}

// Write hands each of the index's files, by path under the output root, to
// put as soon as it is made, so the index is never held whole in memory;
// put may keep data. An index is written once: Write lets go of the
// sections' text as soon as it has read it. Files are made on all cores,
// but put is called by one goroutine at a time: thousands of files created
// at once in one folder would have the file system's lock on it spin.
func (ix *Index) Write(put func(name string, data []byte)) {
	var mu sync.Mutex
	putInTurn := func(name string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		put(name, data)
	}
	a := ix.analyse()
	n := len(a.texts)
	facet := make([]int, n)
	roles := make([]int, n)
	freqs := make([][]termFreq, n)
	lengths := make([]int, n)
	newScratch := func() *freqScratch { return &freqScratch{slot: make([]int32, len(a.stems))} }
	parallel.Each(n, newScratch, func(scratch *freqScratch, j int) {
		t := a.texts[j]
		weight := float32(1)
		if t.sec == 0 {
			weight = weightTitle
		}
		freqs[j], lengths[j] = a.frequencies(t, weight, scratch)
		a.texts[j].title, a.texts[j].desc, a.texts[j].heading, a.texts[j].body = nil, nil, nil, nil // counted: not needed again
		d := ix.docs[t.doc]
		facet[j] = slices.Index(ix.sectionF, d.Section)
		for _, r := range d.Roles {
			if k := slices.Index(ix.roles, r); k < 31 {
				roles[j] |= 1 << k
			}
		}
	})
	df := make([]int, len(a.stems))
	total := 0
	for j := range n {
		for _, f := range freqs[j] {
			df[f.stem]++
		}
		total += lengths[j]
	}
	avg := max(1, float64(total)/float64(max(1, n)))
	idf := make([]float64, len(a.stems))
	for st, d := range df {
		idf[st] = math.Log(1 + (float64(n)-float64(d)+0.5)/(float64(d)+0.5))
	}
	// Each stem keeps only its best MaxPostings as sections are scored:
	// a common stem's full list would be most of the index's memory. The
	// stems are split among the cores, each scoring every section for its
	// own stems, in section order, so the lists are the same however the
	// work is shared.
	lists := make([]topPostings, len(a.stems))
	best := make([][]posting, len(a.stems))
	for st := range lists {
		lists[st].ps = make([]posting, 0, min(df[st], MaxPostings))
	}
	parts := runtime.GOMAXPROCS(0)
	parallel.For(parts, func(part int) {
		for j := range n {
			norm := k1 * (1 - b + b*float64(lengths[j])/avg)
			weight := ix.docs[a.texts[j].doc].Weight
			if weight == 0 {
				weight = 1
			}
			for _, f := range freqs[j] {
				if int(f.stem)%parts != part {
					continue
				}
				tf := float64(f.tf)
				score := weight * idf[f.stem] * tf * (k1 + 1) / (tf + norm)
				lists[f.stem].add(posting{j, int(math.Round(score * 100)), int(f.first), facet[j], roles[j], a.texts[j].doc})
			}
		}
		for st := part; st < len(lists); st += parts {
			best[st] = lists[st].best()
		}
	})
	clear(freqs)

	a.writeShards(best, putInTurn)

	// Records, in shards of consecutive section ids.
	parallel.For((n+RecordShard-1)/RecordShard, func(shard int) {
		start := shard * RecordShard
		recs := make([][]string, 0, RecordShard)
		for _, t := range a.texts[start:min(start+RecordShard, n)] {
			d := ix.docs[t.doc]
			sec := d.Sections[t.sec]
			url := d.URL
			if sec.Anchor != "" {
				url += "#" + sec.Anchor
			}
			recs = append(recs, []string{d.Title, url, sec.Heading, t.snippet})
		}
		putInTurn("search/r/"+strconv.Itoa(shard)+".json", encodeRecords(recs))
	})

	put("search/meta.json", marshal(map[string]any{
		"v":        1,
		"sections": n,
		"pages":    len(ix.docs),
		"rs":       RecordShard,
		"facets":   append([]string{}, ix.sectionF...), // [] rather than null
		"roles":    append([]string{}, ix.roles...),
		"stop":     englishStops,
	}))
}

// writeShards writes the key shards, given each stem's best postings. A
// word's first three letters are its home key, with its stem's postings
// in full; under its typo keys (see Keys) it carries only the best few,
// enough to rank a mistyped word. Each word's keys are found on all
// cores, grouped by key in word order, then each shard is made and
// encoded on its own.
func (a *analysis) writeShards(best [][]posting, put func(name string, data []byte)) {
	keysOf := make([][]string, len(a.words))
	parallel.For(len(a.words), func(w int) {
		if a.stemOf[w] >= 0 {
			keysOf[w] = Keys(a.words[w])
		}
	})
	type member struct {
		word int32
		home bool
	}
	byKey := map[string][]member{}
	for w, keys := range keysOf {
		for i, k := range keys {
			byKey[k] = append(byKey[k], member{int32(w), i == 0})
		}
	}
	keys := slices.Sorted(maps.Keys(byKey))
	parallel.For(len(keys), func(i int) {
		members := byKey[keys[i]]
		forms := make(map[string]string, len(members))
		postings := make(map[string][]posting, len(members))
		for _, m := range members {
			st := a.stemOf[m.word]
			stem := a.stems[st]
			forms[a.words[m.word]] = stem
			ps := best[st]
			if !m.home {
				ps = ps[:min(len(ps), TypoPostings)]
			}
			if len(ps) > len(postings[stem]) {
				postings[stem] = ps
			}
		}
		put("search/k/"+FileKey(keys[i])+".json", encodeShard(forms, postings))
	})
}

// topPostings keeps the MaxPostings postings with the highest impact
// among those added, without holding the others.
type topPostings struct {
	ps     []posting
	sorted bool // ps is full, and sorted best first
}

// morePertinent orders postings best first: higher impact, then lower
// section id, so the order is total and the result deterministic.
func morePertinent(a, b posting) int {
	if a[1] != b[1] {
		return b[1] - a[1]
	}
	return a[0] - b[0]
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

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := s[:n]
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}

func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte("null")
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
