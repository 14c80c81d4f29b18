package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]int32, n)
		For(n, func(i int) { atomic.AddInt32(&seen[i], 1) })
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

func TestEachGivesEveryIndexToOneState(t *testing.T) {
	type counter struct{ seen []int }
	states := Each(100, func() *counter { return &counter{} }, func(c *counter, i int) { c.seen = append(c.seen, i) })
	total := map[int]int{}
	for _, c := range states {
		for _, i := range c.seen {
			total[i]++
		}
	}
	if len(total) != 100 {
		t.Fatalf("%d indexes seen", len(total))
	}
	for i, n := range total {
		if n != 1 {
			t.Errorf("index %d seen %d times", i, n)
		}
	}
}
