package site

import (
	"iter"
	"math"
	"slices"
	"sync"

	"github.com/kbsite/kb/internal/parallel"
)

// MaxRelated is how many related articles a page lists.
const MaxRelated = 5

// relatedTermCap bounds the work of finding related articles: a term that
// more pages carry is too common to make two pages related on its own, so
// it proposes no candidates, though it still adds to the score of those
// found otherwise. Without the cap, a tag on every page would make the
// search quadratic.
const relatedTermCap = 256

// relate prepares each article's related articles: scored by shared
// terms, rarer terms weighing more (1 + ln(N/df)), and by the link
// neighbourhood (a page linking here, a page linked from the same places
// or linking to the same places), leaving out the pages the article
// already links to. Ties break by title and URL, so the choice is
// deterministic. An article's list is worked out when it is first asked
// for (see relatedPages.of).
//
// What every list needs is prepared in the background: a preview
// rebuild asks for the open page's list only after the page's other
// parts are ready, and the link graph is on the way to that hand-over.
func (s *Site) relate(g *Graph) *relatedPages {
	r := &relatedPages{
		s: s, g: g,
		once:  make([]sync.Once, len(s.Articles)),
		lists: make([][]*Page, len(s.Articles)),
	}
	r.scores.New = func() any { return newRelatedScores(len(s.Articles)) }
	r.ready = parallel.Start(r.prepare)
	return r
}

// prepare lists what the related lists are worked out from: each
// article's weighted terms, each term's articles, and the link graph by
// numbers.
func (r *relatedPages) prepare() {
	s := r.s
	n := float64(len(s.Articles))
	weight := map[*Term]float64{}
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			if df := len(term.Pages); df > 0 {
				weight[term] = 1 + math.Log(n/float64(df))
			}
		}
	}
	r.termsOf = make([][]weightedTerm, len(s.Articles))
	r.members = map[*Term][]int32{}
	// termsOf lists each article's terms, by article index, in a fixed
	// order: scores are float sums, and a varying order of addition
	// could reorder ties. They are listed once, with their weights, not
	// looked up for every article that meets them: map lookups in the
	// loops of relatedPages.find were half of its time.
	// The lists share one allocation: one each, grown term by term, took
	// a quarter of this preparation at 10,000 pages, which a preview
	// rebuild waits for before it lays out the open page (CPU profiles
	// of 60 title edits).
	total := 0
	for _, p := range s.Articles {
		for _, tt := range p.PageTerms {
			total += len(tt.Terms)
		}
		if p.Term != nil {
			total++
		}
	}
	all := make([]weightedTerm, 0, total)
	for i, p := range s.Articles {
		start := len(all)
		for _, tt := range p.PageTerms {
			for _, t := range tt.Terms {
				all = append(all, weightedTerm{t, weight[t]})
			}
		}
		if p.Term != nil {
			all = append(all, weightedTerm{p.Term, weight[p.Term]}) // an article that is a term relates to the pages that carry it
		}
		if len(all) > start {
			r.termsOf[i] = all[start:len(all):len(all)]
		}
	}
	r.numberLinks()
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			if len(term.Pages) > relatedTermCap {
				continue
			}
			var m []int32
			for _, b := range term.Pages {
				if j, ok := r.article(b); ok {
					m = append(m, j)
				}
			}
			r.members[term] = m
		}
	}
}

// relatedPages are the articles' related articles, each list worked out
// on first request and kept: a preview rebuild lays out the page open in
// the browser first, and needs its list alone before it hands that page
// over (at 1,000 pages all the lists took 11 ms on two cores, a fifth of
// the time before the hand-over); the other pages' lists are worked out
// as their layouts and layout keys ask, on all cores. Every list is a
// function of the site and the links alone, so when it is worked out
// changes nothing.
type relatedPages struct {
	s     *Site
	g     *Graph
	ready func() // waits for prepare
	// Made by prepare:
	termsOf [][]weightedTerm
	members map[*Term][]int32 // each term's articles, by index, in its list order
	// The link graph by numbers (see numberLinks): pages by index of
	// s.Pages, articles by index of s.Articles.
	pageOf    []int32   // each article's page
	articleOf []int32   // each page's article, -1 for a page that is not one
	links     [][]int32 // by page: the pages it links to, in order
	backFrom  [][]int32 // by page: the pages that link to it, in order
	once      []sync.Once
	lists     [][]*Page
	scores    sync.Pool // of *relatedScores, reused between lists
	// digest is RelatedDigest's, worked out once.
	digestOnce sync.Once
	digest     [32]byte
}

// numberLinks lists the link graph by page index, once for every list,
// rather than find looking up in maps each page a backlink came from and
// each page it links to. All the lists at 10,000 pages (the layout keys
// ask for every one) took 0.20 s of processor time with the lookups and
// 0.18 s without, by CPU profiles of edited builds.
func (r *relatedPages) numberLinks() {
	s, g := r.s, r.g
	numbers := func(ps []*Page) []int32 {
		out := make([]int32, len(ps))
		for i, p := range ps {
			out[i] = p.n - 1 // the graph holds no page outside Pages
		}
		return out
	}
	r.articleOf = make([]int32, len(s.Pages))
	for k := range r.articleOf {
		r.articleOf[k] = -1
	}
	r.pageOf = make([]int32, len(s.Articles))
	for i, p := range s.Articles {
		r.pageOf[i] = p.n - 1 // every article is among Pages
		r.articleOf[p.n-1] = int32(i)
	}
	r.links = make([][]int32, len(s.Pages))
	r.backFrom = make([][]int32, len(s.Pages))
	for k := range s.Pages {
		r.links[k] = numbers(g.links[k])
		bl := g.backlinks[k]
		from := make([]int32, len(bl))
		for i, b := range bl {
			from[i] = b.From.n - 1
		}
		r.backFrom[k] = from
	}
}

// article is p's index in the site's Articles, if it is one.
func (r *relatedPages) article(p *Page) (int32, bool) {
	if p.n == 0 {
		return -1, false
	}
	j := r.articleOf[p.n-1]
	return j, j >= 0
}

// of is p's related articles, best first; none for a page that is not an
// article.
func (r *relatedPages) of(p *Page) []*Page {
	r.ready()
	i, ok := r.article(p)
	if !ok {
		return nil
	}
	r.once[i].Do(func() {
		sc := r.scores.Get().(*relatedScores)
		r.lists[i] = r.find(sc, int(i))
		r.scores.Put(sc)
	})
	return r.lists[i]
}

// find works out the related articles of the i-th article. Scores are
// kept by article index in sc, with the list of those touched: a map per
// article was two fifths of a preview rebuild at 1,000 pages. Each
// article's additions come in the same order as ever, so the float sums,
// and ties, are the same.
func (r *relatedPages) find(sc *relatedScores, i int) []*Page {
	s, termsOf, articleOf := r.s, r.termsOf, r.articleOf
	a := s.Articles[i]
	sc.reset()
	self := int32(i)
	add := func(b *Page, w float64) {
		if j, ok := r.article(b); ok && j != self {
			sc.add(j, w)
		}
	}
	addPage := func(k int32, w float64) {
		if j := articleOf[k]; j >= 0 && j != self {
			sc.add(j, w)
		}
	}
	var common []*Term
	for _, wt := range termsOf[i] {
		term := wt.term
		if len(term.Pages) > relatedTermCap {
			common = append(common, term)
			continue
		}
		for _, j := range r.members[term] {
			if j != self {
				sc.add(j, wt.w)
			}
		}
		if term.Page != nil && term.Page != a {
			add(term.Page, wt.w)
		}
	}
	ka := r.pageOf[i]
	for _, from := range r.backFrom[ka] {
		addPage(from, 1)
		for _, sibling := range r.links[from] {
			addPage(sibling, 0.5) // linked from the same page
		}
	}
	for _, target := range r.links[ka] {
		for _, from := range r.backFrom[target] {
			addPage(from, 0.5) // links to the same page
		}
	}
	if len(common) > 0 {
		for _, j := range sc.touched {
			for _, wt := range termsOf[j] {
				if slices.Contains(common, wt.term) {
					sc.score[j] += wt.w
				}
			}
		}
	}
	for _, l := range r.links[ka] {
		if j := articleOf[l]; j >= 0 && sc.in[j] {
			sc.gone[j] = true // reset clears it: it is among the touched
		}
	}
	return topRelated(func(yield func(*Page, float64) bool) {
		for _, j := range sc.touched {
			if !sc.gone[j] && !yield(s.Articles[j], sc.score[j]) {
				return
			}
		}
	})
}

// weightedTerm is a term an article carries, with its weight.
type weightedTerm struct {
	term *Term
	w    float64
}

// topRelated picks the MaxRelated best-scored pages, best first, ties by
// title and URL. It keeps a short sorted list rather than sorting every
// candidate: a popular page can have thousands.
func topRelated(scores iter.Seq2[*Page, float64]) []*Page {
	type cand struct {
		p *Page
		s float64
	}
	better := func(x, y cand) bool {
		if x.s != y.s { // most candidates differ here: no strings compared
			return x.s > y.s
		}
		return titleOrder(x.p, y.p) < 0
	}
	var top []cand
	for p, sc := range scores {
		c := cand{p, sc}
		if len(top) == MaxRelated && !better(c, top[len(top)-1]) {
			continue
		}
		i := len(top)
		for i > 0 && better(c, top[i-1]) {
			i--
		}
		top = slices.Insert(top, i, c)
		if len(top) > MaxRelated {
			top = top[:MaxRelated]
		}
	}
	out := make([]*Page, len(top))
	for i, c := range top {
		out[i] = c.p
	}
	return out
}

// relatedScores are one article's candidates' scores, by article index,
// and the indices touched, in the order first touched; gone marks the
// articles it links to already.
type relatedScores struct {
	score   []float64
	in      []bool
	gone    []bool
	touched []int32
}

func newRelatedScores(n int) *relatedScores {
	return &relatedScores{score: make([]float64, n), in: make([]bool, n), gone: make([]bool, n)}
}

func (sc *relatedScores) add(j int32, w float64) {
	if !sc.in[j] {
		sc.in[j] = true
		sc.touched = append(sc.touched, j)
	}
	sc.score[j] += w
}

// reset clears what the last article touched.
func (sc *relatedScores) reset() {
	for _, j := range sc.touched {
		sc.score[j], sc.in[j], sc.gone[j] = 0, false, false
	}
	sc.touched = sc.touched[:0]
}
