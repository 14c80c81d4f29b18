package theme

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestStaticSymlinks: a static file that is a link is copied when it
// leads inside the site, and is a problem at its path when it leads out.
func TestStaticSymlinks(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
	}
	site := fstest.MapFS{
		"themes/t/static/css/kb.css":   {Data: []byte("body{}")},
		"assets/logo.svg":              {Data: []byte("<svg/>")},
		"static/logo.svg":              link("../assets/logo.svg"),
		"static/passwd":                link("../../../etc/passwd"),
		"static/.well-known/x.txt":     {Data: []byte("x")},
		"static/.hidden":               {Data: []byte("x")},
		"themes/t/static/js/loop":      link(".."),
		"themes/t/static/js/search.js": {Data: []byte("x")},
	}
	files, err := StaticFiles(site, "t")
	want := "static/passwd: symbolic link to a file outside the site (../../../etc/passwd); kb follows links only inside the site, so copy it into the site instead\n" +
		"themes/t/static/js/loop: symbolic link to themes/t/static, a folder that holds the link itself, so the folder would go on forever; kb stops here"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	var got []string
	for out, src := range files {
		got = append(got, out+"="+src)
	}
	if len(got) != 4 || files["logo.svg"] != "static/logo.svg" || files[".well-known/x.txt"] == "" {
		t.Errorf("files: %s", strings.Join(got, " "))
	}
}
