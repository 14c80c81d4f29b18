package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/sys/unix"
)

// appendTree appends the lines walkTree would, looking at each entry
// from its folder, held open (fstatat), rather than by a path from the
// root of the file system: the kernel then walks no path, and no path
// or file information is allocated for each file. The fingerprint is
// taken before every build; at 10,000 pages filepath.WalkDir's took 55
// to 62 ms, this one 36 to 49 ms (five each, one after the other).
func appendTree(b []byte, dir, part string) ([]byte, error) {
	top := filepath.Join(dir, part)
	var st unix.Stat_t
	if err := lstat(unix.AT_FDCWD, top, &st); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return b, nil
		}
		return b, &fs.PathError{Op: "lstat", Path: top, Err: err}
	}
	rel := filepath.ToSlash(filepath.Clean(part))
	isDir := st.Mode&unix.S_IFMT == unix.S_IFDIR
	b = appendLine(b, rel, st.Size, st.Mtim.Nano(), isDir)
	if !isDir {
		return b, nil
	}
	return appendFolder(b, top, rel)
}

// appendFolder appends the lines of the entries of the folder at path
// (rel from the site's root), by name, and of the folders' entries.
// (On both cores, a section each, it took 32 to 41 ms at 10,000 pages
// against 36 to 49: not worth the bookkeeping.)
func appendFolder(b []byte, path, rel string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return b, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return b, err
	}
	slices.Sort(names)
	fd := int(f.Fd())
	var st unix.Stat_t
	for _, name := range names {
		if err := lstat(fd, name, &st); err != nil {
			return b, &fs.PathError{Op: "lstat", Path: filepath.Join(path, name), Err: err}
		}
		isDir := st.Mode&unix.S_IFMT == unix.S_IFDIR
		b = appendLine(b, rel+"/"+name, st.Size, st.Mtim.Nano(), isDir)
		if isDir {
			if b, err = appendFolder(b, filepath.Join(path, name), rel+"/"+name); err != nil {
				return b, err
			}
		}
	}
	return b, nil
}

// lstat is fstatat without following a link, made again when a signal
// interrupts it.
func lstat(dirfd int, name string, st *unix.Stat_t) error {
	for {
		err := unix.Fstatat(dirfd, name, st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			return err
		}
	}
}
