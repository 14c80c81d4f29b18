package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// A page's Markdown read away from the site (a copy published beside its
// HTML, for language models and other readers of plain text) is the
// author's Markdown as written, except where it means something only
// inside the site: a relative link, a wikilink, a data block. Rendering
// notes each such stretch of the source as an Edit, at no cost beyond
// the render itself, and Standalone writes the copy from the source and
// its edits. The copy keeps everything else byte for byte: emphasis,
// callouts, headings and their {#id}, code, the author's line breaks.

// EditKind says what an Edit replaces, and so how Standalone writes it.
type EditKind uint8

const (
	// EditDest is a link's or image's destination written inline,
	// "../roles/cto.md" in [CTO](../roles/cto.md "title"), angle brackets
	// included: the link's URL goes in its place.
	EditDest EditKind = iota + 1
	// EditRef is the reference of a reference link, "][label]", "][]" or
	// "]": it becomes "](URL)", an inline link, since the definition's
	// destination is relative to the page.
	EditRef
	// EditWiki is a whole wikilink, [[page|label]]: it becomes
	// [Text](URL).
	EditWiki
	// EditText is a link kb does not emit (javascript:, say): the page
	// shows its text alone, TextStart to TextEnd, and so does the copy.
	EditText
	// EditBlock is a data block, from its opening fence to its closing
	// one: the Markdown its kind has for it goes in its place.
	EditBlock
)

// Edit is a stretch of a document's Markdown, Start to End (byte
// offsets), that a standalone copy writes differently.
type Edit struct {
	Kind       EditKind
	Start, End int
	// Link is the index in Result.Links of the link written (EditDest,
	// EditRef, EditWiki).
	Link int
	// Text is a wikilink's text, Markdown.
	Text string
	// TextStart and TextEnd are where the text of a link kb does not
	// emit lies (EditText), edits inside it applied too.
	TextStart, TextEnd int
	// Lang, Body and FenceLine are a data block's, as its BlockRenderer
	// got them. Indent is what its later lines need in front to stay in
	// the block quote or list item the block is in ("> ", "  ").
	Lang, Body string
	FenceLine  int
	Indent     string
}

// Standalone writes src with its edits applied (edits in document order,
// as Result.Edits has them; links are Result.Links). href is the URL to
// write for a link that resolved, which should be absolute so that the
// copy holds no link relative to the address it was fetched from; block
// is the Markdown for a data block, lines joined by "\n", or "" to keep
// the block as written.
func Standalone(src []byte, edits []Edit, links []Link, href func(Link) string, block func(Edit) string) []byte {
	var b bytes.Buffer
	b.Grow(len(src) + len(edits)*48)
	w := standaloneWriter{b: &b, src: src, links: links, href: href, block: block}
	w.write(0, len(src), edits)
	return b.Bytes()
}

// standaloneWriter writes a standalone copy (see Standalone).
type standaloneWriter struct {
	b     *bytes.Buffer
	src   []byte
	links []Link
	href  func(Link) string
	block func(Edit) string
}

// write writes src[from:to] with the edits that lie inside it applied.
func (w standaloneWriter) write(from, to int, edits []Edit) {
	b, at := w.b, from
	for i, e := range edits {
		if e.Start < at || e.End > to || e.Start > e.End {
			continue // inside an edit made already, or outside this stretch
		}
		b.Write(w.src[at:e.Start])
		at = e.End
		switch e.Kind {
		case EditDest:
			b.WriteString(Destination(w.href(w.links[e.Link])))
		case EditRef:
			b.WriteString("](" + Destination(w.href(w.links[e.Link])) + ")")
		case EditWiki:
			if out := b.Bytes(); len(out) > 0 && out[len(out)-1] == '!' && !escaped(out, len(out)-1) {
				// "![[x]]" shows a "!" before a link; "![x](y)" would be an image.
				b.Truncate(len(out) - 1)
				b.WriteString(`\!`)
			}
			b.WriteString("[" + e.Text + "](" + Destination(w.href(w.links[e.Link])) + ")")
		case EditText:
			// The text may hold an image, whose edit follows.
			if e.Start <= e.TextStart && e.TextStart <= e.TextEnd && e.TextEnd <= e.End {
				w.write(e.TextStart, e.TextEnd, edits[i+1:])
			}
		case EditBlock:
			md := w.block(e)
			if md == "" {
				b.Write(w.src[e.Start:e.End])
				continue
			}
			for i, line := range strings.Split(md, "\n") {
				if i > 0 {
					b.WriteByte('\n')
					if line == "" {
						b.WriteString(strings.TrimRight(e.Indent, " "))
					} else {
						b.WriteString(e.Indent)
					}
				}
				b.WriteString(line)
			}
		}
	}
	b.Write(w.src[at:to])
}

// editLink notes how a copy writes link n, links[i], whose destination
// dest is as written: the destination itself when the link is inline,
// the reference when it is a reference link. A link whose end the parser
// did not note, or whose source does not read as expected, is left as
// written.
func (st *state) editLink(n ast.Node, dest []byte, i int) {
	le, ok := st.linkEnds[n]
	if !ok || le.close < 0 || le.end > len(st.src) || le.close >= le.end || st.src[le.close] != ']' {
		return
	}
	var ref *ast.ReferenceLink
	switch l := n.(type) {
	case *ast.Link:
		ref = l.Reference
	case *ast.Image:
		ref = l.Reference
	}
	if ref != nil {
		st.refUses = append(st.refUses, refUse{label: string(util.ToLinkReference(ref.Value)), edit: Edit{Kind: EditRef, Start: le.close, End: le.end, Link: i}})
		return
	}
	// "](", blanks (a line break among them), then the destination as
	// goldmark read it, in angle brackets or not.
	at := le.close + 1
	if at >= le.end || st.src[at] != '(' {
		return
	}
	at++
	for at < le.end && isBlank(st.src[at]) {
		at++
	}
	start, angle := at, at < le.end && st.src[at] == '<'
	if angle {
		at++
	}
	if !bytes.HasPrefix(st.src[at:le.end], dest) {
		return
	}
	end := at + len(dest)
	if angle {
		if end >= le.end || st.src[end] != '>' {
			return
		}
		end++
	}
	st.edits = append(st.edits, Edit{Kind: EditDest, Start: start, End: end, Link: i})
}

// refUse is a reference link that resolved, by its definition's
// normalized label, with the edit that makes it an inline link.
type refUse struct {
	label string
	edit  Edit
}

// editDefinitions notes, for the reference links that resolved, how a
// copy writes them: their definition's destination replaced, so that
// the links read as written; or, for a definition whose destination
// cannot be found as goldmark read it, each link made inline.
func (st *state) editDefinitions(root ast.Node) {
	if len(st.refUses) == 0 {
		return
	}
	uses := map[string]int{} // label -> index of a link through it
	for _, u := range st.refUses {
		if _, seen := uses[u.label]; !seen {
			uses[u.label] = u.edit.Link
		}
	}
	done := map[string]bool{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		d, ok := n.(*ast.LinkReferenceDefinition)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		label := string(util.ToLinkReference(d.Label))
		if i, used := uses[label]; used && !done[label] {
			if start, end, ok := st.definitionDest(d); ok {
				st.edits = append(st.edits, Edit{Kind: EditDest, Start: start, End: end, Link: i})
				done[label] = true
			}
		}
		return ast.WalkSkipChildren, nil
	})
	for _, u := range st.refUses {
		if !done[u.label] {
			st.edits = append(st.edits, u.edit)
		}
	}
}

// definitionDest finds the destination of definition d in the source:
// after its "[label]:" and blanks, which may hold a line break and, in a
// block quote, its ">".
func (st *state) definitionDest(d *ast.LinkReferenceDefinition) (int, int, bool) {
	src := st.src
	at := d.Pos()
	if at < 0 || at >= len(src) {
		return 0, 0, false
	}
	for at < len(src) && (src[at] == ' ' || src[at] == '\t') {
		at++
	}
	if at >= len(src) || src[at] != '[' {
		return 0, 0, false
	}
	for at++; at < len(src) && (src[at] != ']' || escaped(src, at)); at++ {
		if src[at] == '[' && !escaped(src, at) {
			return 0, 0, false
		}
	}
	if at+1 >= len(src) || src[at+1] != ':' {
		return 0, 0, false
	}
	at += 2
	for at < len(src) && (isBlank(src[at]) || src[at] == '>') {
		at++
	}
	start, angle := at, at < len(src) && src[at] == '<'
	if angle {
		at++
	}
	if !bytes.HasPrefix(src[at:], d.Destination) {
		return 0, 0, false
	}
	end := at + len(d.Destination)
	if angle {
		if end >= len(src) || src[end] != '>' {
			return 0, 0, false
		}
		end++
	}
	return start, end, true
}

// editRefused notes that a copy shows link n, which kb does not emit, as
// its text, as the page does.
func (st *state) editRefused(n ast.Node) {
	le, ok := st.linkEnds[n]
	start := n.Pos()
	if !ok || start < 0 || le.end > len(st.src) || le.close >= le.end {
		return
	}
	text := start + 1 // after "["
	if _, image := n.(*ast.Image); image {
		text++ // after "!["
	}
	if text > le.close {
		return
	}
	st.edits = append(st.edits, Edit{Kind: EditText, Start: start, End: le.end, TextStart: text, TextEnd: le.close})
}

// editWiki notes that a copy writes wikilink w, links[i], as a Markdown
// link showing label.
func (st *state) editWiki(w *WikiLink, label string, i int) {
	if w.End <= w.Offset || w.End > len(st.src) {
		return
	}
	text := EscapeText(label)
	for p := w.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindTableCell {
			text = strings.ReplaceAll(text, "|", `\|`) // or it would end the cell
			break
		}
	}
	st.edits = append(st.edits, Edit{Kind: EditWiki, Start: w.Offset, End: w.End, Link: i, Text: text})
}

// editBlock notes the stretch of data block f, from the first character
// of its opening fence to the last of its closing one (or of its last
// line, when the block runs to the end of its container unclosed).
func (st *state) editBlock(f *ast.FencedCodeBlock, lang, body string, fenceLine int) {
	src := st.src
	if f.Info == nil {
		return
	}
	fence := f.Info.Segment.Start
	for fence > 0 && (src[fence-1] == ' ' || src[fence-1] == '\t') {
		fence--
	}
	fenceChar := byte(0)
	for fence > 0 && (src[fence-1] == '`' || src[fence-1] == '~') {
		fence--
		fenceChar = src[fence]
	}
	if fenceChar == 0 {
		return
	}
	fenceLen := 0
	for fence+fenceLen < len(src) && src[fence+fenceLen] == fenceChar {
		fenceLen++
	}
	lineStart := bytes.LastIndexByte(src[:fence], '\n') + 1
	indent := bytes.Clone(src[lineStart:fence])
	for i, c := range indent {
		if c != '>' && c != '\t' {
			indent[i] = ' '
		}
	}
	after := lineEnd(src, fence) + 1 // the line after the opening fence
	if lines := f.Lines(); lines.Len() > 0 {
		after = lines.At(lines.Len() - 1).Stop
	}
	after = min(after, len(src))
	end := after
	closing := src[after:lineEnd(src, after)]
	if rest, ok := bytes.CutPrefix(bytes.TrimLeft(closing, " \t>"), bytes.Repeat([]byte{fenceChar}, fenceLen)); ok && len(bytes.Trim(rest, " \t\r"+string(fenceChar))) == 0 {
		end = lineEnd(src, after)
	} else if end > 0 && src[end-1] == '\n' {
		end-- // unclosed: the block ends with its last line
	}
	st.edits = append(st.edits, Edit{Kind: EditBlock, Start: fence, End: end, Lang: lang, Body: body, FenceLine: fenceLine, Indent: string(indent)})
}

// lineEnd is the offset of the newline that ends the line holding offset
// at, or the source's length.
func lineEnd(src []byte, at int) int {
	if at >= len(src) {
		return len(src)
	}
	if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
		return at + i
	}
	return len(src)
}

// isBlank is a blank between a link's parenthesis and its destination.
func isBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
