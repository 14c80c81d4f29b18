package render

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sync"

	"github.com/kbsite/kb/internal/markdown"
)

// A memo kept in a file (see OpenMemo) lets kb build, which starts from
// nothing, reuse the bodies the last build rendered, as the preview
// server does between its builds. The file holds the options and
// glossary the bodies were rendered with and the site.LinkSpace their
// links were resolved in, every body, then an index of where each page's
// body lies, so that a build reads only the bodies it asks for and never
// holds them all.
//
//	magic, header (options, glossary URL, terms, link space)
//	entries, one per page
//	index (count, then URL, offset and length of each entry)
//	offset of the index (8 bytes), magic
const memoMagic = "kb bodies 2\n"

// memoFile is the last build's bodies, on disk.
type memoFile struct {
	f        *os.File
	options  string
	glossURL string
	terms    []markdown.Term
	space    [sha256.Size]byte
	at       map[string][2]int64 // URL → offset and length of its entry
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
	mf := &memoFile{f: f}
	r := &reader{b: index}
	n := r.count()
	mf.at = make(map[string][2]int64, n)
	headEnd := indexAt // the header ends where the first entry starts
	for range n {
		url, off, l := r.str(), int64(r.num()), int64(r.num())
		if off < int64(len(memoMagic)) || l < 0 || off+l > indexAt {
			return nil, false
		}
		mf.at[url] = [2]int64{off, l}
		headEnd = min(headEnd, off)
	}
	if r.bad {
		return nil, false
	}
	// Only the header is read here, not the entries before the index:
	// at 10,000 pages they are 170 MB, which each build read whole.
	head := make([]byte, headEnd)
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.HasPrefix(head, []byte(memoMagic)) {
		return nil, false
	}
	r = &reader{b: head[len(memoMagic):]}
	mf.options, mf.glossURL = r.str(), r.str()
	mf.terms = make([]markdown.Term, r.count())
	for i := range mf.terms {
		mf.terms[i] = r.term()
	}
	mf.space = r.sum()
	if r.bad || len(r.b) != 0 {
		return nil, false
	}
	return mf, true
}

// entry reads and decodes url's entry; nil when there is none or it
// does not decode.
func (mf *memoFile) entry(url string) *memoEntry {
	at, ok := mf.at[url]
	if !ok {
		return nil
	}
	buf := make([]byte, at[1])
	if _, err := mf.f.ReadAt(buf, at[0]); err != nil {
		return nil
	}
	r := &reader{b: buf}
	e := r.entry()
	if r.bad || len(r.b) != 0 {
		return nil
	}
	e.raw = buf
	return e
}

func (mf *memoFile) close() {
	if mf != nil {
		mf.f.Close()
	}
}

// memoWriter writes a build's bodies to a new memo file, from many
// goroutines, and puts it in place when done.
type memoWriter struct {
	path, tmp string
	mu        sync.Mutex
	f         *os.File
	w         *bufio.Writer
	off       int64
	at        map[string][2]int64
	failed    bool
}

// newMemoWriter starts the memo file for path, with its header.
func newMemoWriter(path, options, glossURL string, terms []markdown.Term, space [sha256.Size]byte) *memoWriter {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil
	}
	// A name of its own: two builds sharing the cache folder (into two
	// output folders) must not write into one file.
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+"-*.new")
	if err != nil {
		return nil
	}
	mw := &memoWriter{path: path, tmp: f.Name(), at: map[string][2]int64{}}
	mw.f, mw.w = f, bufio.NewWriterSize(f, 1<<20)
	var h writer
	h.str(options)
	h.str(glossURL)
	h.num(len(terms))
	for _, t := range terms {
		h.term(t)
	}
	h.sum(space)
	mw.write(append([]byte(memoMagic), h.b...))
	return mw
}

func (mw *memoWriter) write(b []byte) {
	if _, err := mw.w.Write(b); err != nil {
		mw.failed = true
	}
	mw.off += int64(len(b))
}

// add writes url's entry.
func (mw *memoWriter) add(url string, e *memoEntry) {
	data := e.raw
	if data == nil {
		// Sized for the entry's largest parts, so that it is made in one
		// allocation rather than grown through many (at 10,000 pages the
		// growing and the HTML's conversion to a string were 0.6 GB).
		size := len(e.body.html) + 1024
		for _, s := range e.body.Sections {
			size += len(s.Heading) + len(s.Text) + len(s.ID) + 8
		}
		w := writer{b: make([]byte, 0, size)}
		w.entry(e)
		data = w.b
	}
	mw.mu.Lock()
	defer mw.mu.Unlock()
	mw.at[url] = [2]int64{mw.off, int64(len(data))}
	mw.write(data)
}

// finish writes the index and puts the file in place. A memo that could
// not be written costs only speed (the next build renders every body),
// so its error is dropped, and the file is not left half-written.
func (mw *memoWriter) finish() {
	var w writer
	w.num(len(mw.at))
	for url, at := range mw.at {
		w.str(url)
		w.num(int(at[0]))
		w.num(int(at[1]))
	}
	indexAt := mw.off
	mw.write(w.b)
	mw.write(binary.LittleEndian.AppendUint64(nil, uint64(indexAt)))
	mw.write([]byte(memoMagic))
	err := mw.w.Flush()
	err = errors.Join(err, mw.f.Close())
	if err != nil || mw.failed {
		_ = os.Remove(mw.tmp)
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

// bytes writes b as str writes a string.
func (w *writer) bytes(b []byte) {
	w.num(len(b))
	w.b = append(w.b, b...)
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
	w.bytes(b.html)
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
}

// reader takes values back as writer wrote them; bad is set, and zero
// values come back, once the bytes do not read.
type reader struct {
	b   []byte
	bad bool
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
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// bytes is a copy of the next string's bytes: one copy, where
// []byte(r.str()) made two.
func (r *reader) bytes() []byte {
	n := r.count()
	b := bytes.Clone(r.b[:n])
	r.b = r.b[n:]
	return b
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
			e.trace.calls[i] = resolved{link: r.link(), href: r.str(), title: r.str(), err: r.str(), page: r.str(), file: r.str()}
		}
	}
	b := &e.body
	if html := r.bytes(); len(html) > 0 {
		b.html = html
	}
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
