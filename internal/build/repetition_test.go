package build

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kbsite/kb/internal/content"
)

// linkText is a Markdown link or wikilink: a page that names a fact in
// the words of a link to the fact's home does not restate it.
var linkText = regexp.MustCompile(`\[\[[^\]]*\]\]|\[[^\]]*\]\([^)]*\)`)

// TestRecurringFacts counts, for each fact that recurs across the
// knowledge base (testdata/recurring.tsv: a name, a pattern, and the most
// articles that may restate it), the articles whose text restates it
// outside a link. Each fact has one home and is linked from elsewhere: no
// fact may be restated in more than three articles, and each ceiling holds
// the count measured when the pages were merged, so that repetition cannot
// creep back. Lower a ceiling whenever a page stops restating a fact.
func TestRecurringFacts(t *testing.T) {
	const maxRestated = 3
	f, err := os.Open("testdata/recurring.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type fact struct {
		name    string
		re      *regexp.Regexp
		ceiling int
	}
	var facts []fact
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("recurring.tsv:%d: want name, pattern, ceiling", n)
		}
		ceiling, err := strconv.Atoi(cols[2])
		if err != nil {
			t.Fatalf("recurring.tsv:%d: %v", n, err)
		}
		if ceiling > maxRestated {
			t.Errorf("recurring.tsv:%d: a ceiling of %d; no fact may be restated in more than %d articles", n, ceiling, maxRestated)
		}
		facts = append(facts, fact{cols[0], regexp.MustCompile(cols[1]), ceiling})
	}
	files, _ := filepath.Glob("../../content/*/*.md")
	counts := make([]int, len(facts))
	for _, file := range files {
		if filepath.Base(file) == "_index.md" {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _, err := content.Split(src)
		if err != nil {
			t.Fatal(err)
		}
		text := linkText.ReplaceAllString(string(body), "")
		for i, f := range facts {
			if f.re.MatchString(text) {
				counts[i]++
			}
		}
	}
	for i, f := range facts {
		t.Logf("%-30s %2d articles (ceiling %d)", f.name, counts[i], f.ceiling)
		if counts[i] > f.ceiling {
			t.Errorf("%s is restated in %d articles, more than its ceiling of %d: link to its home instead", f.name, counts[i], f.ceiling)
		}
	}
}
