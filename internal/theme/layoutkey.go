package theme

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/site"
)

// LayoutKey is a digest of everything the built-in theme's layout of a
// page reads: the page, its rendered body, and what it shows of other
// pages (its neighbours in lists and navigation, the pages it links to
// and from, its related pages, the link graph two steps out, the site's
// sections and taxonomies, config.toml and the templates). A build that
// gives a page the key the last build gave it may keep the page the last
// build laid out instead of running its layout again.
//
// The keys are written against the built-in theme's layouts: a site's own
// layouts may read anything of any page, so a build compares keys only
// while the theme's Digest is the built-in theme's (see KeysHold). The
// randomized update test in internal/build checks them against fresh
// builds.
type LayoutKey [sha256.Size]byte

// layoutKeysVersion changes whenever what a key covers changes, so that
// keys another kb wrote are not trusted.
const layoutKeysVersion = "layout keys 2"

// sidebarLength is the number of nearby articles the built-in sidebar
// lists ({{.Nearby 15}}).
const sidebarLength = 15

// KeysHold says whether layout keys describe th's layouts: they are the
// layouts whose Digest is builtin.
func (th *Theme) KeysHold(builtin [sha256.Size]byte) bool { return th.digest == builtin }

// Keys are the layout keys of pages, computed on all cores.
func (l *Layout) Keys(pages []*site.Page) []LayoutKey {
	k := l.newKeyer()
	out := make([]LayoutKey, len(pages))
	parallel.Each(len(pages), newDigest, func(d *digest, i int) {
		if l.Stop == nil || !l.Stop() {
			out[i] = k.key(d, pages[i])
		}
	})
	return out
}

// keyer holds what many pages' keys share: every page's summary, and
// digests of the whole site.
type keyer struct {
	l       *Layout
	summary map[*site.Page]LayoutKey
	global  LayoutKey // config, templates, sections, taxonomies
	all     LayoutKey // every page, for the pages that list them all
	// node is each article's place in the link graph (its summary,
	// section, neighbours), by its index in the article graph; graph is
	// all of them, for the page that draws the whole graph.
	node  []LayoutKey
	graph LayoutKey
	// ring is each article's node with its neighbours' nodes: the
	// article graph one step out (see around).
	ring []LayoutKey
}

func (l *Layout) newKeyer() *keyer {
	s := l.Site
	k := &keyer{l: l, summary: make(map[*site.Page]LayoutKey, len(s.Pages)+1)}
	pages := append(s.Pages[:len(s.Pages):len(s.Pages)], s.NotFound)
	sums := make([]LayoutKey, len(pages))
	parallel.Each(len(pages), newDigest, func(d *digest, i int) { sums[i] = k.summarize(d, pages[i]) })
	for i, p := range pages {
		k.summary[p] = sums[i]
	}

	d := newDigest()
	d.str(layoutKeysVersion)
	d.sum(l.digest)
	d.str(configText(s))
	// Every page links the sections, the taxonomies, home, the
	// all-articles page and the graph page, by title.
	k.nav(d, s.Sections)
	for _, t := range s.Taxonomies {
		d.str(t.Name)
		d.str(t.Title)
		k.nav(d, []*site.Page{t.Page})
	}
	k.nav(d, []*site.Page{s.Home, s.AllArticles, s.Graph})
	k.global = d.done()

	d = newDigest()
	k.pages(d, s.Pages)
	k.pages(d, s.Articles)
	k.pages(d, s.AllSections)
	k.all = d.done()

	sg := l.articleGraph()
	k.node = make([]LayoutKey, len(sg.pages))
	parallel.Each(len(sg.pages), newDigest, func(d *digest, i int) {
		d.reset()
		d.sum(k.summary[sg.pages[i]])
		d.num(sg.g.Nodes[i].Group)
		d.num(sg.deg[i])
		for _, j := range sg.nb[i] {
			d.str(sg.pages[j].URL)
		}
		k.node[i] = d.done()
	})
	k.ring = make([]LayoutKey, len(sg.pages))
	parallel.Each(len(sg.pages), newDigest, func(d *digest, i int) {
		d.reset()
		d.sum(k.node[i])
		for _, j := range sg.nb[i] {
			d.sum(k.node[j])
		}
		k.ring[i] = d.done()
	})
	d = newDigest()
	for _, n := range k.node {
		d.sum(n)
	}
	k.graph = d.done()
	return k
}

// summarize is what other pages' layouts may show of p: its own fields
// and front matter, its list entry and profile as rendered, its parent,
// and the sizes of its lists.
func (k *keyer) summarize(d *digest, p *site.Page) LayoutKey {
	d.reset()
	d.str(p.URL)
	d.str(string(p.Kind))
	d.str(p.File)
	d.str(p.Title)
	d.str(p.ShortTitle())
	d.str(p.Description)
	d.time(p.Date)
	d.time(p.Updated)
	d.str(p.MarkdownURL())
	if p.Front != nil {
		d.str(p.Front.Text()) // weight, terms, params, profile, sources...
	}
	if p.Parent != nil {
		d.str(p.Parent.URL)
		d.str(p.Parent.Title)
	}
	d.num(len(p.Articles))
	d.num(len(p.Sections))
	if t := p.Term; t != nil {
		d.str(t.Name)
		d.str(t.Slug)
		d.num(len(t.Pages))
	}
	if pr := p.Pair; pr != nil {
		for _, q := range []*site.Page{pr.Section, pr.A, pr.B} {
			d.str(q.URL)
			d.str(q.ShortTitle())
		}
	}
	r := k.l.Rendered.Of(p)
	d.str(string(r.Item))
	for _, id := range slices.Sorted(maps.Keys(r.Profile)) {
		d.str(id)
		d.num(len(r.Profile[id]))
		for _, v := range r.Profile[id] {
			d.str(string(v))
		}
	}
	return d.done()
}

// key is p's layout key.
func (k *keyer) key(d *digest, p *site.Page) LayoutKey {
	s, l := k.l.Site, k.l
	d.reset()
	d.sum(k.global)
	d.sum(k.summary[p])
	b := l.Rendered.Of(p).Body
	d.sum(b.Digest)
	d.num(b.Words)
	d.bool(b.HasCompare)
	d.bool(b.HasTerms)
	for _, h := range b.Headings {
		d.num(h.Level)
		d.str(h.ID)
		d.str(h.Text)
	}
	if c := l.card(p); c != nil {
		d.str(fmt.Sprint(*c))
	}
	k.pages(d, p.Ancestors())
	k.pages(d, []*site.Page{p.Prev, p.Next})
	k.pages(d, nearby(p, sidebarLength))
	k.pages(d, l.Graph.Links(p))
	for _, bl := range l.Graph.Backlinks(p) {
		k.pages(d, []*site.Page{bl.From})
		d.str(bl.Context)
	}
	k.pages(d, l.Graph.Related(p))
	if p.Term != nil {
		k.pages(d, p.Term.Pages)
	}
	for _, tt := range p.PageTerms {
		d.str(tt.Taxonomy.Name)
		for _, t := range tt.Terms {
			d.str(t.Name)
			k.pages(d, []*site.Page{t.Page})
		}
	}
	k.pages(d, p.Articles)
	k.pages(d, p.Sections)
	k.pages(d, p.Pairs)
	if pr := p.Pair; pr != nil {
		k.pages(d, []*site.Page{pr.Section, pr.A, pr.B})
		k.pages(d, pr.Section.Pairs)
	}
	if t := p.Taxonomy; t != nil {
		for _, term := range t.Terms {
			d.str(term.Name)
			d.num(len(term.Pages))
			k.pages(d, []*site.Page{term.Page})
		}
	}
	if p == s.Home {
		k.pages(d, s.Sections)
		for _, sec := range s.Sections {
			k.pages(d, sec.Articles) // home lists the first of each section
		}
	}
	switch p.Kind {
	case content.AllArticles:
		d.sum(k.all)
	case content.Graph:
		d.sum(k.all)
		d.sum(k.graph)
	case content.Article:
		k.around(d, p)
	}
	return d.done()
}

// around adds what p's local graph draws: the articles two steps out in
// the link graph, each with its own neighbours and degree, which decide
// who is drawn and where. They are p's ring and its neighbours' rings,
// which hold every node two steps out: listing the nodes themselves,
// each once, took about a sixth of the layout keys' processor time after one
// edit at 10,000 pages (CPU profiles), as an article's neighbours'
// neighbours are many.
func (k *keyer) around(d *digest, p *site.Page) {
	sg := k.l.articleGraph()
	i, ok := sg.index[p]
	if !ok {
		return
	}
	d.sum(k.ring[i])
	for _, j := range sg.nb[i] {
		d.sum(k.ring[j])
	}
}

// configText is config.toml's values as text that is the same for the
// same values in any run: JSON keeps types apart and sorts map keys
// (%#v would print a date's time zone as a pointer).
func configText(s *site.Site) string {
	b, err := json.Marshal(s.Config)
	if err != nil {
		return fmt.Sprintf("%v", s.Config) // a value JSON refuses (NaN)
	}
	return string(b)
}

// nav adds what a link to each of pages shows: its address, its title,
// and its list entry; a nil page counts too.
func (k *keyer) nav(d *digest, pages []*site.Page) {
	d.num(len(pages))
	for _, q := range pages {
		if q == nil {
			d.str("nil")
			continue
		}
		d.str(q.URL)
		d.str(q.Title)
		d.str(string(k.l.Rendered.Of(q).Item))
	}
}

// pages adds the summaries of pages, in order; a nil page counts too.
func (k *keyer) pages(d *digest, pages []*site.Page) {
	d.num(len(pages))
	for _, q := range pages {
		if q == nil {
			d.str("nil")
			continue
		}
		d.sum(k.summary[q])
	}
}

// digest gathers length-prefixed values, so that no two different
// sequences of values give the same bytes, and sums them with SHA-256.
// It is reused from page to page: one buffer, no hash state per value.
type digest struct{ buf []byte }

func newDigest() *digest { return &digest{} }

func (d *digest) reset() { d.buf = d.buf[:0] }

func (d *digest) num(n int) { d.buf = binary.AppendVarint(d.buf, int64(n)) }

func (d *digest) str(s string) {
	d.num(len(s))
	d.buf = append(d.buf, s...)
}

func (d *digest) bool(b bool) {
	if b {
		d.num(1)
	} else {
		d.num(0)
	}
}

// time adds t as layouts print it: its instant and its zone.
func (d *digest) time(t time.Time) {
	_, offset := t.Zone()
	d.num(int(t.Unix()))
	d.num(t.Nanosecond())
	d.num(offset)
}

func (d *digest) sum(k [sha256.Size]byte) { d.buf = append(d.buf, k[:]...) }

func (d *digest) done() LayoutKey { return sha256.Sum256(d.buf) }
