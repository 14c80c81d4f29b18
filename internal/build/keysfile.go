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

// loadLayoutKeys reads the keys kept in the cache folder dir before the
// output commit they must be of is known: the call it returns gives them
// for that commit, nil for any other (and when there are none). A build
// reads them beside the output folder's marker, which names that commit
// (20 and 31 ms at 10,000 pages, one after the other before).
func loadLayoutKeys(dir string) func(commit string) map[string]outputKey {
	none := func(string) map[string]outputKey { return nil }
	if dir == "" || programID() == "" {
		return none
	}
	f, err := os.Open(filepath.Join(dir, keysFile))
	if err != nil {
		return none
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return none
	}
	head := sc.Text()
	keys := readKeyLines(sc)
	return func(commit string) map[string]outputKey {
		if commit == "" || head != keysHead(commit) {
			return nil
		}
		return keys
	}
}

// readKeyLines reads the lines of keys after the head; nil when one is
// damaged.
func readKeyLines(sc *bufio.Scanner) map[string]outputKey {
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
	// Lines as "%x %s\n" would make them, without fmt: at 10,000 pages,
	// 40,000 lines, which kb build waits for at its end beside the
	// output folder's commit (by fmt, 25 ms of processor time in CPU
	// profiles of builds after one edit).
	b := make([]byte, 0, len(keys)*100)
	b = append(b, keysHead(commit)+"\n"...)
	for path, k := range keys {
		b = hex.AppendEncode(b, k[:])
		b = append(b, ' ')
		b = append(b, path...)
		b = append(b, '\n')
	}
	replaceCacheFile(dir, keysFile, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
