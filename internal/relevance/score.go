package relevance

import "fmt"

// Score is how an engine did on the cases of one kind.
type Score struct {
	N, Top         int // cases, and those answered in the top three
	ReciprocalRank float64
}

// Top3 is the share of cases whose answer is among the first three
// results.
func (s Score) Top3() float64 { return float64(s.Top) / float64(max(1, s.N)) }

// MRR is the mean reciprocal rank of the answer.
func (s Score) MRR() float64 { return s.ReciprocalRank / float64(max(1, s.N)) }

// rank is the 1-based place of the first wanted page in results, 0 if
// none is there.
func rank(c Case, results []string) int {
	for i, r := range results {
		for _, w := range c.Want {
			if r == w {
				return i + 1
			}
		}
	}
	return 0
}

// Scores scores results, got[i] the page paths returned for cases[i],
// by kind of case.
func Scores(cases []Case, got [][]string) map[string]Score {
	scores := map[string]Score{}
	for i, c := range cases {
		s := scores[c.Kind]
		s.N++
		if r := rank(c, got[i]); r > 0 {
			s.ReciprocalRank += 1 / float64(r)
			if r <= 3 {
				s.Top++
			}
		}
		scores[c.Kind] = s
	}
	return scores
}

// CoreFailures describes the core cases (see Case.Within) whose answer
// is not at or above the rank they must be at.
func CoreFailures(cases []Case, got [][]string) []string {
	var out []string
	for i, c := range cases {
		if r := rank(c, got[i]); c.Within > 0 && (r == 0 || r > c.Within) {
			out = append(out, fmt.Sprintf("%q: want %v at rank %d or above, got rank %d of %v", c.Query, c.Want, c.Within, r, got[i][:min(c.Within+2, len(got[i]))]))
		}
	}
	return out
}

// Failures describes the cases whose answer is not in the top three.
func Failures(cases []Case, got [][]string) []string {
	var out []string
	for i, c := range cases {
		if r := rank(c, got[i]); r == 0 || r > 3 {
			top := got[i][:min(3, len(got[i]))]
			out = append(out, fmt.Sprintf("%s %q: want %v, got %v", c.Kind, c.Query, c.Want, top))
		}
	}
	return out
}
