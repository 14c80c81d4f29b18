package diag

import "strings"

// Suggest returns the candidate nearest to word, for a "did you mean" hint,
// or "" when none is close enough to be a likely typo. A case-insensitive
// match wins, then a candidate that starts with the word (a key typed
// short); otherwise the smallest edit distance within a third of the
// word's length (at least 2), ties broken by candidate order.
func Suggest(word string, candidates []string) string {
	lw := strings.ToLower(word)
	best, bestDist := "", -1
	limit := max(2, len([]rune(word))/3)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == lw {
			return c
		}
		if lc == lw+"s" || lc == strings.TrimSuffix(lw, "y")+"ies" {
			return c // singular for plural
		}
		d := distance(lw, lc)
		if len(lw) >= 3 && strings.HasPrefix(lc, lw) {
			d = 1
		}
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean formats a hint for Suggest's answer: ` (did you mean "x"?)`, or
// "" when there is nothing to suggest.
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return ` (did you mean "` + s + `"?)`
	}
	return ""
}

// distance is the Levenshtein distance over runes, in O(len(b)) memory.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
