package render

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"unsafe"

	"github.com/kbsite/kb/internal/filemap"
	"github.com/kbsite/kb/internal/markdown"
)

// A memo kept in a file (see OpenMemo) lets kb build, which starts from
// nothing, reuse the bodies the last build rendered, as the preview
// server does between its builds. The file holds the options and
// glossary the bodies were rendered with, every body, then an index of
// where each page's body lies and the site.LinkSpace their links were
// resolved in, so that a build reads only the bodies it asks for and
// never holds them all.
//
// An entry is its head, everything but the HTML, then the HTML. A build
// reads a reused body's head alone: its HTML is read back from the file
// only if its page is laid out again (see heldHTML). At 10,000 pages the
// entries are 184 MB, half of it HTML, and one edit lays out few of the
// pages again.
//
// The next build appends to the file: the bodies it rendered, then its
// index, which names the entries it reused where they lie (see
// memoWriter). The entries no index names any more, and the old
// indexes, are dead bytes; once they outweigh the live ones, a build
// writes a new file with the live entries alone.
//
//	magic, header (options, glossary URL, terms)
//	entries, one per page, and in a file appended to, dead bytes among them
//	index (header length, link space, count, then URL, offset, head length and HTML length of each entry)
//	offset of the index (8 bytes), magic
const memoMagic = "kb bodies 4\n"

// memoSpan is where an entry lies in a memo file.
type memoSpan struct {
	at         int64 // where it starts
	head, html int64 // the lengths of its head and its HTML
}

func (sp memoSpan) end() int64 { return sp.at + sp.head + sp.html }

// memoFile is the last build's bodies, on disk.
type memoFile struct {
	f        *os.File
	options  string
	glossURL string
	terms    []markdown.Term
	space    [sha256.Size]byte
	at       map[string]memoSpan // by page URL
	// mapped is the file mapped into memory, where there is a way to;
	// nil otherwise (see the package filemap). Entries' heads are read
	// where they lie: by a CPU profile of a build after one edit at
	// 10,000 pages, reading each took 0.25 s of its 3.9 s of processor
	// time.
	mapped []byte
	// size is the file's, as read; headLen the header's, with the
	// magic; live the bytes of the header and of the entries the index
	// names (see memoWriter).
	size, headLen, live int64
}

// openMemoFile reads the header and index of the memo at path; nil when
// there is none, or it is damaged or from another kb.
func openMemoFile(path string) *memoFile {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	mf, ok := readMemoFile(f)
	if !ok {
		f.Close()
		return nil
	}
	return mf
}

// readMemoFile reads f's header and index; false when f is not a whole
// memo file of this kb's format. Why does not matter: the build then
// renders every body.
func readMemoFile(f *os.File) (*memoFile, bool) {
	fi, err := f.Stat()
	if err != nil {
		return nil, false
	}
	size := fi.Size()
	tail := make([]byte, 8+len(memoMagic))
	if size < int64(2*len(memoMagic)+8) {
		return nil, false
	}
	if _, err := f.ReadAt(tail, size-int64(len(tail))); err != nil || string(tail[8:]) != memoMagic {
		return nil, false
	}
	indexAt := int64(binary.LittleEndian.Uint64(tail))
	if indexAt < int64(len(memoMagic)) || indexAt > size-int64(len(tail)) {
		return nil, false
	}
	index := make([]byte, size-int64(len(tail))-indexAt)
	if _, err := f.ReadAt(index, indexAt); err != nil {
		return nil, false
	}
	mf := &memoFile{f: f, size: size}
	r := &reader{b: index}
	mf.headLen = int64(r.num())
	mf.space = r.sum()
	n := r.count()
	if mf.headLen < int64(len(memoMagic)) || mf.headLen > indexAt {
		return nil, false
	}
	mf.at = make(map[string]memoSpan, n)
	mf.live = mf.headLen
	for range n {
		url := r.str()
		sp := memoSpan{at: int64(r.num()), head: int64(r.num()), html: int64(r.num())}
		if sp.at < mf.headLen || sp.head < 0 || sp.html < 0 || sp.end() > indexAt {
			return nil, false
		}
		mf.at[url] = sp
		mf.live += sp.head + sp.html
	}
	if r.bad || len(r.b) != 0 {
		return nil, false
	}
	// Only the header is read here, not the entries before the index:
	// at 10,000 pages they are 170 MB, which each build read whole.
	head := make([]byte, mf.headLen)
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.HasPrefix(head, []byte(memoMagic)) {
		return nil, false
	}
	r = &reader{b: head[len(memoMagic):]}
	mf.options, mf.glossURL = r.str(), r.str()
	mf.terms = make([]markdown.Term, r.count())
	for i := range mf.terms {
		mf.terms[i] = r.term()
	}
	if r.bad || len(r.b) != 0 {
		return nil, false
	}
	mf.mapped = filemap.ReadOnly(f, size)
	return mf, true
}

// entry reads and decodes the head of url's entry, its body's HTML left
// waiting in the file; nil when there is none or it does not decode.
func (mf *memoFile) entry(url string) *memoEntry {
	sp, ok := mf.at[url]
	if !ok {
		return nil
	}
	var buf []byte
	if mf.mapped != nil {
		buf = mf.mapped[sp.at : sp.at+sp.head : sp.at+sp.head]
	} else {
		buf = make([]byte, sp.head)
		if _, err := mf.f.ReadAt(buf, sp.at); err != nil {
			return nil
		}
	}
	// The entry's strings are views of buf, which nothing writes to
	// after this read: a copy of each was a second 90 MB of a build's
	// allocations after one edit at 10,000 pages, most of it the
	// sections' text. A string kept keeps the entry's head alive, no
	// more than a build holds anyway.
	r := &reader{b: buf, views: true}
	e := r.entry()
	if r.bad || len(r.b) != 0 {
		return nil
	}
	e.body.held = heldHTML{in: mf.f, at: sp.at + sp.head, size: int(sp.html), check: true}
	e.from = sp
	return e
}

func (mf *memoFile) close() {
	if mf != nil {
		mf.f.Close()
	}
}

// memoWriter writes a build's bodies to the memo file, from many
// goroutines; Memo.Close ends it. It appends to the last build's file
// when it can (see appendTo): the entries this build reused then stay
// where they are, and the file is not written again. Copying them into
// a new file, even by the kernel, was a tenth of a second of a build
// after one edit at 10,000 pages (184 MB, in memory), and the render
// waited for it. Otherwise it writes a new file, which takes the last
// one's place by a rename.
type memoWriter struct {
	path, tmp string
	mu        sync.Mutex
	f         *os.File
	w         *bufio.Writer
	off       int64
	at        map[string]memoSpan
	space     [sha256.Size]byte
	headLen   int64
	// base, when appending, is the size of the file appended to: a
	// build that does not finish cuts the file back to it, and the last
	// build's index is the file's again.
	base      int64
	appending bool
	// last is the last build's file, and kept the entries this build
	// reused from it, by URL: a new file copies them over as they are.
	last   *os.File
	kept   map[string]memoSpan
	failed bool
}

// newMemoWriter starts the memo file for path: appended to last's file
// (the last build's, nil for none) when it can, else a new one, with its
// header. last's header is the same as this build's when it is given
// (see Memo.begin).
func newMemoWriter(path, options, glossURL string, terms []markdown.Term, space [sha256.Size]byte, last *memoFile) *memoWriter {
	mw := &memoWriter{path: path, at: map[string]memoSpan{}, space: space, kept: map[string]memoSpan{}}
	if mw.appendTo(last) {
		return mw
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil
	}
	// A name of its own: two builds sharing the cache folder (into two
	// output folders) must not write into one file.
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+"-*.new")
	if err != nil {
		return nil
	}
	mw.tmp = f.Name()
	if last != nil {
		mw.last = last.f
	}
	mw.f, mw.w = f, bufio.NewWriterSize(f, 1<<20)
	var h writer
	h.str(options)
	h.str(glossURL)
	h.num(len(terms))
	for _, t := range terms {
		h.term(t)
	}
	mw.write(append([]byte(memoMagic), h.b...))
	mw.headLen = mw.off
	return mw
}

// appendTo readies mw to append to last's file, and says whether it
// can: the file at mw.path is still the one last read, as last read it,
// no other build is writing to it (a lock, where there is one), and its
// dead bytes do not outweigh its live ones.
func (mw *memoWriter) appendTo(last *memoFile) bool {
	if last == nil || last.size-last.live > last.live {
		return false
	}
	f, err := os.OpenFile(mw.path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	fi, err1 := f.Stat()
	was, err2 := last.f.Stat()
	if err1 != nil || err2 != nil || !os.SameFile(fi, was) || fi.Size() != last.size || !lockMemoFile(f) {
		f.Close()
		return false
	}
	if _, err := f.Seek(last.size, io.SeekStart); err != nil {
		f.Close() // the lock goes with it
		return false
	}
	mw.f, mw.w = f, bufio.NewWriterSize(f, 1<<20)
	mw.off, mw.base, mw.headLen, mw.appending = last.size, last.size, last.headLen, true
	return true
}

func (mw *memoWriter) write(b []byte) {
	if _, err := mw.w.Write(b); err != nil {
		mw.failed = true
	}
	mw.off += int64(len(b))
}

// add writes url's entry, or for one read from the last file, names it
// where it lies there (appending) or notes it to be copied from there.
func (mw *memoWriter) add(url string, e *memoEntry) {
	if e.from != (memoSpan{}) {
		// Its HTML is in the last file alone: without that file (which
		// begin always gives a memo read from one) it is left out.
		mw.mu.Lock()
		defer mw.mu.Unlock()
		switch {
		case mw.appending:
			mw.at[url] = e.from
		case mw.last != nil:
			mw.kept[url] = e.from
		}
		return
	}
	// Sized for the entry's largest parts, so that it is made in one
	// allocation rather than grown through many (at 10,000 pages the
	// growing and the HTML's conversion to a string were 0.6 GB).
	size := 1024
	for _, s := range e.body.Sections {
		size += len(s.Heading) + len(s.Text) + len(s.ID) + 8
	}
	w := writer{b: make([]byte, 0, size)}
	w.entry(e)
	mw.mu.Lock()
	defer mw.mu.Unlock()
	mw.at[url] = memoSpan{at: mw.off, head: int64(len(w.b)), html: int64(len(e.body.html))}
	mw.write(w.b)
	mw.write(e.body.html)
}

// finish copies the kept entries over into a new file, in the order the
// last file holds them, and writes the index. A memo that could not be
// written costs only speed (the next build renders every body), so its
// error is dropped, and the file is not left half-written: a new one is
// removed, one appended to cut back to what it was.
func (mw *memoWriter) finish() bool {
	err := mw.w.Flush()
	urls := slices.Collect(maps.Keys(mw.kept))
	slices.SortFunc(urls, func(a, b string) int { return cmp.Compare(mw.kept[a].at, mw.kept[b].at) })
	// Entries that lie end to end in the last file are copied in one
	// run; on Linux, os.File.ReadFrom has the kernel copy it
	// (copy_file_range), without the bytes passing through the build.
	for i := 0; i < len(urls) && err == nil; {
		start := mw.kept[urls[i]].at
		end := start
		for ; i < len(urls) && mw.kept[urls[i]].at == end; i++ {
			sp := mw.kept[urls[i]]
			mw.at[urls[i]] = memoSpan{at: mw.off + sp.at - start, head: sp.head, html: sp.html}
			end = sp.end()
		}
		var n int64
		if _, err = mw.last.Seek(start, io.SeekStart); err != nil {
			break
		}
		// A LimitedReader of the file, not a SectionReader: ReadFrom
		// hands only the first to the kernel.
		n, err = mw.f.ReadFrom(&io.LimitedReader{R: mw.last, N: end - start})
		if err == nil && n != end-start {
			err = io.ErrUnexpectedEOF
		}
		mw.off += n
	}
	if err != nil {
		mw.failed = true
	}
	var w writer
	w.num(int(mw.headLen))
	w.sum(mw.space)
	w.num(len(mw.at))
	for url, sp := range mw.at {
		w.str(url)
		w.num(int(sp.at))
		w.num(int(sp.head))
		w.num(int(sp.html))
	}
	indexAt := mw.off
	mw.write(w.b)
	mw.write(binary.LittleEndian.AppendUint64(nil, uint64(indexAt)))
	mw.write([]byte(memoMagic))
	if err = mw.w.Flush(); err != nil || mw.failed {
		mw.abandon()
		return false
	}
	if err = mw.f.Close(); err != nil {
		if !mw.appending {
			_ = os.Remove(mw.tmp)
		}
		return false
	}
	return true
}

// abandon leaves the memo as it was before this build: a new file is
// removed, one appended to cut back (the last index is at its end again).
func (mw *memoWriter) abandon() {
	if mw.appending {
		_ = mw.f.Truncate(mw.base)
		mw.f.Close()
		return
	}
	mw.f.Close()
	_ = os.Remove(mw.tmp)
}

// place puts a new file, if finished, in place of the last one, once
// that is closed (Windows renames nothing over an open file); an
// unfinished memo is abandoned. A file appended to is in place already.
func (mw *memoWriter) place(finished bool) {
	if !finished {
		mw.abandon()
		return
	}
	if mw.appending {
		return
	}
	if os.Rename(mw.tmp, mw.path) != nil {
		_ = os.Remove(mw.tmp)
	}
}

// writer appends values: numbers as varints, strings length first.
type writer struct{ b []byte }

func (w *writer) num(n int) { w.b = binary.AppendVarint(w.b, int64(n)) }

func (w *writer) str(s string) {
	w.num(len(s))
	w.b = append(w.b, s...)
}

func (w *writer) bool(v bool) {
	if v {
		w.num(1)
	} else {
		w.num(0)
	}
}

func (w *writer) sum(s [sha256.Size]byte) { w.b = append(w.b, s[:]...) }

func (w *writer) link(l markdown.Link) {
	w.str(l.Dest)
	w.bool(l.Wiki)
	w.bool(l.Image)
	w.num(l.Line)
	w.num(l.Col)
	w.str(l.Context)
	// Target.Ref, the page, is this build's own: a reused body's targets
	// are resolved again (see Memo.reusable).
	w.str(l.Target.Href)
	w.str(l.Target.Title)
}

func (w *writer) links(ls []markdown.Link) {
	w.num(len(ls))
	for _, l := range ls {
		w.link(l)
	}
}

func (w *writer) term(t markdown.Term) {
	w.str(t.Term)
	w.num(len(t.Aliases))
	for _, a := range t.Aliases {
		w.str(a)
	}
	w.str(t.ID)
	w.str(t.Definition)
	w.num(t.Line)
	w.num(t.Col)
}

func (w *writer) entry(e *memoEntry) {
	w.str(e.file)
	w.sum(e.sum)
	w.num(e.bodyLine)
	w.str(e.title)
	w.num(len(e.trace.calls))
	for _, c := range e.trace.calls {
		w.link(c.link)
		w.str(c.href)
		w.str(c.title)
		w.str(c.err)
		w.str(c.page)
		w.str(c.file)
	}
	b := &e.body
	w.num(len(b.Headings))
	for _, h := range b.Headings {
		w.num(h.Level)
		w.str(h.ID)
		w.str(h.Text)
	}
	w.links(b.Links)
	w.links(b.External)
	w.num(len(b.Sections))
	for _, s := range b.Sections {
		w.str(s.ID)
		w.str(s.Heading)
		w.str(s.Text)
	}
	w.num(len(b.Edits))
	for _, ed := range b.Edits {
		w.num(int(ed.Kind))
		w.num(ed.Start)
		w.num(ed.End)
		w.num(ed.Link)
		w.str(ed.Text)
		w.num(ed.TextStart)
		w.num(ed.TextEnd)
		w.str(ed.Lang)
		w.str(ed.Body)
		w.num(ed.FenceLine)
		w.str(ed.Indent)
	}
	w.num(b.Words)
	w.num(b.Size)
	w.bool(b.HasCompare)
	w.num(len(b.Terms))
	for _, t := range b.Terms {
		w.term(t)
	}
	w.bool(b.HasTerms)
	w.sum(b.Digest)
	// The HTML follows the head, outside it (see memoMagic).
}

// reader takes values back as writer wrote them; bad is set, and zero
// values come back, once the bytes do not read.
type reader struct {
	b   []byte
	bad bool
	// views says that b is the reader's own and never written to: its
	// strings are then views of it rather than copies (see entry).
	views bool
}

func (r *reader) num() int {
	n, k := binary.Varint(r.b)
	if k <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[k:]
	return int(n)
}

// count is a number of items to follow, each at least a byte long.
func (r *reader) count() int {
	n := r.num()
	if n < 0 || n > len(r.b) {
		r.bad, r.b = true, nil
		return 0
	}
	return n
}

func (r *reader) str() string {
	n := r.count()
	var s string
	if r.views && n > 0 {
		s = unsafe.String(&r.b[0], n)
	} else {
		s = string(r.b[:n])
	}
	r.b = r.b[n:]
	return s
}

func (r *reader) bool() bool { return r.num() != 0 }

func (r *reader) sum() [sha256.Size]byte {
	var s [sha256.Size]byte
	if len(r.b) < len(s) {
		r.bad, r.b = true, nil
		return s
	}
	copy(s[:], r.b)
	r.b = r.b[len(s):]
	return s
}

func (r *reader) link() markdown.Link {
	l := markdown.Link{Dest: r.str(), Wiki: r.bool(), Image: r.bool(), Line: r.num(), Col: r.num(), Context: r.str()}
	l.Target.Href, l.Target.Title = r.str(), r.str()
	return l
}

func (r *reader) links() []markdown.Link {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]markdown.Link, n)
	for i := range out {
		out[i] = r.link()
	}
	return out
}

func (r *reader) term() markdown.Term {
	t := markdown.Term{Term: r.str()}
	if n := r.count(); n > 0 {
		t.Aliases = make([]string, n)
		for i := range t.Aliases {
			t.Aliases[i] = r.str()
		}
	}
	t.ID, t.Definition, t.Line, t.Col = r.str(), r.str(), r.num(), r.num()
	return t
}

func (r *reader) entry() *memoEntry {
	e := &memoEntry{file: r.str(), sum: r.sum(), bodyLine: r.num(), title: r.str()}
	if n := r.count(); n > 0 {
		e.trace.calls = make([]resolved, n)
		for i := range e.trace.calls {
			e.trace.calls[i] = resolved{link: r.link(), href: r.str(), title: r.str(), err: r.str(), page: r.str(), file: r.str()}.withFragment()
		}
	}
	b := &e.body
	if n := r.count(); n > 0 {
		b.Headings = make([]markdown.Heading, n)
		for i := range b.Headings {
			b.Headings[i] = markdown.Heading{Level: r.num(), ID: r.str(), Text: r.str()}
		}
	}
	b.Links, b.External = r.links(), r.links()
	if n := r.count(); n > 0 {
		b.Sections = make([]markdown.TextSection, n)
		for i := range b.Sections {
			b.Sections[i] = markdown.TextSection{ID: r.str(), Heading: r.str(), Text: r.str()}
		}
	}
	if n := r.count(); n > 0 {
		b.Edits = make([]markdown.Edit, n)
		for i := range b.Edits {
			b.Edits[i] = markdown.Edit{Kind: markdown.EditKind(r.num()), Start: r.num(), End: r.num(), Link: r.num(), Text: r.str(),
				TextStart: r.num(), TextEnd: r.num(), Lang: r.str(), Body: r.str(), FenceLine: r.num(), Indent: r.str()}
		}
	}
	b.Words, b.Size, b.HasCompare = r.num(), r.num(), r.bool()
	if n := r.count(); n > 0 {
		b.Terms = make([]markdown.Term, n)
		for i := range b.Terms {
			b.Terms[i] = r.term()
		}
	}
	b.HasTerms, b.Digest = r.bool(), r.sum()
	return e
}
