package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const front = "+++\ntitle = \"T\"\n+++\n"

func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
}

func TestSymlinks(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":           {Data: []byte(front)},
		"docs/guide.md":       {Data: []byte(front)},
		"etc/passwd":          {Data: []byte("root:x:0:0")},
		"content/_index.md":   {Data: []byte(front)},
		"content/inside.md":   link("../README.md"),
		"content/docs":        link("../docs"),
		"content/outside.md":  link("../../outside.md"),
		"content/absolute.md": link("/etc/passwd"),
		"content/missing.md":  link("nothere.md"),
		"content/self":        link("."),
		"content/up":          link(".."),
		"content/ping":        link("pong"),
		"content/pong":        link("ping"),
		"content/chain.md":    link("etc/passwd"),
		"content/etc":         link("/etc"),
		"content/outin.md":    link("../../site/README.md"),
		"content/img.png":     link("../etc/passwd"), // inside the site: an asset
	}
	c, errs := Load(fsys, Options{})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		"content/absolute.md: symbolic link to an absolute path (/etc/passwd); kb follows only relative links that stay inside the site, so make the link relative",
		"content/chain.md: symbolic link to an absolute path (/etc); kb follows only relative links that stay inside the site, so make the link relative",
		"content/etc: symbolic link to an absolute path (/etc); kb follows only relative links that stay inside the site, so make the link relative",
		`content/missing.md: symbolic link to nothere.md, which does not exist`,
		"content/outin.md: symbolic link to a file outside the site (../../site/README.md); kb follows links only inside the site, so copy it into the site instead",
		"content/outside.md: symbolic link to a file outside the site (../../outside.md); kb follows links only inside the site, so copy it into the site instead",
		"content/ping: symbolic link that leads through more than 40 links, which is a loop; make it lead to a file or folder",
		"content/pong: symbolic link that leads through more than 40 links, which is a loop; make it lead to a file or folder",
		"content/self: symbolic link to content, a folder that holds the link itself, so the folder would go on forever; kb stops here",
		"content/up: symbolic link to the site's root folder, a folder that holds the link itself, so the folder would go on forever; kb stops here",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var urls []string
	for _, p := range c.Pages {
		urls = append(urls, p.URL)
	}
	if strings.Join(urls, " ") != " docs/ docs/guide/ inside/" {
		t.Errorf("pages %q", urls)
	}
	if strings.Join(c.Assets, " ") != "content/img.png" {
		t.Errorf("assets %q", c.Assets)
	}
}

// onlyOpen hides every interface of an fs.FS but Open, as a file system
// that cannot say where its links lead.
type onlyOpen struct{ fs.FS }

func TestSymlinksUnreadable(t *testing.T) {
	fsys := onlyOpen{fstest.MapFS{
		"README.md":         {Data: []byte(front)},
		"content/inside.md": link("../README.md"),
		"content/a.md":      {Data: []byte(front)},
	}}
	c, errs := Load(fsys, Options{})
	if len(errs) != 1 || errs[0].Error() != "content/inside.md: "+unreadableLink {
		t.Errorf("got %v", errs)
	}
	if len(c.Pages) != 2 { // home and a
		t.Errorf("pages %d", len(c.Pages))
	}
}

// TestSymlinksOnDisk checks the rule with real links under os.DirFS: a
// link out of the site is refused before anything is read through it, a
// loop ends, and a link inside is followed.
func TestSymlinksOnDisk(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	write := func(p, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlink := func(target, p string) {
		t.Helper()
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write(filepath.Join(root, "secret.md"), front+"secret\n")
	write(filepath.Join(site, "content", "a.md"), front)
	write(filepath.Join(site, "shared", "b.md"), front)
	symlink("../../secret.md", filepath.Join(site, "content", "secret.md"))
	symlink(filepath.Join(root, "secret.md"), filepath.Join(site, "content", "abs.md"))
	symlink("../shared", filepath.Join(site, "content", "shared"))
	symlink("..", filepath.Join(site, "content", "shared", "loop"))
	symlink("../..", filepath.Join(site, "content", "outdir"))

	c, errs := Load(os.DirFS(site), Options{})
	got := errs.Error()
	for _, want := range []string{
		"content/secret.md: symbolic link to a file outside the site (../../secret.md)",
		"content/abs.md: symbolic link to an absolute path (" + filepath.Join(root, "secret.md") + ")",
		"content/outdir: symbolic link to a folder outside the site (../..)",
		"shared/loop: symbolic link to the site's root folder, a folder that holds the link itself",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if len(errs) != 4 {
		t.Errorf("%d problems:\n%s", len(errs), got)
	}
	for p, body := range c.Bodies {
		if strings.Contains(string(body), "secret") {
			t.Errorf("published a file from outside the site: %s", p.File)
		}
	}
	if p := findURL(c, "shared/b/"); p == nil {
		t.Errorf("the linked folder inside the site was not followed")
	}
}

func findURL(c *Content, url string) *Page {
	for _, p := range c.Pages {
		if p.URL == url {
			return p
		}
	}
	return nil
}
