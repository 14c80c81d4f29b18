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
	file                                 string // the ledger file, and the row's line in it
	row                                  int
	at                                   string // the same, for messages
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
			out = append(out, claim{page: cols[0], line: line, figure: cols[2], claim: cols[3], source: cols[4], section: cols[5], file: f, row: n, at: at})
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
// page), and the place in the source. A row's figure must be on the
// row's line; after an edit moves lines, go test -run TestClaimsLedger
// -update rewrites the line numbers (to the nearest line that carries
// the figure) instead of failing.
func TestClaimsLedger(t *testing.T) {
	claims := readClaims(t, "../../docs/claims")
	moved := map[*claim]int{}
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
		lines := strings.Split(text, "\n")
		for i := range byPage[rel] {
			c := &byPage[rel][i]
			if c.figure == "-" {
				continue
			}
			at := nearestLine(lines, c.figure, c.line)
			switch {
			case at == 0:
				t.Errorf("%s: %s no longer carries %q", c.at, rel, c.figure)
			case at != c.line && *update:
				moved[c] = at
			case at != c.line:
				t.Errorf("%s: %q is on line %d of %s, not %d: run go test ./internal/build -run TestClaimsLedger -update", c.at, c.figure, at, rel, c.line)
			}
		}
		delete(byPage, rel)
	}
	for page, rows := range byPage {
		t.Errorf("%s: page %s does not exist", rows[0].at, page)
	}
	if len(moved) > 0 {
		renumberClaims(t, moved)
	}
}

// nearestLine is the 1-based number of the line nearest to want that
// carries fig, or 0 if none does.
func nearestLine(lines []string, fig string, want int) int {
	best := 0
	for i, l := range lines {
		if strings.Contains(l, fig) && (best == 0 || abs(i+1-want) < abs(best-want)) {
			best = i + 1
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// renumberClaims writes the new line numbers of the moved rows into
// their ledger files.
func renumberClaims(t *testing.T, moved map[*claim]int) {
	t.Helper()
	byFile := map[string]map[int]int{}
	for c, line := range moved {
		if byFile[c.file] == nil {
			byFile[c.file] = map[int]int{}
		}
		byFile[c.file][c.row] = line
	}
	for file, rows := range byFile {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for row, line := range rows {
			cols := strings.Split(lines[row-1], "\t")
			cols[1] = strconv.Itoa(line)
			lines[row-1] = strings.Join(cols, "\t")
		}
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: renumbered %d rows", file, len(rows))
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
