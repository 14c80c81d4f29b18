package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	for in, want := range map[string]string{
		"The CTO's job":              "the cto job",
		"VP-level leaders":           "vp level leaders",
		"$250k-$400k, 30-60 people":  "250k 400k 30 60 people",
		"Don't panic":                "dont panic",
		"Über-Führung, naïve café":   "über führung naïve café",
		"  ":                         "",
		"O'Reilly’s “quoted” words.": "oreilly quoted words",
	} {
		var got []string
		for _, tk := range Tokens(in) {
			got = append(got, tk.Word)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("Tokens(%q) = %q, want %q", in, strings.Join(got, " "), want)
		}
	}
}

func TestStemAndStops(t *testing.T) {
	if Stem("hiring") != Stem("hires") || Stem("hiring") != "hire" {
		t.Errorf("stems: %s %s", Stem("hiring"), Stem("hires"))
	}
	if Stem("250k") != "250k" {
		t.Error("numbers are kept")
	}
	if !slices.IsSorted(englishStops) {
		t.Error("stop list must stay sorted")
	}
	if !IsStop("the") || IsStop("cto") {
		t.Error("IsStop")
	}
}

// TestKeysCoverOneEdit: every one-edit typo of a word shares a key with it,
// which is what lets the browser find the word from the typo's shards.
func TestKeysCoverOneEdit(t *testing.T) {
	word := "hiring"
	typos := []string{"hirng", "hiirng", "jiring", "ihring", "hiting", "hirinh", "iring", "xhiring", "hhiring", "hriing", "hiing"}
	for _, typo := range typos {
		shared := false
		for _, k := range Keys(typo) {
			if slices.Contains(Keys(word), k) {
				shared = true
			}
		}
		if !shared {
			t.Errorf("typo %q shares no key with %q (%v vs %v)", typo, word, Keys(typo), Keys(word))
		}
	}
	if got := Keys("cto"); !slices.Equal(got, []string{"cto"}) {
		t.Errorf("Keys(cto) = %v", got)
	}
	if FileKey("hir") != "hir" || FileKey("übe") != "xc3bc6265" {
		t.Errorf("FileKey: %s %s", FileKey("hir"), FileKey("übe"))
	}
}

// inflated is files with each .json.gz file gunzipped, under its name;
// it fails the test if one is not gzip or another is.
func inflated(t testing.TB, files map[string][]byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, data := range files {
		gz := len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
		if gz != strings.HasSuffix(name, gzipExt) {
			t.Fatalf("%s: gzipped %v, but named so as to be %v", name, gz, !gz)
		}
		if gz {
			r, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if data, err = io.ReadAll(r); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		out[name] = data
	}
	return out
}

// TestGzipDeterministic: the same file compresses to the same bytes,
// whichever compressor of the pool takes it.
func TestGzipDeterministic(t *testing.T) {
	z := &gzipper{}
	data := []byte(strings.Repeat(`{"f":{"hiring":"hire"},"p":{"hire":[[0,512,3,0,1,0]]}}`, 50))
	a := z.gzip(data)
	z.gzip([]byte("something else, between"))
	if c := z.gzip(data); !bytes.Equal(a, c) {
		t.Error("the same data gzipped twice gave different bytes")
	}
	if len(a) >= len(data)/4 {
		t.Errorf("%d bytes gzipped to %d", len(data), len(a))
	}
}

func TestIndexFiles(t *testing.T) {
	var ix Index
	ix.Add(Doc{Title: "Hiring", Description: "Who hires.", URL: "/repo/hiring/", Section: "Guides", Terms: map[string][]string{"roles": {"CTO"}},
		Sections: []Section{{Text: "Intro about hiring engineers."}, {Anchor: "pay", Heading: "Pay", Text: "Salary bands for engineers."}}})
	ix.Add(Doc{Title: "Culture", URL: "/repo/culture/", Section: "Guides",
		Sections: []Section{{Text: "Culture is hiring too, a little."}}})
	files := inflated(t, ix.Files())
	var meta map[string]any
	if err := json.Unmarshal(files["search/meta.json"], &meta); err != nil || meta["sections"] != float64(3) {
		t.Fatalf("meta: %v %s", err, files["search/meta.json"])
	}
	var shard struct {
		F map[string]string  `json:"f"`
		P map[string][][]int `json:"p"`
	}
	if err := json.Unmarshal(files["search/k/hir.json"], &shard); err != nil {
		t.Fatal(err)
	}
	if shard.F["hiring"] != "hire" || shard.F["hires"] != "hire" {
		t.Errorf("forms: %v", shard.F)
	}
	for w := range shard.F {
		if !strings.HasPrefix(w, "hir") {
			t.Errorf("k/hir.json has %q, whose home key is not hir: typo words go in t/", w)
		}
	}
	var typos struct {
		F map[string]string `json:"f"`
	}
	if err := json.Unmarshal(files["search/t/iri.json"], &typos); err != nil || typos.F["hiring"] != "hire" {
		t.Errorf("t/iri.json (hiring without its h): %v %v", err, typos.F)
	}
	if _, ok := files["search/k/iri.json"]; ok {
		t.Error("k/iri.json written, though no word starts with iri")
	}
	ps := shard.P["hire"]
	if len(ps) != 3 || ps[0][0] != 0 || ps[0][1] <= ps[1][1] {
		t.Errorf("postings for hire (best first, the titled page's intro first): %v", ps)
	}
	if ps[0][3] != 0 || ps[0][4] != 1 {
		t.Errorf("facets of the first posting: %v", ps[0])
	}
	var recs [][]string
	if err := json.Unmarshal(files["search/r/0.json.gz"], &recs); err != nil || len(recs) != 3 || recs[1][1] != "/repo/hiring/#pay" || recs[1][2] != "Pay" {
		t.Errorf("records: %v %v", err, recs)
	}
	if _, ok := files["search/k/the.json"]; ok {
		t.Error("stop words are not indexed")
	}
}

func TestMetaHasNoNulls(t *testing.T) {
	var ix Index
	ix.Add(Doc{Title: "T", URL: "/t/", Sections: []Section{{Text: "words"}}})
	if meta := string(ix.Files()["search/meta.json"]); strings.Contains(meta, "null") {
		t.Errorf("meta.json has a null, which the browser would trip on: %s", meta)
	}
}

// TestTopPostings checks the running selection against sorting every
// posting, on lists shorter than, equal to and far longer than the cap,
// with many tied impacts.
func TestTopPostings(t *testing.T) {
	for _, n := range []int{0, 7, MaxPostings, MaxPostings + 1, 20 * MaxPostings} {
		var top topPostings
		var all []posting
		for j := range n {
			p := posting{id: j, impact: (j * 7919) % 37}
			top.add(p)
			all = append(all, p)
		}
		slices.SortFunc(all, morePertinent)
		want := all[:min(n, MaxPostings)]
		if got := top.best(); !slices.Equal(got, want) {
			t.Errorf("%d postings: kept %v, want %v", n, got, want)
		}
	}
}

// TestEncodeLikeJSON checks the hand-written shard and record encoders
// against encoding/json, on strings with every kind of character JSON
// escapes: quotes, backslashes, control characters, invalid UTF-8, the
// line and paragraph separators, and plain non-ASCII text.
func TestEncodeLikeJSON(t *testing.T) {
	strs := []string{"", "plain", `q"uote`, `back\slash`, "tab\tnew\nline\r\b\f", "\x00\x01\x1f\x7f", "bad \xff\xfe utf8", "sep\u2028\u2029", "café – “quoted” 😀", "<html> & more"}
	forms := map[string]string{}
	postings := map[string][]posting{}
	asInts := map[string][][]int{} // the postings as encoding/json would see them
	var recs []record
	var recStrs [][]string
	pages := []pageFacets{{page: 12, siteSection: 0, terms: []int{1 << 30}}, {terms: []int{0, 5, 1<<31 - 1}}}
	for i, s := range strs {
		forms[s] = strs[(i+3)%len(strs)]
		postings[s] = []posting{{i, -i * 7, 3, 4, &pages[0]}, {0, 0, 0, 0, &pages[1]}}[:i%3]
		asInts[s] = [][]int{{i, -i * 7, 3, 0, 1 << 30, 12, 4}, {0, 0, 0, 0, 0, 5, 1<<31 - 1, 0}}[:i%3]
		recs = append(recs, record{s, strs[(i+1)%len(strs)], "", s + s})
		recStrs = append(recStrs, []string{s, strs[(i+1)%len(strs)], "", s + s})
	}
	postings["none"] = nil
	asInts["none"] = [][]int{} // encoding/json writes a nil slice as null; the index never keeps one
	type jsonShard struct {
		F map[string]string  `json:"f"`
		P map[string][][]int `json:"p"`
		R [][]any            `json:"r,omitempty"`
	}
	want := marshal(jsonShard{forms, asInts, nil})
	if got := encodeShard(shard{forms, postings, nil}); string(got) != string(want) {
		t.Errorf("shard:\n got %s\nwant %s", got, want)
	}
	var carried []inlineRecord
	var carriedAny [][]any
	for i, r := range recs {
		carried = append(carried, inlineRecord{i * 1000, r})
		carriedAny = append(carriedAny, []any{i * 1000, r.title, r.url, r.heading, r.text})
	}
	want = marshal(jsonShard{forms, asInts, carriedAny})
	if got := encodeShard(shard{forms, postings, carried}); string(got) != string(want) {
		t.Errorf("shard with records:\n got %s\nwant %s", got, want)
	}
	if got, want := encodeRecords(recs), marshal(recStrs); string(got) != string(want) {
		t.Errorf("records:\n got %s\nwant %s", got, want)
	}
	if got, want := encodeRecords(nil), "[]"; string(got) != want {
		t.Errorf("no records: %s, want %s", got, want)
	}
}

// TestTitlePostings: a stem keeps its title postings beyond the cap, and
// carries its best few under its typo keys beside its best postings.
func TestTitlePostings(t *testing.T) {
	var top, titles topPostings
	for j := range 3 * MaxPostings {
		p := posting{id: j, impact: 1000 - j}
		if j%50 == 7 {
			p.titleWords = 3
			titles.add(p)
		}
		top.add(p)
	}
	best := withTitles(top.best(), titles.best())
	var ids []int
	for _, p := range best[MaxPostings:] {
		ids = append(ids, p.id)
	}
	if len(best) != MaxPostings+4 || !slices.Equal(ids, []int{107, 157, 207, 257}) || !slices.IsSortedFunc(best, morePertinent) {
		t.Errorf("kept %d postings, beyond the cap %v", len(best), ids)
	}
	typo := typoPostings(best)
	ids = ids[:0]
	for _, p := range typo[TypoPostings:] {
		ids = append(ids, p.id)
	}
	if !slices.Equal(typo[:TypoPostings], best[:TypoPostings]) || !slices.Equal(ids, []int{57, 107, 157, 207, 257}) {
		t.Errorf("under typo keys, beyond the best: %v", ids)
	}
}

// TestEncodeKeys: meta.json's list of shard keys, padded, sorted and
// grouped by their first two letters.
func TestEncodeKeys(t *testing.T) {
	if got, want := encodeKeys([]string{"vp", "hit", "hrn", "hir", "a", "übe", "übr"}), "a__ hirt hrn vp_ über"; got != want {
		t.Errorf("encodeKeys = %q, want %q", got, want)
	}
}
