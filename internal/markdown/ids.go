package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading ids from heading text, unique within one page: the
// text lowercased, letters and digits kept, runs of anything else one "-";
// a repeat gets "-1", "-2" in order. Anchors written by hand link to them,
// so the rule must stay stable.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for n := 1; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// Slugify is the heading id rule, GitHub's, so that a link such as
// "cto.md#what-a-cto-does" works both on the site and when the Markdown is
// read on GitHub: lowercase; letters, digits, "-" and "_" kept; each space a
// "-"; everything else dropped. "What a CTO Does (Really)" becomes
// "what-a-cto-does-really".
func Slugify(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
