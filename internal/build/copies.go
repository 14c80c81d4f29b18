package build

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/sitefiles"
	"github.com/kbsite/kb/internal/theme"
)

// copyChunk is how many Markdown copies are made at a time, on all cores:
// enough to keep them busy, few enough that a large site's copies are
// never all held at once.
const copyChunk = 256

// addMarkdownCopies adds every page's Markdown copy, llms.txt and
// llms-full.txt, unless the site's static files have their own (which
// replace kb's, as a hand-written index should). Copies are made a chunk
// at a time, in the order llms-full.txt holds them, and each is let go
// once written and appended there: the build holds llms-full.txt, not
// every copy too. source gives a page's Markdown body by page index (see
// pageSources). It reports whether kb wrote llms-full.txt, which the
// preview server's search job remakes after a text edit (see SearchJob),
// and the pages whose body could not be had.
//
// A rebuild (carry) keeps the copies the last build made the same way,
// as they are. A preview server's rebuild keeps the last llms-full.txt
// too, to be brought up to date once edits pause (see SearchJob), and
// then needs no copy's bytes; any other build reads the kept copies back
// to make llms-full.txt.
func addMarkdownCopies(out *output.Tree, s *site.Site, cp *sitefiles.MarkdownCopier, rendered *render.Result, source func(i int) ([]byte, error), static map[string]string, carry *carriedCopies) (bool, diag.List) {
	index := make(map[*site.Page]int, len(s.Pages))
	for i, p := range s.Pages {
		index[p] = i
	}
	articles := sitefiles.LLMsFullArticles(s)
	pages := slices.Clone(articles) // every page with a copy, the articles first
	size := 0
	for _, p := range articles {
		size += rendered.Of(p).Body.Size + 1024 // the header, and links made absolute
	}
	for _, p := range s.Pages {
		if p.MarkdownURL() != "" && p.Kind != content.Article {
			pages = append(pages, p)
		}
	}
	_, ownFull := static[sitefiles.LLMsFullFile]
	var last *lastLLMsFull // where kept copies are read from, when they are
	if !ownFull && carry.keeps() && carry.llmsFull == nil {
		last = openLastLLMsFull(out, s, articles)
		defer last.close()
	}
	// Into a folder, the copies kept where the last llms-full.txt has
	// them are not read at all: the new file takes them from the old
	// (see output.Dir.PutPieces).
	assemble := last != nil && out.Assembles()
	pos := make(map[*site.Page]int, len(pages))
	for i, p := range pages {
		pos[p] = i
	}
	// Chunks are pages[k*copyChunk:], each made once, when first asked for.
	var errs diag.List
	made := map[int]bool{}
	chunk := map[*site.Page][]byte{}
	asRun := map[*site.Page]bool{} // kept, and taken from the last llms-full.txt as it is
	makeChunk := func(k int) {
		clear(chunk)
		made[k] = true
		next := pages[k*copyChunk : min((k+1)*copyChunk, len(pages))]
		copies := make([][]byte, len(next))
		failed := make([]error, len(next))
		kept := make([]bool, len(next))
		parallel.For(len(next), func(j int) {
			p, sum := next[j], rendered.Of(next[j]).SourceSum
			// A copy kept by the digest the render took of its source
			// needs no source, which a one-shot build would read from
			// its file again.
			if sum != ([sha256.Size]byte{}) {
				if copies[j], kept[j] = carry.kept(p, sum, last); kept[j] {
					return
				}
			}
			src, err := source(index[p])
			if failed[j] = err; err != nil {
				return
			}
			if sum == ([sha256.Size]byte{}) && carry.keeps() {
				if copies[j], kept[j] = carry.kept(p, sha256.Sum256(src), last); kept[j] {
					return
				}
			}
			copies[j] = cp.Copy(p, src, rendered.Of(p).Body)
		})
		for j, q := range next {
			if failed[j] != nil {
				errs.Add(diag.Errorf(q.File, 0, 0, "%v", failed[j]))
				continue
			}
			if !kept[j] {
				out.Add(q.MarkdownURL(), copies[j], pagePlace(q))
			}
			chunk[q] = copies[j]
			asRun[q] = kept[j] && copies[j] == nil
		}
	}
	copyOf := func(p *site.Page) []byte {
		if k := pos[p] / copyChunk; !made[k] {
			makeChunk(k)
		}
		return chunk[p] // LLMsFull asks in order, so p's chunk is the last made
	}
	if _, own := static[sitefiles.LLMsFile]; !own {
		out.Add(sitefiles.LLMsFile, sitefiles.LLMs(s), output.Place{})
	}
	switch {
	case ownFull:
	case carry != nil && carry.llmsFull != nil:
		out.Add(sitefiles.LLMsFullFile, carry.llmsFull, output.Place{})
	case assemble: // out assembles: see above
		pieces := []output.Piece{{Data: []byte(sitefiles.LLMsFullHead(s, len(articles)))}}
		brk := []byte(sitefiles.LLMsFullBreak)
		for _, p := range articles {
			data := copyOf(p)
			if asRun[p] {
				pieces = last.appendRun(pieces, p)
				continue
			}
			pieces = append(pieces, output.Piece{Data: brk}, output.Piece{Data: data})
		}
		last.runSums(pieces)
		out.AddPieces(sitefiles.LLMsFullFile, pieces, output.Place{})
	default:
		// Not bytes.Buffer's Grow, which clears what it allocates: at 10,000
		// pages, by CPU profiles of an edited build, clearing llms-full.txt's
		// 70 MB took 0.33 s of processor time.
		full := bytes.NewBuffer(make([]byte, 0, size+4096))
		sitefiles.LLMsFull(full, s, copyOf)
		out.Add(sitefiles.LLMsFullFile, full.Bytes(), output.Place{})
	}
	for k := 0; k*copyChunk < len(pages); k++ {
		if !made[k] {
			makeChunk(k)
		}
	}
	return !ownFull, errs
}

// pageSources gives each page's Markdown body by page index, as srcs
// holds it before rendering. A one-shot build lets srcs go as it renders
// and reads a body again from its file when its copy is made, rather than
// hold every body to the end: it keeps a checksum of each, so that a file
// changed in between is an error, not a copy cut at the wrong places.
func pageSources(fsys fs.FS, s *site.Site, srcs [][]byte, once bool) func(int) ([]byte, error) {
	if !once {
		return func(i int) ([]byte, error) { return srcs[i], nil }
	}
	sums := make([]uint32, len(srcs))
	for i, src := range srcs {
		sums[i] = crc32.Checksum(src, castagnoli)
	}
	return func(i int) ([]byte, error) {
		data, err := fs.ReadFile(fsys, s.Pages[i].File)
		if err != nil {
			return nil, fmt.Errorf("reading the page again for its Markdown copy: %v", err)
		}
		body, ok := content.Body(data)
		if !ok || crc32.Checksum(body, castagnoli) != sums[i] {
			return nil, errors.New("the file changed while kb was building the site: build again")
		}
		return body, nil
	}
}

// castagnoli is the CRC-32 that processors compute in hardware.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// carriedCopies is what a rebuild takes from the last build for the
// Markdown copies: each copy whose key (the page's layout key and a
// digest of its Markdown, which together decide the copy) is the last
// build's, and, in a preview server's rebuild, llms-full.txt, kept until
// edits pause (nil when the build makes it: it then needs the kept
// copies' bytes, read back).
type carriedCopies struct {
	llmsFull []byte
	reuse    *outputReuse
	keys     map[*site.Page]theme.LayoutKey // nil for a theme of its own
}

// lastLLMsFull is the llms-full.txt the last build wrote into the output
// folder, open, and where each article's copy seems to lie in it (see
// openLastLLMsFull): a kept copy is read from there rather than from its
// own file.
type lastLLMsFull struct {
	f  *os.File
	at map[*site.Page]copyAt
	// sums are the checksums of the file from the first copy's break to
	// each copy's break and end, by offset: a run of copies one after the
	// other has its checksum from those of its two ends (see runSums),
	// with no work for each copy in it. (Joined copy by copy, the
	// checksums took 40 ms at 10,000 pages.)
	sums map[int64]uint64
}

// copyAt is where a copy lies in a file, break included (see
// sitefiles.LLMsFullBreak): the break's offset, the copy's offset and
// size.
type copyAt struct{ brk, off, size int64 }

// openLastLLMsFull opens the llms-full.txt the last build wrote into out
// and finds where each of articles has its copy there. The file holds
// the last build's copies in its order, each after a break, after a
// head of a few lines; each copy's header gives its page's address, and
// the output's marker records the size of the copy's own file, which is
// how far the next one lies. So the copies are found whatever changed
// since (pages added, removed, renamed or reordered), in one pass over
// the file (see window), each checked against the checksum its own file
// was written with. At 10,000 pages, reading 10,000 kept copies back
// from their own files made half of the time an edited build spent on
// its copies. nil when there is no such file.
func openLastLLMsFull(out *output.Tree, s *site.Site, articles []*site.Page) *lastLLMsFull {
	f, ok := out.OpenLast(sitefiles.LLMsFullFile)
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil
	}
	brk := []byte(sitefiles.LLMsFullBreak)
	w := &window{f: f, buf: make([]byte, 1<<20)}
	// The head: the title, the site's description, and what the file
	// holds.
	pos := int64(bytes.Index(w.at(0, 64<<10), brk))
	if pos < 0 {
		f.Close()
		return nil
	}
	byAddress := make(map[string]*site.Page, len(articles))
	for _, p := range articles {
		byAddress[s.URLs.Abs(p.URL)] = p
	}
	base := s.URLs.Abs("")
	l := &lastLLMsFull{f: f, at: make(map[*site.Page]copyAt, len(articles)), sums: make(map[int64]uint64, len(articles)+1)}
	var all output.Summer // the file from the first copy's break on
	// A copy's title, description and address come first: its first
	// kilobytes hold them (the address line is looked for in more when
	// they do not).
	for pos < fi.Size() {
		got := w.at(pos, 1<<10)
		addr, ok := sitefiles.CopyAddress(bytes.TrimPrefix(got, brk))
		if !ok && len(got) == 1<<10 {
			got = w.at(pos, 64<<10)
			addr, ok = sitefiles.CopyAddress(bytes.TrimPrefix(got, brk))
		}
		rel, under := strings.CutPrefix(addr, base)
		if !ok || !under || !bytes.HasPrefix(got, brk) {
			break // not a copy's start: the rest are read from their files
		}
		size, sum, ok := out.LastWritten(rel + "index.md")
		if !ok {
			break
		}
		off := pos + int64(len(brk))
		l.sums[pos] = all.Sum()
		all.Write(brk)
		// Only a copy whose bytes here are those its own file was written
		// with is taken: a file edited by hand with its size and time
		// kept would otherwise pass the edit on to the new llms-full.txt.
		if p := byAddress[addr]; w.sum(off, size, &all) == sum && p != nil {
			l.at[p] = copyAt{brk: pos, off: off, size: size}
		}
		pos = off + size
		l.sums[pos] = all.Sum()
	}
	return l
}

// window reads a file forward through one buffer: llms-full.txt's
// copies follow each other, so each copy's header and bytes are read in
// order as they come, with no read for each copy and none held.
type window struct {
	f        *os.File
	buf      []byte
	from, to int64 // buf holds the file's bytes [from, to)
}

// at is up to n bytes from pos, fewer at the file's end, n at most the
// buffer's size; valid until the next call.
func (w *window) at(pos int64, n int) []byte {
	if pos < w.from || pos+int64(n) > w.to {
		k, _ := w.f.ReadAt(w.buf, pos)
		w.from, w.to = pos, pos+int64(k)
	}
	end := min(pos+int64(n), w.to)
	return w.buf[pos-w.from : end-w.from]
}

// sum is the checksum of the size bytes from pos (see output.Checksum),
// and writes them to also; that of fewer when the file ends before.
func (w *window) sum(pos, size int64, also *output.Summer) uint64 {
	var sum output.Summer
	for end := pos + size; pos < end; {
		got := w.at(pos, int(min(end-pos, int64(len(w.buf)))))
		if len(got) == 0 {
			break
		}
		sum.Write(got)
		also.Write(got)
		pos += int64(len(got))
	}
	return sum.Sum()
}

// has says whether l found p's copy (false for a nil l).
func (l *lastLLMsFull) has(p *site.Page) bool {
	if l == nil {
		return false
	}
	_, ok := l.at[p]
	return ok
}

// appendRun appends p's copy, with the break before it, as a run of the
// last llms-full.txt, joined to the run before when the two lie one
// after the other there, as they do unless pages moved: the file is then
// copied in a few long runs.
func (l *lastLLMsFull) appendRun(pieces []output.Piece, p *site.Page) []output.Piece {
	at := l.at[p]
	size := at.off + at.size - at.brk
	if n := len(pieces); n > 0 && pieces[n-1].Data == nil && pieces[n-1].Off+pieces[n-1].Size == at.brk {
		pieces[n-1].Size += size
		return pieces
	}
	return append(pieces, output.Piece{Off: at.brk, Size: size})
}

// runSums gives each run of pieces its checksum: that of the file up to
// its end, less that of the file up to its start (see output.Cut).
func (l *lastLLMsFull) runSums(pieces []output.Piece) {
	for i, pc := range pieces {
		if pc.Data == nil {
			pieces[i].Sum = output.Cut(l.sums[pc.Off+pc.Size], l.sums[pc.Off], pc.Size)
		}
	}
}

func (l *lastLLMsFull) close() {
	if l != nil {
		l.f.Close()
	}
}

// keeps says whether c may keep copies at all.
func (c *carriedCopies) keeps() bool { return c != nil && c.keys != nil }

// kept says whether p's copy, of the Markdown whose SHA-256 is sum (see
// render.Page.SourceSum), was kept from the last build, with its bytes
// when llms-full.txt is made: read from last when they are there.
func (c *carriedCopies) kept(p *site.Page, sum [sha256.Size]byte, last *lastLLMsFull) ([]byte, bool) {
	if !c.keeps() {
		return nil, false
	}
	k, ok := c.keys[p]
	if !ok {
		return nil, false
	}
	h := sha256.New()
	h.Write([]byte("copy "))
	h.Write(k[:])
	h.Write(sum[:])
	var key outputKey
	h.Sum(key[:0])
	if c.llmsFull != nil {
		return nil, c.reuse.keptNew(p.MarkdownURL(), key, pagePlace(p))
	}
	if last.has(p) {
		return nil, c.reuse.keptNew(p.MarkdownURL(), key, pagePlace(p))
	}
	return c.reuse.keptNewBytes(p.MarkdownURL(), key, pagePlace(p))
}
