package search

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// commonCorpus is a corpus with one stem common enough to carry records
// in its home shard ("hire", in every page, some titles and second
// sections among them) and one that is not ("budget", in ten pages).
// Its index is testdata/common-index.json, which search_test.js queries.
func commonCorpus() []Doc {
	var docs []Doc
	for i := range 40 {
		d := Doc{Title: fmt.Sprintf("Note %d", i), URL: fmt.Sprintf("/notes/%d/", i), Section: "Notes"}
		if i%7 == 3 {
			d.Title = fmt.Sprintf("Hiring note %d", i)
		}
		intro := "Plans for the quarter, " + strings.Repeat("hiring and ", 1+i%5) + "reviews."
		if i%4 == 0 {
			intro += " The budget is set."
		}
		d.Sections = []Section{{Text: intro}}
		if i%3 == 0 {
			d.Sections = append(d.Sections, Section{Anchor: "loops", Heading: "Loops", Text: "Hiring loops, hiring bars."})
		}
		docs = append(docs, d)
	}
	return docs
}

// TestInlineRecords: a common stem's home shard carries the records of
// its best pages' best sections, one per page, as the records files hold
// them; a rare stem's shard and the typo shards carry none.
func TestInlineRecords(t *testing.T) {
	var ix Index
	for _, d := range commonCorpus() {
		ix.Add(d)
	}
	files := inflated(t, ix.Files())
	var meta struct{ RS int }
	if err := json.Unmarshal(files["search/meta.json"], &meta); err != nil {
		t.Fatal(err)
	}
	carried := func(name string) [][]any {
		var s struct{ R [][]any }
		if err := json.Unmarshal(files[name], &s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return s.R
	}
	recs := carried("search/k/hir.json")
	if len(recs) != InlinePages {
		t.Fatalf("k/hir.json carries %d records, want %d: %v", len(recs), InlinePages, recs)
	}
	pages := map[string]bool{}
	for _, r := range recs {
		id := int(r[0].(float64))
		var file [][]string
		if err := json.Unmarshal(files[fmt.Sprintf("search/r/%d.json.gz", id/meta.RS)], &file); err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprint(r[1:]), fmt.Sprint(file[id%meta.RS]); got != want {
			t.Errorf("section %d carried as %s, its records file has %s", id, got, want)
		}
		page := strings.Split(r[2].(string), "#")[0]
		if pages[page] {
			t.Errorf("two records of %s carried", page)
		}
		pages[page] = true
	}
	// The titled pages rank first for their title's word.
	for _, p := range []string{"/notes/3/", "/notes/10/", "/notes/17/"} {
		if !pages[p] {
			t.Errorf("%s, titled with the word, not carried: %v", p, pages)
		}
	}
	for name := range files {
		if (strings.HasPrefix(name, "search/t/") || name == "search/k/bud.json") && carried(name) != nil {
			t.Errorf("%s carries records", name)
		}
	}
}
