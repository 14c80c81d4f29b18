//go:build !unix && !windows

package output

import "os"

// lockFile does nothing where the system has no advisory locks (Plan 9,
// WebAssembly): builds there must not run two at a time into one folder.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}
