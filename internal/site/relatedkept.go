package site

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
)

// Related lists kept from one build to the next. A build with a cache
// folder works out every article's list for the layout keys: 0.14 s of
// processor time at 10,000 pages, a twentieth of a build after one text edit,
// which changes no list. The lists are a function of what relatedPages
// prepares (each article's weighted terms, each term's articles, the link
// graph by numbers) and of the articles' titles and addresses, which break
// ties; RelatedDigest is a digest of exactly that, so lists kept under an
// equal digest are the lists this graph would work out.

// RelatedDigest is a digest of everything the graph's related lists are
// worked out from.
func (g *Graph) RelatedDigest() [sha256.Size]byte {
	if g == nil || g.related == nil {
		return [sha256.Size]byte{}
	}
	r := g.related
	r.digestOnce.Do(func() { r.digest = r.inputsDigest() })
	return r.digest
}

// RelatedLists are every article's related articles, by index in the
// site's Articles; lists not yet asked for are worked out.
func (g *Graph) RelatedLists() [][]int32 {
	if g == nil || g.related == nil {
		return nil
	}
	r := g.related
	out := make([][]int32, len(r.s.Articles))
	for i, a := range r.s.Articles {
		list := r.of(a)
		out[i] = make([]int32, len(list))
		for k, p := range list {
			out[i][k], _ = r.article(p)
		}
	}
	return out
}

// KeepRelated takes lists, by article index, that an earlier graph with
// the digest digest worked out, when this graph's is the same and the
// lists fit its articles; it says whether it took them. Call it before
// any list is asked for.
func (g *Graph) KeepRelated(digest [sha256.Size]byte, lists [][]int32) bool {
	if g == nil || g.related == nil || digest != g.RelatedDigest() {
		return false
	}
	r := g.related
	arts := r.s.Articles
	if len(lists) != len(arts) {
		return false
	}
	for i, l := range lists {
		if len(l) > MaxRelated {
			return false
		}
		for _, j := range l {
			if j < 0 || int(j) >= len(arts) || int(j) == i {
				return false
			}
		}
	}
	for i, l := range lists {
		r.once[i].Do(func() {
			r.lists[i] = make([]*Page, len(l))
			for k, j := range l {
				r.lists[i][k] = arts[j]
			}
		})
	}
	return true
}

// inputsDigest hashes what find reads: the articles' addresses, sort keys
// and pages; each article's terms with their weights; each term's name,
// size, page and articles; the link graph by numbers. Terms are numbered
// in the order of the site's taxonomies and their terms.
func (r *relatedPages) inputsDigest() [sha256.Size]byte {
	r.ready()
	s := r.s
	var b []byte
	num := func(v int) { b = binary.AppendVarint(b, int64(v)) }
	str := func(v string) {
		num(len(v))
		b = append(b, v...)
	}
	nums := func(vs []int32) {
		num(len(vs))
		for _, v := range vs {
			num(int(v))
		}
	}
	page := func(p *Page) int {
		if p == nil || p.n == 0 {
			return -1
		}
		return int(p.n - 1)
	}
	ids := map[*Term]int{}
	num(len(s.Taxonomies))
	for _, tx := range s.Taxonomies {
		str(tx.Name)
		num(len(tx.Terms))
		for _, t := range tx.Terms {
			ids[t] = len(ids)
			str(t.Slug)
			num(len(t.Pages))
			num(page(t.Page))
			nums(r.members[t]) // nil for a term past relatedTermCap
		}
	}
	num(len(s.Articles))
	for i, a := range s.Articles {
		str(a.URL)
		str(a.sortKey)
		num(int(r.pageOf[i]))
		num(len(r.termsOf[i]))
		for _, wt := range r.termsOf[i] {
			id, ok := ids[wt.term]
			if !ok {
				id = -1 - len(ids) // a term of no taxonomy: hashed by name
				str(wt.term.Slug)
			}
			num(id)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(wt.w))
		}
	}
	num(len(s.Pages))
	for k := range s.Pages {
		num(int(r.articleOf[k]))
		nums(r.links[k])
		nums(r.backFrom[k])
	}
	return sha256.Sum256(b)
}
