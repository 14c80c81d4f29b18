package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"maps"
	"os"
	"os/exec"
	"slices"
	"testing"

	"github.com/kbsite/kb/internal/browsertest"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors-index.json from testdata/vectors.json's corpus, and testdata/common-index.json")

// The shared test vectors, testdata/vectors.json: a small corpus, and
// queries with the words, shard keys and key files each needs and the
// results the browser ranks. Go and search.js each read them:
// TestVectors checks the Go half (words, keys, and the index of the
// corpus, kept in testdata/vectors-index.json), and search_test.js, under
// node, the script's half (words, keys, decoding, ranking) over that
// index, and over testdata/common-index.json, an index whose shards
// carry records (see commonCorpus). So the two ends of the wire format
// are held to one reading without a browser.
type vectors struct {
	Corpus  []Doc
	Queries []struct {
		Query   string
		Tokens  []string // what the tokenizer makes of the query, stop words included
		Keys    []string // the shard keys of its words, each once, in order
		Files   []string // their file names
		Filter  any      // for the script: {section, terms}
		Total   int      // for the script: how many pages match
		Results []string // for the script: the best results' URLs, best first
		Facets  any      // for the script: the facet values counted
		Marks   []string // for the script, when given: the words marked in the first result's snippet
	}
}

const (
	vectorsFile = "testdata/vectors.json"
	indexFile   = "testdata/vectors-index.json"
	commonFile  = "testdata/common-index.json" // the index of commonCorpus
)

func readVectors(t *testing.T) vectors {
	t.Helper()
	src, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(src, &v); err != nil {
		t.Fatalf("%s: %v", vectorsFile, err)
	}
	return v
}

// TestVectors checks the tokenizer and the shard keys against the
// vectors, and that the index of their corpus is the one search_test.js
// ranks over (go test -run TestVectors -update rewrites it, after a
// change to the index that is meant).
func TestVectors(t *testing.T) {
	v := readVectors(t)
	for _, q := range v.Queries {
		tokens, keys, files := []string{}, []string{}, []string{}
		for _, tk := range Tokens(q.Query) {
			tokens = append(tokens, tk.Word)
			for _, k := range Keys(tk.Word) {
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
					files = append(files, FileKey(k))
				}
			}
		}
		if !slices.Equal(tokens, q.Tokens) || !slices.Equal(keys, q.Keys) || !slices.Equal(files, q.Files) {
			t.Errorf("%q: tokens %q, keys %q, files %q; want %q, %q, %q", q.Query, tokens, keys, files, q.Tokens, q.Keys, q.Files)
		}
	}
	checkIndex(t, v.Corpus, vectorsFile+"'s corpus", indexFile)
	checkIndex(t, commonCorpus(), "commonCorpus", commonFile)
}

// checkIndex checks that the index of corpus is the one kept in file, or
// rewrites it with -update.
func checkIndex(t *testing.T, corpus []Doc, of, file string) {
	t.Helper()
	var ix Index
	for _, d := range corpus {
		ix.Add(d)
	}
	got := indexJSON(inflated(t, ix.Files()))
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the index of %s is not %s: if the change is meant, rewrite it with go test -run TestVectors -update, and check search_test.js still passes", of, file)
	}
}

// indexJSON writes the index's files as one JSON object, a file a line:
// its path, and its content as it is (gunzipped: see inflated).
func indexJSON(files map[string][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, name := range slices.Sorted(maps.Keys(files)) {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(appendString(nil, name))
		b.WriteString(": ")
		b.Write(files[name])
	}
	b.WriteString("\n}\n")
	return b.Bytes()
}

// TestVectorsInNode runs search_test.js, the script's half of the
// vectors, under node; without node it is skipped, or fails when
// KB_REQUIRE_TOOLS is set, as CI does.
func TestVectorsInNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		browsertest.MissingTool(t, "no node found to run search_test.js")
	}
	out, err := exec.Command(node, "--test", "search_test.js").CombinedOutput()
	if err != nil {
		t.Fatalf("node --test search_test.js: %v\n%s", err, out)
	}
}
