package parallel

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// TestPanicReachesCaller: a panic in one piece of work comes back in the
// caller's goroutine, after every other piece has run, so the caller can
// recover it (kb reports a bug; an unrecovered panic in a worker would end
// the program).
func TestPanicReachesCaller(t *testing.T) {
	runs := map[string]func(n int, f func(i int)){
		"For":  For,
		"Each": func(n int, f func(i int)) { Each(n, func() int { return 0 }, func(_ int, i int) { f(i) }) },
	}
	for name, run := range runs {
		var done atomic.Int32
		got := func() (r any) {
			defer func() { r = recover() }()
			run(100, func(i int) {
				if i == 42 {
					panic("boom")
				}
				done.Add(1)
			})
			return nil
		}()
		if s, ok := got.(string); !ok || !strings.HasPrefix(s, "boom") || !strings.Contains(s, "in a worker goroutine") {
			t.Errorf("%s: recovered %v; want the worker's panic", name, got)
		}
		if done.Load() != 99 {
			t.Errorf("%s: %d other calls ran; want 99", name, done.Load())
		}
	}
}

// TestStartWaits: wait returns only once the work has, and raises its
// panic in the caller's goroutine.
func TestStartWaits(t *testing.T) {
	release := make(chan struct{})
	var done atomic.Bool
	wait := Start(func() {
		<-release
		done.Store(true)
	})
	close(release)
	wait()
	if !done.Load() {
		t.Error("wait returned before the work did")
	}
	got := func() (r any) {
		defer func() { r = recover() }()
		Start(func() { panic("boom") })()
		return nil
	}()
	if s, ok := got.(string); !ok || !strings.HasPrefix(s, "boom") {
		t.Errorf("recovered %v; want the work's panic", got)
	}
}

func TestValueWaits(t *testing.T) {
	release := make(chan struct{})
	wait := Value(func() int {
		<-release
		return 7
	})
	close(release)
	if got := wait(); got != 7 {
		t.Errorf("got %d, want 7", got)
	}
	if got := wait(); got != 7 {
		t.Errorf("asked again: got %d, want 7", got)
	}
}

// BenchmarkFor measures handing out small pieces of work: 10,000 calls
// that each do next to nothing, and 2,000 files stat-ed, as a preview
// rebuild checks its content files.
func BenchmarkFor(b *testing.B) {
	b.Run("tiny", func(b *testing.B) {
		out := make([]int, 10000)
		for b.Loop() {
			For(len(out), func(i int) { out[i] = i * 3 })
		}
	})
	b.Run("stat", func(b *testing.B) {
		dir := b.TempDir()
		files := make([]string, 2000)
		for i := range files {
			files[i] = filepath.Join(dir, fmt.Sprintf("f%d.md", i))
			if err := os.WriteFile(files[i], nil, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			For(len(files), func(i int) { os.Stat(files[i]) })
		}
	})
}
