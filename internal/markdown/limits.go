package markdown

import (
	"bytes"
	"fmt"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Limits: what one page may cost. goldmark, like most Markdown parsers,
// does more than linear work on some inputs: emphasis delimiters that
// never match are compared with every opener before them, a link
// destination left open is scanned to the end of the paragraph from every
// "](", and each level of a nested list or quote is revisited on every
// line. A page of a few hundred kilobytes shaped that way took minutes.
// Each limit below bounds one of those costs, far above what a real page
// needs (the largest article of this site is about 10 KB, its busiest
// paragraph has 82 markers, and its lists nest 2 deep), and crossing one
// is an error at the place where it is crossed; the rest of the page
// still renders, the offending block as plain text.
const (
	// maxPageBytes bounds a page's Markdown: a hundred times the largest
	// article, and small enough that the costs that stay linear (about
	// 40 bytes of HTML and a few hundred bytes of parser memory per byte
	// of input at worst) stay in megabytes.
	maxPageBytes = 1 << 20

	// maxNesting bounds how deep lists, block quotes, footnotes and
	// definition lists nest in each other: every line revisits each open
	// level.
	maxNesting = 32

	// maxInlineMarkers bounds the characters in one paragraph, heading or
	// table row that open or close inline constructs (runs of "*", "_",
	// "~" and "`", and each "[", "]", "<", '"' and "'"): goldmark's work on
	// a paragraph grows with their number times the paragraph's length.
	maxInlineMarkers = 1000

	// markersWhat names the markers in messages.
	markersWhat = "emphasis, code, link and quote markers (* _ ~ ` [ ] < \" ')"

	// maxTableColumns and maxTableCells bound tables: goldmark fills
	// every row up to the header's width, so a wide header over many
	// short rows makes cells out of nothing.
	maxTableColumns = 64
	maxTableCells   = 100_000

	// maxFootnotes bounds a page's footnotes: goldmark looks each
	// reference up by going through all of them, and sorts them by
	// insertion.
	maxFootnotes = 300

	// maxReferenceBytes bounds the bytes of URLs and titles that
	// reference links copy from their definitions ([x][ref] used again
	// and again): a 1 KB URL used ten thousand times would make 10 MB of
	// HTML. As cmark does, the bound is the page's own size, or this if
	// more.
	maxReferenceBytes = 100 << 10

	// maxHighlightBlock, maxHighlightBytes and maxHighlightTime bound the
	// code chroma highlights, per block and per page. Its lexers are
	// regular expressions that backtrack: ordinary code costs 5 to 20
	// microseconds a byte, and code shaped against a lexer far more (C's
	// lexer took 5 s on 4 KB of blank lines; some lexers take longer on
	// 2 KB). No size bound covers that, so time is the last bound: past
	// it, the page's remaining code is shown plain, with a warning, as it
	// is beyond the size bounds (silently: long code is no mistake). The
	// size bounds keep real pages, whose code takes a fraction of a
	// second, far enough from the time bound on a loaded machine that
	// their output does not depend on the machine.
	maxHighlightBlock = 16 << 10
	maxHighlightBytes = 64 << 10
	maxHighlightTime  = 2 * time.Second
)

// checkSize reports a page too large to render, at the place where it
// crosses the limit.
func (st *state) checkSize() bool {
	if len(st.src) <= maxPageBytes {
		return true
	}
	line, col := st.at(maxPageBytes)
	st.errorf(line, col, "this page's Markdown is %s; kb allows %s per page: split it into several pages", size(len(st.src)), size(maxPageBytes))
	return false
}

func size(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// limitOnce reports a limit crossed, once per page and limit: a page that
// crosses one usually does so over and over.
func (st *state) limitOnce(key string, offset int, format string, args ...any) {
	if st.limited[key] {
		return
	}
	if st.limited == nil {
		st.limited = map[string]bool{}
	}
	st.limited[key] = true
	line, col := st.at(offset)
	st.errorf(line, col, format, args...)
}

// inlineLimiter checks a paragraph before goldmark parses its inline
// content or turns it into a table, and makes it plain text when parsing
// it would cost too much. It runs before every other paragraph
// transformer.
type inlineLimiter struct{}

func (inlineLimiter) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	lines := p.Lines()
	delim, cols := tableShape(lines, st.src)
	if delim == 0 {
		if seg, at := linesOverflow(lines, 0, lines.Len(), st.src); at >= 0 {
			st.limitOnce("markers", seg.Start+at, "this paragraph has more than %d %s; kb allows %d: split it, or escape them with \\", maxInlineMarkers, markersWhat, maxInlineMarkers)
			plainParagraph(p, st.src)
		}
		return
	}
	at := lines.At(delim).Start
	cells := cols * (lines.Len() - delim)
	switch {
	case cols > maxTableColumns:
		st.limitOnce("columns", at, "this table has %d columns; kb allows %d", cols, maxTableColumns)
	case st.tableCells+cells > maxTableCells:
		st.limitOnce("cells", at, "the tables of this page have more than %d cells (rows times the header's columns); kb allows %d: split the page", maxTableCells, maxTableCells)
	default:
		st.tableCells += cells
		// The lines before the header stay a paragraph; goldmark parses
		// each row of the table on its own.
		seg, off := linesOverflow(lines, 0, delim-1, st.src)
		for i := delim - 1; i < lines.Len() && off < 0; i++ {
			seg, off = linesOverflow(lines, i, i+1, st.src)
		}
		if off < 0 {
			return
		}
		st.limitOnce("markers", seg.Start+off, "this paragraph or table row has more than %d %s; kb allows %d: split it, or escape them with \\", maxInlineMarkers, markersWhat, maxInlineMarkers)
	}
	plainParagraph(p, st.src)
}

// limitInline makes a heading plain text when its markers are over the
// limit.
func (st *state) limitInline(h *ast.Heading) {
	if seg, at := linesOverflow(h.Lines(), 0, h.Lines().Len(), st.src); at >= 0 {
		st.limitOnce("markers", seg.Start+at, "this heading has more than %d %s; kb allows %d", maxInlineMarkers, markersWhat, maxInlineMarkers)
		plainInline(h, st.src)
	}
}

// linesOverflow finds where the markers of lines[from:to], counted
// together, go over the limit: the line and the offset in it, or -1.
func linesOverflow(lines *text.Segments, from, to int, src []byte) (text.Segment, int) {
	n := 0
	for i := from; i < to; i++ {
		seg := lines.At(i)
		at, count := markers(seg.Value(src), maxInlineMarkers-n)
		if at >= 0 {
			return seg, at
		}
		n += count
	}
	return text.Segment{}, -1
}

// markers counts the inline markers of b: a run of "*", "_", "~" or "`"
// counts once (goldmark handles a run as one delimiter), each bracket and
// "<" once, and a character escaped with "\" not at all. It stops at
// the first marker past allowed and returns its offset; otherwise -1 and
// the count.
func markers(b []byte, allowed int) (at, n int) {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\\':
			i++
			continue
		case '*', '_', '~', '`':
			for i+1 < len(b) && b[i+1] == c {
				i++
			}
		case '[', ']', '<', '"', '\'':
		default:
			continue
		}
		if n++; n > allowed {
			return i, n
		}
	}
	return -1, n
}

// tableShape finds the delimiter row ("|---|:-:|") that makes a
// paragraph a table from the line before it, as goldmark's table
// extension looks for it, and counts its columns; 0 when there is none.
func tableShape(lines *text.Segments, src []byte) (delim, cols int) {
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := bytes.TrimSpace(seg.Value(src))
		if bytes.IndexByte(line, '-') < 0 || len(bytes.Trim(line, "|-: \t")) > 0 {
			continue
		}
		cells := bytes.Count(line, []byte{'|'}) + 1
		if line[0] == '|' {
			cells--
		}
		if len(line) > 1 && line[len(line)-1] == '|' {
			cells--
		}
		return i, max(cells, 1)
	}
	return 0, 0
}

// plainParagraph puts a paragraph's text in its place as it was written,
// with no inline Markdown: a new paragraph, so that no later transformer
// (link references, tables) sees it.
func plainParagraph(p *ast.Paragraph, src []byte) {
	plain := ast.NewParagraph()
	plain.SetPos(p.Pos())
	plain.SetBlankPreviousLines(p.HasBlankPreviousLines())
	plain.SetLines(p.Lines())
	plainInline(plain, src)
	p.Parent().ReplaceChild(p.Parent(), p, plain)
}

// plainInline turns a block's lines into text shown as written (HTML
// escaped), so goldmark's inline parser, which reads the lines, finds
// none.
func plainInline(n ast.Node, src []byte) {
	lines := n.Lines()
	for i := range lines.Len() {
		// A raw text's line break is its own "\n": goldmark writes soft
		// breaks only after text it has parsed.
		seg := lines.At(i)
		seg = seg.TrimLeftSpace(src)
		if i == lines.Len()-1 {
			seg = seg.TrimRightSpace(src)
		}
		t := ast.NewTextSegment(seg)
		t.SetRaw(true)
		n.AppendChild(n, t)
	}
	n.SetLines(text.NewSegments())
}
