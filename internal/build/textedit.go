package build

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"kb/internal/content"
	"kb/internal/diag"
	"kb/internal/markdown"
	"kb/internal/site"
)

// textEdit is the fast path of Update: file is a published page whose
// front matter is byte for byte the same, and whose new text has the same
// headings and links to the same places. Then nothing outside the page
// can change but the sentences other pages quote around its links, so
// only the page and the targets of those links are laid out again. ok is
// false when the edit is anything more; the caller then builds in full.
func (b *Builder) textEdit(file string) (*Result, []string, bool) {
	last := b.last
	// The parse cache holds each file's bytes as the last build read them
	// (a failed build sets stale, and Update then builds in full).
	old, known := b.cache.Source(file)
	if !known || !strings.HasPrefix(file, content.Dir+"/") || path.Ext(file) != ".md" {
		return nil, nil, false
	}
	src, err := fs.ReadFile(b.src, file)
	if err != nil || !utf8.Valid(src) || bytes.Contains(src, []byte("\r")) {
		return nil, nil, false
	}
	oldFront, _, _, err1 := content.Split(old)
	newFront, newBody, _, err2 := content.Split(src)
	if err1 != nil || err2 != nil || !bytes.Equal(oldFront, newFront) {
		return nil, nil, false
	}
	ps := last.pass
	var page *site.Page
	for _, p := range ps.s.Pages {
		if p.File == file {
			page = p
			break
		}
	}
	if page == nil {
		return nil, nil, false // a draft, or not a page of this build
	}
	i := ps.index[page]
	nb, errs := ps.renderBody(page, newBody)
	if errs.Err() != nil || !slices.Equal(headingIDs(nb.headings), ps.graph[i].IDs) || !sameTargets(nb.links, ps.bodies[i].links) {
		return nil, nil, false
	}

	// The edit is only text: apply it.
	start := time.Now()
	page.Body = newBody
	b.cache.Put(file, src, page.Page, nil)
	profileLinks := ps.graph[i].Links[len(ps.bodies[i].links):]
	oldContexts := firstContexts(ps.bodies[i].links)
	ps.bodies[i] = nb
	ps.graph[i].Links = append(append([]markdown.Link{}, nb.links...), profileLinks...)
	ps.mdErrs[i] = append(profileProblems(ps.mdErrs[i], file, page.BodyLine), errs...)

	relayout := []int{i}
	for target, ctx := range firstContexts(nb.links) {
		if oldContexts[target] == ctx {
			continue
		}
		for k := range target.Backlinks {
			if target.Backlinks[k].From == page {
				target.Backlinks[k].Context = ctx
			}
		}
		relayout = append(relayout, ps.index[target])
	}
	slices.Sort(relayout)
	files := maps.Clone(last.res.Files)
	var changed []string
	ps.partials = newPartialCache(ps.th) // cached partials may show what the edit changed
	for _, k := range relayout {
		var buf bytes.Buffer
		if ps.layErrs[k] = ps.layout(k, &buf); ps.layErrs[k].Err() != nil {
			// A layout that fails only now: let a full build report it.
			b.last = nil
			return nil, nil, false
		}
		if p := ps.outPath(k); !bytes.Equal(files[p], buf.Bytes()) {
			files[p] = buf.Bytes()
			changed = append(changed, p)
		}
	}
	b.searchStale = true
	all := ps.problems()
	all.Sort()
	res := *last.res
	res.Files = files
	res.Warnings = all.Warnings()
	res.Duration = time.Since(start)
	last.res = &res
	return &res, changed, true
}

// sameTargets reports whether two renders of a page link to the same
// places in the same order (their text and sentences may differ).
func sameTargets(a, b []markdown.Link) bool {
	return slices.EqualFunc(a, b, func(x, y markdown.Link) bool {
		return x.Target.Href == y.Target.Href && x.Target.Ref == y.Target.Ref
	})
}

// firstContexts maps each page linked to the sentence around the first
// link to it: what the target's backlinks quote.
func firstContexts(links []markdown.Link) map[*site.Page]string {
	out := map[*site.Page]string{}
	for _, l := range links {
		if ref, ok := l.Target.Ref.(site.Ref); ok && ref.Page != nil {
			if _, seen := out[ref.Page]; !seen {
				out[ref.Page] = l.Context
			}
		}
	}
	return out
}

// profileProblems keeps the problems of a page's profile (they sit in its
// front matter, above the body) and drops those of its old body.
func profileProblems(l diag.List, file string, bodyLine int) diag.List {
	var kept diag.List
	for _, d := range l {
		if d.File == file && d.Line < bodyLine {
			kept = append(kept, d)
		}
	}
	return kept
}

// SearchJob prepares bringing the search index up to date after fast-path
// updates, which leave it behind so that the edited page is served at
// once (the index scores every page). It returns nil when the index is
// current. The job only reads a copy of what it needs, so it can run
// while the builder serves other updates; ApplySearch then takes its
// result, unless the site changed meanwhile.
func (b *Builder) SearchJob() *SearchJob {
	if b.last == nil || !b.searchStale {
		return nil
	}
	ps := b.last.pass
	snap := &pass{s: ps.s, bodies: slices.Clone(ps.bodies)}
	return &SearchJob{gen: b.gen, run: func() map[string][]byte { return searchIndex(snap).Files() }}
}

// SearchJob is a search index waiting to be computed; see SearchJob.
type SearchJob struct {
	gen   int
	run   func() map[string][]byte
	files map[string][]byte
}

// Run computes the index. It may run without the builder's lock.
func (j *SearchJob) Run() { j.files = j.run() }

// ApplySearch puts a computed index into the current result, and returns
// the result and the search files whose bytes changed. It does nothing
// (nil) when the site was rebuilt since the job was prepared: a newer job
// will follow.
func (b *Builder) ApplySearch(j *SearchJob) (*Result, []string) {
	if j == nil || j.files == nil || b.last == nil || j.gen != b.gen {
		return nil, nil
	}
	b.searchStale = false
	files := maps.Clone(b.last.res.Files)
	var changed []string
	for name, data := range j.files {
		if !bytes.Equal(files[name], data) {
			files[name] = data
			changed = append(changed, name)
		}
	}
	for name := range files {
		if _, ok := j.files[name]; !ok && strings.HasPrefix(name, "search/") && name != "search/index.html" {
			delete(files, name)
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	res := *b.last.res
	res.Files = files
	b.last.res = &res
	return &res, changed
}
