// Package history reads, from git, when each content file last changed:
// a page's "last updated" date when its front matter gives none. Without
// git, outside a repository, or in a shallow clone (whose history is cut,
// so every file would seem changed by its newest commit), there are no
// dates, and pages show only what their front matter says.
package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"time"
)

// ErrShallow is LastCommits' error in a shallow clone.
var ErrShallow = errors.New("the repository is a shallow clone, so git cannot tell when each page last changed; pages get no date from git (in GitHub Actions, give actions/checkout fetch-depth: 0)")

// timeout bounds the git commands: dates are a nicety, never worth a
// stalled build.
const timeout = 20 * time.Second

// LastCommits maps each file under dir's content/ folder, by its path
// relative to dir ("content/roles/cto.md"), to the time of the last
// commit that changed it. It is nil, with no error, when dir is not in a
// git repository or git is missing; in a shallow clone it is nil with
// ErrShallow.
func LastCommits(dir string) (map[string]time.Time, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	shallow, err := git(ctx, dir, "rev-parse", "--is-shallow-repository")
	if err != nil {
		return nil, nil // no git, or no repository: no dates
	}
	if strings.TrimSpace(string(shallow)) == "true" {
		return nil, ErrShallow
	}
	// Newest first: the first commit that names a file is its last.
	// %x01 marks a commit's line, which no file name starts with.
	log, err := git(ctx, dir, "-c", "core.quotepath=off", "log", "--format=%x01%cI", "--name-only", "--no-renames", "--relative", "--", "content")
	if err != nil {
		return nil, nil
	}
	return parseLog(log), nil
}

// parseLog reads git log's "\x01DATE" lines, each followed by the files
// of its commit.
func parseLog(log []byte) map[string]time.Time {
	out := map[string]time.Time{}
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "\x01"):
			when, _ = time.Parse(time.RFC3339, line[1:])
		case line == "" || when.IsZero():
		default:
			if _, seen := out[line]; !seen {
				out[line] = when
			}
		}
	}
	return out
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	return cmd.Output()
}
