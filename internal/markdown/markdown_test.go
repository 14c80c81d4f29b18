package markdown

import (
	"errors"
	"strings"
	"testing"
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

func TestScriptURLs(t *testing.T) {
	for _, u := range []string{"javascript:x", "JavaScript:x", " \tjavascript:x", "java\x00script:x", "vbscript:x", "data:text/html,x"} {
		if !isScriptURL([]byte(u)) {
			t.Errorf("isScriptURL(%q) = false", u)
		}
	}
	for _, u := range []string{"https://x", "mailto:a@b", "../x.md", "#frag", "javascript.md"} {
		if isScriptURL([]byte(u)) {
			t.Errorf("isScriptURL(%q) = true", u)
		}
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
	_, errs := r.Render([]byte(src), Document{File: "content/p.md", BodyLine: 4, Resolve: func(d string) (string, error) {
		return "", errors.New("no " + d)
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
