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
// the target page's title may differ. A preview server's rebuild then
// relinks a body it reuses without resolving its links again (see
// render.Memo).
func (s *Site) LinkSpace() [sha256.Size]byte {
	return s.space().sum
}

// Space is what a site's LinkSpace is made of, kept by a preview
// server's memo so that the next build can tell whether it only added
// or removed pages (see Added).
type Space struct {
	sum [sha256.Size]byte
	// rest is the digest of all but the pages: the base path, drafts,
	// aliases and copied files.
	rest  [sha256.Size]byte
	pages []spacePage // in URL order
}

// spacePage is what a page adds to the LinkSpace.
type spacePage struct {
	url, file string
	kind      content.Kind
	draft     bool
}

// Space returns the site's Space.
func (s *Site) Space() *Space { return s.space() }

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

// linkSpace is a Site's Space, worked out once, when first asked for.
type linkSpace struct {
	once sync.Once
	sp   *Space
}

func (s *Site) space() *Space {
	s.linkSpace.once.Do(func() { s.linkSpace.sp = s.digestLinkSpace() })
	return s.linkSpace.sp
}

func (s *Site) digestLinkSpace() *Space {
	sp := &Space{pages: make([]spacePage, 0, len(s.Pages))}
	h, rest := sha256.New(), sha256.New()
	var b []byte // fields gathered a few kilobytes at a time, then hashed
	flush := func() {
		h.Write(b)
		b = b[:0]
	}
	str := func(v string) {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	page := func(p *Page) {
		str(p.URL)
		str(p.File)
		str(string(p.Kind))
		if p.Draft {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	str(s.URLs.base)
	str(s.URLs.origin)
	rest.Write(b)
	b = binary.AppendUvarint(b, uint64(len(s.Pages)))
	for _, p := range s.Pages {
		page(p)
		sp.pages = append(sp.pages, spacePage{url: p.URL, file: p.File, kind: p.Kind, draft: p.Draft})
		if len(b) > 4096 {
			flush()
		}
	}
	flush()
	// Each list starts with its length, so that no two sites' lists run
	// together alike.
	b = binary.AppendUvarint(b, uint64(len(s.draftFile)))
	for _, k := range slices.Sorted(maps.Keys(s.draftFile)) {
		str(k)
		page(s.draftFile[k])
	}
	b = binary.AppendUvarint(b, uint64(len(s.byAlias)))
	for _, k := range slices.Sorted(maps.Keys(s.byAlias)) {
		str(k)
		page(s.byAlias[k])
	}
	b = binary.AppendUvarint(b, uint64(len(s.files)))
	for _, f := range slices.Sorted(maps.Keys(s.files)) {
		str(f)
	}
	rest.Write(b)
	flush()
	h.Sum(sp.sum[:0])
	rest.Sum(sp.rest[:0])
	return sp
}
