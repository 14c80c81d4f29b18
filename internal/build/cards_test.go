package build

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kbsite/kb/internal/cards"
)

// cardSite is a small site in the default theme, which links cards:
// home, a section, articles (one with a title too long for a card),
// tags and their pages, under a project subpath.
func cardSite() fstest.MapFS {
	page := func(front string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\n" + front + "\n+++\nSome text.\n")}
	}
	return fstest.MapFS{
		"config.toml":               {Data: []byte("title = \"Card Site\"\ndescription = \"A site for cards.\"\nbase_url = \"https://owner.github.io/repo/\"\ntaxonomies = [\"tags\"]\n")},
		"content/_index.md":         page(`title = "Card Site"`),
		"content/guides/_index.md":  page(`title = "Guides"` + "\n" + `description = "How-to guides."`),
		"content/guides/setup.md":   page(`title = "Setup"` + "\n" + `description = "Set it up."` + "\n" + `tags = ["basics"]`),
		"content/guides/long.md":    page(`title = "` + strings.Repeat("A title far too long for any card ", 8) + `"` + "\n" + `tags = ["basics"]`),
		"content/guides/unicode.md": page(`title = "首席技术官 Ünïcödé"`),
	}
}

// metaRE reads a <meta property|name="..." content="..."> of a page.
var metaRE = regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`)

func metas(page []byte) map[string]string {
	out := map[string]string{}
	for _, m := range metaRE.FindAllSubmatch(page, -1) {
		out[string(m[1])] = html.UnescapeString(string(m[2]))
	}
	return out
}

// TestEveryPageLinksItsCard: each page's head has the Open Graph and
// Twitter tags of its card, the URL absolute under base_url, and the card
// is there: a PNG of the size the tags say, under the size budget. The
// 404 page, shared by every missing URL, has none.
func TestEveryPageLinksItsCard(t *testing.T) {
	res, err := Build(cardSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.CardsDrawn != len(res.Site.Pages) {
		t.Errorf("%d cards drawn for %d pages", res.CardsDrawn, len(res.Site.Pages))
	}
	for _, p := range res.Site.Pages {
		m := metas(res.Files[outPath(p)])
		url := "https://owner.github.io/repo/" + cardPath(p)
		for tag, want := range map[string]string{
			"og:image": url, "twitter:image": url, "og:image:type": "image/png",
			"og:image:width": "1200", "og:image:height": "630", "twitter:card": "summary_large_image",
		} {
			if m[tag] != want {
				t.Errorf("%s: %s = %q, want %q", p.URL, tag, m[tag], want)
			}
		}
		if m["og:image:alt"] == "" || m["og:image:alt"] != m["twitter:image:alt"] {
			t.Errorf("%s: og:image:alt %q, twitter:image:alt %q", p.URL, m["og:image:alt"], m["twitter:image:alt"])
		}
		data := res.Files[cardPath(p)]
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: the card does not decode: %v", p.URL, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 630 || len(data) >= cards.MaxBytes {
			t.Errorf("%s: the card is %v, %d bytes", p.URL, b, len(data))
		}
	}
	m := metas(res.Files["404.html"])
	if _, ok := m["og:image"]; ok || m["twitter:card"] != "summary" {
		t.Errorf("404.html: og:image %q, twitter:card %q; want none, summary", m["og:image"], m["twitter:card"])
	}

	// What cards say besides the page's own title.
	for url, alt := range map[string]string{
		"":              "Card Site",                 // home: the site's name once
		"guides/":       "Card Site: Guides",         // a top-level section is its own place
		"guides/setup/": "Card Site / Guides: Setup", // an article names its section
		"tags/basics/":  "Card Site / Tags: Basics",  // a term names its taxonomy
		"all-articles/": "Card Site: All articles",   // a page of kb's own
	} {
		p := res.Site.Lookup(url)
		if p == nil {
			t.Fatalf("no page at %q", url)
		}
		if got := metas(res.Files[outPath(p)])["og:image:alt"]; got != alt {
			t.Errorf("%s: og:image:alt %q, want %q", url, got, alt)
		}
	}
	// Search engines get the card as the article's image too.
	if !bytes.Contains(res.Files["guides/setup/index.html"], []byte(`"image":"https://owner.github.io/repo/guides/setup/card.png"`)) {
		t.Error("the article's JSON-LD has no image")
	}
}

// TestCardsCachedBetweenBuilds: kb build keeps the cards it drew in the
// site's cache folder; a rebuild of the same pages draws none, and
// writes the same bytes as a build that drew them all; a page whose
// title changed gets its card drawn again, and the old one leaves the
// folder.
func TestCardsCachedBetweenBuilds(t *testing.T) {
	dir := t.TempDir()
	src, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, cardSite()); err != nil {
		t.Fatal(err)
	}
	opt := cachedOptions(src)
	fresh, err := Build(os.DirFS(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(fresh.Site.Pages)
	for i, want := range []struct{ drawn, reused int }{{n, 0}, {0, n}} {
		res, _, err := BuildDir(os.DirFS(src), opt, dest)
		if err != nil {
			t.Fatal(err)
		}
		if res.CardsDrawn != want.drawn || res.CardsReused != want.reused {
			t.Errorf("build %d: %d cards drawn, %d from the cache; want %d, %d", i+1, res.CardsDrawn, res.CardsReused, want.drawn, want.reused)
		}
		for p, data := range fresh.Files {
			if strings.HasSuffix(p, cardFile) {
				got, err := os.ReadFile(filepath.Join(dest, p))
				if err != nil || !bytes.Equal(got, data) {
					t.Errorf("build %d: %s differs from a fresh draw (%v)", i+1, p, err)
				}
			}
		}
	}
	setup := filepath.Join(src, "content/guides/setup.md")
	data, _ := os.ReadFile(setup)
	writeFile(t, setup, bytes.Replace(data, []byte(`title = "Setup"`), []byte(`title = "Setting up"`), 1))
	res, _, err := BuildDir(os.DirFS(src), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if res.CardsDrawn != 1 || res.CardsReused != n-1 {
		t.Errorf("after a title's edit: %d cards drawn, %d reused; want 1, %d", res.CardsDrawn, res.CardsReused, n-1)
	}
	entries, err := os.ReadDir(filepath.Join(src, CacheDir, "cards"))
	if err != nil || len(entries) != n {
		t.Errorf("the cache folder holds %d files (%v), want the %d cards of the last build", len(entries), err, n)
	}
}

// TestCardsCacheLinksTheOutput: into an output folder, the cards kb
// build draws are kept in the cache folder as hard links to the output's
// files, not as copies; after a rebuild has replaced a card in the output
// and the output is gone, the cache still gives every card byte for
// byte, and the output's cards are links to the cache's again.
func TestCardsCacheLinksTheOutput(t *testing.T) {
	dir := t.TempDir()
	src, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := os.CopyFS(src, cardSite()); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(src, "config.toml"), filepath.Join(dir, "probe")); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	opt := cachedOptions(src)
	linked := func(build string) {
		t.Helper()
		entries, err := os.ReadDir(filepath.Join(src, CacheDir, "cards"))
		if err != nil {
			t.Fatal(err)
		}
		var cached []os.FileInfo
		for _, e := range entries {
			fi, err := e.Info()
			if err != nil {
				t.Fatal(err)
			}
			cached = append(cached, fi)
		}
		cards := 0
		filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.Name() != cardFile {
				return err
			}
			cards++
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(cached, func(c os.FileInfo) bool { return os.SameFile(c, fi) }) {
				t.Errorf("%s: %s is not a link to a card of the cache", build, p)
			}
			return nil
		})
		if cards == 0 || cards != len(cached) {
			t.Errorf("%s: %d cards in the output, %d in the cache", build, cards, len(cached))
		}
	}
	if _, _, err := BuildDir(os.DirFS(src), opt, dest); err != nil {
		t.Fatal(err)
	}
	linked("a build into an empty folder")
	setup := filepath.Join(src, "content/guides/setup.md")
	data, _ := os.ReadFile(setup)
	writeFile(t, setup, bytes.Replace(data, []byte(`title = "Setup"`), []byte(`title = "Setting up"`), 1))
	if _, _, err := BuildDir(os.DirFS(src), opt, dest); err != nil {
		t.Fatal(err)
	}
	linked("a build after a title's edit")

	fresh, err := Build(os.DirFS(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}
	res, _, err := BuildDir(os.DirFS(src), opt, dest)
	if err != nil {
		t.Fatal(err)
	}
	if res.CardsDrawn != 0 {
		t.Errorf("with the output gone, %d cards drawn; want all from the cache", res.CardsDrawn)
	}
	linked("a build from the cache into an empty folder")
	for p, data := range fresh.Files {
		if strings.HasSuffix(p, cardFile) {
			if got, err := os.ReadFile(filepath.Join(dest, p)); err != nil || !bytes.Equal(got, data) {
				t.Errorf("from the cache: %s differs from a fresh draw (%v)", p, err)
			}
		}
	}
}

// TestPreviewKeepsCardsInMemory: the preview server's builder, with no
// cache folder, draws each card once across its rebuilds.
func TestPreviewKeepsCardsInMemory(t *testing.T) {
	b := NewBuilder(cardSite(), Options{})
	first, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	second, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if first.CardsDrawn == 0 || second.CardsDrawn != 0 || second.CardsReused != first.CardsDrawn {
		t.Errorf("drawn %d then %d (reused %d); want all, then none", first.CardsDrawn, second.CardsDrawn, second.CardsReused)
	}
}

// TestNoCardsDrawn: kb check links cards and claims their paths but
// draws none; a theme that does not link cards gets none at all.
func TestNoCardsDrawn(t *testing.T) {
	res, err := Build(cardSite(), Options{NoCardImages: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.CardsDrawn+res.CardsReused != 0 || len(res.Files["card.png"]) != 0 {
		t.Errorf("check drew %d cards, reused %d", res.CardsDrawn, res.CardsReused)
	}
	if !slices.Contains(res.Paths, "guides/setup/card.png") {
		t.Error("check did not claim the cards' paths, so a clash with them would go unseen")
	}

	mini := cardSite()
	mini["config.toml"] = &fstest.MapFile{Data: append(mini["config.toml"].Data, "theme = \"mini\"\n"...)}
	addMiniTheme(t, mini)
	res, err = Build(mini, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p := range res.Files {
		if strings.HasSuffix(p, cardFile) {
			t.Errorf("%s made for a theme that does not link cards", p)
		}
	}
}

// TestSocialCardsOff: with social_cards = false the default theme links
// no card and none is made or claimed.
func TestSocialCardsOff(t *testing.T) {
	fsys := cardSite()
	fsys["config.toml"] = &fstest.MapFile{Data: append(fsys["config.toml"].Data, "[outputs]\nsocial_cards = false\n"...)}
	res, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Paths {
		if strings.HasSuffix(p, cardFile) {
			t.Errorf("%s made with social_cards = false", p)
		}
	}
	if res.CardsDrawn+res.CardsReused != 0 {
		t.Errorf("drew %d cards, reused %d", res.CardsDrawn, res.CardsReused)
	}
	page := res.Files["guides/setup/index.html"]
	if m := metas(page); m["og:image"] != "" || m["twitter:card"] == "summary_large_image" {
		t.Errorf("a page links a card that is not made: og:image %q, twitter:card %q", m["og:image"], m["twitter:card"])
	}
}

// TestCardColorsAreTheThemes: the cards' colours are the default
// theme's light ones, as its stylesheet declares them.
func TestCardColorsAreTheThemes(t *testing.T) {
	css, err := os.ReadFile("../../themes/default/static/css/kb.css")
	if err != nil {
		t.Fatal(err)
	}
	c := cardColors()
	for name, col := range map[string]color.RGBA{"bg": c.Background, "bg-soft": c.Band, "border": c.Rule, "fg": c.Text, "fg-soft": c.Muted, "accent": c.Accent} {
		want := fmt.Sprintf("--%s: light-dark(#%02x%02x%02x,", name, col.R, col.G, col.B)
		if !bytes.Contains(css, []byte(want)) {
			t.Errorf("kb.css does not declare %q: the card's colour and the theme's differ", want)
		}
	}
}

// TestCardViewBeforeThePlan: a page laid out before the cards are all
// planned (the open page of a preview rebuild) links the very card the
// plan gives it, and the 404 page none either way.
func TestCardViewBeforeThePlan(t *testing.T) {
	res, err := Build(cardSite(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := res.Site
	planned := cardsOf(s)
	planned.ready()
	early := &siteCards{s: s, footer: planned.footer, colors: planned.colors} // not planned
	for _, p := range append(slices.Clone(s.Pages), s.NotFound) {
		got, want := early.view(p), planned.view(p)
		if (got == nil) != (want == nil) || got != nil && *got != *want {
			t.Errorf("%s: card before the plan %+v, planned %+v", p.URL, got, want)
		}
		if p == s.NotFound && got != nil {
			t.Errorf("the 404 page links a card: %+v", got)
		}
		if p != s.NotFound && got == nil {
			t.Errorf("%s links no card", p.URL)
		}
	}
}
