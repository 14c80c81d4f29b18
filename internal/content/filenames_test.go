package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

func TestNameProblem(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		urlOnly    bool
	}{
		{"guide.md", "", false},
		{"my page.md", "", false},
		{"100%.md", "", false},
		{"-dash.md", "", false},
		{"café.md", "", false},
		{"c#1.md", `has "#"`, true},
		{"what?.md", `has "?", which Windows`, false},
		{`a\b.md`, `has "\\"`, false},
		{"a:b", `has ":"`, false},
		{"a<b", `has "<"`, false},
		{"a>b", `has ">"`, false},
		{`a"b`, `has "\""`, false},
		{"a|b", `has "|"`, false},
		{"a*b", `has "*"`, false},
		{"a\tb.md", "has the control character U+0009", false},
		{"a\x7fb", "has the control character U+007F", false},
		{"a\u0085b", "has the control character U+0085", false},
		{"v1.", "ends with a dot", false},
		{"v1 ", "ends with a space", false},
		{"con.md", "is the name of a device on Windows (CON)", false},
		{"Aux", "is the name of a device on Windows (AUX)", false},
		{"lpt1.txt", "is the name of a device on Windows (LPT1)", false},
		{"console.md", "", false},
		{"com10", "", false},
	} {
		msg, urlOnly := nameProblem(tc.name)
		if (tc.want == "") != (msg == "") || !strings.HasPrefix(msg, tc.want) || urlOnly != tc.urlOnly {
			t.Errorf("nameProblem(%q) = %q, %v; want prefix %q, %v", tc.name, msg, urlOnly, tc.want, tc.urlOnly)
		}
	}
}

func TestFoldKey(t *testing.T) {
	same := [][2]string{{"Guide", "guide"}, {"café", "cafe\u0301"}, {"CAFÉ", "cafe\u0301"}, {"K", "\u212a"}, {"roles/CTO/", "roles/cto/"}}
	for _, p := range same {
		if FoldKey(p[0]) != FoldKey(p[1]) {
			t.Errorf("FoldKey(%+q) != FoldKey(%+q)", p[0], p[1])
		}
	}
	for _, p := range [][2]string{{"a", "b"}, {"cafe", "café"}, {"guide", "guides"}} {
		if FoldKey(p[0]) == FoldKey(p[1]) {
			t.Errorf("FoldKey(%q) == FoldKey(%q)", p[0], p[1])
		}
	}
	if got := FoldDifference("café", "cafe\u0301"); !strings.Contains(got, "accent") {
		t.Errorf("FoldDifference = %q", got)
	}
	if got := FoldDifference("A", "a"); !strings.HasPrefix(got, "only in case") {
		t.Errorf("FoldDifference = %q", got)
	}
}

func TestSuggestSlug(t *testing.T) {
	for in, want := range map[string]string{"c#1.md": "c-1", "#.md": "...", "a##b.md": "a-b", "#x#.md": "x", "v1.2#b.md": "v1.2-b"} {
		if got := suggestSlug(in); got != want {
			t.Errorf("suggestSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoadNames: every name problem is reported once, at the file, or at
// its folder when the name cannot be printed as a place; a slug lets a
// page keep a file name that only a URL cannot carry.
func TestLoadNames(t *testing.T) {
	fsys := fstest.MapFS{
		"content/n/c#1.md":        {Data: []byte(front)},
		"content/n/d#2.md":        {Data: []byte("+++\ntitle = \"D\"\nslug = \"d2\"\n+++\n")},
		"content/n/e#3.md":        {Data: []byte("+++\ntitle = \"E\"\nslug = \"e#3\"\n+++\n")},
		"content/n/broken#.md":    {Data: []byte("+++\ntitle = \n+++\n")},
		"content/n/Guide.md":      {Data: []byte(front)},
		"content/n/guide.md":      {Data: []byte(front)},
		"content/n/caf\xe9.md":    {Data: []byte(front)},
		"content/n/a\x1b[2J.md":   {Data: []byte(front)},
		"content/X/a.md":          {Data: []byte(front)},
		"content/x/b.md":          {Data: []byte(front)},
		"content/n/img#.png":      {Data: []byte("png")},
		"content/n/lpt1/x.md":     {Data: []byte(front)},
		"content/.git/config.md":  {Data: []byte("not a page")},
		"content/n/draft.md~":     {Data: []byte("not a page")},
		"content/n/100% sure.md":  {Data: []byte(front)},
		"content/n/-first.md":     {Data: []byte(front)},
		"content/n/with space.md": {Data: []byte(front)},
	}
	c, errs := Load(fsys, Options{})
	want := []string{
		`content/n: file name "caf\xe9.md" is not valid UTF-8; rename it`,
		`content/X: folder names "X" and "x" differ only in case, so they are one name on macOS and Windows; rename one`,
		`content/n/img#.png: file name "img#.png" has "#", which cannot appear in a URL path (it starts the fragment); rename the file`,
		`content/n: file name "a\x1b[2J.md" has the control character U+001B; rename the file`,
		`content/n/Guide.md: file names "Guide.md" and "guide.md" differ only in case, so they are one name on macOS and Windows; rename one`,
		`content/n/lpt1: folder name "lpt1" is the name of a device on Windows (LPT1), which no file there can have; rename the folder`,
		`content/n/broken#.md:2:9: invalid TOML: expected value but found '\n' instead (after key "title")`,
		`content/n/c#1.md: file name "c#1.md" has "#", which cannot appear in a URL path (it starts the fragment); rename the file or set slug = "c-1"`,
		`content/n/e#3.md:3:1: slug "e#3" must not contain spaces or any of ?#%"<>`,
	}
	got := map[string]bool{}
	for _, e := range errs {
		got[e.Error()] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing %s in\n%v", w, errs)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(errs), len(want), errs)
	}
	var clashed []string
	for _, p := range c.Clashed {
		clashed = append(clashed, p.File)
	}
	// The name left out is the one not in plain form (lower case).
	slices.Sort(clashed)
	if strings.Join(clashed, " ") != "content/X/a.md content/n/Guide.md" {
		t.Errorf("clashed %v", clashed)
	}
	if findURL(c, "n/d2/") == nil || findURL(c, "n/guide/") == nil || findURL(c, "X/") != nil || findURL(c, "x/b/") == nil {
		t.Errorf("pages wrong")
	}
}

// Every ASCII character folds as the Unicode tables fold it.
func TestASCIIFoldKey(t *testing.T) {
	for c := range utf8.RuneSelf {
		got, ok := asciiFoldKey(string(rune(c)))
		if want := string(smallestFold(rune(c))); !ok || got != want {
			t.Errorf("asciiFoldKey(%q) = %q, %t; want %q", rune(c), got, ok, want)
		}
	}
	if _, ok := asciiFoldKey("café"); ok {
		t.Error("asciiFoldKey took a name that is not ASCII")
	}
}
