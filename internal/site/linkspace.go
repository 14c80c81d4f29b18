package site

import (
	"crypto/sha256"
	"encoding/binary"
	"maps"
	"slices"
	"sync"
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
	s.linkSpace.once.Do(func() { s.linkSpace.sum = s.digestLinkSpace() })
	return s.linkSpace.sum
}

// linkSpace is a Site's LinkSpace, worked out once, when first asked for.
type linkSpace struct {
	once sync.Once
	sum  [sha256.Size]byte
}

func (s *Site) digestLinkSpace() [sha256.Size]byte {
	h := sha256.New()
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
	b = binary.AppendUvarint(b, uint64(len(s.Pages)))
	for _, p := range s.Pages {
		page(p)
		if len(b) > 4096 {
			flush()
		}
	}
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
	flush()
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}
