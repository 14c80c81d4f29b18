//go:build !linux

package build

// appendTree appends the lines of part's files and folders (see
// walkTree; on Linux, see fingerprinttree_linux.go).
func appendTree(b []byte, dir, part string) ([]byte, error) { return walkTree(b, dir, part) }
