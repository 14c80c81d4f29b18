package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced and indented code with chroma, emitting
// CSS classes rather than inline colours so that one stylesheet can carry a
// light and a dark style. A block whose language chroma does not know, or
// that names none, is plain escaped code.
//
// Lexers are looked up and coalesced once per language and the formatter
// made once: both are safe to share, and a large site has thousands of
// code blocks in a handful of languages.
type codeRenderer struct {
	lexers    *sync.Map // language -> chroma.Lexer, or nil for unknown
	formatter *chromahtml.Formatter
}

func newCodeRenderer() codeRenderer {
	return codeRenderer{lexers: &sync.Map{}, formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))}
}

func (c codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.renderCode)
	reg.Register(ast.KindCodeBlock, c.renderCode)
}

func (c codeRenderer) lexer(lang string) chroma.Lexer {
	if l, ok := c.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexerFor(lang)
	c.lexers.Store(lang, lx)
	return lx
}

func (c codeRenderer) renderCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok && f.Info != nil {
		lang = string(f.Language(src))
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	if lexer := c.lexer(lang); lexer != nil {
		if it, err := lexer.Tokenise(nil, code.String()); err == nil {
			var out bytes.Buffer
			if err := c.formatter.Format(&out, styles.Fallback, it); err == nil {
				fmt.Fprintf(w, `<pre class="chroma" tabindex="0"><code class="language-%s" data-lang="%s">`, util.EscapeHTML([]byte(lang)), util.EscapeHTML([]byte(lang)))
				_, _ = w.Write(out.Bytes())
				_, _ = w.WriteString("</code></pre>\n")
				return ast.WalkSkipChildren, nil
			}
		}
	}
	// tabindex lets keyboard users scroll a wide block.
	_, _ = w.WriteString(`<pre tabindex="0"><code>`)
	_, _ = w.Write(util.EscapeHTML(code.Bytes()))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// lexerFor finds chroma's lexer for a fence's language by name or alias,
// coalescing runs of tokens; nil when the language is missing or unknown
// (chroma's own fallback would guess, and a wrong guess is worse than
// plain text).
func lexerFor(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	l := lexers.Get(lang)
	if l == nil {
		return nil
	}
	return chroma.Coalesce(l)
}

// HighlightCSS is the stylesheet for highlighted code: the light style, and
// the dark one inside a prefers-color-scheme media query.
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
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&b, styles.Get(dark)); err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}
