package build

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The layout keys of a build into a folder are kept in the cache folder
// (see CacheDir), for the next build into the same folder: it keeps the
// pages whose keys did not change as they are on disk (see outputReuse).
// The file names the output commit that wrote those pages; a folder
// written since by anyone else, or another output folder, finds another
// commit there and lays out every page.
const keysFile = "layout-keys"

// keysHead starts the file, with the program that wrote it and the
// output commit; another kb's keys read as none.
func keysHead(commit string) string {
	return fmt.Sprintf("kb layout keys 1 program %s commit %s", programID(), commit)
}

// readLayoutKeys reads the keys kept in the cache folder dir for the
// output commit commit; nil when there are none for it.
func readLayoutKeys(dir, commit string) map[string]outputKey {
	if dir == "" || commit == "" || programID() == "" {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, keysFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() || sc.Text() != keysHead(commit) {
		return nil
	}
	keys := map[string]outputKey{}
	for sc.Scan() {
		h, path, ok := strings.Cut(sc.Text(), " ")
		var k outputKey
		if n, err := hex.Decode(k[:], []byte(h)); !ok || err != nil || n != len(k) {
			return nil // damaged: trust none
		}
		keys[path] = k
	}
	if sc.Err() != nil {
		return nil
	}
	return keys
}

// writeLayoutKeys keeps keys in the cache folder dir for the output
// commit commit, replacing the file in one rename. A failure costs only
// speed: the next build lays out every page, so it is not reported.
func writeLayoutKeys(dir, commit string, keys map[string]outputKey) {
	if dir == "" || programID() == "" {
		return
	}
	var b strings.Builder
	b.Grow(len(keys) * 100)
	b.WriteString(keysHead(commit) + "\n")
	for path, k := range keys {
		fmt.Fprintf(&b, "%x %s\n", k[:], path)
	}
	replaceCacheFile(dir, keysFile, func(w io.Writer) error {
		_, err := io.WriteString(w, b.String())
		return err
	})
}
