//go:build unix

package render

import (
	"os"
	"syscall"
)

// mapMemoFile maps the size bytes of the memo file f into memory, read
// only, so that entries' heads are read where they lie: no copy into
// the build's memory and no read for each (by a CPU profile of a build
// after one edit at 10,000 pages, reading them took 0.25 s of its 3.9 s
// of processor time). The mapping is never undone: the entries' strings
// are views of it, and may be used until the program ends, which for kb
// build is soon after. kb writes into a memo file only past its end
// (the next build appends to it, and cuts back only what it appended),
// or writes a new file, renamed over it (this one lives on, unnamed,
// while mapped), so the bytes mapped stay as read.
func mapMemoFile(f *os.File, size int64) []byte {
	if size <= 0 || int64(int(size)) != size {
		return nil
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return data
}
