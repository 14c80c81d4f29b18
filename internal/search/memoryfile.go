package search

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"slices"
)

// A Memory is kept between runs of kb build as bytes (in its cache
// folder): unsigned varints, strings as a length and their bytes, and
// each section's frequencies and words and each stem's postings as they
// are held (see appendFreqs, appendPostings), which a Memory read back
// shares with the file's bytes.
// A CRC-32C of the rest ends them: a damaged file is found by it, not
// by reading the 5 million frequencies of a 10,000-page site (whose
// readers still stop at a stem that is out of range, see freqReader).
const memoryHead = "kb search memory 3\n"

// memorySum is the memory's checksum of b (crc32 keeps the table).
func memorySum(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }

// WriteTo writes m's bytes to w, a part at a time: a memory is tens of
// megabytes on a large site, which need not be held whole a second time.
func (m *Memory) WriteTo(w io.Writer) (int64, error) {
	mw := memoryWriter{w: w, sum: crc32.New(castagnoli)}
	b := append(make([]byte, 0, 80<<10), memoryHead...)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m.avgLen))
	b = binary.LittleEndian.AppendUint64(b, uint64(m.total))
	b = binary.AppendUvarint(b, uint64(len(m.words.words)))
	for w, word := range m.words.words {
		b = appendBytes(b, word)
		b = binary.AppendUvarint(b, uint64(m.stemOf[w]+1))
		b = binary.AppendUvarint(b, uint64(m.refs[w]))
		b = mw.flush(b, false)
	}
	b = binary.AppendUvarint(b, uint64(len(m.stems.words)))
	for st, stem := range m.stems.words {
		b = appendBytes(b, stem)
		b = binary.AppendUvarint(b, uint64(m.df[st]))
		b = mw.flush(b, false)
	}
	b = binary.AppendUvarint(b, uint64(len(m.secs)))
	for _, s := range m.secs {
		b = append(b, s.key[:]...)
		b = binary.AppendUvarint(b, uint64(s.length))
		b = appendBytes(b, s.freqs)
		b = appendBytes(b, s.words)
		b = mw.flush(b, false)
	}
	b = binary.AppendUvarint(b, uint64(len(m.shards)))
	for _, name := range slices.Sorted(maps.Keys(m.shards)) {
		k := m.shards[name]
		b = appendBytes(b, name)
		b = append(b, k[:]...)
		b = mw.flush(b, false)
	}
	b = binary.AppendUvarint(b, uint64(len(m.postings)))
	for _, ps := range m.postings {
		b = appendBytes(b, ps)
		b = mw.flush(b, false)
	}
	b = mw.flush(b, true)
	b = binary.LittleEndian.AppendUint32(b, mw.sum.Sum32())
	mw.flush(b, true)
	return mw.n, mw.err
}

// memoryWriter writes a memory's bytes in parts of about 64 KB, summing
// them as they go.
type memoryWriter struct {
	w   io.Writer
	sum hash.Hash32
	n   int64
	err error
}

// flush writes b out when it has grown past 64 KB, or now, and returns
// it emptied for reuse.
func (mw *memoryWriter) flush(b []byte, now bool) []byte {
	if len(b) < 64<<10 && !now {
		return b
	}
	mw.sum.Write(b)
	if mw.err == nil {
		var n int
		n, mw.err = mw.w.Write(b)
		mw.n += int64(n)
	}
	return b[:0]
}

func appendBytes[S string | []byte](b []byte, s S) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// errMemory is any damage to a Memory's bytes: the next index is then
// made from nothing.
var errMemory = errors.New("search: damaged memory")

// ReadMemory reads a Memory from bytes WriteTo wrote; it keeps parts of
// data.
func ReadMemory(data []byte) (*Memory, error) {
	fixed := len(memoryHead) + 16
	if len(data) < fixed+4 || string(data[:len(memoryHead)]) != memoryHead {
		return nil, errMemory
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if memorySum(body) != sum {
		return nil, errMemory
	}
	r := memoryReader{varints{b: body[fixed:]}}
	m := &Memory{
		avgLen: math.Float64frombits(binary.LittleEndian.Uint64(body[len(memoryHead):])),
		total:  int64(binary.LittleEndian.Uint64(body[len(memoryHead)+8:])),
		words:  newDict(), stems: newDict(),
	}
	nWords := r.count()
	m.stemOf, m.refs = make([]int32, nWords), make([]int32, nWords)
	for w := range nWords {
		m.words.id(r.str())
		m.stemOf[w] = int32(r.num()) - 1
		m.refs[w] = int32(r.num())
	}
	m.df = make([]int32, r.count())
	for st := range m.df {
		m.stems.id(r.str())
		m.df[st] = int32(r.num())
	}
	m.secs = make([]memSection, r.count())
	for i := range m.secs {
		s := &m.secs[i]
		copy(s.key[:], r.bytes(len(s.key)))
		s.length = int32(r.num())
		s.freqs = r.bytes(r.count())
		s.words = r.bytes(r.count())
	}
	m.shards = make(map[string][sha256.Size]byte)
	for range r.count() {
		name := r.str()
		m.shards[name] = [sha256.Size]byte(r.bytes(sha256.Size))
	}
	if n := r.num(); n > 0 {
		if n != uint64(len(m.df)) {
			return nil, errMemory
		}
		m.postings = make([][]byte, n)
		for st := range m.postings {
			if ps := r.bytes(r.count()); len(ps) > 0 {
				m.postings[st] = ps
			}
		}
	}
	if r.bad || len(r.b) != 0 || len(m.words.words) != nWords || len(m.stems.words) != len(m.df) || m.total < 0 {
		return nil, errMemory
	}
	for _, st := range m.stemOf {
		if int(st) >= len(m.df) {
			return nil, errMemory
		}
	}
	return m, nil
}

// memoryReader reads a Memory's bytes; past their end, or at a number
// out of range, it reads zeros and notes the damage (bad).
type memoryReader struct{ varints }

// num is a number up to math.MaxInt32.
func (r *memoryReader) num() uint64 {
	v := r.varints.num()
	if v > math.MaxInt32 {
		r.fail()
		return 0
	}
	return v
}

// count is a number of things to read, each of at least a byte.
func (r *memoryReader) count() int {
	n := int(r.num())
	if n > len(r.b) {
		r.fail()
		return 0
	}
	return n
}

func (r *memoryReader) bytes(n int) []byte {
	if n > len(r.b) {
		r.fail()
		return make([]byte, n)
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *memoryReader) str() string { return string(r.bytes(r.count())) }
