package content

import (
	"strings"
	"testing"
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
		p, errs := Parse(tc.file, []byte(tc.src), nil)
		if len(errs) > 0 || string(p.Kind) != tc.kind || p.URL != tc.url {
			t.Errorf("Parse(%s) = %s %q %v; want %s %q", tc.file, p.Kind, p.URL, errs, tc.kind, tc.url)
		}
	}
}

func TestParseCRLFAndBOM(t *testing.T) {
	p, errs := Parse("content/a.md", []byte("\xef\xbb\xbf+++\r\ntitle = \"A\"\r\n+++\r\nline\r\n"), nil)
	if len(errs) > 0 || p.Title != "A" || string(p.Body) != "line\n" || p.BodyLine != 4 {
		t.Errorf("got %q %q %d %v", p.Title, p.Body, p.BodyLine, errs)
	}
}

func TestSlugAndAliasChecks(t *testing.T) {
	for _, s := range []string{"ok", "with-dash", "é"} {
		if msg := checkSlug(s); msg != "" {
			t.Errorf("checkSlug(%q) = %q", s, msg)
		}
	}
	for _, s := range []string{"", "..", "a/b", "/abs", "http://x", "javascript:x", "a b", `a\b`} {
		if checkSlug(s) == "" {
			t.Errorf("checkSlug(%q) accepted", s)
		}
	}
	for _, a := range []string{"/old/", "old/path", "old.html", "/a/b/c/"} {
		if msg := checkAlias(a); msg != "" {
			t.Errorf("checkAlias(%q) = %q", a, msg)
		}
	}
	for _, a := range []string{"/", "", "../x", "/a/../../b", "https://x.org/", "//host/x", `C:\x`, `a\b`, "mailto:x", "a b"} {
		if checkAlias(a) == "" {
			t.Errorf("checkAlias(%q) accepted", a)
		}
	}
	if got := AliasPath("/old/setup/"); got != "old/setup/index.html" {
		t.Errorf("AliasPath = %q", got)
	}
}

func TestInvalidUTF8Place(t *testing.T) {
	_, errs := Parse("content/a.md", []byte("+++\ntitle='A'\n+++\nab\ncdé\xffx"), nil)
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
	f.Fuzz(func(t *testing.T, src string) {
		_, errs := Parse("content/s/p.md", []byte(src), []string{"tags", "roles"})
		for _, d := range errs {
			if d.File != "content/s/p.md" || d.Line < 1 {
				t.Errorf("problem without a place: %v", d)
			}
		}
	})
}
