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
