package markdown

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"What a CTO Does":             "what-a-cto-does",
		"CTO's job: \"what\" & why":   "ctos-job-what--why",
		"  Salary ($250k+)  ":         "salary-250k",
		"30-60 engineers":             "30-60-engineers",
		"snake_case stays":            "snake_case-stays",
		"Über Führung":                "über-führung",
		"!!!":                         "",
		"VP of Engineering vs. CTO?":  "vp-of-engineering-vs-cto",
		"Emoji 🚀 heading":             "emoji--heading",
		"Tabs\tand\nnewlines dropped": "tabsandnewlines-dropped",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeadingIDsUnique(t *testing.T) {
	r := New(Options{})
	res, _ := r.Render([]byte("## A\n## A\n## A\n# !!!\n## A-1\n"), Document{})
	var ids []string
	for _, h := range res.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "a a-1 a-2 section a-1-1" {
		t.Errorf("ids = %s", got)
	}
}

func TestTOC(t *testing.T) {
	hs := []Heading{{3, "pre", "Pre"}, {2, "a", "A"}, {3, "a1", "A1"}, {4, "deep", "Deep"}, {2, "b", "B"}}
	toc := TOC(hs)
	if len(toc) != 3 || toc[1].ID != "a" || len(toc[1].Children) != 1 || toc[1].Children[0].ID != "a1" {
		t.Errorf("toc = %+v", toc)
	}
	if TOC(hs[1:3]) != nil {
		t.Error("two headings should give no table of contents")
	}
}

func TestUnsafeHTMLStillDropsScriptLinks(t *testing.T) {
	r := New(Options{UnsafeHTML: true})
	res, _ := r.Render([]byte("<b>raw</b> [x](javascript:alert(1)) ![i](data:image/png;base64,AA==)\n"), Document{})
	html := string(res.HTML)
	if !strings.Contains(html, "<b>raw</b>") || strings.Contains(html, "javascript") || !strings.Contains(html, `src="data:image/png`) {
		t.Errorf("got %s", html)
	}
}

func TestLinkErrorsHavePlaces(t *testing.T) {
	r := New(Options{})
	src := "Intro.\n\n- item with [a](x.md)\n\n> quote [b](y.md) and [](z.md)\n\n`[c](code.md)`\n\n    [d](indented.md)\n"
	_, errs := r.Render([]byte(src), Document{File: "content/p.md", BodyLine: 4, Resolve: func(l Link) (Target, error) {
		return Target{}, errors.New("no " + l.Dest)
	}})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := "content/p.md:6:13: no x.md|content/p.md:8:9: no y.md|content/p.md:8:23: no z.md"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestHighlightCSS(t *testing.T) {
	css, err := HighlightCSS("github", "github-dark")
	if err != nil || !strings.Contains(string(css), "@media (prefers-color-scheme: dark)") || !strings.Contains(string(css), ".chroma") {
		t.Errorf("css: %v\n%.200s", err, css)
	}
	if _, err := HighlightCSS("no-such-style", "github-dark"); err == nil || !strings.Contains(err.Error(), `unknown highlight style "no-such-style"`) {
		t.Errorf("err = %v", err)
	}
}

func TestParseWikiLink(t *testing.T) {
	for in, want := range map[string][3]string{
		"cto":                              {"cto", "", ""},
		"roles/cto#skills|what a CTO does": {"roles/cto", "skills", "what a CTO does"},
		" cto | the CTO ":                  {"cto", "", "the CTO"},
		"#local":                           {"", "local", ""},
		"|x":                               {"", "", "x"},
		"a#b#c|d|e":                        {"a", "b#c", "d|e"},
		`b#x\|b`:                           {"b", "x", "b"},
		`roles/cto\| the CTO`:              {"roles/cto", "", "the CTO"},
	} {
		tg, f, l := ParseWikiLink(in)
		if got := [3]string{tg, f, l}; got != want {
			t.Errorf("ParseWikiLink(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWikiLinkInTableCell: in a table a wikilink's label is set off by
// "\|", since a bare "|" ends the cell; the link is the one "|" gives
// outside a table.
func TestWikiLinkInTableCell(t *testing.T) {
	r := New(Options{})
	src := "| Link | Note |\n|---|---|\n| [[roles/cto#skills\\|the skills]] | x |\n"
	res, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Resolve: func(l Link) (Target, error) {
		return Target{Href: "/" + l.Dest + "/", Title: "T"}, nil
	}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if want := `<td><a href="/roles/cto#skills/">the skills</a></td>`; !strings.Contains(string(res.HTML), want) {
		t.Errorf("missing %s in\n%s", want, res.HTML)
	}
}

func TestWikiLinksAndContext(t *testing.T) {
	r := New(Options{})
	src := "First sentence. The [[cto]] decides, see [[roles/vp#hiring|hiring]]! Last one.\n\n`[[code]]` and [[]] and [[|x]].\n\n    [[indented]]\n\n[ext](https://example.com) and e.g. v1.2 [[missing]] ends here.\n"
	res, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Resolve: func(l Link) (Target, error) {
		if l.Dest == "missing" {
			return Target{}, errors.New("no page")
		}
		return Target{Href: "/" + l.Dest, Title: "Title of " + l.Dest}, nil
	}})
	html := string(res.HTML)
	for _, want := range []string{
		`The <a href="/cto">Title of cto</a> decides`,
		`<a href="/roles/vp#hiring">hiring</a>!`,
		`<code>[[code]]</code>`,
		`<a href="https://example.com" rel="noopener" class="external">ext</a>`,
		`<pre tabindex="0"><code>[[indented]]`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	var ctx []string
	for _, l := range res.Links {
		if !l.Wiki {
			t.Errorf("%q not marked as a wikilink", l.Dest)
		}
		ctx = append(ctx, l.Dest+"="+l.Context)
	}
	want := "cto=The Title of cto decides, see hiring!|roles/vp#hiring=The Title of cto decides, see hiring!"
	if got := strings.Join(ctx, "|"); got != want {
		t.Errorf("contexts:\n%s\nwant\n%s", got, want)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	wantErrs := "f.md:3:16: empty wikilink: write [[page]], [[page#heading]] or [[page|text]]|f.md:3:25: empty wikilink: write [[page]], [[page#heading]] or [[page|text]]|f.md:7:42: no page"
	if got := strings.Join(msgs, "|"); got != wantErrs {
		t.Errorf("errors:\n%s\nwant\n%s", got, wantErrs)
	}
}

func TestWarnings(t *testing.T) {
	r := New(Options{})
	_, errs := r.Render([]byte("## A\n#### Too deep\n\n![](x.png) ![ok](y.png)\n"), Document{File: "f.md", BodyLine: 1})
	errs.Sort()
	got := errs.Error()
	want := "f.md:2:1: warning: heading level skipped: h4 after h2; use ###\nf.md:4:1: warning: image \"x.png\" has no alt text: describe it between ![ and ]"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// FuzzWikiLinks: any text with wikilinks renders without a panic, and
// every wikilink the resolver saw is a link in the output.
func FuzzWikiLinks(f *testing.F) {
	for _, s := range []string{"[[a]]", "[[a#b|c]]", "[[[x]]]", "[[a|]]", "`[[a]]`", "[[a]][[b]]", "[[\n]]", "x [[ ]] y",
		"[[a]b]]", "[[a[b]]", "[[a]]]", "[[[[a]]]]", "[[a#]]", "[[#]]", "[[|]]", "[[a#b#c|d|e]]", "*[[a]]*", "**[[a|*b*]]**",
		"[x]([[a]])", "[[a]](b)", "![[a]]", "[[a\\]]", "\\[[a]]", "[[ä#ö|ü]]", "[[a]]\n[[b\n]]", "> [[a]]\n- [[b]]",
		"| [[a]] | [[b|c]] |\n|-|-|\n| [[d]] | x |", "## [[a]] {#h}", "[^1]\n\n[^1]: [[a]]", strings.Repeat("[[", 100),
		"[[a]]" + strings.Repeat(" [[a]]", 50)} {
		f.Add(s)
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		res, _ := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Resolve: func(l Link) (Target, error) {
			return Target{Href: "/p/", Title: "P"}, nil
		}})
		for _, l := range res.Links {
			if l.Wiki && !strings.Contains(string(res.HTML), `href="/p/`) {
				t.Errorf("wikilink %q resolved but not emitted:\n%s", l.Dest, res.HTML)
			}
		}
	})
}

// FuzzParseCompare: any compare block body parses or fails with placed
// errors; a spec without errors has two or more distinct, non-empty pages.
func FuzzParseCompare(f *testing.F) {
	for _, s := range []string{"pages = [\"a\", \"b\"]\n", "pages = [\"a\"]\n", "pages = 3\ndimensions = [\"x\", \"x\"]\n", "caption = 'x'\n", "pages = [\"a\", \"a\"]", "[x]\ny=1",
		"pages = [\"a\", \"b\"]\ndimensions = [\"x\", \"y\"]\ncaption = \"A vs B\"\n", "pages = []\n", "pages = [\"\", \" \"]\n",
		"pages = [\"a\", \"b\"]\ndimensions = []\n", "pages = [\"a\", \"b\"]\nunknown = 1\n", "pages = [1, 2]\n", "pages = [\"a\", [\"b\"]]\n",
		"pages = [\"a\", \"b\"]\npages = [\"c\"]\n", "pages = \"a\"\n", "caption = \"\"\"\nmulti\nline\"\"\"\npages=['a','b']\n",
		"pages = [\"a\", \"b\"] # comment\n", "[pages]\na = 1\n", "pages = [\n\"a\",\n\"b\",\n]\n", "pages = [\"a\", \"b\"\n",
		"= 1\n", "pages = [\"é\", \"ü\"]\n", "\"pages\" = [\"a\", \"b\"]\n", "pages.x = 1\n", "caption = 1979-05-27\n",
		"a = " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n", "a = " + strings.Repeat("{b=", 100) + "1" + strings.Repeat("}", 100) + "\n",
		"\x00", "pages = [\"a\", \"b\"]\r\ncaption = \"c\"\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		spec, errs := ParseCompare("f.md", body, 10)
		for _, d := range errs {
			if d.File != "f.md" || d.Line < 11 {
				t.Errorf("error without a place: %v", d)
			}
		}
		if len(errs) == 0 {
			seen := map[string]bool{}
			for _, p := range spec.Pages {
				if strings.TrimSpace(p) == "" || seen[p] {
					t.Errorf("accepted pages %q", spec.Pages)
				}
				seen[p] = true
			}
			if len(spec.Pages) < 2 {
				t.Errorf("accepted %d pages", len(spec.Pages))
			}
		}
	})
}

func TestSections(t *testing.T) {
	r := New(Options{})
	res, _ := r.Render([]byte("Intro *text* here.\n\n- one\n- two\n\n## First part\n\nPara one.\n\nPara two with `code`.\n\n```go\nskipped()\n```\n\n### Sub\n\n| a | b |\n|---|---|\n| c | d |\n"), Document{})
	var got []string
	for _, s := range res.Sections {
		got = append(got, s.ID+"|"+s.Heading+"|"+s.Text)
	}
	want := "||Intro text here. one two;first-part|First part|Para one. Para two with code.;sub|Sub|a b c d"
	if strings.Join(got, ";") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, ";"), want)
	}

	// White space Markdown keeps at the edges of a paragraph (a
	// no-break space) does not double the space between blocks.
	res, _ = r.Render([]byte("One.\n\n\u00a0Two.\u00a0\n\nThree."), Document{})
	if got := res.Sections[0].Text; got != "One. Two. Three." {
		t.Errorf("text with no-break spaces at paragraph edges = %q", got)
	}
}

// TestAppendCollapsed checks the run-at-a-time white space collapsing
// against the plain rune-by-rune rule: every white space run (Unicode's
// idea of white space, not just ASCII) is one space, none at the start of
// an empty buffer, one at the end, and bytes that are not UTF-8 become the
// replacement character.
func TestAppendCollapsed(t *testing.T) {
	reference := func(dst []byte, s string) []byte {
		space := len(dst) == 0
		for _, r := range s {
			if unicode.IsSpace(r) {
				if !space {
					dst = append(dst, ' ')
					space = true
				}
				continue
			}
			dst = utf8.AppendRune(dst, r)
			space = false
		}
		if !space {
			dst = append(dst, ' ')
		}
		return dst
	}
	inputs := []string{"", " ", "word", "  two  words  ", "tab\tnew\nline\r\nend", "nbsp\u00a0nel\u0085sep\u2028ideo\u3000x",
		"café – “quoted” 😀", "bad \xff\xfe utf8", "\xffstart", "end\xff", "a\v\fb", " \u00a0 "}
	for _, prefix := range []string{"", "before", "before "} {
		for _, s := range inputs {
			got := string(appendCollapsed([]byte(prefix), []byte(s)))
			if want := string(reference([]byte(prefix), s)); got != want {
				t.Errorf("appendCollapsed(%q, %q) = %q, want %q", prefix, s, got, want)
			}
		}
	}
}

// TestHighlightCSSDarkResets: a token the light style colours and the
// dark one does not (github's punctuation) is reset in the dark block,
// not left near black on a dark background.
func TestHighlightCSSDarkResets(t *testing.T) {
	css, err := HighlightCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	light, dark, ok := strings.Cut(string(css), "@media (prefers-color-scheme: dark)")
	if !ok || !strings.Contains(light, ".chroma .p {") {
		t.Fatalf("unexpected CSS:\n%s", css)
	}
	if !strings.Contains(dark, ".chroma .p { color: inherit") {
		t.Errorf("the dark block leaves .chroma .p to the light style:\n%s", dark)
	}
}
