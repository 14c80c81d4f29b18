package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		src, front, body string
		line             int
		err              error
	}{
		{"+++\ntitle = 'a'\n+++\nbody\n", "title = 'a'\n", "body\n", 4, nil},
		{"+++\n+++\n", "", "", 3, nil},
		{"+++\n+++", "", "", 3, nil},
		{"+++  \na = 1\n+++\t\n\nx", "a = 1\n", "\nx", 4, nil},
		{"+++\na = '+++'\n+++\n", "a = '+++'\n", "", 4, nil},
		{"+++\na = 1\n", "", "", 0, errUnclosed},
		{"+++", "", "", 0, errUnclosed},
		{"title = 1\n", "", "", 0, errNoFrontMatter},
		{"", "", "", 0, errNoFrontMatter},
		{"---\ntitle: yaml\n---\n", "", "", 0, errNoFrontMatter},
	} {
		front, body, line, err := Split([]byte(tc.src))
		if err != tc.err || string(front) != tc.front || string(body) != tc.body || line != tc.line {
			t.Errorf("Split(%q) = %q, %q, %d, %v; want %q, %q, %d, %v", tc.src, front, body, line, err, tc.front, tc.body, tc.line, tc.err)
		}
	}
}

func TestParseURLs(t *testing.T) {
	for _, tc := range []struct{ file, src, kind, url string }{
		{"content/_index.md", "+++\ntitle='H'\n+++\n", "home", ""},
		{"content/roles/_index.md", "+++\ntitle='R'\n+++\n", "section", "roles/"},
		{"content/roles/cto.md", "+++\ntitle='C'\n+++\n", "article", "roles/cto/"},
		{"content/roles/cto.md", "+++\ntitle='C'\nslug='chief'\n+++\n", "article", "roles/chief/"},
		{"content/a/b/c.md", "+++\ntitle='C'\n+++\n", "article", "a/b/c/"},
	} {
		p, _, errs := Parse(tc.file, []byte(tc.src), nil)
		if len(errs) > 0 || string(p.Kind) != tc.kind || p.URL != tc.url {
			t.Errorf("Parse(%s) = %s %q %v; want %s %q", tc.file, p.Kind, p.URL, errs, tc.kind, tc.url)
		}
	}
}

func TestParseCRLFAndBOM(t *testing.T) {
	p, body, errs := Parse("content/a.md", []byte("\xef\xbb\xbf+++\r\ntitle = \"A\"\r\n+++\r\nline\r\n"), nil)
	if len(errs) > 0 || p.Title != "A" || string(body) != "line\n" || p.BodyLine != 4 {
		t.Errorf("got %q %q %d %v", p.Title, body, p.BodyLine, errs)
	}
}

func TestSlugAndAliasChecks(t *testing.T) {
	for _, s := range []string{"ok", "with-dash", "é"} {
		if msg := checkSlug(s); msg != "" {
			t.Errorf("checkSlug(%q) = %q", s, msg)
		}
	}
	for _, s := range []string{"", "..", "a/b", "/abs", "http://x", "javascript:x", "a b", `a\b`, ".hidden", "con", "a|b", "a*b", "v1.", "a\x01b"} {
		if checkSlug(s) == "" {
			t.Errorf("checkSlug(%q) accepted", s)
		}
	}
	for _, a := range []string{"/old/", "old/path", "old.html", "/a/b/c/"} {
		if msg := checkAlias(a); msg != "" {
			t.Errorf("checkAlias(%q) = %q", a, msg)
		}
	}
	for _, a := range []string{"/", "", "../x", "/a/../../b", "https://x.org/", "//host/x", `C:\x`, `a\b`, "mailto:x", "a b", "/con/", "/old/a|b/", "/v1./x/", "/a\tb/"} {
		if checkAlias(a) == "" {
			t.Errorf("checkAlias(%q) accepted", a)
		}
	}
	p, _, errs := Parse("content/a.md", []byte("+++\ntitle = \"A\"\naliases = [\"/ok/\", \"../bad/\", \"/con/\"]\n+++\n"), nil)
	if len(errs) != 2 || strings.Join(p.Aliases, " ") != "/ok/" {
		t.Errorf("aliases %q, problems %v: an unusable alias must be left out", p.Aliases, errs)
	}
	if got := AliasPath("/old/setup/"); got != "old/setup/index.html" {
		t.Errorf("AliasPath = %q", got)
	}
}

func TestInvalidUTF8Place(t *testing.T) {
	_, _, errs := Parse("content/a.md", []byte("+++\ntitle='A'\n+++\nab\ncdé\xffx"), nil)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "content/a.md:5:4: file is not valid UTF-8") {
		t.Errorf("got %v", errs)
	}
}

// FuzzSplit: the front matter splitter never panics, and what it returns
// is a part of the input.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"+++\na=1\n+++\nbody", "+++", "+++\n", "+++\n+++", "x\n+++\n+++"} {
		f.Add(s)
	}
	for _, s := range frontMatterSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		front, body, line, err := Split([]byte(src))
		if err != nil {
			return
		}
		if !strings.Contains(src, string(front)) || !strings.HasSuffix(src, string(body)) || line < 3 {
			t.Errorf("Split(%q) = %q, %q, %d", src, front, body, line)
		}
	})
}

// FuzzParse: reading any page never panics, and every problem has a place.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"+++\ntitle='a'\ndate=2024-01-01\n[[sources]]\ntitle='s'\n+++\n", "+++\ntitle=1\ntags='x'\n+++", "+++\n[params]\na.b=1\n+++"} {
		f.Add(s)
	}
	for _, s := range frontMatterSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, _, errs := Parse("content/s/p.md", []byte(src), []string{"tags", "roles"})
		for _, d := range errs {
			if d.File != "content/s/p.md" || d.Line < 1 {
				t.Errorf("problem without a place: %v", d)
			}
		}
	})
}

// tomlValues are a value of every TOML type, and the odd ones of each
// (a time of day alone, year 0, an offset past 9999 in UTC).
var tomlValues = []string{
	`"s"`, `""`, `" "`, `'lit'`, `"""multi\nline"""`, "1", "-1", "9223372036854775807", "1.5", "inf", "nan",
	"true", "false", "07:32:00", "00:00:00", "2024-01-02", "0000-01-01", "9999-12-31",
	"2024-01-02T03:04:05", "2024-01-02T03:04:05Z", "9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00",
	"[]", `["a", "b"]`, "[1, [2]]", `[{ title = "t" }]`, `[{ title = 1, date = 00:00:00 }]`, "{}", "{ a = 1 }", `{ id = "x", label = "y" }`,
}

// frontMatterSeeds put every TOML type in every known key, as a value,
// as an inline table and as [[key]] sections, and add the slugs and
// aliases that break a URL or a checkout.
func frontMatterSeeds() []string {
	keys := append(append([]string{}, knownKeys...), "tags", "roles")
	var out []string
	for _, k := range keys {
		for _, v := range tomlValues {
			out = append(out, "+++\ntitle = \"T\"\n"+k+" = "+v+"\n+++\nbody\n")
		}
		out = append(out, "+++\n[["+k+"]]\ntitle = 1\ndate = 00:00:00\nid = \"x\"\n[["+k+"]]\nurl = \"ftp://x\"\n+++\n")
		out = append(out, "+++\n["+k+"]\na = 1\nb.c = 2\n+++\n")
	}
	for _, s := range []string{"c#1", "con", ".hidden", "v1.", "a|b", "a\tb", "Guide", "café", "cafe\u0301", "-x", "100%"} {
		out = append(out, "+++\ntitle = \"T\"\nslug = \""+s+"\"\naliases = [\"/"+s+"/\", \"/x/"+s+"/\"]\n+++\n")
	}
	return out
}

// FuzzNames: a file or folder of any name, as content.Load meets it,
// never panics, and every problem has a place a terminal prints as it is
// (no control character), naming the file or a folder above it.
func FuzzNames(f *testing.F) {
	for _, n := range []string{"c#1.md", "what?.md", "a:b.md", `a\b.md`, "a<b>.md", "a|b.md", "a*b.md", `a"b.md`,
		"tab\there.md", "esc\x1b[2J.md", "con.md", "v1./x.md", "caf\xe9.md", "x/caf\xe9/y.md", "Guide.md", "cafe\u0301.md",
		"-x.md", ".hidden.md", "x~", "100% sure.md", "img#1.png", "a/b/c.md", "_index.md", "x/_index.md"} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := Dir + "/" + name
		if !fs.ValidPath(p) {
			return
		}
		fsys := fstest.MapFS{
			p:                      {Data: []byte("+++\ntitle = \"T\"\n+++\n")},
			"content/guide.md":     {Data: []byte("+++\ntitle = \"G\"\n+++\n")},
			"content/caf\u00e9.md": {Data: []byte("+++\ntitle = \"C\"\n+++\n")},
		}
		_, errs := Load(fsys, Options{})
		for _, d := range errs {
			_, isFile := fsys[d.File]
			if !(strings.HasPrefix(p, d.File) || isFile) || strings.ContainsFunc(d.File, isControl) || !utf8.ValidString(d.File) {
				t.Errorf("problem at %q: %v", d.File, d)
			}
		}
	})
}

// TestPagesKeyed: every page Load gives, parsed or made for a folder,
// whole or broken, carries the keys of its title and URL as they are.
func TestPagesKeyed(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":            {Data: []byte("+++\ntitle = \"Home Ünïcode\"\n+++\n")},
		"content/Roles/CTO.md":         {Data: []byte("+++\ntitle = \"The CTO\"\nslug = \"Chief\"\n+++\n")},
		"content/Roles/Broken.md":      {Data: []byte("+++\ntitle = \n+++\n")},
		"content/Deep/Er/Leaf-Page.md": {Data: []byte("+++\ntitle = \"ÉCOLE\"\n+++\n")},
	}
	c, _ := Load(fsys, Options{})
	if c == nil || len(c.Pages) < 5 {
		t.Fatalf("loaded %v", c)
	}
	for _, p := range append(c.Pages, c.Drafts...) {
		if p.TitleKey != strings.ToLower(p.Title) || p.URLFold != FoldKey(p.URL) {
			t.Errorf("%s (%q at %q): keys %q and %q", p.File, p.Title, p.URL, p.TitleKey, p.URLFold)
		}
	}
}
