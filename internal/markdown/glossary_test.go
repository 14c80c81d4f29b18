package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// testGlossary is the glossary the linking cases use: terms that overlap
// ("VP of Engineering" and "Engineering"), one with an alias, one with a
// hyphen, one ending in y, one not ASCII.
func testGlossary() *Glossary {
	return NewGlossary("/g/", []Term{
		{Term: "CTO", ID: "cto", Definition: "Chief Technology Officer."},
		{Term: "VP of Engineering", ID: "vp", Aliases: []string{"VPE"}, Definition: "Runs engineering."},
		{Term: "Engineering", ID: "eng"},
		{Term: "Player-coach", ID: "pc"},
		{Term: "Company", ID: "co"},
		{Term: "Span of control", ID: "soc"},
		{Term: "Équipe", ID: "eq"},
	})
}

// termLinkRE reads a term link back as [[text|id]], to keep the cases
// short; the whole markup is pinned by TestTermLinkMarkup.
var termLinkRE = regexp.MustCompile(`(?s)<a href="/g/#([^"]*)" class="term"[^>]*>(.*?)</a>`)

// TestTermLinks pins the linking rules: which uses of a term are linked,
// and the text each link covers.
func TestTermLinks(t *testing.T) {
	cases := []struct {
		name, title, md, want string
	}{
		{"first use only", "", "CTO and CTO.", "<p>[[CTO|cto]] and CTO.</p>"},
		{"each term once", "", "CTO, Engineering, CTO, Engineering.", "<p>[[CTO|cto]], [[Engineering|eng]], CTO, Engineering.</p>"},
		{"ignoring case", "", "the cto", "<p>the [[cto|cto]]</p>"},
		{"whole words", "", "CTOX, XCTO, CTO-level, CTO_x, co-CTO, then CTO", "<p>CTOX, XCTO, CTO-level, CTO_x, co-CTO, then [[CTO|cto]]</p>"},
		{"plural s", "", "Two CTOs", "<p>Two [[CTOs|cto]]</p>"},
		{"plural es", "", "player-coaches", "<p>[[player-coaches|pc]]</p>"},
		{"plural ies", "", "companies", "<p>[[companies|co]]</p>"},
		{"plural of a first word", "", "VPs of Engineering", "<p>[[VPs of Engineering|vp]]</p>"},
		{"not any suffix", "", "CTOing, CTOed", "<p>CTOing, CTOed</p>"},
		{"possessive", "", "the CTO's call", "<p>the [[CTO|cto]]&rsquo;s call</p>"},
		{"longest wins", "", "the VP of Engineering", "<p>the [[VP of Engineering|vp]]</p>"},
		{"a longer use hides a shorter term", "", "VP of Engineering, VP of Engineering, Engineering", "<p>[[VP of Engineering|vp]], VP of Engineering, [[Engineering|eng]]</p>"},
		{"first to start wins", "", "Engineering VP of Engineering", "<p>[[Engineering|eng]] [[VP of Engineering|vp]]</p>"},
		{"an alias is the term", "", "The VPE, then the VP of Engineering.", "<p>The [[VPE|vp]], then the VP of Engineering.</p>"},
		{"across a line break", "", "the span of\ncontrol", "<p>the [[span of\ncontrol|soc]]</p>"},
		{"any white space", "", "span  of   control", "<p>[[span  of   control|soc]]</p>"},
		{"inside emphasis", "", "*span of control*", "<p><em>[[span of control|soc]]</em></p>"},
		{"not across emphasis", "", "span *of* control", "<p>span <em>of</em> control</p>"},
		{"not in headings", "", "## CTO\n\nThe CTO.", "CTO</h2>|<p>The [[CTO|cto]].</p>"},
		{"not in links", "", "[the CTO](a.md), the CTO", `<p><a href="/a/">the CTO</a>, the [[CTO|cto]]</p>`},
		{"not in wikilinks", "", "[[a|the CTO]], the CTO", `<p><a href="/a/">the CTO</a>, the [[CTO|cto]]</p>`},
		{"not in autolinks", "", "<https://cto.example>", `<p><a href="https://cto.example" rel="noopener" class="external">https://cto.example</a></p>`},
		{"not in code", "", "`CTO` and\n\n```\nCTO\n```\n\nCTO", "<p><code>CTO</code> and</p>|<p>[[CTO|cto]]</p>"},
		{"not in image text", "", "![the CTO](pic.png) CTO", `alt="the CTO"> [[CTO|cto]]`},
		{"not in table headers", "", "| CTO |\n|---|\n| CTO |", "<th>CTO</th>|<td>[[CTO|cto]]</td>"},
		{"not in definition terms", "", "CTO\n: the CTO", "<dt>CTO</dt>|<dd>the [[CTO|cto]]</dd>"},
		{"in lists, quotes and callouts", "", "> [!NOTE]\n> The CTO.\n\n- Engineering", "The [[CTO|cto]].|<li>[[Engineering|eng]]</li>"},
		{"not in a character reference", "", "&copy; company", "<p>© [[company|co]]</p>"},
		{"a hand-made link is the first use", "", "[CTO](a.md#x) then CTO; [VPE](/g/#vp) then VP of Engineering", `<p><a href="/a/#x">CTO</a> then [[CTO|cto]]; <a href="/g/#vp">VPE</a> then VP of Engineering</p>`},
		{"not what the title names", "What a CTO does", "The CTO and engineering.", "<p>The CTO and [[engineering|eng]].</p>"},
		{"not ASCII", "", "Une ÉQUIPE", "<p>Une [[ÉQUIPE|eq]]</p>"},
		{"in order of the text", "", "- CTO\n\n  1. Engineering\n\nCTO, Engineering", "<p>[[CTO|cto]]</p>|<li>[[Engineering|eng]]</li>|<p>CTO, Engineering</p>"},
	}
	r := New(Options{})
	g := testGlossary()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, errs := r.Render([]byte(c.md), Document{File: "x.md", BodyLine: 1, Resolve: resolveGlossaryCase, Glossary: g, Title: c.title})
			if errs.Err() != nil {
				t.Fatal(errs)
			}
			got := termLinkRE.ReplaceAllString(string(res.HTML), "[[$2|$1]]")
			for _, want := range strings.Split(c.want, "|") {
				if c.want == "" || !strings.Contains(got, want) {
					t.Errorf("%q: want %q in\n%s", c.md, want, got)
				}
			}
			if n := strings.Count(got, "[["); n != res.TermLinks {
				t.Errorf("TermLinks = %d, the HTML has %d", res.TermLinks, n)
			}
		})
	}
}

// resolveGlossaryCase resolves links as resolveCase does, and links to
// the glossary, "/g/#id", as they are.
func resolveGlossaryCase(l Link) (Target, error) {
	if strings.HasPrefix(l.Dest, "/g/") {
		return Target{Href: l.Dest}, nil
	}
	return resolveCase(l)
}

// TestTermLinkMarkup pins a term link's markup: the term and its
// definition on the link, escaped, for the preview card; and that term
// links are not among the document's links.
func TestTermLinkMarkup(t *testing.T) {
	g := NewGlossary("/repo/g/", []Term{{Term: "R&D", ID: "rd", Definition: `Research & development, "R&D" <for short>.`}, {Term: "Plain", ID: "plain"}})
	res, _ := New(Options{}).Render([]byte("R&D and plain"), Document{File: "x.md", Glossary: g})
	want := `<p><a href="/repo/g/#rd" class="term" data-term="R&amp;D" data-definition="Research &amp; development, &quot;R&amp;D&quot; &lt;for short&gt;.">R&amp;D</a> and <a href="/repo/g/#plain" class="term" data-term="Plain">plain</a></p>`
	if got := strings.TrimSpace(string(res.HTML)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(res.Links) != 0 {
		t.Errorf("term links reported as the document's links: %+v", res.Links)
	}
}

// TestTermDefinitions: on the glossary page, each <dt> holds a <dfn> with
// an id that no heading takes; a term's definition is its first
// paragraph; terms sharing a description share it; a term defined twice
// is an error at its place; terms given as data follow the text; and the
// search index splits the page at its terms.
func TestTermDefinitions(t *testing.T) {
	src := "## CTO\n\nIntro.\n\nCTO\n: Chief *technology* officer. More.\n\n  A second paragraph.\n\nVP\nVP of Engineering\n: Runs engineering.\n\n!!\n: Punctuation.\n\ncto\n: Again.\n"
	res, errs := New(Options{ReservedIDs: []string{"vp"}}).Render([]byte(src), Document{
		File: "g.md", BodyLine: 10, DefinesTerms: true,
		DataTerms: []DataTerm{{Term: "Data term", HTML: []byte("From <em>data</em>."), Text: "From data.", Line: 4, Col: 8}, {Term: "VP", Line: 5, Col: 8}},
	})
	html := string(res.HTML)
	for _, want := range []string{
		`<dt><dfn id="cto-1">CTO</dfn></dt>`, // the heading took "cto"
		`<dt><dfn id="vp-1">VP</dfn></dt>`,   // the theme has "vp"
		`<dt><dfn id="vp-of-engineering">VP of Engineering</dfn></dt>`,
		"<dt>cto</dt>", // defined twice: no second <dfn>
		"<dl>\n<dt><dfn id=\"data-term\">Data term</dfn></dt>\n<dd>From <em>data</em>.</dd>\n</dl>\n",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("want %q in\n%s", want, html)
		}
	}
	var got []string
	for _, t := range res.Terms {
		got = append(got, t.Term+"#"+t.ID+": "+t.Definition)
	}
	want := []string{"CTO#cto-1: Chief technology officer. More.", "VP#vp-1: Runs engineering.", "VP of Engineering#vp-of-engineering: Runs engineering.", "!!#section: Punctuation.", "Data term#data-term: From data."}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("terms:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	errs.Sort()
	wantErrs := "g.md:5:8: glossary term \"VP\" is defined twice, here and at line 19: merge the two definitions, or name this one differently\n" +
		"g.md:23:1: warning: glossary term \"!!\" does not start with a letter or digit, so kb cannot find where it is used: start it with a word\n" +
		"g.md:26:1: glossary term \"cto\" is defined twice, here and at line 14: merge the two definitions, or name this one differently"
	if errs.Error() != wantErrs {
		t.Errorf("errors:\n%v\nwant\n%s", errs, wantErrs)
	}
	var secs []string
	for _, s := range res.Sections {
		secs = append(secs, s.ID+"="+s.Text)
	}
	wantSecs := "cto=Intro.|cto-1=Chief technology officer. More. A second paragraph.|vp-1=|vp-of-engineering=Runs engineering.|section=Punctuation. cto Again.|data-term=From data."
	if got := strings.Join(secs, "|"); got != wantSecs {
		t.Errorf("sections:\n%s\nwant\n%s", got, wantSecs)
	}
}

// TestNoTermsWithoutAGlossary: a page of an ordinary document makes no
// <dfn> of its definition lists, and a Glossary with no terms links
// nothing.
func TestNoTermsWithoutAGlossary(t *testing.T) {
	res, _ := New(Options{}).Render([]byte("CTO\n: Chief.\n\nCTO"), Document{File: "x.md", Glossary: NewGlossary("/g/", nil)})
	if h := string(res.HTML); strings.Contains(h, "<dfn") || strings.Contains(h, "<a") || len(res.Terms) > 0 {
		t.Errorf("got %s, terms %v", h, res.Terms)
	}
}

// termOpenRE is the start tag of a term link.
var termOpenRE = regexp.MustCompile(`<a href="/g/#[^"]*" class="term"[^>]*>`)

// FuzzTermLinks: linking terms changes no text of any document, only puts
// some of it in links, at most one a term; and any document, read as the
// glossary page, defines terms whose ids no heading or other term has,
// and whose problems have places.
func FuzzTermLinks(f *testing.F) {
	for _, s := range []string{
		"CTO and CTO's VPs of\nEngineering, companies; player-coaches & AT&amp;T",
		"## CTO\n\n[CTO](x.md) `CTO` *span of* control ![CTO](x.png)\n\n| CTO |\n|--|\n| VPE |",
		"CTO\n: Chief.\n\nCTO\nVP\n: Both.\n\n- Engineering\n  : nested",
		"ÉQUIPE équipes Équipe-x x-équipe \u00a0span\u00a0of\u00a0control",
	} {
		f.Add(s)
	}
	for _, s := range constructs {
		f.Add(s)
	}
	r := New(Options{ReservedIDs: []string{"main"}})
	g := testGlossary()
	resolve := func(l Link) (Target, error) { return Target{Href: "/p/", Title: "P"}, nil }
	f.Fuzz(func(t *testing.T, src string) {
		plain, _ := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Resolve: resolve})
		linked, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Resolve: resolve, Glossary: g, Title: "Title"})
		placed(t, errs, "f.md")
		if linked.TermLinks > g.Len() {
			t.Errorf("%d term links for %d terms", linked.TermLinks, g.Len())
		}
		unlink := func(h []byte, open *regexp.Regexp) string {
			return strings.ReplaceAll(open.ReplaceAllString(string(h), ""), "</a>", "")
		}
		if a, b := unlink(linked.HTML, termOpenRE), unlink(plain.HTML, termOpenRE); a != b {
			t.Errorf("linking terms changed the text:\n%s\nwithout:\n%s", a, b)
		}
		defined, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Resolve: resolve, DefinesTerms: true})
		placed(t, errs, "f.md")
		seen := map[string]bool{"main": true}
		for _, h := range defined.Headings {
			seen[h.ID] = true
		}
		for _, term := range defined.Terms {
			if seen[term.ID] || term.ID == "" {
				t.Errorf("term %q has id %q, which is taken or empty", term.Term, term.ID)
			}
			seen[term.ID] = true
		}
	})
}
