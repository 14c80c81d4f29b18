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
	// images are cards' canvases, reused: a new 750 KB image per card was
	// a fifth of a large build's garbage. scratch is the PNG encoder's
	// working memory, reused likewise; buffers are image/png's, for the
	// cards it compresses again.
	images  *sync.Pool
	scratch *sync.Pool
	buffers *bufferPool
	glyphs  *glyphs
	// metrics are the runes' metrics every card's faces measured (see
	// face).
	metrics *sync.Map
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
	return &Painter{regular: regular, bold: bold, images: &sync.Pool{}, scratch: &sync.Pool{}, buffers: &bufferPool{}, glyphs: &glyphs{over: newOverTable()}, metrics: &sync.Map{}}, nil
}

// PNG draws c and encodes it: a paletted PNG of Width×Height pixels,
// under MaxBytes. Its own encoder (encode.go) takes about 0.7 ms for
// an ordinary card, where image/png at zlib's fastest level took 1.45
// ms for a card a seventh smaller. A card that comes out larger than
// recompressAbove (random letters filling every line reach 50 KB) is
// compressed again by image/png, at the fastest level and, if that is
// still too large, at the best, which keeps the densest cards near 46
// KB.
func (p *Painter) PNG(c Card) ([]byte, error) {
	cv, _ := p.images.Get().(*canvas)
	cv = p.layout(c).draw(cv, c.Colors, p.glyphs)
	defer p.images.Put(cv)
	img := cv.img
	s, _ := p.scratch.Get().(*pngScratch)
	if s == nil {
		s = &pngScratch{}
	}
	data := s.encodeRows(cv.raw, Width, Height, img.Palette)
	p.scratch.Put(s)
	var err error
	for _, level := range []png.CompressionLevel{png.BestSpeed, png.BestCompression} {
		if len(data) <= recompressAbove {
			break
		}
		data, err = p.encode(img, level)
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// MaxBytes is the size a card stays under: what link previews accept
// everywhere, with room to spare.
const MaxBytes = 60 << 10

// recompressAbove is the size above which a card is compressed again.
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

// Image draws c, as an image whose rows follow each other (see canvas).
func (p *Painter) Image(c Card) *image.Paletted {
	drawn := p.layout(c).draw(nil, c.Colors, p.glyphs).img
	img := image.NewPaletted(drawn.Rect, drawn.Palette)
	for y := range Height {
		copy(img.Pix[y*img.Stride:(y+1)*img.Stride], drawn.Pix[y*drawn.Stride:])
	}
	return img
}

// face is a font at a size in pixels.
func (p *Painter) face(f *opentype.Font, size float64) *face {
	// NewFace fails only for a bad size or DPI, which are constants here.
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("cards: a face of %v px: %v", size, err))
	}
	return newFace(ff, f, size, p.metrics)
}
