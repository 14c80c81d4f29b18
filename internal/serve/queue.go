package serve

import (
	"slices"
	"sync"
)

// queue runs rebuilds one at a time, off the watcher's goroutine: saves
// made while a rebuild runs wait, merged into one set of paths, for the
// next. So a slow rebuild never makes saves pile up, and the watcher
// keeps reading file events meanwhile (the kernel's queue of them is
// short, and drops events when full).
type queue struct {
	run     func([]string)
	mu      sync.Mutex
	pending map[string]bool
	running bool
	idle    chan struct{} // closed when nothing runs; replaced when work starts
}

func newQueue(run func([]string)) *queue {
	idle := make(chan struct{})
	close(idle)
	return &queue{run: run, pending: map[string]bool{}, idle: idle}
}

// add queues paths for a rebuild and returns at once.
func (q *queue) add(paths []string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, p := range paths {
		q.pending[p] = true
	}
	if q.running || len(q.pending) == 0 {
		return
	}
	q.running = true
	q.idle = make(chan struct{})
	go q.loop(q.idle)
}

func (q *queue) loop(idle chan struct{}) {
	for {
		q.mu.Lock()
		if len(q.pending) == 0 {
			q.running = false
			close(idle)
			q.mu.Unlock()
			return
		}
		paths := make([]string, 0, len(q.pending))
		for p := range q.pending {
			paths = append(paths, p)
		}
		clear(q.pending)
		q.mu.Unlock()
		slices.Sort(paths)
		q.run(paths)
	}
}

// done is closed once no rebuild runs or waits.
func (q *queue) done() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.idle
}
