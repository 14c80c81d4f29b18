package main

import "runtime/debug"

// defaultMemoryLimit is the soft limit on memory kb runs with unless the
// GOMEMLIMIT environment variable sets one. Without a limit, Go's
// collector lets the heap grow to twice what is live before it runs, so a
// 100,000-page build peaked near 6 GiB; with this one it collects more
// often as the heap nears the limit, and the same build peaked under
// 4 GiB and ran faster (the kernel had fewer fresh pages to clear). Sites
// of under about 50,000 pages never come near it. A site whose data alone
// passes it still builds, more slowly: raise it with GOMEMLIMIT=8GiB, say.
const defaultMemoryLimit = 3 << 30

// limitMemory applies defaultMemoryLimit unless getenv finds GOMEMLIMIT,
// which the Go runtime has applied already. It returns the limit in force.
func limitMemory(getenv func(string) string) int64 {
	if getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	return defaultMemoryLimit
}
