package tomldoc

import (
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/diag"
)

const sample = `title = "x"
# a comment
tags = [
  "a = b",
  "c",
]
  "quoted key" = 1
notes = """
fake = 1
"""
[params]
author.name = "n"
[[sources]]
title = "one"
[[sources]]
  title = "two"
`

func TestPositions(t *testing.T) {
	d, err := Parse("f.md", sample, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path      []string
		line, col int
	}{
		{[]string{"title"}, 2, 1},
		{[]string{"tags"}, 4, 1},
		{[]string{"quoted key"}, 8, 3},
		{[]string{"notes"}, 9, 1},
		{[]string{"params"}, 12, 2},
		{[]string{"params", "author", "name"}, 13, 1},
		{[]string{"params", "author"}, 13, 1},
		{[]string{"sources", "0", "title"}, 15, 1},
		{[]string{"sources", "1", "title"}, 17, 3},
		{[]string{"fake"}, 2, 1}, // inside a string: not a key, so the first line
	} {
		line, col := d.At(tc.path...)
		if line != tc.line || col != tc.col {
			t.Errorf("At(%v) = %d:%d, want %d:%d", tc.path, line, col, tc.line, tc.col)
		}
	}
}

func TestSyntaxErrorPlace(t *testing.T) {
	_, err := Parse("c.toml", "a = 1\nb = \"open\n", 0)
	d, ok := err.(diag.Diagnostic)
	if !ok {
		t.Fatalf("got %T %v", err, err)
	}
	if d.Line != 2 || !strings.Contains(d.Msg, "invalid TOML") {
		t.Errorf("got %v", d)
	}
}

func TestTypedAccessors(t *testing.T) {
	d, err := Parse("f.md", "title = 5\ndate = \"2024-01-02\"\ntags = \"a\"\nweight = 3\n[[sources]]\ntitle = \"s\"\n", 0)
	if err != nil {
		t.Fatal(err)
	}
	var errs diag.List
	d.String(&errs, "title")
	d.Time(&errs, "date")
	d.Strings(&errs, "tags")
	if w := d.Int(&errs, "weight"); w != 3 {
		t.Errorf("weight %d", w)
	}
	if n := d.Tables(&errs, "sources"); n != 1 || d.String(&errs, "sources", "0", "title") != "s" {
		t.Errorf("sources %d", n)
	}
	d.CheckKeys(&errs, []string{"title", "date", "tags", "weight", "sources", "description"})
	want := []string{
		"f.md:1:1: title must be a string, not an integer",
		"f.md:2:1: date must be a TOML date without quotes",
		"f.md:3:1: tags must be an array of strings",
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors:\n%v", len(errs), errs)
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d = %q, want prefix %q", i, errs[i].Error(), w)
		}
	}
	errs = nil
	d2, _ := Parse("f.md", "titel = 1\n", 0)
	d2.CheckKeys(&errs, []string{"title"})
	if len(errs) != 1 || errs[0].Error() != `f.md:1:1: unknown key "titel" (did you mean "title"?)` {
		t.Errorf("got %v", errs)
	}
}
