package build

import (
	"crypto/sha256"
	"image/color"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kbsite/kb/internal/cards"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/theme"
)

// CacheDir is the folder, in a site's root, where kb keeps what it can
// make again but would rather not: the social cards already drawn
// (cards/). It is not an input: nothing in it changes what a build
// writes, only how fast.
const CacheDir = ".kb-cache"

// cardFile is the name of a page's social card, in its folder beside its
// index.html: /roles/cto/card.png. A card so placed follows its page
// (moved, renamed or removed with it), its URL is the page's own, and
// no flattened name ("roles-cto.png") can make two pages' cards one.
// A content asset of the same name in the same folder is reported as a
// clash, at the asset.
const cardFile = "card.png"

// cardColors are the default theme's light colours (themes/default/
// static/css/kb.css, the first colour of each light-dark pair; a test
// holds the two together): the page's background and text, the soft
// background and border of its header, its accent.
func cardColors() cards.Colors {
	rgb := func(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }
	return cards.Colors{
		Background: rgb(0xffffff), // --bg
		Band:       rgb(0xf5f6f8), // --bg-soft
		Rule:       rgb(0xd7dce2), // --border
		Text:       rgb(0x1b1f24), // --fg
		Muted:      rgb(0x4a5360), // --fg-soft
		Accent:     rgb(0x0b5cad), // --accent
	}
}

// siteCards are the social cards of a build's pages: what each shows,
// its key, and what its page's layout links.
type siteCards struct {
	s      *site.Site // nil when no page has a card
	footer string
	colors cards.Colors
	// pages, cards, keys and views are filled in beside the rest of the
	// build (see cardsOf) from when start is first called: planned is
	// set when they are, and wait waits for it.
	planned atomic.Bool
	started sync.Once
	wait    func()
	plan    func()
	pages   []*site.Page
	cards   []cards.Card
	// keys are made when first asked for (see key), as the cards are
	// drawn: a preview server's rebuild hands the open pages over before
	// that, and 10,000 keys took 16 ms.
	keys  []string
	views []*theme.Card // by index of pages
}

// start starts planning the cards, once.
func (sc *siteCards) start() {
	sc.started.Do(func() {
		if sc.plan != nil {
			sc.wait = parallel.Start(sc.plan)
		}
	})
}

// ready waits until every card is planned, starting to plan them if
// need be.
func (sc *siteCards) ready() {
	sc.start()
	if sc.wait != nil {
		sc.wait()
	}
}

// view is what p's layout links of its card; nil for none.
func (sc *siteCards) view(p *site.Page) *theme.Card {
	if sc.s == nil || p.Kind == content.NotFound {
		return nil
	}
	if i := p.Index(); sc.planned.Load() && i >= 0 && i < len(sc.pages) && sc.pages[i] == p {
		return sc.views[i]
	}
	return cardView(p, sc.card(p)) // a page laid out before the plan is done
}

// card is what p's card shows.
func (sc *siteCards) card(p *site.Page) cards.Card {
	c := cards.Card{Site: sc.s.Config.Title, Section: cardSection(sc.s, p), Title: p.Title, Description: p.Description, Footer: sc.footer, Colors: sc.colors}
	if c.Description == "" {
		c.Description = sc.s.Config.Description
	}
	return c
}

func cardView(p *site.Page, c cards.Card) *theme.Card {
	return &theme.Card{Path: cardPath(p), Width: cards.Width, Height: cards.Height, Alt: cardAlt(c)}
}

// key is the key of page i's card. Calls for different pages may run at
// once; for one page, one at a time.
func (sc *siteCards) key(i int) string {
	if sc.keys[i] == "" {
		sc.keys[i] = cards.Key(sc.cards[i])
	}
	return sc.keys[i]
}

// cardsOf plans a card for every page of s (not the 404 page, which is
// served at any URL and shared by none).
//
// The plan is made beside the rest of the build, on all cores, from
// when start is called: a preview rebuild lays out the open page before
// it is done (it took 5 ms of the time to the hand-over at 10,000 pages,
// by CPU profiles of title edits), and that page's card is made alone
// (see view); it starts the plan after the hand-over, as on two cores
// the plan took 5 ms of processor time from the stages before it (CPU
// profiles of 60 title edits).
func cardsOf(s *site.Site) *siteCards {
	footer := strings.TrimSuffix(s.Config.BaseURL, "/")
	if _, rest, ok := strings.Cut(footer, "://"); ok {
		footer = rest
	}
	sc := &siteCards{s: s, footer: footer, colors: cardColors(), pages: s.Pages}
	sc.plan = func() {
		sc.cards, sc.keys = make([]cards.Card, len(s.Pages)), make([]string, len(s.Pages))
		sc.views = make([]*theme.Card, len(s.Pages))
		parallel.Each(len(s.Pages), func() struct{} { return struct{}{} }, func(_ struct{}, i int) {
			sc.cards[i] = sc.card(s.Pages[i])
			sc.views[i] = cardView(s.Pages[i], sc.cards[i])
		})
		sc.planned.Store(true)
	}
	return sc
}

// cardPath is where p's card goes.
func cardPath(p *site.Page) string { return pageFile(p, cardFile) }

// cardSection is what a card names as the page's place: the top-level
// section it is in ("Roles", or "Tags" for a tag's page), unless it is
// that section or home.
func cardSection(s *site.Site, p *site.Page) string {
	top := p
	for top.Parent != nil && top.Parent != s.Home {
		top = top.Parent
	}
	if top == p || top == s.Home {
		return ""
	}
	return top.Title
}

// cardAlt is a card's text alternative: what it shows first, as the
// card shows it ("Site / Roles: CTO"; the title alone when it is the
// site's name).
func cardAlt(c cards.Card) string {
	head := c.Site
	if c.Section != "" && c.Section != c.Title {
		head += " / " + c.Section
	}
	if c.Title == "" || c.Title == c.Site {
		return head
	}
	return head + ": " + c.Title
}

// cardStats count a build's cards: drawn, or taken from the cache.
type cardStats struct{ drawn, reused int }

// writeCards hands every card to out, drawn on all cores or read from
// the cache. Paths are reserved first, in page order, so that a clash is
// reported the same way whatever the scheduling. With draw false (kb
// check, or a build that has failed already) the paths are reserved and
// nothing is drawn.
func writeCards(out *output.Tree, sc *siteCards, cache *cards.Cache, painter *cards.Painter, draw bool, reuse *outputReuse) (cardStats, diag.List) {
	sc.ready()
	reserved := make([]bool, len(sc.pages))
	for i, p := range sc.pages {
		reserved[i] = out.Reserve(cardPath(p), output.Place{})
	}
	if !draw {
		return cardStats{}, nil
	}
	errs := make([]error, len(sc.pages))
	states := parallel.Each(len(sc.pages), func() *cardStats { return &cardStats{} }, func(st *cardStats, i int) {
		if !reserved[i] {
			return
		}
		// A card the output folder holds already is not read from the
		// cache again: at 10,000 pages that read was 270 MB.
		if reuse.kept(cardPath(sc.pages[i]), sha256.Sum256([]byte("card "+sc.key(i)))) {
			st.reused++
			return
		}
		p := cardPath(sc.pages[i])
		_, drawn, err := cache.Get(painter, sc.key(i), sc.cards[i], func(data []byte, from string) string {
			out.WriteLinked(p, data, from)
			file, _ := out.File(p)
			return file
		})
		if err != nil {
			errs[i] = err
			return
		}
		if drawn {
			st.drawn++
		} else {
			st.reused++
		}
	})
	var total cardStats
	for _, st := range states {
		total.drawn += st.drawn
		total.reused += st.reused
	}
	var problems diag.List
	for i, err := range errs {
		if err != nil {
			// Drawing fails only if encoding a PNG in memory does: a bug.
			problems.Add(diag.Errorf(cardPath(sc.pages[i]), 0, 0, "drawing the social card of %s: %v", sc.pages[i].URL, err))
		}
	}
	return total, problems
}

// keySet is the keys of a build's cards, for the cache to keep.
func (sc *siteCards) keySet() map[string]bool {
	sc.ready()
	keep := make(map[string]bool, len(sc.keys))
	for i := range sc.keys {
		keep[sc.key(i)] = true
	}
	return keep
}

// cardsDir is the cards' folder of the cache folder dir ("" for none).
func cardsDir(dir string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "cards")
}
