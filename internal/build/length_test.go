package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/content"
)

// maxWords is the knowledge base's length when the content was last
// edited for repetition (38,584 words on 2026-11-22, by the count below):
// the edit that gave each fact one home and added the decision pages
// had to end shorter than that, and any later edit should keep it so.
const maxWords = 38584

// TestKnowledgeBaseLength counts the words of every content file's body,
// fenced code (compare blocks included) left out, and fails above
// maxWords: new pages must be paid for by linking instead of restating.
func TestKnowledgeBaseLength(t *testing.T) {
	files, _ := filepath.Glob("../../content/*/*.md")
	top, _ := filepath.Glob("../../content/*.md")
	total := 0
	for _, file := range append(files, top...) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _, err := content.Split(src)
		if err != nil {
			t.Fatal(err)
		}
		total += proseWords(string(body))
	}
	t.Logf("%d words in %d files (at most %d)", total, len(files)+len(top), maxWords)
	if total > maxWords {
		t.Errorf("the knowledge base has %d words, %d more than its ceiling of %d: link to a fact's home instead of restating it", total, total-maxWords, maxWords)
	}
}

// proseWords counts the words of Markdown outside fenced code blocks.
func proseWords(md string) int {
	n, fenced := 0, false
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced {
			n += len(strings.Fields(line))
		}
	}
	return n
}
