package build

import (
	"os"
	"testing"
)

// BenchmarkBuild builds the site in $KB_BENCH_SITE (for instance one written
// by a corpus generator) in memory, without writing it:
//
//	KB_BENCH_SITE=/path/to/site go test -bench Build -run XXX ./internal/build
func BenchmarkBuild(b *testing.B) {
	dir := os.Getenv("KB_BENCH_SITE")
	if dir == "" {
		b.Skip("set KB_BENCH_SITE to a site folder")
	}
	site := os.DirFS(dir)
	for b.Loop() {
		res, err := Build(site, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BenchmarkWriteDir compares the two ways to put a built site on disk:
// into a fresh folder (every file created, as a build that swaps in a new
// directory would do) and over the previous output (files compared, none
// rewritten), on the site in $KB_BENCH_SITE.
func BenchmarkWriteDir(b *testing.B) {
	dir := os.Getenv("KB_BENCH_SITE")
	if dir == "" {
		b.Skip("set KB_BENCH_SITE to a site folder")
	}
	res, err := Build(os.DirFS(dir), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dest := b.TempDir() + "/public"
			b.StartTimer()
			if _, err := WriteDir(dest, res.Files); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		dest := b.TempDir() + "/public"
		if _, err := WriteDir(dest, res.Files); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := WriteDir(dest, res.Files); err != nil {
				b.Fatal(err)
			}
		}
	})
}
