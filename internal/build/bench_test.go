package build

import (
	"io/fs"
	"os"
	"testing"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/output"
	"github.com/kbsite/kb/internal/render"
	"github.com/kbsite/kb/internal/site"
	"github.com/kbsite/kb/internal/sitefiles"
	"github.com/kbsite/kb/internal/theme"
	"github.com/kbsite/kb/themes"
)

// benchSite is the site folder the benchmarks build, from $KB_BENCH_SITE
// (one written by the corpus generator, say); without it they skip.
func benchSite(b *testing.B) string {
	dir := os.Getenv("KB_BENCH_SITE")
	if dir == "" {
		b.Skip("set KB_BENCH_SITE to a site folder")
	}
	return dir
}

// themedFS gives a generated site, which has no themes/ folder, the
// built-in theme, as a build does.
func themedFS(fsys fs.FS, cfg config.Config) fs.FS {
	return theme.WithBuiltin(fsys, cfg.Theme, themes.Builtin)
}

// BenchmarkBuild builds the site in $KB_BENCH_SITE (for instance one written
// by a corpus generator) in memory, without writing it:
//
//	KB_BENCH_SITE=/path/to/site go test -bench Build -run XXX ./internal/build
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b)
	site := os.DirFS(dir)
	for b.Loop() {
		res, err := Build(site, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BenchmarkBuildDir builds the site in $KB_BENCH_SITE as kb build does,
// into a folder: a fresh one (every file created) and one holding the
// same build (every file compared, none written).
func BenchmarkBuildDir(b *testing.B) {
	site := os.DirFS(benchSite(b))
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dest := b.TempDir() + "/public"
			b.StartTimer()
			if _, _, err := BuildDir(site, Options{}, dest); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("present", func(b *testing.B) {
		dest := b.TempDir() + "/public"
		if _, _, err := BuildDir(site, Options{}, dest); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, st, err := BuildDir(site, Options{}, dest); err != nil || st.Written > 0 {
				b.Fatal(err, st)
			}
		}
	})
}

// BenchmarkLinks times link resolution and the link graph alone (every
// link of every page resolved again, then anchors, backlinks and related
// pages), on the site in $KB_BENCH_SITE, so that it can be set against
// BenchmarkBuild's whole build.
func BenchmarkLinks(b *testing.B) {
	dir := benchSite(b)
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	c, errs := content.Load(fsys, content.Options{Taxonomies: cfg.Taxonomies})
	if errs.Err() != nil {
		b.Fatal(errs)
	}
	s, errs := site.Assemble(cfg, c, nil)
	if errs.Err() != nil {
		b.Fatal(errs)
	}
	md := markdown.New(markdown.Options{})
	graph := make([]site.Rendered, len(s.Pages))
	links := 0
	for i, p := range s.Pages {
		res, _ := md.Render(c.Bodies[p.Page], markdown.Document{File: p.File, BodyLine: p.BodyLine,
			Resolve: func(l markdown.Link) (markdown.Target, error) { return s.Resolve(p, l) }})
		graph[i] = site.Rendered{Links: res.Links, IDs: render.HeadingIDs(res.Headings)}
		links += len(res.Links)
	}
	for b.Loop() {
		for i, p := range s.Pages {
			for _, l := range graph[i].Links {
				if _, err := s.Resolve(p, l); err != nil {
					b.Fatal(err)
				}
			}
		}
		if _, errs := s.Link(graph); errs.Err() != nil {
			b.Fatal(errs)
		}
	}
	b.ReportMetric(float64(links), "links")
}

// BenchmarkSearchIndex times building the search index alone, from a site
// already rendered, on the site in $KB_BENCH_SITE.
func BenchmarkSearchIndex(b *testing.B) {
	dir := benchSite(b)
	bl := NewBuilder(os.DirFS(dir), Options{})
	if _, err := bl.Build(); err != nil {
		b.Fatal(err)
	}
	var files int
	for b.Loop() {
		files = len(sitefiles.SearchIndex(bl.last.site, bl.last.rendered.Sections()).Files())
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkStages times each stage of a build on the site in
// $KB_BENCH_SITE, so that a regression shows where it is: load (read and
// parse content), assemble (the site's structure), render (Markdown),
// link (the link graph), layout (every page's layout), copies (the
// Markdown copies and llms files), search (the index) and write (an in-memory build into an output folder whose files are all
// current).
func BenchmarkStages(b *testing.B) {
	dir := benchSite(b)
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	fsys = themedFS(fsys, cfg)
	// Each stage starts from the one before it, made here first: run on
	// its own (-bench Stages/layout), a stage still has its input.
	load := func() *content.Content {
		c, errs := content.Load(fsys, content.Options{Taxonomies: cfg.Taxonomies})
		if errs.Err() != nil {
			b.Fatal(errs)
		}
		return c
	}
	c := load()
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			load()
		}
	})
	b.Run("assemble", func(b *testing.B) {
		for b.Loop() {
			site.Assemble(cfg, c, nil)
		}
	})
	s, _ := site.Assemble(cfg, c, nil)
	th, errs := theme.Load(fsys, cfg.Theme, theme.Funcs(cfg))
	if errs.Err() != nil {
		b.Fatal(errs)
	}
	md := markdown.New(markdown.Options{})
	r := render.New(s, md, th)
	all := func() *render.Result { return r.All(bodies(s, c), render.Options{}) }
	rendered := all()
	b.Run("render", func(b *testing.B) {
		for b.Loop() {
			all()
		}
	})
	b.Run("link", func(b *testing.B) {
		for b.Loop() {
			s.Link(rendered.Rendered())
		}
	})
	g, _ := s.Link(rendered.Rendered())
	b.Run("layout", func(b *testing.B) {
		for b.Loop() {
			startLayouts(theme.NewLayout(th, s, g, rendered), th, output.NewTree(output.Discard{}), false, nil, nil).rest(nil)
		}
	})
	b.Run("copies", func(b *testing.B) {
		for b.Loop() {
			cp := sitefiles.NewMarkdownCopier(s, md, rendered)
			addMarkdownCopies(output.NewTree(output.Discard{}), s, cp, rendered, pageSources(nil, s, bodies(s, c), false), nil, nil)
		}
	})
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			sitefiles.SearchIndex(s, rendered.Sections()).Write(func(string, []byte) {})
		}
	})
	mem := output.NewMemory(nil)
	startLayouts(theme.NewLayout(th, s, g, rendered), th, output.NewTree(mem), false, nil, nil).rest(nil)
	files := mem.Files()
	dest := b.TempDir() + "/public"
	if _, err := output.WriteDir(dest, files); err != nil {
		b.Fatal(err)
	}
	b.Run("write", func(b *testing.B) {
		for b.Loop() {
			if _, err := output.WriteDir(dest, files); err != nil {
				b.Fatal(err)
			}
		}
	})
}
