package build

import (
	"path"
	"testing"

	"github.com/kbsite/kb/internal/site"
)

// pageFile appends to a page's URL what path.Join would give.
func TestPageFile(t *testing.T) {
	for _, url := range []string{"", "a/", "a/b/", "tags/go-lang/", "a", "a/b"} {
		p := &site.Page{URL: url}
		if got, want := pageFile(p, "index.html"), path.Join(url, "index.html"); got != want {
			t.Errorf("URL %q: %q, want %q", url, got, want)
		}
	}
}
