package output

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// Piece is part of a file a build assembles (see Dir.PutPieces): bytes
// of this build, or a run of the last build's file of the same path,
// which the build knows the checksum of without reading it.
type Piece struct {
	Data []byte // this build's bytes; nil for a run
	// A run: where it lies in the last build's file, how long it is,
	// and the checksum of its bytes.
	Off, Size int64
	Sum       uint64
}

// Assembler is a sink that can make a file from pieces (see
// Dir.PutPieces).
type Assembler interface {
	PutPieces(path string, pieces []Piece) error
}

// PutPieces is Put for a file made of pieces, some of them runs of what
// the last build wrote at p: the runs are copied from that file to the
// new one by the file system (copy_file_range on Linux), never through
// the build's memory, and the file's checksum is combined from the
// pieces' (see Combine). At 10,000 pages, llms-full.txt is 70 MB and
// nearly all of it is the last build's: the Markdown copies and
// llms-full.txt took a sixth of a build after one edit (stage timings),
// most of it reading the kept copies back, holding them and writing
// them out again. The last build's
// file must be untouched since it was written, before and after the
// copy, or PutPieces fails: its runs would not hold the bytes their
// checksums say.
func (d *Dir) PutPieces(p string, pieces []Piece) error {
	old, ok := d.old[p]
	lastPath := filepath.Join(d.dest, filepath.FromSlash(p))
	var last *os.File
	if hasRuns(pieces) {
		f, err := os.Open(lastPath)
		if err != nil {
			return err
		}
		defer f.Close()
		if !ok || !sameFile(f, old) {
			return fmt.Errorf("%s changed since the last build wrote it: build again", p)
		}
		last = f
	}
	var sum uint64
	var size int64
	for i, pc := range pieces {
		s, n := pc.Sum, pc.Size
		if pc.Data != nil {
			s, n = checksum(pc.Data), int64(len(pc.Data))
		}
		if i == 0 {
			sum, size = s, n
			continue
		}
		sum, size = Combine(sum, s, n), size+n
	}
	d.mu.Lock()
	d.files[p] = record{}
	n := len(d.files)
	d.mu.Unlock()
	target := lastPath
	if !d.fresh {
		if ok && old.sum == sum && old.size == size && d.root.holds(d.dest, p, old) {
			d.keep(p, old)
			return nil
		}
		target = filepath.Join(d.dest, StagingDir, strconv.Itoa(n))
	} else if err := d.mkdirFor(target); err != nil {
		return err
	}
	r, err := writePieces(target, pieces, last, sum)
	if errors.Is(err, errShorter) || err == nil && last != nil && !sameFile(last, old) {
		err = fmt.Errorf("%s changed while kb was building the site: build again", p)
	}
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.files[p] = r
	if !d.fresh {
		d.staged[p] = target // counted as written when the commit moves it
	}
	d.mu.Unlock()
	if d.fresh {
		d.written.Add(1)
	}
	return nil
}

func hasRuns(pieces []Piece) bool {
	for _, pc := range pieces {
		if pc.Data == nil && pc.Size > 0 {
			return true
		}
	}
	return false
}

// sameFile says whether the open file f is, by size and modification
// time, still the file r was taken from.
func sameFile(f *os.File, r record) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode().IsRegular() && fi.Size() == r.size && fi.ModTime().UnixNano() == r.mtime
}

// errShorter is the last build's file ending before a run.
var errShorter = errors.New("shorter than the last build wrote it")

// writePieces writes the pieces to the file at path, created or emptied
// first, the runs copied from last, and returns its record.
func writePieces(path string, pieces []Piece, last *os.File, sum uint64) (record, error) {
	return writeRecordedBy(path, sum, func(f *os.File) error {
		// The pieces of this build's bytes are many and small when the
		// runs are few (a copy of each page that changed, and the break
		// before it), so they are written in larger blocks.
		w := bufio.NewWriterSize(f, 256<<10)
		for _, pc := range pieces {
			if pc.Data != nil {
				if _, err := w.Write(pc.Data); err != nil {
					return err
				}
				continue
			}
			if pc.Size == 0 {
				continue
			}
			if err := w.Flush(); err != nil {
				return err
			}
			// Copied from the file's offset, as copy_file_range is given
			// it through io.Copy: a section reader would be copied
			// through memory.
			if _, err := last.Seek(pc.Off, io.SeekStart); err != nil {
				return err
			}
			n, err := io.Copy(f, io.LimitReader(last, pc.Size))
			if err != nil {
				return err
			}
			if n != pc.Size {
				return errShorter
			}
		}
		return w.Flush()
	})
}
