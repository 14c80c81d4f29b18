package build

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestExternalLinks: a build lists every link to another site at the
// place it is written: a source's url in the front matter, a link in a
// profile value (in the front matter too), and the body's links, images
// and autolinks; not links inside the site, nor other schemes.
func TestExternalLinks(t *testing.T) {
	site := fstest.MapFS{
		"config.toml": {Data: []byte("title = \"Ext\"\nbase_url = \"https://owner.github.io/repo/\"\n")},
		"content/roles/_index.md": {Data: []byte(`+++
title = "Roles"
[[dimensions]]
id = "focus"
label = "Focus"
+++
`)},
		"content/roles/cto.md": {Data: []byte(`+++
title = "CTO"
[profile]
focus = "Outward, see [the talk](https://talks.kbtest/cto#t=5)"

[[sources]]
title = "A post"
url = "https://blog.kbtest/post"

[[sources]]
title = "No URL"
+++
Read [the post](https://blog.kbtest/post), [a sibling](../roles/vp.md) and
![a chart](//img.kbtest/c.png) at <https://auto.kbtest/x>,
or [mail](mailto:a@b.kbtest) and www.www.kbtest.
`)},
		"content/roles/vp.md": {Data: []byte("+++\ntitle = \"VP\"\n+++\nNo links out.\n")},
	}
	res, err := Build(site, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, l := range res.External {
		fmt.Fprintf(&got, "%s:%d:%d %s\n", l.File, l.Line, l.Col, l.URL)
	}
	want := `content/roles/cto.md:8:8 https://blog.kbtest/post
content/roles/cto.md:4:23 https://talks.kbtest/cto#t=5
content/roles/cto.md:13:6 https://blog.kbtest/post
content/roles/cto.md:14:1 https://img.kbtest/c.png
content/roles/cto.md:14:35 https://auto.kbtest/x
content/roles/cto.md:15:34 http://www.www.kbtest
`
	if got.String() != want {
		t.Errorf("external links:\n%s\nwant:\n%s", got.String(), want)
	}
}
