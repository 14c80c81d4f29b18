package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lockName is the file in the output folder that one build at a time
// holds a lock on. The lock is the operating system's, so a build that is
// killed releases it; the file holds the builder's process id for the
// message another build prints, and is removed with the lock, so that it
// never stays in a finished output folder.
const lockName = ".kb-lock"

// errLocked says the folder is another build's right now.
var errLocked = errors.New("locked")

// lockDir takes dest's build lock, or says who holds it. The returned
// function releases it.
func lockDir(dest string) (func(), error) {
	name := filepath.Join(dest, lockName)
	// A build that releases the lock removes the file: one that opened it
	// just before then holds a lock on a file nobody else will see, and
	// must try again with the file now at the name.
	for range 100 {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("output folder %s: cannot create its lock file: %v", dest, err)
		}
		if err := lockFile(f); err != nil {
			holder, _ := os.ReadFile(name)
			f.Close()
			if errors.Is(err, errLocked) {
				who := "another kb build"
				if pid, err := strconv.Atoi(strings.TrimSpace(string(holder))); err == nil && pid > 0 {
					who = fmt.Sprintf("another kb build (process %d)", pid)
				}
				return nil, fmt.Errorf("output folder %s is being written by %s; wait for it to finish, or build into another folder with -dest", dest, who)
			}
			return nil, fmt.Errorf("output folder %s: cannot lock it: %v", dest, err)
		}
		held, err1 := f.Stat()
		named, err2 := os.Stat(name)
		if err1 != nil || err2 != nil || !os.SameFile(held, named) {
			unlockFile(f)
			f.Close()
			continue
		}
		// The process id is only for the message above.
		if f.Truncate(0) == nil {
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
		return func() {
			removed := os.Remove(name) == nil // while still held: see above
			unlockFile(f)
			f.Close()
			if !removed { // where an open file cannot be removed (Windows)
				_ = os.Remove(name)
			}
		}, nil
	}
	return nil, fmt.Errorf("output folder %s: cannot lock it: its lock file keeps changing", dest)
}
