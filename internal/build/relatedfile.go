package build

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/kbsite/kb/internal/parallel"
	"github.com/kbsite/kb/internal/site"
)

// kb build keeps the articles' related lists in the cache folder under a
// digest of what they are worked out from (see site.Graph.RelatedDigest):
// the layout keys ask for every list, 0.14 s of processor time at 10,000
// pages, and an edit to an article's text changes none. The file names
// the program that wrote it, as the other cache files do.
const relatedFile = "related"

func relatedHead() string { return fmt.Sprintf("kb related lists program %s\n", programID()) }

// keptRelated are a last build's related lists, by article index, and
// the digest they were worked out under.
type keptRelated struct {
	digest [sha256.Size]byte
	lists  [][]int32
}

// lastRelated returns a function that gives the lists the last kb build
// kept in the cache folder (nil for none), read beside the stages before
// the link graph; a preview server's builds keep none.
func (b *Builder) lastRelated() func() *keptRelated {
	if !b.once {
		return func() *keptRelated { return nil }
	}
	return parallel.Value(func() *keptRelated { return readRelated(b.opt.CacheDir) })
}

// readRelated reads the lists kept in the cache folder dir; nil when
// there are none this kb wrote, or the file is damaged.
func readRelated(dir string) *keptRelated {
	data := readCacheFile(dir, relatedFile, relatedHead())
	if len(data) < sha256.Size+4 {
		return nil
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(sum) {
		return nil
	}
	k := &keptRelated{}
	copy(k.digest[:], body)
	lists, err := decodeLists(body[sha256.Size:])
	if err != nil {
		return nil
	}
	k.lists = lists
	return k
}

// decodeLists reads lists of numbers as encodeLists writes them.
func decodeLists(b []byte) ([][]int32, error) {
	bad := errors.New("damaged")
	next := func() (int, error) {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > 1<<31-1 {
			return 0, bad
		}
		b = b[n:]
		return int(v), nil
	}
	count, err := next()
	if err != nil || count > len(b) { // each list takes a byte at least
		return nil, bad
	}
	lists := make([][]int32, count)
	for i := range lists {
		n, err := next()
		if err != nil || n > len(b) {
			return nil, bad
		}
		lists[i] = make([]int32, n)
		for k := range n {
			v, err := next()
			if err != nil {
				return nil, bad
			}
			lists[i][k] = int32(v)
		}
	}
	if len(b) != 0 {
		return nil, bad
	}
	return lists, nil
}

// encodeLists writes lists of numbers as unsigned varints: the count of
// lists, then each list's length and numbers.
func encodeLists(b []byte, lists [][]int32) []byte {
	b = binary.AppendUvarint(b, uint64(len(lists)))
	for _, l := range lists {
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, v := range l {
			b = binary.AppendUvarint(b, uint64(v))
		}
	}
	return b
}

// keepRelated writes g's lists into the cache folder dir for the next
// build, unless they are the ones it kept already (taken says so). A
// failure costs the next build only speed, so it is not reported.
func keepRelated(dir string, g *site.Graph, taken bool) {
	if taken || dir == "" || programID() == "" {
		return
	}
	digest := g.RelatedDigest()
	body := encodeLists(digest[:], g.RelatedLists())
	body = binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, castagnoli))
	replaceCacheFile(dir, relatedFile, func(w io.Writer) error {
		if _, err := io.WriteString(w, relatedHead()); err != nil {
			return err
		}
		_, err := w.Write(body)
		return err
	})
}
