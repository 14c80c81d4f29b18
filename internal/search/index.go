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
func (ix *Index) Write(put func(name string, data []byte)) { ix.WriteKeeping(put, nil, nil, false) }

// WriteKeeping is Write, but it redoes only what changed since the index
// that made last (see Memory; nil for none), and offers each file it can
// spare making to kept first, with a key: when kept says the file the
// last build wrote under that name had that key, and keeps it, the file
// is not made. A records file's key is a digest of its sections' (it
// is the costliest to make: it is gzipped); a key shard's is a digest of
// its bytes, and a shard whose stems no changed section has, or had, is
// not scored again. When remember is set, it returns what this index
// remembers for the next; else nil, and it holds less memory while it
// writes. It also returns how many key shards it made.
func (ix *Index) WriteKeeping(put func(name string, data []byte), kept func(name string, key [sha256.Size]byte) bool, last *Memory, remember bool) (*Memory, int) {
	pages := ix.facets.ofPages(ix.docs)
	a, c, mem, d := ix.analyseSince(last, pages, remember)
	col := collectionOf(mem.df, mem.total, len(c.freqs))
	if last == nil || last.avgLen != col.avgLen || len(last.secs) != len(c.freqs) {
		d.touched = nil // every stem's postings moved
	}
	plan := a.planShards(mem.refs, d.touched, d.deadKeys, last, kept)
	best, listed, read, merged := ix.bestPostings(a, c, col, pages, plan.wanted, d, last)
	if remember {
		mem.rememberPostings(best, listed, d.touched, last)
		mem.recalled, mem.merged = read, merged
	} else {
		// Let go as soon as scored: most of the index's memory.
		clear(c.freqs)
		mem.secs = nil
	}
	recordOf := func(id int) record { return ix.record(a.texts[id]) }
	mem.shards = a.writeShards(plan, best, inlineIDs(best), recordOf, put, kept)
	made := 0
	for _, f := range plan.files {
		if f.make {
			made++
		}
	}
	ix.writeRecords(a, d.keys, &gzipper{}, put, kept)
	ix.release()
	put(Dir+"meta.json", encodeMeta(meta{
		version:      3,
		sections:     len(a.texts),
		pages:        len(ix.docs),
		recordShard:  RecordShard,
		siteSections: ix.facets.siteSections,
		stop:         englishStops,
		keys:         plan.home,
		typoKeys:     plan.typo,
		taxonomies:   ix.facets.terms,
	}))
	if !remember {
		return nil, made
	}
	mem.avgLen = col.avgLen
	return mem, made
}
