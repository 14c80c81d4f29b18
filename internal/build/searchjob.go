package build

import (
	"bytes"
	"crypto/sha256"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/search"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/sitefiles"
)

// SearchJob prepares bringing the search index, and llms-full.txt, up to
// date after fast-path updates, which leave them behind so that the
// edited page is served at once (the index scores every page, and
// llms-full.txt holds every article's text). It returns nil when they
// are current. The job reads only values no update changes (the site,
// the render result and the files of the moment: an update replaces
// them rather than changing them), so it can run while the builder
// serves other updates; ApplySearch then takes its result, unless the
// site changed meanwhile.
func (b *Builder) SearchJob() *SearchJob {
	if b.last == nil || !b.searchStale {
		return nil
	}
	s, rendered, files, llmsFull, memory := b.last.site, b.last.rendered, b.last.res.Files, b.last.llmsFull, b.searchMemory
	last := map[string]outputKey{} // the keys of the current index's files
	for name, k := range b.lastKeys {
		if isSearchIndexFile(name) {
			last[name] = k
		}
	}
	j := &SearchJob{gen: b.gen, keys: map[string]outputKey{}}
	j.run = func() map[string][]byte {
		out := map[string][]byte{}
		var mu sync.Mutex // put and kept are called from any goroutine
		put := func(name string, data []byte) {
			mu.Lock()
			defer mu.Unlock()
			out[name] = data
		}
		// A records file whose sections are the current one's is not
		// gzipped again (at 10,000 pages, 0.7 s of processor time), nor
		// a key shard the edits did not reach made again: after an
		// edit, all but a few are kept.
		kept := func(name string, key [sha256.Size]byte) bool {
			mu.Lock()
			defer mu.Unlock()
			j.keys[name] = key
			if k, ok := last[name]; ok && k == key && files[name] != nil {
				out[name] = files[name]
				j.reused++
				return true
			}
			return false
		}
		j.memory, _ = sitefiles.SearchIndex(s, rendered.Sections()).WriteKeeping(put, kept, memory, true)
		if llmsFull {
			var full bytes.Buffer
			full.Grow(len(files[sitefiles.LLMsFullFile]))
			sitefiles.LLMsFull(&full, s, func(p *site.Page) []byte { return files[p.MarkdownURL()] })
			out[sitefiles.LLMsFullFile] = full.Bytes()
		}
		return out
	}
	return j
}

// SearchJob is a search index waiting to be computed; see SearchJob.
type SearchJob struct {
	gen    int
	run    func() map[string][]byte
	files  map[string][]byte
	keys   map[string]outputKey // the index files' keys (see search.Index.WriteKeeping)
	reused int                  // files taken from the current index
	memory *search.Memory       // what the index made remembers
}

// Run computes the index. It may run without the builder's lock.
func (j *SearchJob) Run() { j.files = j.run() }

// ApplySearch puts a computed index into the current result, and returns
// the result and the search files whose bytes changed. It does nothing
// (nil) when the site was rebuilt since the job was prepared: a newer job
// will follow.
func (b *Builder) ApplySearch(j *SearchJob) (*Result, []string) {
	if j == nil || j.files == nil || b.last == nil || j.gen != b.gen {
		return nil, nil
	}
	b.searchStale = false
	b.searchMemory = j.memory
	for name := range j.files {
		// The keys become the new files' (see outputReuse): a records
		// file's is a digest of its sections', a key shard's of its
		// bytes; meta.json has none.
		if k, ok := j.keys[name]; ok && b.lastKeys != nil {
			b.lastKeys[name] = k
		} else {
			delete(b.lastKeys, name)
		}
	}
	files := maps.Clone(b.last.res.Files)
	var changed []string
	for name, data := range j.files {
		if !bytes.Equal(files[name], data) {
			files[name] = data
			changed = append(changed, name)
		}
	}
	for name := range files {
		if _, ok := j.files[name]; !ok && isSearchIndexFile(name) {
			delete(files, name)
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	res := *b.last.res
	res.Files = files
	b.last.res = &res
	return &res, changed
}

// carrySearch puts the last good build's search index into out, in place
// of a new one, when the build defers it (see defersSearch): the index
// scores every page, a tenth of a large site's rebuild, and the page the
// author just saved does not wait for it. The index catches up once edits
// pause (SearchJob), as after a text edit.
func (b *Builder) carrySearch(out *output.Tree, reuse *outputReuse) {
	for name, data := range b.lastFiles {
		if isSearchIndexFile(name) {
			out.Add(name, data, output.Place{})
			reuse.carry(name) // for the next SearchJob
		}
	}
}

// defersSearch says whether a build leaves the search index to catch up
// later (see carrySearch): a preview server's rebuild does. A first
// build, and any build into a folder, makes the index.
func (b *Builder) defersSearch() bool { return !b.once && b.lastFiles != nil }

// isSearchIndexFile says whether an output path is one of the search
// index's files: in its folder, but not the search page or its card.
func isSearchIndexFile(name string) bool {
	return strings.HasPrefix(name, search.Dir) && name != site.SearchURL+"index.html" && name != site.SearchURL+cardFile
}
