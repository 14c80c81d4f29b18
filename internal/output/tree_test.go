package output

import (
	"fmt"
	"math/rand/v2"
	"path"
	"strings"
	"testing"
)

// TestReserveAsByDefinition reserves random paths, whose names differ
// in case and nest in each other, and checks each answer against the
// definition of a clash worked out plainly over every path taken
// before: the same path, a file where a folder is needed or the
// reverse, or a path or folder that differs from another only in case.
// The tree grows its maps (see Grow) at a random point on the way.
func TestReserveAsByDefinition(t *testing.T) {
	names := []string{"a", "A", "b", "B", "index.html", "Index.html"}
	last := map[string][]byte{}
	for i := range 100 {
		last[fmt.Sprint(i)] = nil
	}
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 1))
		tree := NewTree(NewMemory(last))
		growAt := rng.IntN(40)
		var taken []string
		for i := range 40 {
			if i == growAt {
				tree.Grow()
			}
			parts := make([]string, 1+rng.IntN(4))
			for i := range parts {
				parts[i] = names[rng.IntN(len(names))]
			}
			p := strings.Join(parts, "/")
			want := !clashesByDefinition(p, taken)
			if got := tree.Reserve(p, Place{File: p}); got != want {
				t.Fatalf("seed %d: Reserve(%q) after %q = %v, by definition %v", seed, p, taken, got, want)
			}
			if want {
				taken = append(taken, p)
			}
		}
	}
}

// clashesByDefinition says whether p cannot be added to taken.
func clashesByDefinition(p string, taken []string) bool {
	prefixes := func(q string) []string { // q and every folder above it
		var out []string
		for ; q != "."; q = path.Dir(q) {
			out = append(out, q)
		}
		return out
	}
	for _, q := range taken {
		if q == p {
			return true
		}
		for _, dir := range prefixes(path.Dir(q)) {
			if dir == p { // p would be a file where q needs a folder
				return true
			}
		}
		for _, dir := range prefixes(path.Dir(p)) {
			if dir == q { // p needs a folder where q is a file
				return true
			}
		}
		for _, a := range prefixes(p) {
			for _, b := range prefixes(q) {
				if a != b && strings.EqualFold(a, b) {
					return true
				}
			}
		}
	}
	return false
}
