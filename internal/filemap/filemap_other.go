//go:build !unix

package filemap

import "os"

// ReadOnly maps nothing where memory mapping is not at hand: callers
// read the file instead.
func ReadOnly(*os.File, int64) []byte { return nil }
