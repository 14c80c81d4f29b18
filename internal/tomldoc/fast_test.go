package tomldoc

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// sameAsBurntSushi fails t when fastDecode takes src but gives other
// values than BurntSushi/toml, or takes a document it refuses. It
// reports whether fastDecode took src.
func sameAsBurntSushi(t *testing.T, src string) bool {
	t.Helper()
	fast, ok := fastDecode(src)
	if !ok {
		return false
	}
	want := map[string]any{}
	if _, err := toml.Decode(src, &want); err != nil {
		t.Fatalf("fastDecode took a document BurntSushi/toml refuses (%v):\n%s", err, src)
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("fastDecode gave\n%#v\nBurntSushi/toml\n%#v\nfor:\n%s", fast, want, src)
	}
	return true
}

func TestFastDecodeTakesFrontMatter(t *testing.T) {
	for _, src := range []string{
		"",
		"title = \"Chief Technology Officer (CTO)\"\ndate = 2026-11-22\nweight = 1\ntags = [\"leadership\", \"org-design\"]\n\n[params]\nshort_title = \"CTO\"\n\n[profile]\nowns = \"*What* gets built\"\n",
		"title = \"Auditing API Contracts\"\ndate = 2019-03-15T09:00:00Z\ntags = [\"a\", \"b\",]\nroles = []\nweight = -68\ndraft = false # not yet\n",
		"# a comment\n  title = 'C:\\path'  \n[ params ]\t# tabbed\nx = [1, 2, true, 2020-02-29]\n",
		"title = \"x\"\n[[sources]]\ntitle = \"A\"\nurl = \"https://a.example/\"\n\n[[sources]] # two\ntitle = \"B\"\n",
	} {
		if !sameAsBurntSushi(t, src) {
			t.Errorf("fastDecode did not take ordinary front matter:\n%s", src)
		}
	}
}

func TestFastDecodeLeavesTheRest(t *testing.T) {
	for _, src := range []string{
		"title = \"a \\\"quoted\\\" word\"\n", // an escape
		"weight = 1.5\n",
		"weight = 1_000\n",
		"weight = 012\n",
		"weight = 0x1F\n",
		"weight = 99999999999999999999\n",
		"title = \"\"\"long\"\"\"\n",
		"tags = [\n  \"a\",\n]\n",
		"tags = [[\"a\"]]\n",
		"params.x = 1\n",
		"\"title\" = \"x\"\n",
		"[params.deep]\nx = 1\n",
		"[[sources.deep]]\ntitle = \"x\"\n",
		"sources = [1]\n[[sources]]\n",
		"[[params]]\n[params]\n",
		"[params]\n[[params]]\n",
		"title = \"x\"\ntitle = \"y\"\n",
		"[params]\n[params]\n",
		"params = 1\n[params]\n",
		"date = 2019-02-30\n",
		"date = 2019-03-15T09:00:00+02:00\n",
		"date = 2019-03-15 09:00:00Z\n",
		"date = 09:00:00\n",
		"title = \"x\" y\n",
		"title = \"x\r\n",
		"title \n",
		"title = \"tab\x01\"\n",
		"# bell \x07\n",
		"profile = { a = 1 }\n",
		"title = \"x\" # ok\nbad line\n",
	} {
		if _, ok := fastDecode(src); ok {
			t.Errorf("fastDecode took what it should leave to BurntSushi/toml:\n%q", src)
		}
	}
}

// TestFastDecodeAgreesOnRandomDocuments writes documents from pieces
// of front matter, good and bad, and checks that whatever fastDecode
// takes, it decodes as BurntSushi/toml does.
func TestFastDecodeAgreesOnRandomDocuments(t *testing.T) {
	keys := []string{"title", "date", "tags", "weight", "x", "a-b", "c_d", "9", "title"}
	values := []string{
		`"plain"`, `""`, `"with # hash"`, `'literal \ back'`, `"a ] b, c"`, `"é ü 中"`, `"esc\t"`, `"bad\\"`,
		`0`, `-0`, `+7`, `42`, `-9223372036854775808`, `9223372036854775808`, `01`, `1.0`, `1e3`, `inf`, `nan`,
		`true`, `false`, `True`,
		`2024-05-01`, `2024-13-01`, `2024-05-01T09:30:00Z`, `2024-05-01T09:30:00`, `2024-05-01T09:30:00.5Z`, `24-05-01`,
		`[]`, `[ ]`, `["a"]`, `["a", "b",]`, `[1, "a", true]`, `[2024-05-01]`, `[,]`, `["a" "b"]`, `["a",`, `[[1]]`,
		`{}`, `"unterminated`, ``,
	}
	tails := []string{"", " ", "\t", " # note", "#", " x", " # \x01"}
	rng := rand.New(rand.NewPCG(1, 2))
	taken := 0
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			switch rng.IntN(8) {
			case 0:
				b.WriteString("\n")
			case 1:
				b.WriteString("# comment" + tails[rng.IntN(len(tails))] + "\n")
			case 2:
				b.WriteString("[" + []string{"params", "profile", " params ", "a.b", "", "params", "[sources]", "[sources]", "[ params ]", "[a.b]", "[sources"}[rng.IntN(11)] + "]" + tails[rng.IntN(len(tails))] + "\n")
			default:
				b.WriteString(strings.Repeat(" ", rng.IntN(2)) + keys[rng.IntN(len(keys))] + []string{" = ", "=", " =\t", " "}[rng.IntN(4)] +
					values[rng.IntN(len(values))] + tails[rng.IntN(len(tails))] + "\n")
			}
		}
		if sameAsBurntSushi(t, b.String()) {
			taken++
		}
	}
	if taken < 2000 {
		t.Errorf("fastDecode took %d of 20,000 documents: the test no longer reaches it", taken)
	}
}

// FuzzFastDecode: whatever fastDecode takes, BurntSushi/toml decodes
// the same.
func FuzzFastDecode(f *testing.F) {
	f.Add("title = \"x\"\ndate = 2024-05-01\ntags = [\"a\", 'b']\n[params]\nw = -3 # c\n")
	f.Add("d = 2024-05-01T09:30:00Z\nb = [true, 1]\n")
	f.Fuzz(func(t *testing.T, src string) { sameAsBurntSushi(t, src) })
}
