package main

import "runtime/debug"

// defaultMemoryLimit is the soft limit on memory kb runs with unless the
// GOMEMLIMIT environment variable sets one. Without a limit, Go's
// collector lets the heap grow to twice what is live before it runs, so a
// 100,000-page build peaked at 4.8 to 5.5 GiB; with this one it collects
// more often as the heap nears the limit, and the same build peaked at
// 3.5 GiB, taking from no longer to a tenth longer. Memory is what runs
// out on a CI runner; sites of under about 50,000 pages never come near
// the limit. A site whose data alone passes it still builds, more slowly:
// raise the limit with GOMEMLIMIT=8GiB, say, or lift it with
// GOMEMLIMIT=off.
const defaultMemoryLimit = 3584 << 20 // 3.5 GiB

// limitMemory applies defaultMemoryLimit unless getenv finds GOMEMLIMIT,
// which the Go runtime has applied already. It returns the limit in force.
func limitMemory(getenv func(string) string) int64 {
	if getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	return defaultMemoryLimit
}

// serveGCPercent is the collector's pace for kb serve, unless the GOGC
// environment variable sets one: it collects when the heap has grown by
// twice what is live, not once. The preview server holds its last build
// (at 10,000 pages some 800 MB live); a rebuild after a title edit and
// the search index update after it allocate about as much again, so at
// Go's default the collector ran in the middle of nearly every such
// rebuild, for a quarter of a second. With this pace it runs once edits
// pause, when the server collects after the search index catches up
// (see serve), and the heap's peak stays under the memory limit in any
// case. kb build into an empty folder keeps Go's default: twice the
// pace raised a 1,000-page build's peak from about 0.4 to 0.55 of
// Hugo's; into a folder that holds a build, see rebuildGCPercent.
const serveGCPercent = 200

// rebuildGCPercent is the collector's pace for kb build into a folder
// that holds a build already, unless the GOGC environment variable sets
// one: such a build takes most of what it makes from the last (rendered
// bodies, layout keys, the search index's memory) and holds it to the
// end, so at Go's default the collector ran again and again over a heap
// that hardly changed. After one edit at 10,000 pages, six builds each,
// alternating: medians 2.08 s at Go's default, 1.90 s at twice the pace,
// peak memory 610 MB against 685 MB (Hugo's 2.4 GB). Four times the pace,
// against twice, ten builds each, alternating: medians 1.41 s against
// 1.51 s, peak memory 637 to 692 MiB against 646 to 695 MiB; at 1,000
// pages, five each, 0.21 to 0.29 s against 0.25 to 0.31 s, 100 to 101
// MiB against 96 to 102 MiB at the peak. A build into an empty folder
// keeps Go's default (see serveGCPercent).
const rebuildGCPercent = 400

// paceCollector applies percent unless getenv finds GOGC, which the Go
// runtime has applied already. It returns the percentage in force.
func paceCollector(getenv func(string) string, percent int) int {
	if getenv("GOGC") != "" {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	debug.SetGCPercent(percent)
	return percent
}
