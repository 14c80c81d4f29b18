package build

import "github.com/kbsite/kb/internal/output"

// treeGate hands the output tree, and how the build keeps its last
// files, to a stage that starts before they exist: the search index
// starts as soon as the pages are rendered, and its files wait for the
// tree, which the link errors choose too (a failing build writes
// nowhere).
type treeGate struct {
	ready chan struct{}
	out   *output.Tree
	reuse *outputReuse
}

func newTreeGate() *treeGate { return &treeGate{ready: make(chan struct{})} }

// open hands over the tree; once only.
func (g *treeGate) open(out *output.Tree, reuse *outputReuse) {
	g.out, g.reuse = out, reuse
	close(g.ready)
}

// wait returns the tree, once it is handed over.
func (g *treeGate) wait() (*output.Tree, *outputReuse) {
	<-g.ready
	return g.out, g.reuse
}
