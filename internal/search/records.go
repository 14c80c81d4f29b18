package search

import (
	"crypto/sha256"
	"strconv"

	"github.com/kbsite/kb/internal/parallel"
)

// RecordShard is how many section records a records file holds.
const RecordShard = 32

// writeRecords writes the sections' records, in files of RecordShard
// consecutive section ids, made and gzipped on all cores.
func (ix *Index) writeRecords(a *analysis, z *gzipper, put func(name string, data []byte), kept func(string, [sha256.Size]byte) bool) {
	n := len(a.texts)
	parallel.For((n+RecordShard-1)/RecordShard, func(file int) {
		start := file * RecordShard
		recs := make([]record, 0, RecordShard)
		for _, t := range a.texts[start:min(start+RecordShard, n)] {
			recs = append(recs, ix.record(t))
		}
		name, data := Dir+"r/"+strconv.Itoa(file)+gzipExt, encodeRecords(recs)
		if kept != nil && kept(name, sha256.Sum256(data)) {
			return
		}
		put(name, z.gzip(data))
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
	return record{title: d.Title, url: url, heading: sec.Heading, text: t.snippet}
}
