package content

import (
	"strings"
	"testing"
)

// TestYAMLFrontMatter checks that a page with YAML front matter gets one
// error that shows its first keys as TOML.
func TestYAMLFrontMatter(t *testing.T) {
	src := "---\ntitle: \"CTO: a profile\"\ndate: 2015-05-07\ntags: [cto, titles]\nauthor:\n  name: A\ndraft: false\nweight: 3\n---\nBody.\n"
	_, _, errs := Parse("content/a.md", []byte(src), nil)
	if len(errs) != 1 {
		t.Fatalf("%d problems, want 1: %v", len(errs), errs)
	}
	msg := errs[0].Error()
	for _, want := range []string{
		"content/a.md:1:1:", "front matter is YAML",
		"+++\ntitle = \"CTO: a profile\"\ndate = 2015-05-07\ntags = [\"cto\", \"titles\"]\ndraft = false\n# ... and the other keys the same way\n+++",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if _, _, errs := Parse("content/b.md", []byte("Just text.\n"), nil); len(errs) != 1 || strings.Contains(errs[0].Error(), "YAML") {
		t.Errorf("a page with no front matter: %v", errs)
	}
}
