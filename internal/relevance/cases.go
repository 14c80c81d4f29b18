// Package relevance is the measure of search relevance: the reader
// questions of internal/search/testdata/queries.tsv and cases made from
// the site's article titles, and how the pages a search engine returns
// for them score. kb's own search is held to it by a test of
// internal/serve, and compared with Pagefind on it by
// scripts/searchcompare, so that both use the same cases.
package relevance

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/build"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/search"
)

// Case is a query and the pages a good answer starts at.
type Case struct {
	Kind, Query string
	Want        []string // page paths, any of which counts
	// Within, when not 0, is the rank the answer must be at or above: a
	// core query, which the relevance test fails on.
	Within int
}

// Kinds are the kinds of case, in the order results are reported.
var Kinds = []string{"question", "unique title word", "one typo", "first four letters", "two title words"}

// Cases are the questions of queries, a file in the form of
// queries.tsv (a query, a tab, and the paths of the pages that answer it
// separated by "|", and for a core query a tab and the rank the answer
// must be at or above; blank lines and "#" comments skipped), and cases
// generated from the titles of the articles of res: a word unique to one
// title, the same word with one typo, its first four letters, and two
// title words.
func Cases(queries io.Reader, res *build.Result) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(queries)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, want, ok := strings.Cut(line, "\t")
		var err error
		if !ok {
			return nil, fmt.Errorf("bad query line %q", line)
		}
		want, within, core := strings.Cut(want, "\t")
		c := Case{Kind: "question", Query: q, Want: strings.Split(want, "|")}
		if core {
			if c.Within, err = strconv.Atoi(within); err != nil || c.Within < 1 {
				return nil, fmt.Errorf("bad rank in query line %q", line)
			}
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	titleWords := map[string]int{}
	var articles []*content.Page
	for _, p := range res.Site.Pages {
		if p.Kind == content.Article {
			articles = append(articles, p.Page)
			seen := map[string]bool{}
			for _, tk := range search.Tokens(p.Title) {
				if !seen[tk.Word] {
					titleWords[tk.Word]++
					seen[tk.Word] = true
				}
			}
		}
	}
	for _, p := range articles {
		url := "/" + p.URL
		var plain []string
		for _, tk := range search.Tokens(p.Title) {
			if !search.IsStop(tk.Word) {
				plain = append(plain, tk.Word)
			}
		}
		for _, w := range plain {
			if titleWords[w] == 1 && len(w) >= 5 {
				typo := w[:2] + w[3:] // a letter dropped
				cases = append(cases,
					Case{Kind: "unique title word", Query: w, Want: []string{url}},
					Case{Kind: "one typo", Query: typo, Want: []string{url}},
					Case{Kind: "first four letters", Query: w[:4], Want: []string{url}})
				break
			}
		}
		if len(plain) >= 2 {
			cases = append(cases, Case{Kind: "two title words", Query: plain[0] + " " + plain[1], Want: []string{url}})
		}
	}
	return cases, nil
}
