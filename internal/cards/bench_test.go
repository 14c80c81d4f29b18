package cards

import (
	"image/png"
	"testing"
)

// benchCard is a card of an ordinary article.
func benchCard() Card {
	return Card{Site: "CTO vs VP of Engineering", Section: "Career paths", Title: "From senior engineer to CTO: every step of the path",
		Description: "What changes at each step, and what the people who made the jump wish they had known before they took the job.",
		Footer:      "owner.github.io/repo", Colors: testColors()}
}

func BenchmarkLayout(b *testing.B) {
	p := newPainter(b)
	c := benchCard()
	for b.Loop() {
		p.layout(c)
	}
}

func BenchmarkImage(b *testing.B) {
	p := newPainter(b)
	c := benchCard()
	for b.Loop() {
		p.Image(c)
	}
}

// BenchmarkPNG is a card drawn and encoded, as a build pays for each.
func BenchmarkPNG(b *testing.B) {
	p := newPainter(b)
	c := benchCard()
	var n int
	for b.Loop() {
		data, _ := p.PNG(c)
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes")
}

// BenchmarkEncode compares the card's own encoder with image/png at
// zlib's levels on one card: the reason PNG uses its own.
func BenchmarkEncode(b *testing.B) {
	p := newPainter(b)
	img := p.Image(benchCard())
	b.Run("own", func(b *testing.B) {
		var s pngScratch
		var n int
		for b.Loop() {
			n = len(s.encodePNG(img))
		}
		b.ReportMetric(float64(n), "bytes")
	})
	for _, lv := range []struct {
		name  string
		level png.CompressionLevel
	}{{"fastest", png.BestSpeed}, {"default", png.DefaultCompression}, {"best", png.BestCompression}} {
		b.Run(lv.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				data, _ := p.encode(img, lv.level)
				n = len(data)
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}
