package build

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// figureRE finds what the claims ledger must account for: percentages
// and ranges of them, dollar amounts, numeric ranges, and headcounts.
// Dates (2026-11-22) are not figures.
var figureRE = regexp.MustCompile(`\$[0-9][0-9,.]*[kKmM]?(?:\s?[-–]\s?\$?[0-9][0-9,.]*[kKmM]?)?|[0-9]+(?:\.[0-9]+)?(?:\s?[-–]\s?[0-9]+(?:\.[0-9]+)?)?\s?%|[0-9]+(?:\s?[-–]\s?[0-9]+)?\+? (?:engineers|people|employees|developers|persons?|staff|reports)\b|\b[0-9]+\s?[-–]\s?[0-9]+\b`)

// dateRE is a TOML or ISO date, which figureRE's ranges would catch.
var dateRE = regexp.MustCompile(`\b[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?\b`)

// claim is one row of docs/claims/*.tsv.
type claim struct {
	page, figure, claim, source, section string
	line                                 int
	at                                   string // where the row is, for messages
}

// readClaims reads every ledger file under dir.
func readClaims(t *testing.T, dir string) []claim {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if len(files) == 0 {
		t.Fatalf("no claims ledger in %s", dir)
	}
	var out []claim
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for n := 1; sc.Scan(); n++ {
			cols := strings.Split(sc.Text(), "\t")
			if n == 1 || strings.TrimSpace(sc.Text()) == "" {
				continue // the header
			}
			at := filepath.Base(f) + ":" + strconv.Itoa(n)
			if len(cols) != 6 {
				t.Errorf("%s: %d columns, want page, line, figure, claim, source, section", at, len(cols))
				continue
			}
			line, err := strconv.Atoi(cols[1])
			if err != nil {
				t.Errorf("%s: line %q is not a number", at, cols[1])
			}
			out = append(out, claim{page: cols[0], line: line, figure: cols[2], claim: cols[3], source: cols[4], section: cols[5], at: at})
		}
		fh.Close()
	}
	return out
}

// TestClaimsLedger holds the knowledge base to its ledger of claims
// (docs/claims/*.tsv): every figure an article or section page carries
// (a percentage, a dollar amount, a numeric range, a headcount) has a
// row naming its source, and every row names a page that still carries
// its figure, its source (one of the five, EXT:NAME for a work beyond
// them cited on the page, or OURS for reasoning marked as ours on the
// page), and the place in the source.
func TestClaimsLedger(t *testing.T) {
	claims := readClaims(t, "../../docs/claims")
	sources := []string{"KDE", "CTORANK", "PAA", "KUIZINAS", "ARTSY", "OURS"}
	byPage := map[string][]claim{}
	for _, c := range claims {
		if !slices.Contains(sources, c.source) && !strings.HasPrefix(c.source, "EXT:") {
			t.Errorf("%s: source %q is not one of %v, nor EXT:NAME for a work beyond them", c.at, c.source, sources)
		}
		if c.claim == "" || c.section == "" {
			t.Errorf("%s: a row needs what it claims and where in the source", c.at)
		}
		byPage[c.page] = append(byPage[c.page], c)
	}
	pages, _ := filepath.Glob("../../content/*/*.md")
	top, _ := filepath.Glob("../../content/*.md")
	for _, p := range append(pages, top...) {
		rel := strings.TrimPrefix(filepath.ToSlash(p), "../../")
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		for i, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "://") {
				continue // a URL's digits are not figures
			}
			line = dateRE.ReplaceAllString(line, "")
			for _, fig := range figureRE.FindAllString(line, -1) {
				if !covered(byPage[rel], fig) {
					t.Errorf("%s:%d: figure %q is in no row of docs/claims/*.tsv for this page: add its source, or take it out", rel, i+1, fig)
				}
			}
		}
		for _, c := range byPage[rel] {
			if c.figure != "-" && !strings.Contains(text, c.figure) {
				t.Errorf("%s: %s no longer carries %q", c.at, rel, c.figure)
			}
		}
		delete(byPage, rel)
	}
	for page, rows := range byPage {
		t.Errorf("%s: page %s does not exist", rows[0].at, page)
	}
}

// covered says whether a ledger row of the page accounts for fig: the
// row's figure holds it ("upwards of 70%" holds "70%") or is held by it
// ("30-60" is the figure of "30-60 engineers").
func covered(rows []claim, fig string) bool {
	norm := func(s string) string { return strings.NewReplacer("–", "-", " ", "").Replace(s) }
	f := norm(fig)
	for _, c := range rows {
		g := norm(c.figure)
		if g != "-" && g != "" && (strings.Contains(g, f) || strings.Contains(f, g)) {
			return true
		}
	}
	return false
}
