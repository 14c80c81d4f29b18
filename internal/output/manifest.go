package output

import (
	"bufio"
	"hash/crc32"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// record is what the marker remembers of one file a build wrote: its size
// and modification time, which show whether anyone touched it since, and a
// checksum of its bytes, which tells the next build whether its new bytes
// are the same without reading the old ones back. Reading every old file
// to compare was a sixth of a 100,000-page build.
type record struct {
	size, mtime int64
	sum         uint64
}

// manifest is the marker's content: the fingerprint of the build's
// inputs, when the build was given one (see Options), and a record per
// file.
type manifest struct {
	fingerprint string
	// commit is the id of the commit that wrote the files, which its
	// journal names too (see journal.go).
	commit string
	files  map[string]record
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksum is two CRC-32s of data with different polynomials, side by
// side. Both run in hardware (about 30 GB/s here, against 1.8 GB/s for
// SHA-256), and together they act as one 64-bit CRC over the product of
// the polynomials: bytes that changed keep both values with odds of about
// one in 2^64. Nothing here is adversarial; the inputs are the author's.
func checksum(data []byte) uint64 {
	return uint64(crc32.Checksum(data, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(data))
}

// create makes the file at path hold data, whose checksum is sum, and
// returns its record: as a hard link to the file from when there is one
// and the link can be made, else by writing the bytes.
func create(path string, data []byte, sum uint64, from string) (record, error) {
	if from != "" && os.Link(from, path) == nil {
		fi, err := os.Stat(path)
		if err == nil && fi.Size() == int64(len(data)) {
			return record{size: fi.Size(), mtime: fi.ModTime().UnixNano(), sum: sum}, nil
		}
		// Not the file it was said to be: its bytes are written instead.
		if err := os.Remove(path); err != nil {
			return record{}, err
		}
	}
	return writeRecorded(path, data, sum)
}

// writeRecorded writes data, whose checksum is sum, to the file at
// path, created or emptied first, and returns its record. The record is taken from the open file
// once written (the write set its time), which saves looking the path
// up again: a build into an empty folder writes tens of thousands.
func writeRecorded(path string, data []byte, sum uint64) (record, error) {
	return writeRecordedBy(path, sum, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// writeRecordedBy is writeRecorded for bytes that write puts into the
// file.
func writeRecordedBy(path string, sum uint64, write func(*os.File) error) (record, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return record{}, err
	}
	err = write(f)
	var fi os.FileInfo
	if err == nil {
		fi, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return record{}, err
	}
	return record{size: fi.Size(), mtime: fi.ModTime().UnixNano(), sum: sum}, nil
}

// matches reports whether the file at path is, by size and modification
// time, still the file r was taken from.
func (r record) matches(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == r.size && fi.ModTime().UnixNano() == r.mtime
}

// readManifest reads dest's marker. A marker that is missing, from an
// older kb, or damaged gives an empty manifest: every file is then
// compared by reading it, which is slower but as exact. Every build
// into a folder waits for it: the marker is read whole into one string,
// whose lines the names are parts of, and the map is made its size at
// once (40,000 lines at 10,000 pages: read by a line scanner, each line
// its own string and the map grown as it went, 46 to 48 ms in a
// benchmark; so, 33 to 34 ms).
func readManifest(dest string) manifest {
	m := manifest{files: map[string]record{}}
	data, err := os.ReadFile(filepath.Join(dest, Marker))
	if err != nil {
		return m
	}
	text := string(data)
	line := func() string {
		var l string
		l, text, _ = strings.Cut(text, "\n")
		return strings.TrimSuffix(l, "\r")
	}
	line() // the marker's head
	fp, ok := strings.CutPrefix(line(), "fingerprint ")
	if !ok {
		return m
	}
	files := make(map[string]record, strings.Count(text, "\n")+1)
	commit := ""
	for len(text) > 0 {
		l := line()
		if id, ok := strings.CutPrefix(l, "commit "); ok && commit == "" && len(files) == 0 {
			commit = id
			continue
		}
		r, name, ok := parseRecord(l)
		// A name must stay inside dest: stale files are removed by name.
		if !ok || !fs.ValidPath(name) || name == "." || !filepath.IsLocal(filepath.FromSlash(name)) {
			return m
		}
		files[name] = r
	}
	return manifest{fingerprint: fp, commit: commit, files: files}
}

// readFingerprint reads the fingerprint dest's marker records, and no
// more of it; false when there is none.
func readFingerprint(dest string) (string, bool) {
	f, err := os.Open(filepath.Join(dest, Marker))
	if err != nil {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	return scanFingerprint(sc)
}

// scanFingerprint reads a marker's first two lines, its head and its
// fingerprint, and gives the fingerprint.
func scanFingerprint(sc *bufio.Scanner) (string, bool) {
	if !sc.Scan() || !sc.Scan() {
		return "", false
	}
	return strings.CutPrefix(sc.Text(), "fingerprint ")
}

// parseRecord reads a line "size mtime checksum path".
func parseRecord(line string) (record, string, bool) {
	sizeText, rest, ok1 := strings.Cut(line, " ")
	mtimeText, rest, ok2 := strings.Cut(rest, " ")
	sumText, name, ok3 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || !ok3 {
		return record{}, "", false
	}
	size, err1 := strconv.ParseInt(sizeText, 10, 64)
	mtime, err2 := strconv.ParseInt(mtimeText, 10, 64)
	sum, err3 := strconv.ParseUint(sumText, 16, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return record{}, "", false
	}
	return record{size: size, mtime: mtime, sum: sum}, name, true
}

// write replaces dest's marker with m, in one rename, so that the marker
// is always one build's whole record. An empty fingerprint is written as
// "-", which matches no build.
func (m manifest) write(dest string) error {
	b := make([]byte, 0, len(markerHead)+80*len(m.files))
	b = append(b, markerHead...)
	fp := m.fingerprint
	if fp == "" {
		fp = "-"
	}
	b = append(b, "fingerprint "+fp+"\n"...)
	if m.commit != "" {
		b = append(b, "commit "+m.commit+"\n"...)
	}
	// A record's line as "%d %d %016x %s\n" would make it, without fmt:
	// at 10,000 pages, 40,000 lines each build, which kb build waits for
	// at its end (written with fmt, 50 to 61 ms in a benchmark of 40,000
	// records; so, 31 to 33 ms).
	for _, name := range slices.Sorted(maps.Keys(m.files)) {
		r := m.files[name]
		b = strconv.AppendInt(b, r.size, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, r.mtime, 10)
		b = append(b, ' ')
		b = appendHex16(b, r.sum)
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, '\n')
	}
	tmp := filepath.Join(dest, Marker+".new")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dest, Marker))
}

// appendHex16 appends v in hexadecimal, sixteen digits, zeros first.
func appendHex16(b []byte, v uint64) []byte {
	var digits [16]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = "0123456789abcdef"[v&15]
		v >>= 4
	}
	return append(b, digits[:]...)
}
