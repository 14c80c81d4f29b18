//go:build unix

package render

import (
	"os"
	"syscall"
)

// lockMemoFile takes f's lock for this build alone, without waiting:
// two builds sharing a cache folder (into two output folders) must not
// append to one memo file at once. The lock goes when f is closed. A
// build that cannot take it writes a new file instead.
func lockMemoFile(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
