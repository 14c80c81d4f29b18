package build

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/kbsite/kb/internal/filemap"
)

// The cache folder's files (see CacheDir) are read and replaced whole by
// the two functions here, which every kind of file there shares.

// readCacheFile gives the file name in the cache folder dir, after its
// head; nil when there is no such file, or when this kb did not write it
// (its head is another). The file is mapped into memory where the system
// allows (see the package filemap): at 10,000 pages the search memory is
// 40 MB, which read into the build's memory took as many fresh pages
// (each about 2.4 microseconds of processor time to come by on the
// machine measured).
func readCacheFile(dir, name, head string) []byte {
	if dir == "" || programID() == "" {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return nil
	}
	defer f.Close() // a mapping outlives the file
	fi, err := f.Stat()
	if err != nil {
		return nil
	}
	data := filemap.ReadOnly(f, fi.Size())
	if data == nil {
		if data, err = io.ReadAll(f); err != nil {
			return nil
		}
	}
	if !bytes.HasPrefix(data, []byte(head)) {
		return nil
	}
	return data[len(head):]
}

// replaceCacheFile writes the file name in the cache folder dir with
// write, through a file of its own (two builds may share the folder),
// renamed over it: a reader finds the old file or the new one, whole.
// It reports no failure: a cache file that is missing costs the next
// build only speed.
func replaceCacheFile(dir, name string, write func(w io.Writer) error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(dir, name+"-*.new")
	if err != nil {
		return
	}
	err = write(f)
	if err = errors.Join(err, f.Close()); err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
}
