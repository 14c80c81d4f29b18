package cards

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

// Painter draws cards. It holds the parsed fonts, which every card shares;
// it is safe for concurrent use, each Draw making faces of its own (an
// opentype face keeps scratch buffers and is not).
type Painter struct {
	regular, bold *opentype.Font
	// buffers are the PNG encoder's, reused: each holds a compressor of
	// about a megabyte. images are cards' pixels, reused likewise: a new
	// 750 KB image per card was a fifth of a large build's garbage.
	buffers *bufferPool
	images  *sync.Pool
	glyphs  *glyphs
}

// bufferPool is a png.EncoderBufferPool.
type bufferPool struct{ sync.Pool }

func (p *bufferPool) Get() *png.EncoderBuffer {
	b, _ := p.Pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *bufferPool) Put(b *png.EncoderBuffer) { p.Pool.Put(b) }

// NewPainter parses the fonts. It fails only if the fonts compiled into kb
// are broken.
func NewPainter() (*Painter, error) {
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("cards: the Go Regular font: %v", err)
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("cards: the Go Bold font: %v", err)
	}
	return &Painter{regular: regular, bold: bold, buffers: &bufferPool{}, images: &sync.Pool{}, glyphs: &glyphs{}}, nil
}

// PNG draws c and encodes it: a paletted PNG of Width×Height pixels,
// under MaxBytes. It is compressed at zlib's fastest level, which for
// cards of real text is about 1.5 ms a card and 10 to 40 KB; the best
// level made them a fifth smaller in forty times the time. A card
// that comes out larger than recompressAbove (random letters filling
// every line can reach 60 KB) is compressed again at the best level,
// which keeps the densest cards near 46 KB.
func (p *Painter) PNG(c Card) ([]byte, error) {
	img, _ := p.images.Get().(*image.Paletted)
	img = p.layout(c).draw(img, c.Colors, p.glyphs)
	defer p.images.Put(img)
	data, err := p.encode(img, png.BestSpeed)
	if err == nil && len(data) > recompressAbove {
		data, err = p.encode(img, png.BestCompression)
	}
	return data, err
}

// MaxBytes is the size a card stays under: what link previews accept
// everywhere, with room to spare.
const MaxBytes = 60 << 10

// recompressAbove is the size above which a card is compressed again at
// the best level.
const recompressAbove = 40 << 10

func (p *Painter) encode(img image.Image, level png.CompressionLevel) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	enc := png.Encoder{CompressionLevel: level, BufferPool: p.buffers}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Image draws c.
func (p *Painter) Image(c Card) *image.Paletted {
	return p.layout(c).draw(nil, c.Colors, p.glyphs)
}

// face is a font at a size in pixels.
func (p *Painter) face(f *opentype.Font, size float64) *face {
	// NewFace fails only for a bad size or DPI, which are constants here.
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("cards: a face of %v px: %v", size, err))
	}
	return newFace(ff, f, size)
}
