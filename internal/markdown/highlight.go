package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// codeRenderer writes fenced and indented code, highlighted by chroma
// with CSS classes rather than inline colours so that one stylesheet can
// carry a light and a dark style. A block whose language chroma does not
// know, or that names none, is plain escaped code.
//
// The highlighting itself is done while the page is parsed, by Transform,
// which keeps to the page's budget for it (limits.go); writing a block
// only copies the result.
//
// Lexers are looked up and coalesced once per language and the formatter
// made once: both are safe to share, and a large site has thousands of
// code blocks in a handful of languages.
type codeRenderer struct {
	lexers    *sync.Map // language -> chroma.Lexer, or nil for unknown
	formatter *chromahtml.Formatter
	// budget is the time a page's highlighting may take; with none,
	// nothing is highlighted.
	budget time.Duration
}

func newCodeRenderer(budget time.Duration) *codeRenderer {
	return &codeRenderer{lexers: &sync.Map{}, formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true)), budget: budget}
}

func (c *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.renderCode)
	reg.Register(ast.KindCodeBlock, c.renderCode)
}

func (c *codeRenderer) lexer(lang string) chroma.Lexer {
	if l, ok := c.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexerFor(lang)
	c.lexers.Store(lang, lx)
	return lx
}

// highlighted is the attribute under which Transform leaves a block's
// highlighted HTML. It is never rendered as an attribute: renderCode
// writes its own markup.
const highlighted = "kb-highlighted"

func (c *codeRenderer) renderCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if f, ok := node.(*ast.FencedCodeBlock); ok {
		if h, ok := f.AttributeString(highlighted); ok {
			html, _ := h.([]byte)
			lang := util.EscapeHTML(f.Language(src))
			fmt.Fprintf(w, `<pre class="chroma" tabindex="0"><code class="language-%s" data-lang="%s">`, lang, lang)
			_, _ = w.Write(html)
			_, _ = w.WriteString("</code></pre>\n")
			return ast.WalkSkipChildren, nil
		}
	}
	// tabindex lets keyboard users scroll a wide block.
	_, _ = w.WriteString(`<pre tabindex="0"><code>`)
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// Transform highlights the page's fenced code blocks within the page's
// budget: a block longer than maxHighlightBlock, and those past the
// page's first maxHighlightBytes of highlighted code, stay plain, and so
// does every block once the time budget is spent, with a warning at the
// block where it ran out.
func (c *codeRenderer) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	if c.budget <= 0 {
		return
	}
	src := reader.Source()
	st, _ := pc.Get(stateKey).(*state)
	used := 0
	var deadline time.Time
	var code bytes.Buffer
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		f, ok := n.(*ast.FencedCodeBlock)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if f.Info == nil {
			return ast.WalkSkipChildren, nil
		}
		lexer := c.lexer(string(f.Language(src)))
		if lexer == nil {
			return ast.WalkSkipChildren, nil
		}
		code.Reset()
		for i := range f.Lines().Len() {
			seg := f.Lines().At(i)
			code.Write(seg.Value(src))
		}
		if code.Len() > maxHighlightBlock || used+code.Len() > maxHighlightBytes {
			return ast.WalkSkipChildren, nil
		}
		used += code.Len()
		if deadline.IsZero() {
			deadline = time.Now().Add(c.budget)
		}
		html, ok := c.highlight(lexer, code.String(), deadline)
		if !ok {
			if st != nil {
				line, col := st.at(f.Info.Segment.Start)
				st.warnf(line, col, "highlighting the code of this page took more than %v: this block and those after it are shown plain", c.budget)
			}
			return ast.WalkStop, nil
		}
		f.SetAttributeString(highlighted, html)
		return ast.WalkSkipChildren, nil
	})
}

// highlight formats code with lexer, unless the clock passes deadline
// first.
func (c *codeRenderer) highlight(lexer chroma.Lexer, code string, deadline time.Time) ([]byte, bool) {
	timed := &timedLexer{Lexer: lexer, deadline: deadline}
	it, err := chroma.Coalesce(timed).Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	if err := c.formatter.Format(&out, styles.Fallback, it); err != nil || timed.late {
		return nil, false
	}
	return out.Bytes(), true
}

// timedLexer ends a lexer's tokens early, as if the code ended, once the
// clock passes deadline. It looks at the clock at every token of the
// lexer, under chroma's coalescer, which would otherwise gather a whole
// run of tokens (2,000 blank lines, each one costly) before handing one
// on; one token costs at most about chroma's own 250 ms limit on a
// regular expression match times the few rules of a lexer that backtrack
// badly.
type timedLexer struct {
	chroma.Lexer
	deadline time.Time
	late     bool
}

func (l *timedLexer) Tokenise(opts *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	it, err := l.Lexer.Tokenise(opts, text)
	if err != nil {
		return nil, err
	}
	return func() chroma.Token {
		if l.late || time.Now().After(l.deadline) {
			l.late = true
			return chroma.EOF
		}
		return it()
	}, nil
}

// lexerFor finds chroma's lexer for a fence's language by name or alias;
// nil when the language is missing or unknown (chroma's own fallback
// would guess, and a wrong guess is worse than plain text).
func lexerFor(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	return lexers.Get(lang)
}

// HighlightCSS is the stylesheet for highlighted code: the light style, and
// the dark one where the page is dark: in a prefers-color-scheme media
// query unless the reader chose the light theme (data-theme="light" on
// <html>), and wherever the reader chose the dark one. The dark rules
// nest in those selectors (CSS nesting).
func HighlightCSS(light, dark string) ([]byte, error) {
	names := styles.Names()
	for _, s := range []string{light, dark} {
		if !slices.Contains(names, s) {
			return nil, fmt.Errorf("unknown highlight style %q; chroma's styles include %s", s, strings.Join(names[:min(8, len(names))], ", "))
		}
	}
	f := chromahtml.New(chromahtml.WithClasses(true))
	var b bytes.Buffer
	b.WriteString("/* Code highlighting, generated from chroma's styles. */\n")
	if err := f.WriteCSS(&b, styles.Get(light)); err != nil {
		return nil, err
	}
	lightEnd := b.Len()
	var d bytes.Buffer
	if err := f.WriteCSS(&d, styles.Get(dark)); err != nil {
		return nil, err
	}
	d.Write(unstyled(b.Bytes()[:lightEnd], d.Bytes()))
	b.WriteString("@media (prefers-color-scheme: dark) {\n:root:not([data-theme=\"light\"]) {\n")
	b.Write(d.Bytes())
	b.WriteString("}\n}\n:root[data-theme=\"dark\"] {\n")
	b.Write(d.Bytes())
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// cssRule finds the selector of each rule chroma writes, one a line.
var cssRule = regexp.MustCompile(`(?m)^/\* \w+ \*/ ([^{]+?) \{`)

// unstyled resets, in the dark style, the tokens that the light style
// colours and the dark one leaves alone: without it they keep the light
// style's colours, near black on a dark background.
func unstyled(light, dark []byte) []byte {
	inDark := map[string]bool{}
	for _, m := range cssRule.FindAllSubmatch(dark, -1) {
		inDark[string(m[1])] = true
	}
	var out bytes.Buffer
	for _, m := range cssRule.FindAllSubmatch(light, -1) {
		if sel := string(m[1]); !inDark[sel] {
			out.WriteString(sel + " { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit; text-decoration: inherit }\n")
		}
	}
	return out.Bytes()
}
