package markdown

import (
	"flag"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/kbsite/kb/internal/diag"
)

// constructs is a document of every construct goldmark and kb's
// extensions read, one seed each, for the fuzz targets.
var constructs = []string{
	// Headings, and every form of heading attribute.
	"# Title\n## Section\n### Sub\n#### Deep\n##### Deeper\n###### Deepest\n",
	"## Custom {#custom}\n## Quoted {id=\"quoted\"}\n## Bare {id=bare}\n## Closed ## {#closed}\n## Hash C# {#csharp}\n",
	"## Number {id=1}\n## Bool {id=true}\n## Float {id=1.5}\n## List {id=[\"a\"]}\n## Table {id={a=1}}\n## Null {id=null}\n",
	"## Class {.wide}\n## Mixed {#m .c key=value data-x=\"1\" style=\"color:red\"}\n## Commas {#a, .b}\n",
	"## Space {#my id}\n## Empty {#}\n## Slash {#a/b}\n## Reserved {#main}\n## A\n## Dup {#a}\n## Again {#custom}\n",
	"## Text {braces}\n## Template {{.Title}}\n## Escaped \\{#x}\n## Code `{#x}`\n## Open {#x\n## Unicode {#über-führung}\n",
	"Setext {#setext}\n===\n\nTwo\nlines {#two}\n---\n",
	// Blocks.
	"Para one.\nStill one.\n\nPara two.  \nHard break.\\\nAnother.\n\n***\n\n---\n\n___\n",
	"> quote\n> > nested\n> - list in quote\n>\n> ```go\n> code()\n> ```\n",
	"- a\n  - b\n    - c\n      1. d\n      2. e\n- f\n\n1) x\n2) y\n\n* [ ] todo\n* [x] done\n",
	"    indented code\n\n```go\nfunc main() { println(\"hi\") }\n```\n\n~~~python title=\"x\"\nprint(1)\n~~~\n\n```\nno language\n```\n\n```c {.x}\nint x;\n```\n",
	"```compare\npages = [\"a\", \"b\"]\ndimensions = [\"focus\"]\ncaption = \"A vs B\"\n```\n\n```compare\npages = 3\n```\n",
	"| a | b | c |\n|:--|:-:|--:|\n| `1` | **2** | [3](x.md) |\n| 4 |\n",
	"Term\n: Definition\n: Another\n\nTerm 2\n: Def\n",
	"Text[^1] and[^note].\n\n[^1]: One.\n[^note]: Two\n    lines.\n",
	"<div>\nblock html\n</div>\n\n<!-- comment -->\n\n<?pi ?>\n\n<![CDATA[x]]>\n\n<script>alert(1)</script>\n",
	// Inlines.
	"*em* _em_ **strong** __strong__ ***both*** ~~strike~~ `code` ``co`de``\n",
	"<b>raw</b> <a href=\"javascript:x\">a</a> <!-- c --> &amp; &copy; &#x6A; \\* \\_ \\[\n",
	"<https://example.com> <mailto:a@b.c> <a@b.c> www.example.com https://example.org/x?y=1. a@b.co\n",
	"\"Quotes\" and 'single' -- en --- em ... <<angle>>\n",
	"[[cto]] [[roles/cto#skills|the CTO]] [[#local]] [[]] [[|x]] [[a|]] `[[code]]` [[[x]]]\n",
	"[rel](../roles/cto.md#skills) [frag](#skills) [abs](/x/) [title](x.md \"T\") [angle](<a b.md>)\n",
	"[x](%6A%61vascript:alert(1)) [y](nope%2Fx:y) [z](file:///etc/passwd) [j](javascript:alert(1)) [J](JaVaScRiPt:x) [t](<java\tscript:x>)\n",
	"[v](vbscript:x) [d](data:text/html,x) [n](nope:x) [m](mailto:a@b) [p](//example.com/x) [e](&#106;avascript:x)\n",
	"![alt](x.png) ![](no-alt.png) ![png](data:image/png;base64,AA==) ![svg](data:image/svg+xml;base64,AA==) <javascript:alert(1)> <file:///etc>\n",
	"[full][ref] [collapsed][] [ref] ![img][ref]\n\n[ref]: https://example.com/ \"Title\"\n[local]: x.md\n",
}

// placed reports problems that have no place in the file.
func placed(t *testing.T, errs diag.List, file string) {
	t.Helper()
	for _, d := range errs {
		if d.File != file || d.Line < 1 || d.Col < 1 {
			t.Errorf("problem without a place: %v", d)
		}
	}
}

// FuzzRender: any document renders without a panic; its problems have
// places; its heading ids are unique, well formed and not the theme's;
// and no link or image it emits has a scheme that runs script or reads
// local files.
func FuzzRender(f *testing.F) {
	for _, s := range constructs {
		f.Add(s)
	}
	f.Add(strings.Join(constructs, "\n"))
	for _, s := range pathologicalShapes {
		f.Add(s.build(64))
	}
	reserved := []string{"main", "kb-toc"}
	r := New(Options{ReservedIDs: reserved})
	r.code.budget = 100 * time.Millisecond
	blocks := map[string]BlockRenderer{"compare": CompareBlock(func(CompareSpec) ([]byte, diag.List) {
		return []byte("<table></table>"), nil
	})}
	f.Fuzz(func(t *testing.T, src string) {
		res, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 3, Blocks: blocks, Resolve: func(l Link) (Target, error) {
			return Target{Href: "/p/", Title: "P"}, nil
		}})
		placed(t, errs, "f.md")
		seen := map[string]bool{"main": true, "kb-toc": true}
		for _, h := range res.Headings {
			if seen[h.ID] {
				t.Errorf("heading id %q twice, or the theme's", h.ID)
			}
			seen[h.ID] = true
			if h.ID == "" || strings.IndexFunc(h.ID, func(r rune) bool { return !idRune(r) }) >= 0 {
				t.Errorf("heading id %q", h.ID)
			}
		}
		out := string(res.HTML)
		for _, attr := range []string{` href="`, ` src="`} {
			for rest := out; ; {
				i := strings.Index(rest, attr)
				if i < 0 {
					break
				}
				rest = rest[i+len(attr):]
				end := strings.IndexByte(rest, '"')
				if end < 0 {
					break
				}
				u := html.UnescapeString(rest[:end])
				if kind, scheme := classify(u, attr == ` src="`); kind == linkRefused {
					t.Errorf("emitted %s%s\" (%s:) from\n%q", attr, rest[:end], scheme, src)
				}
			}
		}
	})
}

// fuzzing says whether this run is fuzzing (go test -fuzz) rather than
// running the seed corpus as a test: the project's tests take no
// timings, so FuzzRenderCost checks its bound only when fuzzing.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// FuzzRenderCost is a slow-input fuzz target: when fuzzing, it repeats
// any input to costBytes and renders it, and fails if that takes more
// processor time than costPerByte per byte plus costFixed. Linear work is
// a microsecond or so a byte; a blow-up at this size costs far more
// (before the limits of limits.go, 128 KB of "*a_ " took 8 s and of
// "## a\n" 30 s).
func FuzzRenderCost(f *testing.F) {
	const (
		costBytes   = 128 << 10
		costPerByte = 20 * time.Microsecond
		costFixed   = time.Second
	)
	for _, s := range pathologicalShapes {
		f.Add(s.build(1))
		f.Add(s.build(16))
	}
	for _, s := range constructs {
		f.Add(s)
	}
	r := New(Options{})
	r.code.budget = 100 * time.Millisecond
	timed := fuzzing()
	f.Fuzz(func(t *testing.T, unit string) {
		if unit == "" {
			return
		}
		// Run as a test, the seeds need only render: 4 KB will do.
		n := costBytes
		if !timed {
			n = 4 << 10
		}
		src := []byte(strings.Repeat(unit, max(n/len(unit), 1)))
		start := cpuTime()
		_, errs := r.Render(src, Document{File: "f.md", BodyLine: 1, Resolve: func(l Link) (Target, error) {
			return Target{Href: "/p/"}, nil
		}})
		took := cpuTime() - start
		placed(t, errs, "f.md")
		if bound := time.Duration(len(src))*costPerByte + costFixed; timed && took > bound {
			t.Errorf("%d bytes (%q repeated) took %v, more than %v", len(src), unit[:min(len(unit), 40)], took, bound)
		}
	})
}

// FuzzStandalone: any document's standalone copy is made without a
// panic, and read again it holds no link left for the site to resolve:
// every link that resolved was made absolute, every wikilink a Markdown
// link, every data block replaced.
func FuzzStandalone(f *testing.F) {
	for _, s := range constructs {
		f.Add(s)
	}
	f.Add(strings.Join(constructs, "\n"))
	r := New(Options{})
	r.code.budget = 100 * time.Millisecond
	blocks := map[string]BlockRenderer{"compare": CompareBlock(func(CompareSpec) ([]byte, diag.List) {
		return []byte("<table></table>"), nil
	})}
	f.Fuzz(func(t *testing.T, src string) {
		res, _ := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Blocks: blocks, Resolve: func(l Link) (Target, error) {
			return Target{Href: "/p/", Title: "P"}, nil
		}})
		out := Standalone([]byte(src), res.Edits, res.Links,
			func(Link) string { return "https://example.org/p/" },
			func(Edit) string { return "A data block." })
		_, _ = r.Render(out, Document{File: "copy.md", BodyLine: 1, Blocks: blocks, Resolve: func(l Link) (Target, error) {
			t.Errorf("the copy left link %q (wiki %v) for the site to resolve:\n%q\nfrom\n%q", l.Dest, l.Wiki, out, src)
			return Target{Href: "/p/"}, nil
		}})
	})
}
