package search

import (
	"maps"
	"slices"

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

// writeShards writes the key shards, given each stem's best postings. A
// word's first three letters are its home key, with its stem's postings
// in full; under its typo keys (see Keys) it carries only the best few,
// enough to rank a mistyped word. A key's home words and typo words go
// in two files, k/KEY.json and t/KEY.json: a word spelled right is found
// in the first, and only a word not found there asks for the second, so
// a first query does not download every typo that shares its letters
// (at 10,000 pages, a third of a common key's bytes). Each file is made
// and encoded on its own core. It returns the keys that have each file,
// sorted. Shards stay plain JSON (see gzip.go). A home file carries the
// records of its stems' inline sections (see inlineIDs), made by
// recordOf.
func (a *analysis) writeShards(best [][]posting, inline [][]int, recordOf func(id int) record, put func(name string, data []byte)) (home, typo []string) {
	byKey := a.byKey()
	type file struct {
		name    string
		members []keyMember
	}
	var files []file
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
			home = append(home, k)
			files = append(files, file{Dir + homeDir + FileKey(k) + ".json", h})
		}
		if len(t) > 0 {
			typo = append(typo, k)
			files = append(files, file{Dir + typoDir + FileKey(k) + ".json", t})
		}
	}
	parallel.For(len(files), func(i int) {
		s := a.shard(files[i].members, best)
		s.records = carried(files[i].members, a.stemOf, inline, recordOf)
		put(files[i].name, encodeShard(s))
	})
	return home, typo
}

// homeDir and typoDir are the folders, in Dir, of the key shards' home
// words and typo words.
const (
	homeDir = "k/"
	typoDir = "t/"
)

// byKey finds each indexed word's keys on all cores, and groups the words
// by key, in word order.
func (a *analysis) byKey() map[string][]keyMember {
	keysOf := make([][]string, len(a.words))
	parallel.For(len(a.words), func(w int) {
		if a.stemOf[w] >= 0 {
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
