//go:build !unix

package render

import "os"

// lockMemoFile says no where there is no advisory lock at hand: every
// build then writes a new memo file, as two builds sharing a cache
// folder must not append to one file at once.
func lockMemoFile(*os.File) bool { return false }
