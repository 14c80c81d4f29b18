package site

import (
	"crypto/sha256"
	"encoding/binary"
	"maps"
	"slices"
	"sync"

	"github.com/kbsite/kb/internal/content"
)

// LinkSpace is a digest of everything a link that is not a wikilink
// resolves against: every page's URL, file, kind and draft mark, the
// drafts left out, the aliases, the files copied as they are, and the
// base path links are written under. Two builds with the same LinkSpace
// resolve such a link to the same page or file, by the same href; only
// the target page's title may differ. kb build, with a cache folder,
// then relinks a body it reuses without resolving its links again (see
// render.Memo); a preview server compares the Spaces themselves (see
// Space.Same).
func (s *Site) LinkSpace() [sha256.Size]byte {
	sp := s.space()
	sp.sumOnce.Do(func() {
		h := sha256.New()
		h.Write(sp.head)
		var b []byte // fields gathered a few kilobytes at a time, then hashed
		b = binary.AppendUvarint(b, uint64(len(sp.pages)))
		for _, p := range sp.pages {
			b = appendSpacePage(b, p)
			if len(b) > 4096 {
				h.Write(b)
				b = b[:0]
			}
		}
		h.Write(b)
		h.Write(sp.tail)
		h.Sum(sp.sum[:0])
	})
	return sp.sum
}

// Space is what a site's LinkSpace is made of, kept by a preview
// server's memo so that the next build can tell whether it is the same
// (see Same) or only added or removed pages (see Added).
type Space struct {
	// head is the base path, tail the drafts, aliases and copied files,
	// as the digests read them; rest is the digest of the two.
	head, tail []byte
	rest       [sha256.Size]byte
	pages      []spacePage // in URL order
	// sum is the LinkSpace, worked out when first asked for: hashing
	// every page took 3 ms of a preview rebuild at 10,000 pages before
	// the open page was handed over (CPU profiles of 60 title edits),
	// and the preview compares the pages as they are.
	sumOnce sync.Once
	sum     [sha256.Size]byte
}

// spacePage is what a page adds to the LinkSpace.
type spacePage struct {
	url, file string
	kind      content.Kind
	draft     bool
}

// Space returns the site's Space.
func (s *Site) Space() *Space { return s.space() }

// Same says whether sp is last's link space: the two sites have the
// same LinkSpace.
func (sp *Space) Same(last *Space) bool {
	return last != nil && sp.rest == last.rest && slices.Equal(sp.pages, last.pages)
}

// Added returns the URLs of the pages sp has and last has not, when
// pages added and removed are all that differs between the two: every
// other page is as it was (the same URL, file, kind and draft mark),
// and the rest of the LinkSpace is the same. ok is false otherwise. Then
// a link that is not a wikilink, did not fail, leads to a page still
// there, and does not name an added page, still leads where it did: a
// new tag's page, a new, deleted or renamed article leave the links of
// every other body as they were.
func (sp *Space) Added(last *Space) (added []string, ok bool) {
	if last == nil || sp.rest != last.rest {
		return nil, false
	}
	i := 0
	for _, p := range sp.pages {
		for i < len(last.pages) && last.pages[i].url < p.url {
			i++ // gone
		}
		if i < len(last.pages) && last.pages[i].url == p.url {
			if last.pages[i] != p {
				return nil, false // its file, kind or draft mark changed
			}
			i++
			continue
		}
		added = append(added, p.url)
	}
	return added, true
}

// Moves maps each place of last's pages (see Ref.Place) to the place
// the page at the same URL has in sp, 0 for a page sp has not; index 0
// is unused. Both lists are in URL order, so one walk does.
func (sp *Space) Moves(last *Space) []int32 {
	moves := make([]int32, len(last.pages)+1)
	j := 0
	for i, p := range last.pages {
		for j < len(sp.pages) && sp.pages[j].url < p.url {
			j++
		}
		if j < len(sp.pages) && sp.pages[j].url == p.url {
			moves[i+1] = int32(j + 1)
		}
	}
	return moves
}

// linkSpace is a Site's Space, worked out once, when first asked for.
type linkSpace struct {
	once sync.Once
	sp   *Space
}

func (s *Site) space() *Space {
	s.linkSpace.once.Do(func() { s.linkSpace.sp = s.spaceOf() })
	return s.linkSpace.sp
}

// appendStr appends v to b, its length first, so that no two lists of
// strings run together alike.
func appendStr(b []byte, v string) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendSpacePage(b []byte, p spacePage) []byte {
	b = appendStr(b, p.url)
	b = appendStr(b, p.file)
	b = appendStr(b, string(p.kind))
	if p.draft {
		return append(b, 1)
	}
	return append(b, 0)
}

func pageOfSpace(p *Page) spacePage {
	return spacePage{url: p.URL, file: p.File, kind: p.Kind, draft: p.Draft}
}

func (s *Site) spaceOf() *Space {
	sp := &Space{pages: make([]spacePage, len(s.Pages))}
	for i, p := range s.Pages {
		sp.pages[i] = pageOfSpace(p)
	}
	sp.head = appendStr(sp.head, s.URLs.base)
	sp.head = appendStr(sp.head, s.URLs.origin)
	// Each list starts with its length, so that no two sites' lists run
	// together alike.
	b := binary.AppendUvarint(nil, uint64(len(s.draftFile)))
	for _, k := range slices.Sorted(maps.Keys(s.draftFile)) {
		b = appendStr(b, k)
		b = appendSpacePage(b, pageOfSpace(s.draftFile[k]))
	}
	b = binary.AppendUvarint(b, uint64(len(s.byAlias)))
	for _, k := range slices.Sorted(maps.Keys(s.byAlias)) {
		b = appendStr(b, k)
		b = appendSpacePage(b, pageOfSpace(s.byAlias[k]))
	}
	b = binary.AppendUvarint(b, uint64(len(s.files)))
	for _, f := range slices.Sorted(maps.Keys(s.files)) {
		b = appendStr(b, f)
	}
	sp.tail = b
	rest := sha256.New()
	rest.Write(sp.head)
	rest.Write(sp.tail)
	rest.Sum(sp.rest[:0])
	return sp
}
