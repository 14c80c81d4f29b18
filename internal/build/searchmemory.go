package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kbsite/kb/internal/filemap"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/search"
)

// The search index's memory (see search.Memory) is kept in the cache
// folder between runs of kb build, so that after an edit the index
// splits into words and scores again only what the edit reached: at
// 10,000 pages, making the index was half of an edited build's
// processor time. The file names the program that wrote it; another
// kb's reads as none, and the index is made from nothing.
const searchMemoryFile = "search-memory"

func searchMemoryHead() string { return fmt.Sprintf("kb search memory program %s\n", programID()) }

// readSearchMemory reads the memory kept in the cache folder dir; nil
// when there is none this kb can read.
func readSearchMemory(dir string) *search.Memory {
	data := readCacheFile(dir, searchMemoryFile, searchMemoryHead())
	if data == nil {
		return nil
	}
	m, err := search.ReadMemory(data)
	if err != nil {
		return nil
	}
	return m
}

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

// writeSearchMemory keeps m in the cache folder dir, replacing the file
// in one rename; for nil, it removes the file, which would describe an
// older index. A failure costs only speed, so it is not reported.
func writeSearchMemory(dir string, m *search.Memory) {
	if dir == "" || programID() == "" {
		return
	}
	if m == nil {
		_ = os.Remove(filepath.Join(dir, searchMemoryFile))
		return
	}
	replaceCacheFile(dir, searchMemoryFile, func(w io.Writer) error {
		if _, err := io.WriteString(w, searchMemoryHead()); err != nil {
			return err
		}
		_, err := m.WriteTo(w)
		return err
	})
}

// lastSearchMemory returns a function that gives the memory this
// build's search index starts from: the Builder's in a preview server,
// the cache folder's in kb build, read from the start of the build
// beside the stages before the index (at 1,000 pages, 30 ms of
// processor time that the index would otherwise wait for).
func (b *Builder) lastSearchMemory() func() *search.Memory {
	if !b.once {
		m := b.searchMemory
		return func() *search.Memory { return m }
	}
	return parallel.Value(func() *search.Memory { return readSearchMemory(b.opt.CacheDir) })
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
