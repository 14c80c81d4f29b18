package search

import (
	"encoding/binary"
	"math"
)

// A section's counts are kept as bytes (see counts): 5 million of them,
// at 10,000 pages, took 100 MB as termFreqs, and take about 30 MB so.

// appendFreqs appends a section's frequencies to b, each as four
// unsigned varints: its stem, its two counts (see appendCount), and its
// first position, twice, plus one for a title word.
func appendFreqs(b []byte, fs []termFreq) []byte {
	for _, f := range fs {
		b = binary.AppendUvarint(b, uint64(f.stem))
		b = appendCount(b, f.body)
		b = appendCount(b, f.fields)
		title := uint64(0)
		if f.title {
			title = 1
		}
		b = binary.AppendUvarint(b, uint64(f.first)<<1|title)
	}
	return b
}

// appendCount appends a count: twice its value when it is a whole
// number, as field weights make it; else its bits, twice, plus one.
func appendCount(b []byte, v float32) []byte {
	if v >= 0 && v < 1<<24 && v == float32(int32(v)) {
		return binary.AppendUvarint(b, uint64(v)<<1)
	}
	return binary.AppendUvarint(b, uint64(math.Float32bits(v))<<1|1)
}

// freqReader reads the frequencies appendFreqs wrote, one at a time;
// bytes that are not such frequencies, or a stem id not below stems,
// end it, and set bad.
type freqReader struct {
	varints
	stems int
}

// varints reads unsigned varints from b; at bytes that are not one, it
// stops, reads zeros from then on, and sets bad.
type varints struct {
	b   []byte
	bad bool
}

// fail notes damaged bytes: nothing more is read.
func (r *varints) fail() { r.bad, r.b = true, nil }

func (r *varints) num() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// next reads the next frequency; false at the end.
func (r *freqReader) next() (termFreq, bool) {
	stem, ok := r.nextStem()
	if !ok {
		return termFreq{}, false
	}
	return r.rest(stem)
}

// nextStem reads the stem of the next frequency, which rest or skip
// then reads; false at the end.
func (r *freqReader) nextStem() (int32, bool) {
	if len(r.b) == 0 {
		return 0, false
	}
	stem := r.num()
	if r.bad || stem >= uint64(r.stems) {
		r.fail()
		return 0, false
	}
	return int32(stem), true
}

// nextMine reads on to the next frequency whose stem is this part's of
// parts (its id modulo parts), and returns its stem, which rest then
// reads; false at the end.
func (r *freqReader) nextMine(part, parts int) (int32, bool) {
	for stem, ok := r.nextStem(); ok; stem, ok = r.nextStem() {
		if int(stem)%parts == part {
			return stem, true
		}
		r.skip()
	}
	return 0, false
}

// seek reads on to the next frequency whose stem has a slot (see
// scorer.some), and returns its stem, which rest then reads; false at
// the end. It reads the varints itself, with no call for each: most of
// a section's stems are not sought. After one edit at 10,000 pages the
// index reads 5 million frequencies to score the 1.4 million of the
// stems the edit touched: by nextStem and skip, 182 to 221 ms; so, 146
// to 179 ms (five builds each, alternating).
func (r *freqReader) seek(slot []int32) (int32, bool) {
	b, i := r.b, 0
	for i < len(b) {
		var stem uint64
		for shift := uint(0); ; shift += 7 {
			if i == len(b) || shift > 28 {
				r.fail()
				return 0, false
			}
			c := b[i]
			i++
			stem |= uint64(c&0x7f) << shift
			if c < 0x80 {
				break
			}
		}
		if stem >= uint64(r.stems) || stem >= uint64(len(slot)) {
			r.fail()
			return 0, false
		}
		if slot[stem] > 0 {
			r.b = b[i:]
			return int32(stem), true
		}
		for ends := 0; ends < 3; i++ { // the three numbers after it
			if i == len(b) {
				r.fail()
				return 0, false
			}
			if b[i] < 0x80 {
				ends++
			}
		}
	}
	r.b = nil
	return 0, false
}

// rest reads the rest of the frequency of stem.
func (r *freqReader) rest(stem int32) (termFreq, bool) {
	body, fields, first := r.num(), r.num(), r.num()
	if r.bad || first>>1 > math.MaxInt32 {
		r.fail()
		return termFreq{}, false
	}
	return termFreq{stem: stem, body: countOf(body), fields: countOf(fields), first: int32(first >> 1), title: first&1 == 1}, true
}

// skip passes over the rest of a frequency, its three numbers, without
// reading them: most of a section's stems are not the ones sought.
func (r *freqReader) skip() {
	for range 3 {
		i := 0
		for i < len(r.b) && r.b[i] >= 0x80 {
			i++
		}
		if i == len(r.b) {
			r.fail()
			return
		}
		r.b = r.b[i+1:]
	}
}

// countOf reads a count appendCount wrote.
func countOf(v uint64) float32 {
	if v&1 == 1 {
		return math.Float32frombits(uint32(v >> 1))
	}
	return float32(v >> 1)
}

// eachID calls f with each of the unsigned varints of b (a section's
// distinct words), up to any that is not one or not below n.
func eachID(b []byte, n int, f func(id int32)) {
	for len(b) > 0 {
		v, k := binary.Uvarint(b)
		if k <= 0 || v >= uint64(n) {
			return
		}
		f(int32(v))
		b = b[k:]
	}
}
