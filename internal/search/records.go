package search

import (
	"crypto/sha256"
	"strconv"

	"github.com/kbsite/kb/internal/parallel"
)

// RecordShard is how many section records a records file holds.
const RecordShard = 32

// writeRecords writes the sections' records, in files of RecordShard
// consecutive section ids, made and gzipped on all cores. A file's key
// is a digest of its sections' keys (see sectionKeys), which cover all
// that its records show: a file kept by it is not even encoded.
func (ix *Index) writeRecords(a *analysis, keys []sectionKey, z *gzipper, put func(name string, data []byte), kept func(string, [sha256.Size]byte) bool) {
	n := len(a.texts)
	parallel.For((n+RecordShard-1)/RecordShard, func(file int) {
		start, end := file*RecordShard, min((file+1)*RecordShard, n)
		name := Dir + "r/" + strconv.Itoa(file) + gzipExt
		if kept != nil {
			h := sha256.New()
			for _, k := range keys[start:end] {
				h.Write(k[:])
			}
			if kept(name, [sha256.Size]byte(h.Sum(nil))) {
				return
			}
		}
		recs := make([]record, 0, RecordShard)
		for _, t := range a.texts[start:end] {
			recs = append(recs, ix.record(t))
		}
		put(name, z.gzip(encodeRecords(recs)))
	})
}

// record is what the results show of a section.
func (ix *Index) record(t text) record {
	d := ix.docs[t.doc]
	sec := d.Sections[t.sec]
	url := d.URL
	if sec.Anchor != "" {
		url += "#" + sec.Anchor
	}
	snippet := t.snippet
	if t.later {
		snippet = snippetIn(d, sec)
	}
	return record{title: d.Title, url: url, heading: sec.Heading, text: snippet}
}
