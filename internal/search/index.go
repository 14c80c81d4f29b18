package search

import (
	"crypto/sha256"
	"sync"
)

// Index is the search index of a site, built from Docs.
type Index struct {
	docs   []Doc
	facets facets
}

// Add indexes a page.
func (ix *Index) Add(d Doc) {
	ix.facets.add(d)
	ix.docs = append(ix.docs, d)
}

// Files returns the index's files, by path under the output root; like
// Write, it is called once.
func (ix *Index) Files() map[string][]byte {
	files := map[string][]byte{}
	var mu sync.Mutex
	ix.Write(func(name string, data []byte) {
		mu.Lock()
		defer mu.Unlock()
		files[name] = data
	})
	return files
}

// Write hands each of the index's files, by path under the output root, to
// put as soon as it is made, so the index is never held whole in memory;
// put may keep data. An index is written once: Write lets go of the
// sections' text as soon as it has read it. Files are made on all cores,
// and put is called from several goroutines at once: a caller that
// creates thousands of files in one folder may want them in turn (see
// build's writeSearch).
func (ix *Index) Write(put func(name string, data []byte)) { ix.WriteKeeping(put, nil) }

// WriteKeeping is Write, but a records file, the costliest to make (it
// is gzipped), is first offered to kept with a digest of its text: when
// kept says the file the last build wrote under that name was made from
// the same text, and keeps it, it is not made again.
func (ix *Index) WriteKeeping(put func(name string, data []byte), kept func(name string, text [sha256.Size]byte) bool) {
	a := ix.analyse()
	best := ix.score(a, a.count(), ix.facets.ofPages(ix.docs))
	recordOf := func(id int) record { return ix.record(a.texts[id]) }
	home, typo := a.writeShards(best, inlineIDs(best), recordOf, put)
	ix.writeRecords(a, &gzipper{}, put, kept)
	put(Dir+"meta.json", encodeMeta(meta{
		version:      3,
		sections:     len(a.texts),
		pages:        len(ix.docs),
		recordShard:  RecordShard,
		siteSections: ix.facets.siteSections,
		stop:         englishStops,
		keys:         home,
		typoKeys:     typo,
		taxonomies:   ix.facets.terms,
	}))
}
