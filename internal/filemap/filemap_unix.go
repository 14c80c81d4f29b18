//go:build unix

package filemap

import (
	"os"
	"syscall"
)

// ReadOnly maps the first size bytes of f into memory, read only; nil
// when that fails.
func ReadOnly(f *os.File, size int64) []byte {
	if size <= 0 || int64(int(size)) != size {
		return nil
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return data
}
