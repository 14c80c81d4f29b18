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
// so the rule must stay stable. Ids the theme's layouts use (the skip
// link's target, say) are taken from the start, so a heading never
// duplicates one: a heading "Main" gets "main-1" where the theme has
// id="main".
type ids struct {
	// used maps each id given out to the line of its heading, 0 for a
	// reserved id.
	used map[string]int
	// next is the suffix to try first for a base: without it, the n-th
	// "## Notes" would try n-1 suffixes, and a page of repeated headings
	// would cost the square of its length.
	next map[string]int
}

func newIDs(reserved []string) *ids {
	s := &ids{used: make(map[string]int, len(reserved)), next: map[string]int{}}
	for _, id := range reserved {
		s.used[id] = 0
	}
	return s
}

// Generate makes the id of a heading whose text (as written) is value.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(s.generate(string(value), 0))
}

func (s *ids) generate(text string, line int) string {
	base := Slugify(text)
	if base == "" {
		base = "section"
	}
	id := base
	if _, taken := s.used[id]; taken {
		n := max(s.next[base], 1)
		for {
			id = base + "-" + strconv.Itoa(n)
			if _, taken := s.used[id]; !taken {
				break
			}
			n++
		}
		s.next[base] = n + 1
	}
	s.used[id] = line
	return id
}

// Put records an id an author set.
func (s *ids) Put(value []byte) { s.put(string(value), 0) }

func (s *ids) put(id string, line int) { s.used[id] = line }

// owner says whether id is taken, and by the heading on which line (0 for
// a reserved id).
func (s *ids) owner(id string) (line int, taken bool) {
	line, taken = s.used[id]
	return line, taken
}

// Slugify is the heading id rule, GitHub's, so that a link such as
// "cto.md#what-a-cto-does" works both on the site and when the Markdown is
// read on GitHub: lowercase; letters, digits, "-" and "_" kept; each space a
// "-"; everything else dropped. "What a CTO Does (Really)" becomes
// "what-a-cto-does-really".
func Slugify(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(text)) {
		switch {
		case idRune(r):
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// idRune says whether r may stand in a heading id: what Slugify keeps, so
// that an id an author sets looks like one kb makes, needs no escaping in
// a URL's fragment or a CSS selector, and survives copying.
func idRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_'
}
