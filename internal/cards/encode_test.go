package cards

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestEncodePNGDecodes: what the encoder writes, image/png reads back
// to the same pixels and colours, for every sample card and for images
// that are not cards: of one pixel, one row or one column, noise, runs,
// repeated rows, and colours that are not opaque.
func TestEncodePNGDecodes(t *testing.T) {
	p := newPainter(t)
	images := map[string]*image.Paletted{}
	for name, c := range sampleCards() {
		images["card "+name] = p.Image(c)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	pal := color.Palette{}
	for i := range 256 {
		pal = append(pal, color.NRGBA{uint8(i), uint8(255 - i), uint8(i * 7), uint8(255 - i%3*100)})
	}
	fill := map[string]func(x, y int) uint8{
		"noise":   func(x, y int) uint8 { return uint8(rng.IntN(256)) },
		"few":     func(x, y int) uint8 { return uint8(rng.IntN(3)) },
		"runs":    func(x, y int) uint8 { return uint8(x / 5 % 4) },
		"stripes": func(x, y int) uint8 { return uint8(y / 3 % 2 * 200) },
		"zeros":   func(x, y int) uint8 { return 0 },
	}
	for _, size := range []image.Point{{1, 1}, {1, 9}, {2, 2}, {3, 1}, {9, 4}, {300, 40}, {Width, 20}} {
		for kind, f := range fill {
			img := image.NewPaletted(image.Rect(0, 0, size.X, size.Y), pal)
			for y := range size.Y {
				for x := range size.X {
					img.SetColorIndex(x, y, f(x, y))
				}
			}
			images[kind+" "+image.Rectangle{Max: size}.String()] = img
		}
	}
	var s pngScratch
	for name, img := range images {
		data := s.encodePNG(img)
		if again := s.encodePNG(img); !bytes.Equal(data, again) {
			t.Errorf("%s: two encodings differ", name)
		}
		got, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: does not decode: %v", name, err)
			continue
		}
		pi, ok := got.(*image.Paletted)
		if !ok || pi.Rect != img.Rect {
			t.Errorf("%s: decodes to a %T of %v", name, got, got.Bounds())
			continue
		}
		for y := range img.Rect.Dy() {
			if !bytes.Equal(pi.Pix[y*pi.Stride:y*pi.Stride+pi.Rect.Dx()], img.Pix[y*img.Stride:y*img.Stride+img.Rect.Dx()]) {
				t.Errorf("%s: row %d differs", name, y)
				break
			}
		}
		for i, c := range img.Palette {
			if color.NRGBAModel.Convert(pi.Palette[i]) != color.NRGBAModel.Convert(c) {
				t.Errorf("%s: colour %d is %v, want %v", name, i, pi.Palette[i], c)
				break
			}
		}
	}
}

// TestHuffmanLengths: the codes are complete (every string of bits
// starts a code, which deflate's decoders require of any code with more
// than one symbol) and no longer than the limit, even for frequencies
// that would make a deeper tree.
func TestHuffmanLengths(t *testing.T) {
	fib := make([]int, 30)
	fib[0], fib[1] = 1, 1
	for i := 2; i < len(fib); i++ {
		fib[i] = fib[i-1] + fib[i-2]
	}
	cases := map[string]struct {
		freq  []int
		limit uint8
	}{
		"one symbol":  {[]int{0, 0, 5, 0}, 15},
		"none":        {[]int{0, 0, 0}, 7},
		"even":        {[]int{4, 4, 4, 4, 4}, 15},
		"fibonacci":   {fib, maxCodeLen},
		"code length": {fib[:19], maxCodeLenCode},
	}
	for name, c := range cases {
		lens := huffmanLengths(c.freq, c.limit)
		kraft := 0 // in units of 2^-limit
		for sym, l := range lens {
			if l > c.limit {
				t.Errorf("%s: symbol %d has a code of %d bits, over %d", name, sym, l, c.limit)
			}
			if (l == 0) != (c.freq[sym] == 0) && c.freq[sym] != 0 {
				t.Errorf("%s: symbol %d is used and has no code", name, sym)
			}
			if l > 0 {
				kraft += 1 << (c.limit - l)
			}
		}
		if kraft != 1<<c.limit {
			t.Errorf("%s: lengths %v do not make a complete code", name, lens)
		}
	}
}

// TestRowSums: a row's two sums, taken a word at a time, are those
// hash/adler32 takes a byte at a time, for rows of zeros, of one value,
// of noise and of mixed words, of every length around a word's.
func TestRowSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	fills := map[string]func(i int) byte{
		"zeros": func(int) byte { return 0 },
		"full":  func(int) byte { return 255 },
		"noise": func(int) byte { return byte(rng.IntN(256)) },
		"mixed": func(i int) byte {
			if i/8%3 == 0 {
				return 0
			}
			return byte(rng.IntN(256))
		},
	}
	for name, fill := range fills {
		for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, Width + 1, 5000} {
			row := make([]byte, n)
			for i := range row {
				row[i] = fill(i)
			}
			sum, weighted := rowSums(row)
			want := adler32.Checksum(row)
			if got := uint32((weighted+uint64(n))%adlerMod)<<16 | uint32((sum+1)%adlerMod); got != want {
				t.Errorf("%s, %d bytes: sums give Adler-32 %08x, want %08x", name, n, got, want)
			}
		}
	}
}

// TestMatchLen: how far two places repeat, up to limits inside and
// across words, and to a difference at each offset of several words.
func TestMatchLen(t *testing.T) {
	b := make([]byte, 64)
	for i := range b {
		b[i] = byte(i % 4)
	}
	// From 4 on, b repeats itself 4 bytes back, to the end.
	for _, limit := range []int{0, 1, 7, 8, 9, 30, 60} {
		if got := matchLen(b, 4, 0, limit); got != limit {
			t.Errorf("no difference, limit %d: %d, want %d", limit, got, limit)
		}
	}
	for at := 4; at < 40; at++ {
		c := bytes.Clone(b)
		c[at] = 9
		if got := matchLen(c, 4, 0, 50); got != at-4 {
			t.Errorf("a difference at %d: %d, want %d", at, got, at-4)
		}
	}
}
