package markdown

import (
	"strings"
	"testing"
)

// TestLimits: each limit is an error at the place where it is crossed,
// once a page, and the rest of the page renders.
func TestLimits(t *testing.T) {
	r := New(Options{})
	markers := strings.Repeat("*a_ ", 600)
	for _, c := range []struct {
		name, src, problem string
		html               []string // in the output
	}{{
		name:    "quotes",
		src:     "Intro.\n\n" + strings.Repeat("> ", 40) + "deep\n\nAfter.\n",
		problem: "f.md:3:65: this block quote is nested 33 levels deep; kb allows 32 (lists, quotes, footnotes and definitions inside each other count together)",
		html:    []string{"<p>&gt; &gt; &gt; &gt; &gt; &gt; &gt; &gt; deep</p>", "<p>After.</p>"},
	}, {
		name:    "lists by indentation",
		src:     stairs(func(i int) string { return strings.Repeat("  ", i) + "- a\n" }, 2000),
		problem: "f.md:33:65: this list is nested 33 levels deep; kb allows 32 (lists, quotes, footnotes and definitions inside each other count together)",
	}, {
		name:    "lists on one line",
		src:     strings.Repeat("- ", 100) + "a\n",
		problem: "f.md:1:65: this list is nested 33 levels deep; kb allows 32 (lists, quotes, footnotes and definitions inside each other count together)",
	}, {
		name:    "a thematic break at the limit is one",
		src:     strings.Repeat("> ", 32) + "* * *\n",
		problem: "",
		html:    []string{"<hr>"},
	}, {
		name:    "markers",
		src:     "Intro *em*.\n\n" + markers + "\n\nAfter *em*.\n",
		problem: "f.md:3:2001: this paragraph has more than 1000 emphasis, code, link and quote markers (* _ ~ ` [ ] < \" '); kb allows 1000: split it, or escape them with \\",
		html:    []string{"<p>Intro <em>em</em>.</p>", "<p>*a_ *a_ ", "<p>After <em>em</em>.</p>"},
	}, {
		name: "escaped markers do not count",
		src:  strings.Repeat("\\*a\\_ ", 600) + "\n",
	}, {
		name:    "markers in a heading",
		src:     "## " + markers + "\n",
		problem: "f.md:1:2004: this heading has more than 1000 emphasis, code, link and quote markers (* _ ~ ` [ ] < \" '); kb allows 1000",
		html:    []string{"<h2 id=\"a_-a_-a_", ">*a_ *a_ *a_"},
	}, {
		name:    "markers in a table row",
		src:     "| a | b |\n|---|---|\n| " + markers + " | x |\n",
		problem: "f.md:3:2003: this paragraph or table row has more than 1000 emphasis, code, link and quote markers (* _ ~ ` [ ] < \" '); kb allows 1000: split it, or escape them with \\",
		html:    []string{"<p>| a | b |\n|---|---|\n| *a_"},
	}, {
		name: "a table may have many markers over its rows",
		src:  "| a | b |\n|---|---|\n" + strings.Repeat("| *a* [b](c) | `d` |\n", 300),
		html: []string{"<table>"},
	}, {
		name:    "table columns",
		src:     strings.Repeat("|a", 70) + "|\n" + strings.Repeat("|-", 70) + "|\n",
		problem: "f.md:2:1: this table has 70 columns; kb allows 64",
	}, {
		name:    "table cells",
		src:     strings.Repeat("|a", 60) + "|\n" + strings.Repeat("|-", 60) + "|\n" + strings.Repeat("|\n", 2000),
		problem: "f.md:2:1: the tables of this page have more than 100000 cells (rows times the header's columns); kb allows 100000: split the page",
	}, {
		name:    "reference links",
		src:     "[r]: /" + strings.Repeat("u", 999) + "\n\n" + strings.Repeat("[r] ", 150) + "\n",
		problem: "f.md:3:409: reference links on this page copy more than 100 KB of URLs and titles from their definitions; kb allows 100 KB or the page's own size, if larger: use fewer references to long URLs",
	}} {
		res, errs := r.Render([]byte(c.src), Document{File: "f.md", BodyLine: 1})
		if got := errs.Error(); got != c.problem {
			t.Errorf("%s: problem\n%s\nwant\n%s", c.name, got, c.problem)
		}
		for _, h := range c.html {
			if !strings.Contains(string(res.HTML), h) {
				t.Errorf("%s: no %q in\n%.2000s", c.name, h, res.HTML)
			}
		}
	}
}

func TestPageSize(t *testing.T) {
	r := New(Options{})
	line := strings.Repeat("a", 1023) + "\n"
	src := strings.Repeat(line, 1024)
	if _, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 5}); len(errs) != 0 {
		t.Errorf("a page of 1 MB: %v", errs)
	}
	res, errs := r.Render([]byte(src+"b\n"), Document{File: "f.md", BodyLine: 5})
	want := "f.md:1029:1: this page's Markdown is 1.0 MB; kb allows 1.0 MB per page: split it into several pages"
	if errs.Error() != want || res.HTML != nil {
		t.Errorf("got %v, %d bytes of HTML; want %s", errs, len(res.HTML), want)
	}
}
