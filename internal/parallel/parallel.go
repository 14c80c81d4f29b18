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
