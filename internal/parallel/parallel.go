// Package parallel runs independent pieces of work on all cores. Results go
// into slots the caller indexes by i, so the outcome never depends on the
// order workers finish in. A panic in a piece of work is raised again in
// the caller's goroutine once every worker has stopped, where the caller
// can recover it: a bug in kb is then reported as one (exit code 3), not a
// crash of the whole program.
package parallel

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i in [0, n), on up to GOMAXPROCS goroutines, and
// returns when all calls have. Each worker takes the next index from a
// counter. Handed out through a channel, each index woke a goroutine:
// on two cores, 2,000 files took 3.6 ms to stat that way and 1.9 ms this
// way, and 10,000 calls doing next to nothing 0.93 ms against 0.12 ms
// (BenchmarkFor); 10,000 content files, 25 ms against 14.5 ms.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	var p panicked
	var next atomic.Int64
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				p.run(func() { f(i) })
			}
		})
	}
	wg.Wait()
	p.raise()
}

// Each is For with state per goroutine: newState makes one for each, and
// f gets the state of the goroutine that runs it, so workers can keep
// scratch space or caches without locks. It returns the states, for the
// caller to merge.
func Each[S any](n int, newState func() S, f func(s S, i int)) []S {
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	states := make([]S, workers)
	var wg sync.WaitGroup
	var p panicked
	for w := range workers {
		states[w] = newState()
		wg.Go(func() {
			for i := w; i < n; i += workers {
				p.run(func() { f(states[w], i) })
			}
		})
	}
	wg.Wait()
	p.raise()
	return states
}

// Start calls f in a goroutine of its own, beside the caller's work, and
// returns wait, which returns when f has and raises its panic, if any, in
// the caller's goroutine. The caller must call wait.
func Start(f func()) (wait func()) {
	var p panicked
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.run(f)
	}()
	return func() {
		<-done
		p.raise()
	}
}

// Value calls f in a goroutine of its own, as Start does, and returns a
// function that waits for f and returns its value.
func Value[T any](f func() T) (wait func() T) {
	var v T
	done := Start(func() { v = f() })
	return func() T {
		done()
		return v
	}
}

// panicked keeps the first panic of a run's workers, with the worker's
// stack, which the caller's goroutine does not show.
type panicked struct {
	once sync.Once
	msg  string
	hit  bool
}

// run calls f, recording a panic instead of letting it end the program;
// the worker goes on with the rest, so that every other call still
// happens and the run ends.
func (p *panicked) run(f func()) {
	defer func() {
		if r := recover(); r != nil {
			p.once.Do(func() { p.hit, p.msg = true, fmt.Sprintf("%v\n\nin a worker goroutine:\n%s", r, debug.Stack()) })
		}
	}()
	f()
}

// raise panics with the first recorded panic, if any.
func (p *panicked) raise() {
	if p.hit {
		panic(p.msg)
	}
}
