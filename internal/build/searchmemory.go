package build

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

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
