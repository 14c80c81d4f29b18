package cards

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"math/bits"
	"slices"
)

// A card's PNG is written here rather than by image/png, because at its
// fastest level compress/flate spent 1.45 ms on an ordinary card, three
// quarters of the card's cost and two fifths of a cold build's processor
// time at 10,000 pages. A card repeats itself in two ways: runs of one
// colour along a row, and rows that repeat the row above (the fields of
// colour, and the space between lines of text). So the matcher tries
// those two distances and no others, which needs no hash table; a row
// that repeats the row above is matched whole, its bytes compared at
// memory speed and its checksum carried over. The literals and matches
// are then written as one deflate block (RFC 1951) with Huffman codes
// fitted to them.

// Deflate's longest and shortest match, and its longest code; the codes
// that write the other codes' lengths are shorter still.
const (
	maxMatch       = 258
	minMatch       = 3
	maxCodeLen     = 15
	maxCodeLenCode = 7
)

// The sizes of a deflate block's alphabets: literal bytes, the end of
// the block and match lengths in one; match distances; and the code
// lengths that the block's header writes the first two's codes in.
const (
	litLenSymbols  = 286
	distSymbols    = 30
	codeLenSymbols = 19
	endOfBlock     = 256
)

// An lzToken is a literal byte (below 256), or a match: 256, plus its
// length less minMatch shifted by one, plus whether it copies the row
// above (1) or the byte before (0). Each token is then one entry of one
// table of codes, and writing them needs no branch.
type lzToken uint16

const (
	firstMatch = 256
	lzTokens   = firstMatch + (maxMatch-minMatch+1)*2
)

func matchToken(length int, up uint16) lzToken {
	return lzToken(firstMatch + (length-minMatch)<<1 + int(up))
}

// pngScratch is one encoding's working memory, reused between cards:
// the image's rows as PNG filters them (for an image not drawn as a
// card's rows are, see canvas), and the tokens.
type pngScratch struct {
	raw    []byte
	tokens []lzToken
	stride int // the length of a row in raw, filter byte included
}

// encodePNG encodes img as a PNG of 8-bit palette indices.
func (s *pngScratch) encodePNG(img *image.Paletted) []byte {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	s.raw = slices.Grow(s.raw[:0], (w+1)*h)
	for y := range h {
		s.raw = append(s.raw, 0)
		s.raw = append(s.raw, img.Pix[y*img.Stride:y*img.Stride+w]...)
	}
	return s.encodeRows(s.raw, w, h, img.Palette)
}

// encodeRows encodes raw, h rows of w palette indices in pal, each
// after its filter byte (0, none), as a PNG.
func (s *pngScratch) encodeRows(raw []byte, w, h int, pal color.Palette) []byte {
	out := make([]byte, 0, 32<<10)
	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 3 // eight bits a pixel, paletted
	out = chunk(out, "IHDR", ihdr[:])
	plte, trns := make([]byte, 0, 3*len(pal)), make([]byte, 0, len(pal))
	opaque := 0
	for i, col := range pal {
		c := color.NRGBAModel.Convert(col).(color.NRGBA)
		plte = append(plte, c.R, c.G, c.B)
		trns = append(trns, c.A)
		if c.A != 0xff {
			opaque = i + 1
		}
	}
	out = chunk(out, "PLTE", plte)
	if opaque > 0 {
		out = chunk(out, "tRNS", trns[:opaque])
	}

	// The image data: one IDAT chunk, whose length is set when its data
	// is written.
	at := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x78, 0x01)
	sum := s.match(raw, w+1, h)
	out = s.deflate(out)
	out = binary.BigEndian.AppendUint32(out, sum)
	binary.BigEndian.PutUint32(out[at:], uint32(len(out)-at-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[at+4:]))
	return chunk(out, "IEND", nil)
}

// adlerMod is Adler-32's modulus.
const adlerMod = 65521

// match tokenizes raw, h rows of stride bytes, filter byte included;
// it returns their Adler-32 checksum.
func (s *pngScratch) match(raw []byte, stride, h int) uint32 {
	s.stride = stride
	tokens := s.tokens[:0]
	// Adler-32 as its two sums; a row's own sums (of its bytes, and of
	// each byte times its distance from the row's end) carry over to
	// the rows that repeat it.
	a, b := uint64(1), uint64(0)
	var rowSum, rowWeighted uint64
	// Rows that repeat the row above are written as matches when the
	// next different row comes, at the distance repeat: of the byte
	// before (0) when they are one byte throughout, the same as the byte
	// before them (a blank row of background, whose filter byte is the
	// background's index too), which saves the nine extra bits of a
	// row's distance; or else of the row above (1).
	above := 0 // bytes that repeat the row above, not yet written
	repeat := uint16(1)
	for y := range h {
		start := y * stride
		row := raw[start : start+stride]
		if y == 0 || !bytes.Equal(row, raw[start-stride:start]) {
			tokens = appendMatches(tokens, raw[start-above:start], repeat)
			above, repeat = 0, 1
			if y > 0 && matchLen(raw, start, start-1, stride) == stride {
				repeat = 0
			}
			rowSum, rowWeighted = rowSums(row)
			tokens = appendRow(tokens, raw, start, stride)
		} else {
			above += stride
		}
		b = (b + uint64(stride)*a + rowWeighted) % adlerMod
		a = (a + rowSum) % adlerMod
	}
	s.tokens = appendMatches(tokens, raw[len(raw)-above:], repeat)
	return uint32(b<<16 | a)
}

// rowSums are a row's two Adler-32 sums: of its bytes, and of each byte
// times its distance from the row's end, both modulo adlerMod. They are
// taken eight bytes at a time, in 16-bit lanes of a word, and a word of
// zeros (the background, most of a card) adds nothing: hash/adler32, a
// byte at a time, took a quarter of matching a card's rows.
func rowSums(row []byte) (sum, weighted uint64) {
	const (
		lanes = 0x00ff00ff00ff00ff
		ones  = 0x0001000100010001 // times a word of lanes: their sum, in the top lane
		ramp  = 0x0000000100020003 // likewise: each lane times its place, 0 to 3
	)
	n := uint64(len(row))
	i := 0
	// A row is at most a few thousand bytes, so the sums stay far below
	// 2^64 without a modulo inside the loop; a lane holds at most two
	// bytes' sum, and its products below stay under 2^16.
	for ; i+8 <= len(row); i += 8 {
		w := binary.LittleEndian.Uint64(row[i:])
		if w == 0 {
			continue
		}
		even, odd := w&lanes, w>>8&lanes // bytes 0, 2, 4, 6 and 1, 3, 5, 7
		s := (even + odd) * ones >> 48
		// Σ j·byte j: byte 2k and 2k+1 are lane k of even and odd.
		placed := 2*((even+odd)*ramp>>48) + odd*ones>>48
		sum += s
		weighted += s*(n-uint64(i)) - placed
	}
	for ; i < len(row); i++ {
		sum += uint64(row[i])
		weighted += uint64(row[i]) * (n - uint64(i))
	}
	return sum % adlerMod, weighted % adlerMod
}

// appendMatches appends the tokens of rep, bytes that repeat those a
// distance back, up (1: the row above) or not (0: the byte before):
// matches of the longest length, the last one long enough to be a
// match. Fewer than minMatch bytes go as literals.
func appendMatches(tokens []lzToken, rep []byte, up uint16) []lzToken {
	n := len(rep)
	if n < minMatch {
		for _, c := range rep {
			tokens = append(tokens, lzToken(c))
		}
		return tokens
	}
	for n > 0 {
		l := min(n, maxMatch)
		if n-l > 0 && n-l < minMatch {
			l = n - minMatch
		}
		tokens = append(tokens, matchToken(l, up))
		n -= l
	}
	return tokens
}

// appendRow appends the tokens of the row at start, greedily: the
// longer of how far it repeats the byte before and the row above (the
// byte before on a tie: its distance has no extra bits), or else a
// literal.
func appendRow(tokens []lzToken, raw []byte, start, stride int) []lzToken {
	end := start + stride
	for i := start; i < end; {
		// Most calls are at the edges of glyphs, where neither distance
		// matches: the first byte rules that out without a call.
		up, run := 0, 0
		if i >= 1 && raw[i] == raw[i-1] {
			run = matchLen(raw, i, i-1, end-i)
		}
		// The row above is matched only where it could win: a run that
		// is long enough is beaten only by a match that also takes the
		// byte after the run, so where that byte differs from the one
		// above it, the run is taken without measuring the match above.
		if i >= stride && raw[i] == raw[i-stride] &&
			(run < minMatch || i+run < end && raw[i+run] == raw[i+run-stride]) {
			up = matchLen(raw, i, i-stride, end-i)
		}
		switch {
		case run >= minMatch && run >= up: // no extra bits for the distance
			tokens = appendMatches(tokens, raw[i:i+run], 0)
			i += run
		case up >= minMatch:
			tokens = appendMatches(tokens, raw[i:i+up], 1)
			i += up
		default:
			tokens = append(tokens, lzToken(raw[i]))
			i++
		}
	}
	return tokens
}

// matchLen is how many bytes from i repeat those from j, up to limit.
func matchLen(b []byte, i, j, limit int) int {
	// Slices of one length, so that the loop's loads need no bounds
	// checks.
	x, y := b[i:i+limit], b[j:j+limit]
	n := 0
	for len(x) >= 8 && len(y) >= 8 {
		if d := binary.LittleEndian.Uint64(x) ^ binary.LittleEndian.Uint64(y); d != 0 {
			return n + bits.TrailingZeros64(d)/8
		}
		x, y, n = x[8:], y[8:], n+8
	}
	for k := range x {
		if x[k] != y[k] {
			return n + k
		}
	}
	return n + len(x)
}

// deflate appends the tokens as one final deflate block with dynamic
// Huffman codes (RFC 1951, 3.2.7). Its header writes each code length
// as it is: the runs of zeros that symbols 17 and 18 would shorten cost
// a card about a hundred bytes.
func (s *pngScratch) deflate(out []byte) []byte {
	lengthBase := [...]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra := [...]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	var lengthSym [maxMatch + 1]uint8
	for i := len(lengthBase) - 1; i >= 0; i-- {
		for l := int(lengthBase[i]); l <= maxMatch && lengthSym[l] == 0; l++ {
			lengthSym[l] = uint8(i)
		}
	}
	upSym, upExtra := distanceCode(s.stride)

	// The codes, fitted to how often each symbol is used.
	var count [lzTokens]int
	for _, t := range s.tokens {
		count[t]++
	}
	var litFreq [litLenSymbols]int
	var distFreq [distSymbols]int
	copy(litFreq[:firstMatch], count[:firstMatch])
	litFreq[endOfBlock] = 1
	for t := firstMatch; t < lzTokens; t++ {
		if count[t] > 0 {
			litFreq[257+int(lengthSym[(t-firstMatch)>>1+minMatch])] += count[t]
			if t&1 == 1 {
				distFreq[upSym] += count[t]
			} else {
				distFreq[0] += count[t] // a distance of one byte
			}
		}
	}
	litLens, distLens := huffmanLengths(litFreq[:], maxCodeLen), huffmanLengths(distFreq[:], maxCodeLen)
	nlit, ndist := litLenSymbols, distSymbols
	for litLens[nlit-1] == 0 {
		nlit--
	}
	for ndist > 1 && distLens[ndist-1] == 0 {
		ndist--
	}
	lens := append(litLens[:nlit:nlit], distLens[:ndist]...)
	var clFreq [codeLenSymbols]int
	for _, l := range lens {
		clFreq[l]++
	}
	clLens := huffmanLengths(clFreq[:], maxCodeLenCode)
	order := [codeLenSymbols]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	nclen := codeLenSymbols
	for nclen > 4 && clLens[order[nclen-1]] == 0 {
		nclen--
	}

	// The header: the last block, dynamic codes; the alphabets' sizes;
	// the code lengths' code; the code lengths.
	bw := bitWriter{out: out}
	bw.write(code{bits: 1 | 2<<1, n: 3})
	bw.write(code{bits: uint32(nlit - 257), n: 5})
	bw.write(code{bits: uint32(ndist - 1), n: 5})
	bw.write(code{bits: uint32(nclen - 4), n: 4})
	for _, sym := range order[:nclen] {
		bw.write(code{bits: uint32(clLens[sym]), n: 3})
	}
	clCodes := canonical(clLens)
	for _, l := range lens {
		bw.write(clCodes[l])
	}

	litCodes, distCodes := canonical(litLens), canonical(distLens)
	// Each token's codes: a literal's, or a match's length code, the
	// length's extra bits, the distance's code and its extra bits. Only
	// two distance codes are used, each of one bit, so a match's codes
	// take at most 15+5+1+9 bits of the 32.
	var codes [lzTokens]code
	copy(codes[:firstMatch], litCodes)
	dist := [2]code{distCodes[0], distCodes[upSym].then(upExtra)}
	for t := firstMatch; t < lzTokens; t++ {
		l := (t-firstMatch)>>1 + minMatch
		i := lengthSym[l]
		codes[t] = litCodes[257+int(i)].then(code{bits: uint32(l - int(lengthBase[i])), n: lengthExtra[i]}).then(dist[t&1])
	}
	for _, t := range s.tokens {
		bw.write(codes[t])
	}
	bw.write(litCodes[endOfBlock])
	bw.flush()
	return bw.out
}

// distanceCode is the symbol of the match distance d, and its extra
// bits.
func distanceCode(d int) (int, code) {
	base := [...]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	i := len(base) - 1
	for base[i] > d {
		i--
	}
	extra := uint8(0)
	if i >= 4 {
		extra = uint8(i/2 - 1)
	}
	return i, code{bits: uint32(d - base[i]), n: extra}
}

// code is bits as they go into a deflate stream, in the order they are
// written, and how many.
type code struct {
	bits uint32
	n    uint8
}

// then is c followed by d.
func (c code) then(d code) code {
	return code{bits: c.bits | d.bits<<c.n, n: c.n + d.n}
}

// huffmanLengths is the length of each symbol's code in a Huffman code
// for the frequencies freq, none longer than limit (0 for symbols never
// used). A code has at least two symbols, so when fewer are used the
// first unused ones are given one. Where the code would be too long,
// the frequencies are halved, evening them out, until it is not; deflate
// allows no longer code, and halving costs less than a byte on the
// rare card that needs it.
func huffmanLengths(freq []int, limit uint8) []uint8 {
	f := slices.Clone(freq)
	used := 0
	for _, v := range f {
		if v > 0 {
			used++
		}
	}
	for i := 0; used < 2 && i < len(f); i++ {
		if f[i] == 0 {
			f[i] = 1
			used++
		}
	}
	lens := make([]uint8, len(f))
	for huffmanDepths(f, lens) > limit {
		for i, v := range f {
			if v > 0 {
				f[i] = v/2 + 1
			}
		}
	}
	return lens
}

// huffmanDepths sets lens to each symbol's depth in a Huffman tree of
// the frequencies f and returns the deepest. Ties go to the symbol of
// the lower number, so the same frequencies give the same code.
func huffmanDepths(f []int, lens []uint8) uint8 {
	leaves := make([]int, 0, len(f))
	for sym, v := range f {
		if v > 0 {
			leaves = append(leaves, sym)
		}
	}
	slices.SortStableFunc(leaves, func(a, b int) int { return f[a] - f[b] })
	// Nodes: the leaves in order of frequency, then the inner nodes in
	// the order they are made, which is also of frequency, so the two
	// smallest are always at the heads of the two lists.
	n := len(leaves)
	weight := make([]int, n, 2*n-1)
	for i, sym := range leaves {
		weight[i] = f[sym]
	}
	parent := make([]int, 2*n-1)
	leaf, inner := 0, n
	smallest := func() int {
		if leaf < n && (inner >= len(weight) || weight[leaf] <= weight[inner]) {
			leaf++
			return leaf - 1
		}
		inner++
		return inner - 1
	}
	for len(weight) < 2*n-1 {
		a, b := smallest(), smallest()
		parent[a], parent[b] = len(weight), len(weight)
		weight = append(weight, weight[a]+weight[b])
	}
	depth := make([]uint8, 2*n-1)
	deepest := uint8(0)
	for i := 2*n - 3; i >= 0; i-- {
		depth[i] = depth[parent[i]] + 1
		deepest = max(deepest, depth[i])
	}
	clear(lens)
	for i, sym := range leaves {
		lens[sym] = depth[i]
	}
	return deepest
}

// canonical is the canonical Huffman code of the code lengths lens
// (RFC 1951, 3.2.2), each code's bits reversed: deflate writes a code
// from its first bit.
func canonical(lens []uint8) []code {
	var count, next [maxCodeLen + 1]int
	for _, l := range lens {
		if l > 0 {
			count[l]++
		}
	}
	for l, c := 1, 0; l <= maxCodeLen; l++ {
		c = (c + count[l-1]) << 1
		next[l] = c
	}
	codes := make([]code, len(lens))
	for sym, l := range lens {
		if l > 0 {
			codes[sym] = code{bits: uint32(bits.Reverse16(uint16(next[l])) >> (16 - l)), n: l}
			next[l]++
		}
	}
	return codes
}

// bitWriter packs codes into bytes, first bit lowest.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint8
}

func (w *bitWriter) write(c code) {
	w.acc |= uint64(c.bits) << w.n
	w.n += c.n
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// flush writes the last bits, padded with zeros to a byte.
func (w *bitWriter) flush() {
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= min(w.n, 8)
	}
}

// chunk appends a PNG chunk: its length, type, data and checksum.
func chunk(out []byte, kind string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, kind...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
