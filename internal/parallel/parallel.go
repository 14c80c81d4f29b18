// Package parallel runs independent pieces of work on all cores. Results go
// into slots the caller indexes by i, so the outcome never depends on the
// order workers finish in.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n), on up to GOMAXPROCS goroutines, and
// returns when all calls have.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Each is For with state per goroutine: newState makes one for each, and
// f gets the state of the goroutine that runs it, so workers can keep
// scratch space or caches without locks. It returns the states, for the
// caller to merge.
func Each[S any](n int, newState func() S, f func(s S, i int)) []S {
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	states := make([]S, workers)
	var wg sync.WaitGroup
	for w := range workers {
		states[w] = newState()
		wg.Go(func() {
			for i := w; i < n; i += workers {
				f(states[w], i)
			}
		})
	}
	wg.Wait()
	return states
}
