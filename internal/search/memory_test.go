package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// lexicon is the words of memoryCorpus's pages: a few common ones, so
// that stems carry inline records, and many rare ones, so that an edit
// to one section reaches only some of the shards.
var lexicon = func() []string {
	words := strings.Fields("hire hiring budget plan team lead review quarter manager engineer")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 400 {
		w := make([]byte, 5+rng.IntN(4))
		for i := range w {
			w[i] = byte('a' + rng.IntN(26))
		}
		words = append(words, string(w))
	}
	return words
}()

// memoryCorpus is a site of pages made of lexicon's words, drawn by rng.
func memoryCorpus(rng *rand.Rand, pages int) []Doc {
	docs := make([]Doc, pages)
	for i := range docs {
		docs[i] = Doc{Title: phrase(rng, 3), URL: fmt.Sprintf("/p/%d/", i), Section: []string{"Roles", "Hiring"}[i%2],
			Terms: map[string][]string{"tags": {lexicon[rng.IntN(4)]}}}
		for s := range 1 + rng.IntN(3) {
			docs[i].Sections = append(docs[i].Sections, Section{Anchor: fmt.Sprint("s", s), Heading: phrase(rng, 2), Text: phrase(rng, 20+rng.IntN(60))})
		}
	}
	return docs
}

// phrase is n words of lexicon, the common ones half the time.
func phrase(rng *rand.Rand, n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = lexicon[rng.IntN(10)]
		if rng.IntN(2) == 0 {
			words[i] = lexicon[rng.IntN(len(lexicon))]
		}
	}
	return strings.Join(words, " ")
}

// edit changes docs as an author might, in one of several ways, and
// says how.
func edit(rng *rand.Rand, docs []Doc) string {
	d := &docs[rng.IntN(len(docs))]
	s := &d.Sections[rng.IntN(len(d.Sections))]
	switch rng.IntN(9) {
	case 0:
		s.Text += " " + phrase(rng, 5)
		return "words added"
	case 1:
		s.Text = phrase(rng, 10)
		return "text replaced"
	case 2:
		s.Text += " zebra" + fmt.Sprint(rng.IntN(3)) // a word new to the site, or one gone before
		return "new word"
	case 3:
		d.Title = phrase(rng, 2)
		return "title"
	case 4:
		d.Terms = map[string][]string{"tags": {lexicon[rng.IntN(6)]}}
		return "tags"
	case 5:
		d.Weight = 0.5
		return "weight"
	case 6:
		d.Sections = append(d.Sections, Section{Anchor: "new", Heading: "New", Text: phrase(rng, 8)})
		return "section added"
	case 7:
		// A word new to the site leaves it, while others filed under
		// the same keys stay.
		for i := range docs {
			for j := range docs[i].Sections {
				if s := &docs[i].Sections[j]; strings.Contains(s.Text, "zebra") {
					s.Text = phrase(rng, 10)
					return "word gone"
				}
			}
		}
		return "nothing"
	default:
		s.Text = strings.Repeat(phrase(rng, 50)+" ", 20)
		return "average length moved"
	}
}

// indexed is an index's files, the keys kept was asked for, as a
// build's output folder holds them, and how many key shards it made.
type indexed struct {
	files map[string][]byte
	keys  map[string][sha256.Size]byte
	made  int
}

// writeIndex indexes docs (a copy: an index lets go of their text),
// after last, with the files and keys of the index before (nil for an
// empty output folder).
func writeIndex(docs []Doc, last *Memory, before *indexed) (*indexed, *Memory) {
	var ix Index
	for _, d := range docs {
		d.Sections = slices.Clone(d.Sections)
		ix.Add(d)
	}
	out := &indexed{files: map[string][]byte{}, keys: map[string][sha256.Size]byte{}}
	var mu sync.Mutex
	put := func(name string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		out.files[name] = data
	}
	kept := func(name string, key [sha256.Size]byte) bool {
		mu.Lock()
		defer mu.Unlock()
		out.keys[name] = key
		if before == nil || before.keys[name] != key || before.files[name] == nil {
			return false
		}
		out.files[name] = before.files[name]
		return true
	}
	mem, made := ix.WriteKeeping(put, kept, last, true)
	out.made = made
	return out, mem
}

// TestMemoryMakesTheSameIndex: an index made after edits from the last
// index's memory, keeping what it can of the last index's files, is the
// index made from nothing, file for file; and an edit to one section's
// text makes few files again. The memory also goes through its bytes.
func TestMemoryMakesTheSameIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	docs := memoryCorpus(rng, 60)
	last, mem := writeIndex(docs, nil, nil)
	merged := 0
	for step := range 80 {
		how := edit(rng, docs)
		if step%5 == 4 { // as kb build does, from the cache folder
			read, err := ReadMemory(memoryBytes(mem))
			if err != nil {
				t.Fatalf("step %d: reading back the memory: %v", step, err)
			}
			mem = read
		}
		got, next := writeIndex(docs, mem, last)
		want, _ := writeIndex(docs, nil, nil)
		for name, data := range want.files {
			if !bytes.Equal(got.files[name], data) {
				t.Fatalf("step %d (%s): %s differs from the index made from nothing:\n%s\nwant\n%s", step, how, name, got.files[name], data)
			}
		}
		for name := range got.files {
			if want.files[name] == nil {
				t.Fatalf("step %d (%s): %s is not in the index made from nothing", step, how, name)
			}
		}
		if how == "words added" && got.made > want.made/2 {
			t.Errorf("step %d (%s): %d key shards made again, of %d", step, how, got.made, want.made)
		}
		// The postings of the shards made again are read back from the
		// memory, but for the stems the edit touched: a few words added
		// touch a few of the stems of those shards.
		if how == "words added" && got.made > 0 && next.recalled == 0 {
			t.Errorf("step %d (%s): %d key shards made again, every stem of them scored", step, how, got.made)
		}
		merged += next.merged
		last, mem = got, next
	}
	// Touched stems' lists made from the last ones and the changed
	// sections' postings, rather than by reading every section.
	if merged == 0 {
		t.Error("no touched stem's postings were merged: the test shows nothing of mergeTouched")
	}
}

// TestMemoryDamaged: a memory's bytes cut short, or changed, read as an
// error, never as another memory.
func TestMemoryDamaged(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	_, mem := writeIndex(memoryCorpus(rng, 10), nil, nil)
	data := memoryBytes(mem)
	for _, cut := range []int{0, 5, len(memoryHead) + 3, len(data) / 2, len(data) - 1} {
		if _, err := ReadMemory(data[:cut]); err == nil {
			t.Errorf("the memory cut to %d of %d bytes was read", cut, len(data))
		}
	}
	if _, err := ReadMemory(append(slices.Clone(data), 0)); err == nil {
		t.Error("the memory with a byte more was read")
	}
	// Cut short with a checksum that fits (written by a kb with a bug,
	// say): the reader itself must find the end, at every place.
	for cut := len(memoryHead) + 16; cut < len(data)-4; cut += max(1, len(data)/200) {
		body := slices.Clone(data[:cut])
		if _, err := ReadMemory(binary.LittleEndian.AppendUint32(body, memorySum(body))); err == nil {
			t.Errorf("the memory cut to %d of %d bytes, its checksum made again, was read", cut, len(data))
		}
	}
}

// TestFreqReaderStops: a reader of a section's counts stops, and says so,
// at bytes cut short and at a stem number out of range.
func TestFreqReaderStops(t *testing.T) {
	fs := []termFreq{{stem: 3, body: 2, fields: 1.5, first: 7, title: true}, {stem: 1000, body: 1}}
	data := appendFreqs(nil, fs)
	// Each frequency read in turn, or sought by a slot for every stem
	// (see freqReader.seek).
	for _, seek := range []bool{false, true} {
		read := func(b []byte, stems int) ([]termFreq, bool) {
			r := freqReader{varints: varints{b: b}, stems: stems}
			slot := slices.Repeat([]int32{1}, stems)
			var got []termFreq
			for {
				var f termFreq
				ok := false
				if seek {
					var stem int32
					if stem, ok = r.seek(slot); ok {
						f, ok = r.rest(stem)
					}
				} else {
					f, ok = r.next()
				}
				if !ok {
					return got, r.bad
				}
				got = append(got, f)
			}
		}
		if got, bad := read(data, 1001); bad || !slices.Equal(got, fs) {
			t.Fatalf("seek %t: read back %v (bad %t), want %v", seek, got, bad, fs)
		}
		if got, bad := read(data, 1000); !bad || len(got) != 1 {
			t.Errorf("seek %t: with stem 1000 out of range: read %v, bad %t; want the first only, and bad", seek, got, bad)
		}
		whole := len(appendFreqs(nil, fs[:1])) // a cut there ends a shorter list
		for cut := 1; cut < len(data); cut++ {
			if cut == whole {
				continue
			}
			if got, bad := read(data[:cut], 1001); !bad || len(got) == len(fs) {
				t.Errorf("seek %t: cut to %d bytes: read %v, bad %t; want bad", seek, cut, got, bad)
			}
		}
	}
	// Sought by a slot for one stem, the others passed over.
	r := freqReader{varints: varints{b: data}, stems: 1001}
	slot := make([]int32, 1001)
	slot[1000] = 1
	stem, ok := r.seek(slot)
	if f, fok := r.rest(stem); !ok || !fok || f != fs[1] {
		t.Errorf("sought stem 1000: %v %t", f, ok)
	}
	if _, ok := r.seek(slot); ok || r.bad {
		t.Errorf("after the last frequency, seek found one (bad %t)", r.bad)
	}
}

// TestMemoryForgetsGoneWords: once most words a memory numbers have left
// the site, the next index starts from nothing, and the memory after it
// numbers only the site's words.
func TestMemoryForgetsGoneWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	docs := memoryCorpus(rng, 30)
	last, mem := writeIndex(docs, nil, nil)
	for i := range docs { // every rare word gone, others come
		for j := range docs[i].Sections {
			docs[i].Sections[j].Text = strings.Repeat(fmt.Sprint(" word", i, "x", j), 3)
		}
	}
	last, mem = writeIndex(docs, mem, last)
	before := len(mem.words.words)
	docs[0].Sections[0].Text += " more"
	got, next := writeIndex(docs, mem, last)
	want, fresh := writeIndex(docs, nil, nil)
	if got.made != want.made {
		t.Errorf("after most words left, the index made %d key shards, not all %d", got.made, want.made)
	}
	if len(next.words.words) != len(fresh.words.words) || len(next.words.words) >= before {
		t.Errorf("the memory numbers %d words (%d before); an index from nothing numbers %d", len(next.words.words), before, len(fresh.words.words))
	}
}

// memoryBytes is what WriteTo writes of m.
func memoryBytes(m *Memory) []byte {
	var b bytes.Buffer
	m.WriteTo(&b)
	return b.Bytes()
}

// A section's key is the CRCs and length of its fields and text laid
// end to end, though the text is not copied after the fields.
func TestKeyOfParts(t *testing.T) {
	for _, c := range [][2]string{{"", ""}, {"fields", ""}, {"", "text"}, {"\x05title", "a longer text of a section"}} {
		whole := []byte(c[0] + c[1])
		var want sectionKey
		binary.LittleEndian.PutUint32(want[0:], crc32.Checksum(whole, castagnoli))
		binary.LittleEndian.PutUint32(want[4:], crc32.ChecksumIEEE(whole))
		binary.LittleEndian.PutUint64(want[8:], uint64(len(whole)))
		if got := keyOf([]byte(c[0]), c[1]); got != want {
			t.Errorf("%q + %q: %x, want %x", c[0], c[1], got, want)
		}
	}
}
