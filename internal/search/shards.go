package search

import (
	"crypto/sha256"
	"maps"
	"slices"
	"sync"

	"github.com/kbsite/kb/internal/parallel"
)

// TypoPostings caps the postings a word carries under its typo keys, and
// again the title postings it carries there besides.
const TypoPostings = 12

// keyMember is a word filed under a key, and whether the key is its home
// (its first three letters) rather than one of its typo keys.
type keyMember struct {
	word int32
	home bool
}

// shardPlan is the key shards of an index: every file, which of them
// are made again, and the stems those need scored.
type shardPlan struct {
	files      []shardFile
	home, typo []string                     // the keys that have each kind of file, sorted
	wanted     []bool                       // by stem id: scored for a file made again; nil for every stem
	kept       map[string][sha256.Size]byte // the keys of the files kept as they are
}

// shardFile is a key shard's file and the words filed in it.
type shardFile struct {
	name    string
	members []keyMember
	make    bool
}

// planShards lists the key shards, and which must be made again: those
// with a word whose stem an edit touched (every shard when touched is
// nil), those that lost a word (dead), and those the last build wrote
// that kept does not keep by their last key. A word's first three
// letters are its home key, with its stem's postings in full; under its
// typo keys (see Keys) it carries only the best few, enough to rank a
// mistyped word. A key's home words and typo words go in two files,
// k/KEY.json and t/KEY.json: a word spelled right is found in the
// first, and only a word not found there asks for the second, so a
// first query does not download every typo that shares its letters (at
// 10,000 pages, a third of a common key's bytes).
func (a *analysis) planShards(refs []int32, touched []bool, dead map[string]bool, last *Memory, kept func(string, [sha256.Size]byte) bool) shardPlan {
	byKey := a.byKey(refs)
	plan := shardPlan{kept: map[string][sha256.Size]byte{}}
	for _, k := range slices.Sorted(maps.Keys(byKey)) {
		var h, t []keyMember
		for _, m := range byKey[k] {
			if m.home {
				h = append(h, m)
			} else {
				t = append(t, m)
			}
		}
		if len(h) > 0 {
			plan.home = append(plan.home, k)
			plan.files = append(plan.files, shardFile{name: shardName(k, true), members: h})
		}
		if len(t) > 0 {
			plan.typo = append(plan.typo, k)
			plan.files = append(plan.files, shardFile{name: shardName(k, false), members: t})
		}
	}
	var mu sync.Mutex
	parallel.For(len(plan.files), func(i int) {
		f := &plan.files[i]
		f.make = touched == nil || dead[f.name] || slices.ContainsFunc(f.members, func(m keyMember) bool { return touched[a.stemOf[m.word]] })
		if f.make {
			return
		}
		key, ok := last.shards[f.name]
		if f.make = !ok || kept == nil || !kept(f.name, key); !f.make {
			mu.Lock()
			plan.kept[f.name] = key
			mu.Unlock()
		}
	})
	if touched == nil {
		return plan
	}
	plan.wanted = make([]bool, len(a.stems))
	for _, f := range plan.files {
		if f.make {
			for _, m := range f.members {
				plan.wanted[a.stemOf[m.word]] = true
			}
		}
	}
	return plan
}

// shardName is the file of a key's home words or typo words.
func shardName(key string, home bool) string {
	if home {
		return Dir + homeDir + FileKey(key) + ".json"
	}
	return Dir + typoDir + FileKey(key) + ".json"
}

// writeShards makes the key shards the plan makes again, given their
// stems' best postings, each on its own core, and offers each to kept
// by its bytes' digest before it puts it. It returns every shard's key.
// Shards stay plain JSON (see gzip.go). A home file carries the records
// of its stems' inline sections (see inlineIDs), made by recordOf.
func (a *analysis) writeShards(plan shardPlan, best [][]posting, inline [][]int, recordOf func(id int) record, put func(name string, data []byte), kept func(string, [sha256.Size]byte) bool) map[string][sha256.Size]byte {
	keys := maps.Clone(plan.kept)
	var mu sync.Mutex
	parallel.For(len(plan.files), func(i int) {
		f := plan.files[i]
		if !f.make {
			return
		}
		s := a.shard(f.members, best)
		s.records = carried(f.members, a.stemOf, inline, recordOf)
		data := encodeShard(s)
		key := sha256.Sum256(data)
		mu.Lock()
		keys[f.name] = key
		mu.Unlock()
		if kept == nil || !kept(f.name, key) {
			put(f.name, data)
		}
	})
	return keys
}

// homeDir and typoDir are the folders, in Dir, of the key shards' home
// words and typo words.
const (
	homeDir = "k/"
	typoDir = "t/"
)

// byKey finds the keys of each word some section has (refs; nil when
// every word is), on all cores, and groups the words by key, in word
// order.
func (a *analysis) byKey(refs []int32) map[string][]keyMember {
	keysOf := make([][]string, len(a.words))
	parallel.For(len(a.words), func(w int) {
		if a.stemOf[w] >= 0 && (refs == nil || refs[w] > 0) {
			keysOf[w] = Keys(a.words[w])
		}
	})
	byKey := map[string][]keyMember{}
	for w, keys := range keysOf {
		for i, k := range keys {
			byKey[k] = append(byKey[k], keyMember{int32(w), i == 0})
		}
	}
	return byKey
}

// typoPostings are the postings a word carries under its typo keys: its
// best TypoPostings, and its best TypoPostings title postings besides (so
// a mistyped title word still finds the page).
func typoPostings(ps []posting) []posting {
	if len(ps) <= TypoPostings {
		return ps
	}
	out := ps[:TypoPostings:TypoPostings]
	titles := 0
	for _, p := range ps {
		if p.titleWords > 0 {
			if titles++; titles > TypoPostings {
				break
			}
		}
		if p.titleWords > 0 && !slices.ContainsFunc(out[:TypoPostings], func(q posting) bool { return q.id == p.id }) {
			out = append(out, p)
		}
	}
	return out
}

// shard is the shard of one key's words: their stems, and each stem's
// postings, as many as its word with the most carries there.
func (a *analysis) shard(members []keyMember, best [][]posting) shard {
	s := shard{forms: make(map[string]string, len(members)), postings: make(map[string][]posting, len(members))}
	for _, m := range members {
		st := a.stemOf[m.word]
		stem := a.stems[st]
		s.forms[a.words[m.word]] = stem
		ps := best[st]
		if !m.home {
			ps = typoPostings(ps)
		}
		if len(ps) > len(s.postings[stem]) {
			s.postings[stem] = ps
		}
	}
	return s
}

// carried are the records a home shard carries: those of its stems'
// inline sections, each once, by id. A typo shard carries none: a
// mistyped word asks for its records files.
func carried(members []keyMember, stemOf []int32, inline [][]int, recordOf func(id int) record) []inlineRecord {
	var ids []int
	for _, m := range members {
		if m.home {
			ids = append(ids, inline[stemOf[m.word]]...)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make([]inlineRecord, len(ids))
	for i, id := range ids {
		out[i] = inlineRecord{id, recordOf(id)}
	}
	return out
}
