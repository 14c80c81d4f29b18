package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// pathologicalShape is an input shape known to make Markdown parsers do
// more than linear work, from cmark-gfm's and md4c's pathological tests
// plus the constructs of goldmark's extensions and ours; build makes one
// of about n bytes.
type pathologicalShape struct {
	name  string
	build func(n int) string
}

// repeat repeats unit up to about n bytes.
func repeat(unit string, n int) string { return strings.Repeat(unit, max(n/len(unit), 1)) }

// nest wraps mid in as many open and close as fit in about n bytes.
func nest(open, mid, close string, n int) string {
	k := max(n/(len(open)+len(close)), 1)
	return strings.Repeat(open, k) + mid + strings.Repeat(close, k)
}

// stairs writes line(i) for i = 0, 1, ... up to about n bytes: shapes
// whose lines grow, such as lists nested by indentation.
func stairs(line func(i int) string, n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(line(i))
	}
	return b.String()
}

// atLimit repeats unit in paragraphs of just under maxInlineMarkers
// markers each (unit holding perUnit of them), up to about n bytes: the
// most a paragraph may cost, over and over.
func atLimit(unit string, perUnit, n int) string {
	para := strings.Repeat(unit, (maxInlineMarkers-1)/perUnit) + "\n\n"
	return strings.Repeat(para, max(n/len(para), 1))
}

var pathologicalShapes = []pathologicalShape{
	// cmark-gfm's and md4c's shapes.
	{"nested strong emph", func(n int) string { return nest("*a **a ", "b", " a** a*", n) }},
	{"emph closers without openers", func(n int) string { return repeat("a_ ", n) }},
	{"emph openers without closers", func(n int) string { return repeat("_a ", n) }},
	{"3-emph openers without closers", func(n int) string { return repeat("a***", n) }},
	{"link closers without openers", func(n int) string { return repeat("a]", n) }},
	{"link openers without closers", func(n int) string { return repeat("[a", n) }},
	{"mismatched openers and closers", func(n int) string { return repeat("*a_ ", n) }},
	{"openers and closers multiple of 3", func(n int) string { return "a**b" + repeat("c* ", n) }},
	{"link openers and emph closers", func(n int) string { return repeat("[ a_", n) }},
	{"broken link titles", func(n int) string { return repeat("[ (](", n) }},
	{"nested brackets", func(n int) string { return nest("[", "a", "]", n) }},
	{"nested invalid link references", func(n int) string { return nest("[", "", "]", n) + "\n\n[a]: /b\n" }},
	{"nested block quotes", func(n int) string { return repeat("> ", n) + "a" }},
	{"deeply nested lists", func(n int) string { return stairs(func(i int) string { return strings.Repeat("  ", i) + "* a\n" }, n) }},
	{"broken thematic break", func(n int) string { return repeat("* ", n) + "a" }},
	{"backticks", func(n int) string { return stairs(func(i int) string { return "e" + strings.Repeat("`", i+1) }, n) }},
	{"backticks and escapes", func(n int) string { return repeat("\\``", n) }},
	{"unclosed links A", func(n int) string { return repeat("[a](<b", n) }},
	{"unclosed links B", func(n int) string { return repeat("[a](b", n) }},
	{"tables", func(n int) string { return repeat("aaa\rbbb\n-\v\n", n) }},
	{"many links", func(n int) string { return repeat("[t](/u) ", n) }},
	{"many references", func(n int) string {
		return stairs(func(i int) string { return fmt.Sprintf("[%d]: u\n", i+1) }, n/2) + "\n" + repeat("[0] ", n/2)
	}},
	{"html openers and closers", func(n int) string { return repeat("<>", n) }},
	{"html processing instruction openers", func(n int) string { return "x" + repeat("<?", n) }},
	{"html CDATA openers", func(n int) string { return "x" + repeat("<![CDATA[", n) }},
	{"html declaration openers", func(n int) string { return "x" + repeat("<!A", n) }},
	{"html comment openers", func(n int) string { return "x" + repeat("<!--", n) }},
	{"html tag openers", func(n int) string { return repeat("<a ", n) }},
	{"less-than runs", func(n int) string { return repeat("<", n) }},
	// The shapes of the report that opened this work.
	{"alternating emph openers", func(n int) string { return repeat("*a _a ", n) }},
	{"alternating delimiters", func(n int) string { return repeat("*_", n) }},
	// goldmark's extensions and ours.
	{"strikethrough openers", func(n int) string { return repeat("~~a ", n) }},
	{"wikilink openers", func(n int) string { return repeat("[[a", n) }},
	{"wikilink brackets", func(n int) string { return repeat("[[", n) }},
	{"footnote references", func(n int) string { return repeat("[^a", n) }},
	{"footnote definitions", func(n int) string { return repeat("[^a]: ", n) }},
	{"footnote references to one note", func(n int) string { return "[^a]: note\n\n" + repeat("[^a] ", n) }},
	{"many footnotes", func(n int) string {
		return stairs(func(i int) string { return fmt.Sprintf("[^%d]\n\n[^%d]: n\n\n", i, i) }, n)
	}},
	{"references to many footnotes", func(n int) string {
		var defs strings.Builder
		for i := range maxFootnotes {
			fmt.Fprintf(&defs, "[^%d]: n\n", i)
		}
		return defs.String() + "\n" + repeat("[^x] [^299]\n\n", n)
	}},
	{"heading attribute openers", func(n int) string { return "## a " + repeat("{", n) }},
	{"heading attributes", func(n int) string { return "## a {" + repeat(".c ", n) + "}" }},
	{"same heading", func(n int) string { return repeat("## a\n", n) }},
	{"list markers on one line", func(n int) string { return repeat("- ", n) + "a" }},
	{"plus markers on one line", func(n int) string { return repeat(" +", n) }},
	{"quote and list", func(n int) string { return repeat("> - ", n) + "a" }},
	{"ordered lists", func(n int) string {
		return stairs(func(i int) string { return strings.Repeat("   ", i) + "1. a\n" }, n)
	}},
	{"table columns", func(n int) string { return repeat("|a", n/2) + "\n" + repeat("|-", n/2) + "\n" }},
	{"table rows", func(n int) string { return "|a|b|\n|-|-|\n" + repeat("|*a|_b|\n", n) }},
	{"definition lists", func(n int) string { return repeat("a\n: b\n", n) }},
	{"definition term markers", func(n int) string { return "a\n: b\n\n" + repeat("*a_ ", n) + "\n: c\n" }},
	{"definition term markers first", func(n int) string { return repeat("*a_ ", n) + "\n: c\n" }},
	{"task lists", func(n int) string { return repeat("- [ ] a\n", n) }},
	{"double quotes", func(n int) string { return repeat("\"", n) }},
	{"single quotes", func(n int) string { return repeat("'", n) }},
	{"quotes at the limit", func(n int) string { return atLimit("\"", 1, n) }},
	{"typographer quotes", func(n int) string { return repeat("\"'a ", n) }},
	{"entities", func(n int) string { return repeat("&amp", n) }},
	{"autolinks", func(n int) string { return repeat("<http://a", n) }},
	{"linkify", func(n int) string { return repeat("www.a.b/", n) }},
	{"linkify emails", func(n int) string { return repeat("a@", n) }},
	{"linkify parentheses", func(n int) string { return "http://a.b/" + repeat("(", n) }},
	{"fence openers", func(n int) string { return repeat("```\n", n) }},
	{"code fences in quotes", func(n int) string { return repeat("> ```\n", n) }},
	{"setext underlines", func(n int) string { return repeat("a\n=\n", n) }},
	{"backslashes", func(n int) string { return repeat("\\", n) }},
	{"blank lines", func(n int) string { return repeat("\n", n) }},
	{"NUL bytes", func(n int) string { return repeat("a\x00", n) }},
	{"long line", func(n int) string { return repeat("a", n) }},
	{"images", func(n int) string { return repeat("![", n) }},
	{"link destinations", func(n int) string { return "[a](" + repeat("(", n) }},
	{"link titles", func(n int) string { return repeat("[a](b \"", n) }},
	// The same, each paragraph just under the limit on inline markers.
	{"mismatched openers at the limit", func(n int) string { return atLimit("*a_ ", 2, n) }},
	{"multiple of 3 at the limit", func(n int) string { return atLimit("c* ", 1, n) }},
	{"nested brackets at the limit", func(n int) string { return atLimit("[", 1, n) }},
	{"link openers at the limit", func(n int) string { return atLimit("[a", 1, n) }},
	{"unclosed links at the limit", func(n int) string { return atLimit("[a](b", 2, n) }},
	{"unclosed links in long text at the limit", func(n int) string { return atLimit("[a](b"+strings.Repeat("b", 200), 2, n) }},
	{"backticks at the limit", func(n int) string { return atLimit("\\``", 1, n) }},
	{"code span openers in long text at the limit", func(n int) string { return atLimit("`"+strings.Repeat("a", 200), 1, n) }},
	{"emphasis in long text at the limit", func(n int) string { return atLimit("*a_ "+strings.Repeat("a ", 100), 2, n) }},
	{"wikilinks at the limit", func(n int) string { return atLimit("[[", 2, n) }},
	{"less-than at the limit", func(n int) string { return atLimit("<a ", 1, n) }},
	{"table cells at the limit", func(n int) string {
		return stairs(func(i int) string {
			if i == 0 {
				return strings.Repeat("|a", 64) + "\n" + strings.Repeat("|-", 64) + "\n"
			}
			return "|\n"
		}, n)
	}},
	{"quotes at the depth limit", func(n int) string { return repeat(strings.Repeat("> ", 32)+"a\n\n", n) }},
	{"lists at the depth limit", func(n int) string { return repeat(strings.Repeat("- ", 33)+"a\n", n) }},
	{"reference links at the limit", func(n int) string {
		return "[r]: /" + strings.Repeat("u", 1000) + "\n\n" + repeat("[r] ", n)
	}},
	{"code to highlight", func(n int) string { return repeat("```c\n"+strings.Repeat("\n", 2000)+"```\n", n) }},
}

// TestPathological renders each shape at two sizes, ten times apart. It
// must render or fail with placed errors, never panic, and the larger
// must not allocate more than twenty times what the smaller does: a
// deterministic measure of work that catches blow-ups in what is built
// (ids, attribute values, cells). Blow-ups in time alone, which allocate
// nothing (goldmark comparing delimiters), are FuzzRenderCost's to find:
// tests here take no timings. Nothing is highlighted, because how much
// is depends on the clock.
func TestPathological(t *testing.T) {
	r := New(Options{})
	r.code.budget = 0
	small, large := 4_000, 40_000
	if testing.Short() {
		small, large = 1_000, 10_000
	}
	// render renders src, checks what it can, and counts its allocations.
	render := func(t *testing.T, src []byte) float64 {
		t.Helper()
		return testing.AllocsPerRun(1, func() {
			res, errs := r.Render(src, Document{File: "f.md", BodyLine: 1, Resolve: func(l Link) (Target, error) {
				return Target{Href: "/x/"}, nil
			}})
			for _, d := range errs {
				if d.File != "f.md" || d.Line < 1 || d.Col < 1 {
					t.Errorf("problem without a place: %v", d)
				}
			}
			if len(res.HTML) > 64*len(src)+1024 {
				t.Errorf("%d bytes of HTML from %d bytes of Markdown", len(res.HTML), len(src))
			}
		})
	}
	for _, s := range pathologicalShapes {
		t.Run(s.name, func(t *testing.T) {
			a, b := []byte(s.build(small)), []byte(s.build(large))
			na, nb := render(t, a), render(t, b)
			if nb > 20*na*float64(len(b))/float64(10*len(a))+1000 {
				t.Errorf("%d bytes: %.0f allocations; %d bytes: %.0f (more than 20 times for 10 times the input)", len(a), na, len(b), nb)
			}
		})
	}
}
