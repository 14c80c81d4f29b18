package build

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kbsite/kb/internal/output"
)

// TestCrashConsistency kills a real build (this test binary, run again as
// a child that builds a site into a folder) with SIGKILL at random points,
// most of them while it moves its files into place, then runs what the
// next build runs first: the folder must then hold the earlier build or
// the new one, whole. KB_CRASH_RUNS and KB_CRASH_PAGES make the run
// longer or the site larger (defaults 12 and 300).
func TestCrashConsistency(t *testing.T) {
	if testing.Short() {
		t.Skip("kills builds: not in -short")
	}
	runs, pages := envInt("KB_CRASH_RUNS", 12), envInt("KB_CRASH_PAGES", 300)
	root := t.TempDir()
	siteA, siteB := filepath.Join(root, "a"), filepath.Join(root, "b")
	writeCrashSite(t, siteA, pages, "first")
	writeCrashSite(t, siteB, pages, "second")
	want := map[string]map[string]string{}
	for name, src := range map[string]string{"a": siteA, "b": siteB, "empty": ""} {
		if src == "" {
			want[name] = map[string]string{}
			continue
		}
		dest := filepath.Join(root, "want-"+name)
		if _, _, err := BuildDir(os.DirFS(src), cachedOptions(src), dest); err != nil {
			t.Fatal(err)
		}
		want[name] = siteFiles(t, dest)
	}

	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	inCommit, finished := 0, 0
	for run := range runs {
		dest := filepath.Join(root, fmt.Sprintf("public-%d", run))
		before := "empty"
		if run%4 != 0 { // most runs replace an earlier build; some start empty
			before = "a"
			if _, _, err := BuildDir(os.DirFS(siteA), cachedOptions(siteA), dest); err != nil {
				t.Fatal(err)
			}
		}
		child := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		child.Env = append(os.Environ(), "KB_CRASH_CHILD="+siteB+string(os.PathListSeparator)+dest)
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- child.Wait() }()
		// Wait for the commit to begin (its journal appears), then kill
		// it a random moment later; a fresh build is killed at a random
		// moment of its writing.
		journal := filepath.Join(dest, output.JournalName)
		var exited bool
		for start := time.Now(); ; {
			if before == "empty" && time.Since(start) > time.Duration(rng.IntN(400))*time.Millisecond {
				break
			}
			if before != "empty" && pathExists(journal) {
				time.Sleep(time.Duration(rng.IntN(int(commitWindow(pages)))))
				break
			}
			select {
			case <-done:
				exited = true
			default:
			}
			if exited {
				break
			}
		}
		journalAtKill := pathExists(journal)
		if !exited {
			_ = child.Process.Kill()
			<-done
		}
		if exited {
			finished++
		} else if journalAtKill && before != "empty" {
			inCommit++
		}
		if _, err := output.Repair(dest); err != nil {
			t.Fatalf("run %d: recovery: %v", run, err)
		}
		got := map[string]string{} // killed before it made the folder
		if pathExists(dest) {
			got = siteFiles(t, dest)
		}
		if !maps.Equal(got, want[before]) && !maps.Equal(got, want["b"]) {
			t.Fatalf("run %d (killed %t, journal %t): the folder is neither the earlier build (%s) nor the new one: %d files", run, !exited, journalAtKill, before, len(got))
		}
		// And the next build works from there.
		if _, _, err := BuildDir(os.DirFS(siteB), cachedOptions(siteB), dest); err != nil {
			t.Fatalf("run %d: the next build: %v", run, err)
		}
		if got := siteFiles(t, dest); !maps.Equal(got, want["b"]) {
			t.Fatalf("run %d: the next build left %d files, not the new build", run, len(got))
		}
		os.RemoveAll(dest)
	}
	t.Logf("%d kills: %d inside a commit, %d before one (or into an empty folder), %d builds finished first; all consistent", runs-finished, inCommit, runs-finished-inCommit, finished)
}

// commitWindow is a guess at how long a commit of a site of n pages
// takes, for where to kill it: about 60 µs a page here, and a little more.
func commitWindow(n int) time.Duration {
	return time.Duration(n)*80*time.Microsecond + time.Millisecond
}

// TestCrashChild is the build TestCrashConsistency kills.
func TestCrashChild(t *testing.T) {
	arg := os.Getenv("KB_CRASH_CHILD")
	if arg == "" {
		t.Skip("run by TestCrashConsistency")
	}
	src, dest, _ := strings.Cut(arg, string(os.PathListSeparator))
	if _, _, err := BuildDir(os.DirFS(src), cachedOptions(src), dest); err != nil {
		t.Fatal(err)
	}
}

// writeCrashSite writes a site of n articles whose every page says word,
// so that two such sites differ on every page; the second also drops and
// adds articles.
func writeCrashSite(t *testing.T, dir string, n int, word string) {
	t.Helper()
	site := fstest.MapFS{
		"config.toml":       {Data: []byte("title = \"Crash\"\nbase_url = \"http://localhost/\"\ntheme = \"mini\"\ntaxonomies = [\"tags\"]\n")},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\n" + word + "\n")},
	}
	for i := range n {
		name := fmt.Sprintf("content/s%d/p%d.md", i%10, i)
		if word == "second" && i%7 == 0 {
			name = fmt.Sprintf("content/s%d/q%d.md", i%10, i)
		}
		site[name] = &fstest.MapFile{Data: fmt.Appendf(nil, "+++\ntitle = \"Page %d\"\ntags = [\"t%d\"]\n+++\n## %s\n\nThe %s text of page %d.\n", i, i%5, word, word, i)}
	}
	addMiniTheme(t, site)
	if err := os.CopyFS(dir, site); err != nil {
		t.Fatal(err)
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func pathExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// cachedOptions keep the social cards drawn in the site's cache folder,
// as kb build does: each build of the same site draws none again.
func cachedOptions(src string) Options {
	return Options{CacheDir: filepath.Join(src, CacheDir)}
}
