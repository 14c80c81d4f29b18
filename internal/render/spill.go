package render

import (
	"os"
	"sync/atomic"
)

// SpillBudget is how much rendered HTML a build keeps on the heap before
// it spills the rest to a scratch file. Sites of up to some 25,000 pages
// stay under it.
const SpillBudget = 256 << 20

// Spill holds rendered HTML in a scratch file instead of on the heap, once
// the HTML kept on the heap passes a budget. Every page's HTML must wait
// until the link graph is complete before its layout can run; on a large
// site that is a gigabyte, and with it off the heap the garbage collector
// has room to run less often under the memory limit. The file's pages
// stay in the kernel's cache, which it can reclaim. The file is unlinked
// as soon as it is made, so it leaves nothing behind even if kb is killed.
type Spill struct {
	f        *os.File
	end      atomic.Int64 // where the next spilled page's HTML goes
	rendered atomic.Int64 // bytes of HTML rendered so far; past budget, pages spill
	budget   int64
}

// NewSpill makes a scratch file in dir; spilling is only a saving, so on
// any error there is none (nil) and every page stays on the heap. Close
// it when the build is done.
func NewSpill(dir string, budget int64) *Spill {
	f, err := os.CreateTemp(dir, ".kb-spill-*")
	if err != nil {
		return nil
	}
	if err := os.Remove(f.Name()); err != nil { // a system that cannot unlink an open file
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	return &Spill{f: f, budget: budget}
}

// keep moves b's HTML to the file once the heap holds the budget's worth;
// a page whose write fails keeps its HTML on the heap. A body whose HTML
// waits in the memo file it was reused from counts towards the budget
// without moving: Spilled says how large the site's HTML is, whatever
// the build rendered again (an edited build at 100,000 pages renders
// few bodies, and must still run the search index in turn).
func (sp *Spill) keep(b *Body) {
	if sp == nil {
		return
	}
	if len(b.html) == 0 {
		sp.rendered.Add(int64(b.held.size))
		return
	}
	if sp.rendered.Add(int64(len(b.html))) <= sp.budget {
		return
	}
	at := sp.end.Add(int64(len(b.html))) - int64(len(b.html))
	if _, err := sp.f.WriteAt(b.html, at); err != nil {
		return
	}
	b.held = heldHTML{in: sp.f, at: at, size: len(b.html)}
	b.html = nil
}

// Spilled says whether the build's HTML passed the budget: a site large
// enough that the build is short of memory.
func (sp *Spill) Spilled() bool {
	return sp != nil && sp.rendered.Load() > sp.budget
}

// Close releases the file, and with it the space it took.
func (sp *Spill) Close() {
	if sp != nil {
		sp.f.Close()
	}
}
