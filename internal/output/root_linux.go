package output

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// root is the output folder held open, so that a build's look at each
// file it keeps (some 40,000 after one edit at 10,000 pages) names the
// file from the folder, not from the root of the file system: the
// kernel then walks only the path inside the folder, and no joined path
// or file information is allocated (see holds). The zero root is not
// open.
type root struct {
	fd   int
	open bool
}

// openRoot opens dest; a folder that cannot be opened so is looked at
// by path, as before.
func openRoot(dest string) root {
	fd, err := unix.Open(dest, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return root{}
	}
	return root{fd: fd, open: true}
}

// close closes the folder and returns a root that is closed.
func (r root) close() root {
	if r.open {
		_ = unix.Close(r.fd)
	}
	return root{}
}

// holds says whether the file at p (slash-separated, inside dest) is
// still the one rec records, as record.matches does for a path.
func (r root) holds(dest, p string, rec record) bool {
	if !r.open {
		return rec.matches(filepath.Join(dest, filepath.FromSlash(p)))
	}
	var st unix.Stat_t
	err := unix.Fstatat(r.fd, p, &st, 0)
	for err == unix.EINTR {
		err = unix.Fstatat(r.fd, p, &st, 0)
	}
	return err == nil && st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size == rec.size && st.Mtim.Nano() == rec.mtime
}
