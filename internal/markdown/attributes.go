package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Heading attributes: a heading may end with an attribute block that sets
// its id, "## Skills {#skills}" (or {id="skills"}), the syntax of Hugo,
// MkDocs and Pandoc, so that an anchor survives a reworded heading.
//
// goldmark's own attribute parsing is off: it panicked on an id that is
// not a string ({id=1}), joined repeated classes at a cost that grows
// with the square of their number, and recursed once per nested bracket.
// Here one pass over the heading's last line, right to left, finds the
// block and one pass reads it, before the heading's text is parsed as
// inline Markdown.
//
// Only the id is used. Other attributes (classes, key=value) are warned
// about and dropped: the theme's stylesheet knows nothing of them, and
// "style" or "tabindex" written in content would reach every reader
// while the site keeps raw HTML off.

// headingParser wraps goldmark's ATX or setext heading parser: once
// goldmark has closed a heading, it takes the attribute block off the
// heading's last line and gives the heading its id, the author's or one
// made from the text.
type headingParser struct {
	parser.BlockParser
	atx bool
}

func (p headingParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	h, ok := node.(*ast.Heading)
	// A setext underline under nothing stays a paragraph: goldmark has
	// taken the heading out of the tree.
	if !ok || h.Parent() == nil {
		return
	}
	if st, _ := pc.Get(stateKey).(*state); st != nil {
		st.closeHeading(h, p.atx)
	}
}

// attrValue is what kind of value an attribute has, for messages: only
// a string can be an id.
type attrValue int

const (
	attrString attrValue = iota
	attrNumber
	attrBool
	attrNull
	attrList
	attrTable
)

func (k attrValue) String() string {
	return [...]string{"a string", "a number", "true or false", "null", "a list", "a table"}[k]
}

// attribute is one item of an attribute block.
type attribute struct {
	name  string // "id", "class" or as written
	value string // a string value, unquoted
	kind  attrValue
	text  string // the item as written, for messages
	at    int    // offset of the item in the page's source
}

// closeHeading reads a closed heading's attribute block and sets its id.
func (st *state) closeHeading(h *ast.Heading, atx bool) {
	line, _ := st.at(h.Pos())
	var attrs []attribute
	if n := h.Lines().Len(); n > 0 {
		last := h.Lines().At(n - 1)
		last, attrs = st.headingAttributes(last, atx)
		h.Lines().Set(n-1, last)
	}
	id := st.authorID(attrs, line)
	if id == "" {
		id = st.ids.generate(st.headingText(h), line)
	}
	h.SetAttributeString("id", []byte(id))
	st.limitInline(h)
}

// headingText is a heading as written, without its attribute block: what
// its id is made from. Each line counts, a setext heading's lines joined
// by a space as the reader sees them, so that "First\nsecond\n---" is
// "first-second" and not just "second".
func (st *state) headingText(h *ast.Heading) string {
	var b strings.Builder
	lines := h.Lines()
	for i := range lines.Len() {
		if i > 0 {
			b.WriteByte(' ')
		}
		seg := lines.At(i)
		b.Write(bytes.TrimSpace(seg.Value(st.src)))
	}
	return b.String()
}

// authorID checks the attributes of the heading on line and returns the
// id they set, or "" when they set none or a bad one (the heading then
// gets one made from its text, so the page stays valid HTML while the
// error is shown).
func (st *state) authorID(attrs []attribute, line int) string {
	var id string
	var ignored []string
	at := 0
	for _, a := range attrs {
		if a.name == "" {
			l, c := st.at(a.at)
			st.errorf(l, c, "cannot read heading attribute %q: write {#my-id}; an id holds no spaces", a.text)
			continue
		}
		if a.name != "id" {
			ignored = append(ignored, a.text)
			if at == 0 {
				at = a.at
			}
			continue
		}
		l, c := st.at(a.at)
		switch {
		case a.kind != attrString:
			st.errorf(l, c, "heading id must be a string like {#my-id}, not %s: %s", a.kind, a.text)
		case id != "":
			st.errorf(l, c, "heading has a second id %s: a heading has one id", a.text)
		default:
			if msg := st.checkID(a.value); msg != "" {
				st.errorf(l, c, "%s", msg)
				id = "-" // seen, but not usable
				continue
			}
			id = a.value
			st.ids.put(id, line)
		}
	}
	if len(ignored) > 0 {
		l, c := st.at(at)
		what := "attribute " + ignored[0] + " is"
		if len(ignored) > 1 {
			what = "attributes " + strings.Join(ignored, " ") + " are"
		}
		st.warnf(l, c, "heading %s ignored: kb sets only a heading's id ({#my-id}); style headings in the theme", what)
	}
	if id == "-" {
		return ""
	}
	return id
}

// checkID says what is wrong with an id an author set, or "".
func (st *state) checkID(id string) string {
	if id == "" {
		return "heading id is empty: write {#my-id}"
	}
	for _, r := range id {
		if !idRune(r) {
			what := strconv.QuoteRune(r)
			if r == ' ' {
				what = "a space"
			}
			return "heading id " + strconv.Quote(id) + " has " + what + `: an id may hold only letters, digits, "-" and "_", as ids made from heading text do`
		}
	}
	if line, taken := st.ids.owner(id); taken {
		if line == 0 {
			return "heading id " + strconv.Quote(id) + " is reserved: the theme's layouts use it on every page; pick another"
		}
		return "heading id " + strconv.Quote(id) + " is already the id of the heading on line " + strconv.Itoa(line) + "; ids must be unique on a page"
	}
	return ""
}

// headingAttributes takes a trailing attribute block off seg, the last
// line of a heading, and returns the rest and the attributes. Braces that
// do not read as attributes ("## The {braces} operator", "## Use {{.Title}}")
// stay text. For an ATX heading, a closing "#" sequence before the block
// goes too, as goldmark's parser would have removed it had it come last.
func (st *state) headingAttributes(seg text.Segment, atx bool) (text.Segment, []attribute) {
	line := seg.Value(st.src)
	end := len(bytes.TrimRight(line, " \t\r\n"))
	if end == 0 || line[end-1] != '}' {
		return seg, nil
	}
	// The block's "{" is the one that balances the last "}".
	open, depth := -1, 0
	for i := end - 1; i >= 0 && open < 0; i-- {
		switch line[i] {
		case '}':
			depth++
		case '{':
			depth--
			if depth == 0 {
				open = i
			}
		}
	}
	if open < 0 || escaped(line, open) {
		return seg, nil
	}
	attrs, ok := readAttributes(line[open+1:end-1], seg.Start+open+1)
	if !ok {
		return seg, nil
	}
	rest := bytes.TrimRight(line[:open], " \t")
	if atx {
		if trimmed := bytes.TrimRight(rest, "#"); len(trimmed) < len(rest) && (len(trimmed) == 0 || trimmed[len(trimmed)-1] == ' ' || trimmed[len(trimmed)-1] == '\t') {
			rest = bytes.TrimRight(trimmed, " \t")
		}
	}
	return text.NewSegment(seg.Start, seg.Start+len(rest)), attrs
}

// escaped says whether the byte at i is escaped by a backslash.
func escaped(b []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// readAttributes reads the inside of an attribute block, whose first byte
// is at offset base of the page: items "#id", ".class" and name=value,
// separated by blanks or commas. A value is a "string", a bare word, or a
// [list] or {table}, the last two read only to be refused as ids. ok is
// false when the first item is not an attribute: the block is then text.
// A later item that cannot be read is kept, with the rest of the block,
// as an attribute with no name, so that it is reported rather than shown.
func readAttributes(b []byte, base int) (attrs []attribute, ok bool) {
	i := 0
	for {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == ',') {
			i++
		}
		if i == len(b) {
			return attrs, len(attrs) > 0
		}
		start := i
		a, n := readAttribute(b[i:])
		if n == 0 {
			if len(attrs) == 0 {
				return nil, false
			}
			// Unreadable: report the rest as one item.
			return append(attrs, attribute{text: string(b[start:]), at: base + start}), true
		}
		i += n
		a.text = string(b[start:i])
		a.at = base + start
		attrs = append(attrs, a)
	}
}

// readAttribute reads one item at the start of b and returns its length,
// 0 if there is none.
func readAttribute(b []byte) (attribute, int) {
	word := func(from int) int {
		i := from
		for i < len(b) && b[i] != ' ' && b[i] != '\t' && b[i] != ',' {
			i++
		}
		return i
	}
	switch b[0] {
	case '#', '.':
		end := word(1)
		a := attribute{name: "id", value: string(b[1:end])}
		if b[0] == '.' {
			a.name = "class"
		}
		return a, end
	}
	i := 0
	for i < len(b) && (isASCIILetter(b[i]) || b[i] == '_' || b[i] == ':' || (i > 0 && (isASCIIDigit(b[i]) || b[i] == '.' || b[i] == '-'))) {
		i++
	}
	if i == 0 {
		return attribute{}, 0
	}
	a := attribute{name: string(b[:i])}
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i == len(b) || b[i] != '=' {
		return attribute{}, 0
	}
	i++
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i == len(b) {
		return attribute{}, 0
	}
	switch b[i] {
	case '"':
		end := closingQuote(b, i)
		if end < 0 {
			return attribute{}, 0
		}
		if s, err := strconv.Unquote(string(b[i : end+1])); err == nil {
			a.value = s
		} else {
			a.value = string(b[i+1 : end])
		}
		return a, end + 1
	case '[', '{':
		end := closingBracket(b, i)
		if end < 0 {
			return attribute{}, 0
		}
		a.kind = attrList
		if b[i] == '{' {
			a.kind = attrTable
		}
		return a, end + 1
	}
	end := word(i)
	v := string(b[i:end])
	switch _, err := strconv.ParseFloat(v, 64); {
	case err == nil:
		a.kind = attrNumber
	case v == "true" || v == "false":
		a.kind = attrBool
	case v == "null":
		a.kind = attrNull
	case !utf8.ValidString(v):
		return attribute{}, 0
	}
	a.value = v
	return a, end
}

// closingQuote finds the quote that ends the string starting at b[i].
func closingQuote(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// closingBracket finds the bracket that balances b[i], "[" or "{",
// skipping strings.
func closingBracket(b []byte, i int) int {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '"':
			if j = closingQuote(b, j); j < 0 {
				return -1
			}
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }
