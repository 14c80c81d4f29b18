package search

import (
	"maps"
	"slices"
	"strconv"
)

// The wire format: what the browser reads of the index. Each record below
// is a struct with named fields here and one function that encodes it;
// search.js has one decoder per record that turns it back into an object
// with the same names, and the rest of the script reads only those. The
// shared test vectors (testdata/vectors.json, see TestVectors) hold both
// ends to the same reading. Records are JSON arrays rather than objects
// to keep the files small: a key shard holds thousands of postings.

// posting is one section's score for a stem, as a key shard lists it:
//
//	[id, impact, first, siteSection, terms..., page]
//	[id, impact, first, siteSection, terms..., page, titleWords]
//
// terms is one or more numbers (see pageFacets.terms); the browser knows
// how many from meta.json. titleWords is there only when the stem is a
// word of the page's title (or other titles) and the section is the
// page's first: a query all of whose words are in a title ranks that page
// higher, the more so the fewer other words the title has.
type posting struct {
	id         int         // the section's id: its place in the records files
	impact     int         // the section's BM25F score for the stem, times 100, rounded
	first      int         // the stem's first position in the section's body
	titleWords int         // when the stem is in the page's title and this is its first section: the title's distinct words, stop words aside (at least 1); else 0
	of         *pageFacets // the facet values of the section's page, shared by its postings
}

// appendPosting is the one encoder of a posting.
func appendPosting(b []byte, p posting) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(p.id), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(p.impact), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(p.first), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(p.of.siteSection), 10)
	for _, w := range p.of.terms {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(w), 10)
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(p.of.page), 10)
	if p.titleWords > 0 {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(p.titleWords), 10)
	}
	return append(b, ']')
}

// shard is a key shard, search/k/KEY.json (its home words) or
// search/t/KEY.json (its typo words):
//
//	{"f": {word: stem, ...}, "p": {stem: [posting, ...], ...}}
//	{"f": {word: stem, ...}, "p": {stem: [posting, ...], ...}, "r": [inlineRecord, ...]}
//
// "r" is there only in a home shard whose common stems carry records
// (see inline.go).
type shard struct {
	forms    map[string]string    // "f": the words whose home key (or typo key) is the shard's, each to its stem
	postings map[string][]posting // "p": those stems' postings, best first
	records  []inlineRecord       // "r": the records a one-word query of its common stems shows, by id
}

// encodeShard is the one encoder of a key shard.
func encodeShard(s shard) []byte {
	size := 16 // sized up front: growing by doubling makes twice the garbage
	for w, st := range s.forms {
		size += len(w) + len(st) + 6
	}
	for _, r := range s.records {
		size += 24 + len(r.title) + len(r.url) + len(r.heading) + len(r.text)
	}
	for st, ps := range s.postings {
		size += len(st) + 6
		if len(ps) > 0 {
			size += len(ps) * (6 + 4*(4+len(ps[0].of.terms)))
		}
	}
	b := make([]byte, 0, size+size/16)
	b = append(b, `{"f":{`...)
	for i, w := range slices.Sorted(maps.Keys(s.forms)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, w)
		b = append(b, ':')
		b = appendString(b, s.forms[w])
	}
	b = append(b, `},"p":{`...)
	for i, st := range slices.Sorted(maps.Keys(s.postings)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, st)
		b = append(b, ':', '[')
		for j, p := range s.postings[st] {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendPosting(b, p)
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	if len(s.records) > 0 {
		b = append(b, `,"r":[`...)
		for i, r := range s.records {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendInlineRecord(b, r)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// record is what the results show of a section, as a records file lists
// it: [title, url, heading, text].
type record struct {
	title   string // the page's title
	url     string // the page's URL, with the heading's anchor
	heading string // "" for the part of a page before any heading
	text    string // the start of the section's text, for the snippet
}

// appendRecord is the one encoder of a record.
func appendRecord(b []byte, r record) []byte {
	b = append(b, '[')
	b = appendRecordFields(b, r)
	return append(b, ']')
}

// appendRecordFields appends a record's fields, comma-separated, for
// appendRecord and appendInlineRecord.
func appendRecordFields(b []byte, r record) []byte {
	b = appendString(b, r.title)
	b = append(b, ',')
	b = appendString(b, r.url)
	b = append(b, ',')
	b = appendString(b, r.heading)
	b = append(b, ',')
	return appendString(b, r.text)
}

// encodeRecords is the one encoder of a records file, search/r/N.json.gz (gzipped): an
// array of records.
func encodeRecords(recs []record) []byte {
	size := 2 // sized up front: growing by doubling makes twice the garbage
	for _, r := range recs {
		size += 3 + len(r.title) + len(r.url) + len(r.heading) + len(r.text) + 12
	}
	b := make([]byte, 0, size+size/32)
	b = append(b, '[')
	for i, r := range recs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendRecord(b, r)
	}
	return append(b, ']')
}

// meta is the index's description, search/meta.json. It is a JSON object
// with the short keys below, and one more key per taxonomy that is a
// facet: the taxonomy's name, holding its terms. Keys are sorted, as
// encoding/json writes a map.
type meta struct {
	version      int                 // "v": 3 (2 had no records in shards; 1 had one shard file a key, home and typo words together)
	sections     int                 // "sections": how many sections, the records' count
	pages        int                 // "pages": how many pages
	recordShard  int                 // "rs": how many records a records file holds
	siteSections []string            // "facets": the site sections' titles, "" for home
	stop         []string            // "stop": the stop words, which a query drops
	keys         []string            // "keys": the shard keys that have a home file (k/), sorted; see encodeKeys
	typoKeys     []string            // "typos": those that have a typo file (t/), sorted, encoded alike
	taxonomies   map[string][]string // by taxonomy name: its terms, in term id order
}

// metaKeys are meta.json's own keys; a taxonomy with one of these names
// cannot be a facet, as its terms would take the key's place.
var metaKeys = []string{"v", "sections", "pages", "rs", "facets", "stop", "keys", "typos"}

// ReservedFacet says whether a taxonomy cannot be a search facet because
// meta.json uses its name for something else (see meta).
func ReservedFacet(taxonomy string) bool { return slices.Contains(metaKeys, taxonomy) }

// encodeMeta is the one encoder of meta.json.
func encodeMeta(m meta) []byte {
	obj := map[string]any{
		"v":        m.version,
		"sections": m.sections,
		"pages":    m.pages,
		"rs":       m.recordShard,
		"facets":   append([]string{}, m.siteSections...), // [] rather than null
		"stop":     m.stop,
		"keys":     encodeKeys(m.keys),
		"typos":    encodeKeys(m.typoKeys),
	}
	for name, terms := range m.taxonomies {
		if !ReservedFacet(name) { // never: Index.Add leaves them out
			obj[name] = append([]string{}, terms...)
		}
	}
	return marshal(obj)
}

// keyPad fills a shard key shorter than three letters out to three in
// meta.json's list of keys; no word holds it.
const keyPad = '_'

// encodeKeys writes the shard keys that have a file as one string, so that
// the browser never asks for one that does not: each key padded to three
// letters with keyPad ("vp" is "vp_"), sorted, then grouped by their
// first two letters, a group being those two letters and the third of
// each of its keys, groups separated by spaces. "hir hit hrn vp" is
// "hirt hrn vp_": a third of the bytes of the list, and a site's keys
// are a few thousand.
func encodeKeys(keys []string) string {
	padded := make([][]rune, len(keys))
	for i, k := range keys {
		r := []rune(k)
		for len(r) < 3 {
			r = append(r, keyPad)
		}
		padded[i] = r
	}
	slices.SortFunc(padded, func(a, b []rune) int { return slices.Compare(a, b) })
	var out []rune
	for i, r := range padded {
		if i == 0 || !slices.Equal(r[:2], padded[i-1][:2]) {
			if i > 0 {
				out = append(out, ' ')
			}
			out = append(out, r[:2]...)
		}
		out = append(out, r[2])
	}
	return string(out)
}
