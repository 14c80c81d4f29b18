package serve

import (
	"slices"
	"sync"
	"time"
)

// queue runs rebuilds one at a time, off the watcher's goroutine: saves
// made while a rebuild runs wait, merged into one set of paths, for the
// next. So a slow rebuild never makes saves pile up, and the watcher
// keeps reading file events meanwhile (the kernel's queue of them is
// short, and drops events when full).
//
// The rebuilds trust the watcher's paths to be every change (see
// build.Builder.UpdateWatched), so once a burst of saves is rebuilt and
// no other waits, the queue asks check for what the watcher missed, and
// rebuilds that too: a change the watcher did not report shows a
// moment later rather than at the next save. It asks once no save has
// come for a while (settled): a save the watcher has seen but holds back
// (it waits for a burst of events to end) would otherwise be found
// first, and rebuilt twice, once logged as missed. A save meanwhile is
// rebuilt at once.
//
// A save that comes while a rebuild runs is told to saveCame, which has
// the rebuild stop once the open pages are served; run then says so
// (again), and its paths are rebuilt with the new ones.
type queue struct {
	run      func([]string) (again bool)
	saveCame func()          // nil: the rebuild under way is not told
	check    func() []string // nil: nothing to check
	settled  func() <-chan time.Time
	wake     chan struct{} // a save came: stop waiting to settle
	mu       sync.Mutex
	// pending are the paths of the next rebuild; checkDue says check is
	// to run once they are done (once a burst, not after the rebuild of
	// what it found).
	pending  map[string]bool
	checkDue bool
	running  bool
	building bool          // run is under way
	idle     chan struct{} // closed when nothing runs; replaced when work starts
}

func newQueue(run func([]string) (again bool), check func() []string, settle time.Duration) *queue {
	idle := make(chan struct{})
	close(idle)
	return &queue{run: run, check: check, pending: map[string]bool{}, idle: idle,
		settled: func() <-chan time.Time { return time.After(settle) }, wake: make(chan struct{}, 1)}
}

// add queues paths for a rebuild and returns at once.
func (q *queue) add(paths []string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, p := range paths {
		q.pending[p] = true
	}
	if len(paths) > 0 {
		q.checkDue = true
		select {
		case q.wake <- struct{}{}:
		default: // already woken
		}
		if q.building && q.saveCame != nil {
			q.saveCame()
		}
	}
	q.start()
}

// recheck has check run as soon as no rebuild is under way: the watcher
// lost events (its queue overflowed), so any file may have changed.
func (q *queue) recheck() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.checkDue = true
	q.start()
}

// start runs the loop unless it runs already or has nothing to do.
// Called with q.mu held.
func (q *queue) start() {
	if q.running || len(q.pending) == 0 && (!q.checkDue || q.check == nil) {
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
			if q.checkDue && q.check != nil {
				select {
				case <-q.wake: // from a save rebuilt already
				default:
				}
				q.mu.Unlock()
				select {
				case <-q.settled():
				case <-q.wake:
				}
				q.mu.Lock()
				if len(q.pending) > 0 {
					q.mu.Unlock()
					continue // rebuilt first; the check is still due
				}
				q.checkDue = false
				q.mu.Unlock()
				missed := q.check()
				q.mu.Lock()
				for _, p := range missed {
					q.pending[p] = true
				}
				q.mu.Unlock()
				continue
			}
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
		q.building = true
		q.mu.Unlock()
		slices.Sort(paths)
		again := q.run(paths)
		q.mu.Lock()
		q.building = false
		if again {
			for _, p := range paths {
				q.pending[p] = true
			}
		}
		q.mu.Unlock()
	}
}

// done is closed once no rebuild runs or waits.
func (q *queue) done() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.idle
}
