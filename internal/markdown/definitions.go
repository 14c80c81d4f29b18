package markdown

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Term is a term the glossary page defines.
type Term struct {
	// Term is its name as written, in plain text: "Span of control".
	Term string
	// Aliases are other names that link to it ("IC"), from the page's
	// front matter.
	Aliases []string
	// ID is its <dfn>'s id on the glossary page, which uses link to.
	ID string
	// Definition is the start of its definition in plain text, for
	// preview cards.
	Definition string
	// Line and Col are where it is defined, for messages.
	Line, Col int
}

// DataTerm is a term the glossary page gives as data, in its front
// matter, rather than in its text: kb lists it after the text, as a
// definition list of its own.
type DataTerm struct {
	Term string
	// HTML is its definition, rendered; Text the same in plain text.
	HTML []byte
	Text string
	// Line and Col are where its term is written.
	Line, Col int
}

// definitionMax caps a definition's text, in runes, as a preview card
// shows it: about three lines of the card.
const definitionMax = 300

// termDefiner makes the glossary page's definition lists its terms: each
// <dt> holds a <dfn> with an id (made like a heading's, unique on the
// page) that uses of the term link to, and is returned in Result.Terms
// with the first paragraph of the <dd> that follows it. The Document's
// DataTerms follow, in a definition list after the text. A term defined
// twice is an error at the second: a use could not say which definition
// it means. It runs only for a Document with DefinesTerms.
type termDefiner struct{}

func (termDefiner) Transform(root *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil || !st.doc.DefinesTerms {
		return
	}
	seen := map[string]Term{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		dt, ok := n.(*extast.DefinitionTerm)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		name := collapse(plainText(dt, st.src))
		if name == "" {
			return ast.WalkSkipChildren, nil
		}
		line, col := st.at(max(dt.Pos(), 0))
		key := TermKey(name)
		if first, dup := seen[key]; dup {
			st.errorf(line, col, "glossary term %q is defined twice, here and at line %d: merge the two definitions, or name this one differently", name, first.Line)
			return ast.WalkSkipChildren, nil
		}
		if !Findable(name) {
			st.warnf(line, col, "glossary term %q does not start with a letter or digit, so kb cannot find where it is used: start it with a word", name)
		}
		t := Term{Term: name, ID: st.ids.generate(name, line), Definition: definitionOf(dt, st.src), Line: line, Col: col}
		seen[key] = t
		st.terms = append(st.terms, t)
		d := &dfn{id: t.ID}
		for c := dt.FirstChild(); c != nil; {
			next := c.NextSibling()
			d.AppendChild(d, c)
			c = next
		}
		dt.AppendChild(dt, d)
		st.termIDs[dt] = t.ID
		return ast.WalkSkipChildren, nil
	})
	list := &dataTerms{}
	for _, d := range st.doc.DataTerms {
		key := TermKey(d.Term)
		if first, dup := seen[key]; dup {
			st.errorf(d.Line, d.Col, "glossary term %q is defined twice, here and at line %d: merge the two definitions, or name this one differently", d.Term, first.Line)
			continue
		}
		if !Findable(d.Term) {
			st.warnf(d.Line, d.Col, "glossary term %q does not start with a letter or digit, so kb cannot find where it is used: start it with a word", d.Term)
		}
		t := Term{Term: collapse(d.Term), ID: st.ids.generate(d.Term, d.Line), Definition: truncate(collapse(d.Text), definitionMax), Line: d.Line, Col: d.Col}
		seen[key] = t
		st.terms = append(st.terms, t)
		list.terms = append(list.terms, t)
		list.data = append(list.data, d)
	}
	if len(list.terms) > 0 {
		root.AppendChild(root, list)
	}
}

// definitionOf is the text of the first paragraph of the description
// that follows dt (after any other terms sharing it), cut for a card.
func definitionOf(dt ast.Node, src []byte) string {
	n := dt.NextSibling()
	for n != nil && n.Kind() == extast.KindDefinitionTerm {
		n = n.NextSibling()
	}
	if n == nil || n.Kind() != extast.KindDefinitionDescription {
		return ""
	}
	// Down to the first block that holds text: a paragraph, or the
	// description itself when it is one line.
	for n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeBlock {
		n = n.FirstChild()
	}
	return truncate(collapse(plainText(n, src)), definitionMax)
}

// dfn is a term's defining instance on the glossary page.
type dfn struct {
	ast.BaseInline
	id string
}

var kindDfn = ast.NewNodeKind("Dfn")

func (n *dfn) Kind() ast.NodeKind { return kindDfn }

func (n *dfn) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id}, nil)
}

// dataTerms is the definition list of the glossary page's DataTerms.
type dataTerms struct {
	ast.BaseBlock
	terms []Term
	data  []DataTerm
}

var kindDataTerms = ast.NewNodeKind("DataTerms")

func (n *dataTerms) Kind() ast.NodeKind { return kindDataTerms }

func (n *dataTerms) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// dfnRenderer renders a <dfn>, and the list of terms given as data.
type dfnRenderer struct{}

func (dfnRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDataTerms, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		l := n.(*dataTerms)
		_, _ = w.WriteString("<dl>\n")
		for i, t := range l.terms {
			_, _ = w.WriteString(`<dt><dfn id="`)
			_, _ = w.Write(util.EscapeHTML([]byte(t.ID)))
			_, _ = w.WriteString(`">`)
			_, _ = w.Write(util.EscapeHTML([]byte(t.Term)))
			_, _ = w.WriteString("</dfn></dt>\n<dd>")
			_, _ = w.Write(l.data[i].HTML)
			_, _ = w.WriteString("</dd>\n")
		}
		_, _ = w.WriteString("</dl>\n")
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindDfn, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<dfn id="`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.(*dfn).id)))
			_, _ = w.WriteString(`">`)
		} else {
			_, _ = w.WriteString("</dfn>")
		}
		return ast.WalkContinue, nil
	})
}
