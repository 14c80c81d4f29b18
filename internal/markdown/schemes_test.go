package markdown

import (
	"errors"
	"strings"
	"testing"
)

func TestURLScheme(t *testing.T) {
	for in, want := range map[string]string{
		"javascript:x":        "javascript",
		"JavaScript:x":        "javascript",
		" \tjavascript:x":     "javascript",
		"\x00javascript:x":    "javascript",
		"java\tscript:x":      "javascript", // browsers drop tabs and newlines anywhere
		"java\nscript:x":      "javascript",
		"java\x00script:x":    "", // but not other controls: a path
		"%6A%61vascript:x":    "",
		"nope%2Fx:y":          "",
		"nope:x":              "nope",
		"a+b-c.d:x":           "a+b-c.d",
		"1a:x":                "",
		":x":                  "",
		"../x.md":             "",
		"x.md#a:b":            "",
		"?q=a:b":              "",
		"//example.com/a:b":   "",
		"https://example.com": "https",
		"mailto:a@b":          "mailto",
		"file:///etc/passwd":  "file",
		"c:\\x":               "c",
		"":                    "",
	} {
		if got := urlScheme(in); got != want {
			t.Errorf("urlScheme(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		dest  string
		image bool
		want  linkKind
	}{
		{"javascript:alert(1)", false, linkRefused},
		{"vbscript:x", false, linkRefused},
		{"data:text/html,x", false, linkRefused},
		{"file:///etc/passwd", false, linkRefused},
		{"data:image/png;base64,AA==", true, linkExternal},
		{"data:image/png;base64,AA==", false, linkRefused},
		{"data:image/svg+xml;base64,AA==", true, linkRefused},
		{"https://example.com", false, linkExternal},
		{"//example.com", false, linkExternal},
		{"mailto:a@b", false, linkExternal},
		{"nope:x", false, linkExternal},
		{"%6A%61vascript:alert(1)", false, linkLocal},
		{"nope%2Fx:y", false, linkLocal},
		{"../roles/cto.md#skills", false, linkLocal},
		{"#skills", false, linkLocal},
		{"javascript.md", false, linkLocal},
	} {
		if got, _ := classify(c.dest, c.image); got != c.want {
			t.Errorf("classify(%q, image=%v) = %v, want %v", c.dest, c.image, got, c.want)
		}
	}
}

// TestLinkSchemes renders each kind of link destination: what has no
// scheme is checked like any path, what runs script or reads local files
// is a warning and text, and other schemes pass.
func TestLinkSchemes(t *testing.T) {
	r := New(Options{})
	src := "[a](%6A%61vascript:alert(1)) [b](nope%2Fx:y) [c](file:///etc/passwd)\n" +
		"[d](javascript:alert(1)) [e](&#106;avascript:x) [f](nope:x) [g](ok.md) [h](https://x.y)\n" +
		"<file:///etc> ![i](data:image/svg+xml;base64,AA==) ![j](data:image/png;base64,AA==) [k](mailto:a@b)\n"
	var resolved []string
	res, errs := r.Render([]byte(src), Document{File: "f.md", BodyLine: 1, Resolve: func(l Link) (Target, error) {
		resolved = append(resolved, l.Dest)
		if l.Dest == "ok.md" {
			return Target{Href: "/ok/"}, nil
		}
		return Target{}, errors.New("broken link " + l.Dest)
	}})
	errs.Sort()
	want := `f.md:1:1: broken link %6A%61vascript:alert(1)
f.md:1:30: broken link nope%2Fx:y
f.md:1:46: warning: link to file: is not allowed and is shown as text
f.md:2:1: warning: link to javascript: is not allowed and is shown as text
f.md:2:26: warning: link to javascript: is not allowed and is shown as text
f.md:3:1: warning: link to file: is not allowed and is shown as text
f.md:3:15: warning: image from data: is not allowed unless it is a PNG, GIF, JPEG or WebP image; it is shown as its alt text`
	if got := errs.Error(); got != want {
		t.Errorf("problems:\n%s\nwant\n%s", got, want)
	}
	if got := strings.Join(resolved, " "); got != "%6A%61vascript:alert(1) nope%2Fx:y ok.md" {
		t.Errorf("resolved %s", got)
	}
	html := string(res.HTML)
	for _, s := range []string{" c\nd e ", `<a href="nope:x">f</a>`, `<a href="/ok/">g</a>`, `<a href="https://x.y" rel="noopener" class="external">h</a>`,
		"file:///etc i", `<img src="data:image/png;base64,AA==" alt="j">`, `<a href="mailto:a@b">k</a>`} {
		if !strings.Contains(html, s) {
			t.Errorf("missing %s in\n%s", s, html)
		}
	}
	for _, s := range []string{"javascript", "file:///etc/passwd", "svg", `href=""`} {
		if strings.Contains(html, s) {
			t.Errorf("%s in\n%s", s, html)
		}
	}
}
