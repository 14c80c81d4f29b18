//go:build !unix

package render

import "os"

// mapMemoFile maps nothing where memory mapping is not at hand: the
// entries' heads are then read from the file (see memoFile.entry).
func mapMemoFile(*os.File, int64) []byte { return nil }
