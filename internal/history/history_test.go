package history

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestParseLog(t *testing.T) {
	log := "\x012026-03-02T10:00:00Z\n\ncontent/a.md\ncontent/dir/b c.md\n\x012026-01-01T09:00:00+01:00\n\ncontent/a.md\ncontent/old.md\n"
	got := parseLog([]byte(log))
	want := map[string]string{
		"content/a.md":       "2026-03-02T10:00:00Z",
		"content/dir/b c.md": "2026-03-02T10:00:00Z",
		"content/old.md":     "2026-01-01T09:00:00+01:00",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for f, w := range want {
		if got[f].Format(time.RFC3339) != w {
			t.Errorf("%s: %v, want %s", f, got[f], w)
		}
	}
}

// TestLastCommits makes a repository with two commits, a site in a
// folder of it, and a shallow clone of it: the dates are the last
// commit of each file, relative to the site; the shallow clone has none.
func TestLastCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	run := func(dir string, env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), append([]string{"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.org"}, env...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(repo, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(repo, nil, "init", "-q")
	write("site/content/a.md", "a")
	write("site/content/b.md", "b")
	run(repo, nil, "add", ".")
	run(repo, []string{"GIT_COMMITTER_DATE=2026-01-02T03:04:05Z"}, "commit", "-q", "-m", "one")
	write("site/content/b.md", "b2")
	run(repo, nil, "add", ".")
	run(repo, []string{"GIT_COMMITTER_DATE=2026-02-03T04:05:06Z"}, "commit", "-q", "-m", "two")

	got, err := LastCommits(filepath.Join(repo, "site"))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := got["content/a.md"].UTC().Format(time.RFC3339), got["content/b.md"].UTC().Format(time.RFC3339); a != "2026-01-02T03:04:05Z" || b != "2026-02-03T04:05:06Z" || len(got) != 2 {
		t.Errorf("got %v", got)
	}

	shallow := filepath.Join(t.TempDir(), "shallow")
	run(repo, nil, "clone", "-q", "--depth", "1", "file://"+repo, shallow)
	if got, err := LastCommits(filepath.Join(shallow, "site")); got != nil || err != ErrShallow {
		t.Errorf("shallow clone: %v, %v; want no dates and ErrShallow", got, err)
	}
	if got, err := LastCommits(t.TempDir()); got != nil || err != nil {
		t.Errorf("outside a repository: %v, %v; want nothing", got, err)
	}
}
