package content

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/kbsite/kb/internal/diag"
)

// A name under content/ becomes a folder of the output and a segment of a
// URL, and the site is checked out on Linux, macOS and Windows alike. A
// name that is fine on the author's machine can still break a URL or
// another checkout, and that would otherwise show only there, later.

// nameProblem says why name (of a file or folder, or a slug) cannot be
// kept, or "". urlOnly is set when the only problem is that of a URL path,
// which a page's slug can avoid; every other problem is one of some
// operating system's file names, which only a new name fixes.
func nameProblem(name string) (msg string, urlOnly bool) {
	if i := strings.IndexFunc(name, isControl); i >= 0 {
		return fmt.Sprintf("has the control character %U", []rune(name[i:])[0]), false
	}
	if i := strings.IndexAny(name, `\<>:"|?*`); i >= 0 {
		return fmt.Sprintf("has %q, which Windows does not allow in file names", name[i:i+1]), false
	}
	switch {
	case strings.HasSuffix(name, "."):
		return "ends with a dot, which Windows drops from file names", false
	case strings.HasSuffix(name, " "):
		return "ends with a space, which Windows drops from file names", false
	}
	if dev := windowsDevice(name); dev != "" {
		return fmt.Sprintf("is the name of a device on Windows (%s), which no file there can have", dev), false
	}
	if strings.Contains(name, "#") {
		return `has "#", which cannot appear in a URL path (it starts the fragment)`, true
	}
	return "", false
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func hasControl(s string) bool { return strings.ContainsFunc(s, isControl) }

// windowsDevice returns the device name that name is on Windows, whatever
// its case and extension ("con.md" is the console), or "".
func windowsDevice(name string) string {
	base, _, _ := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ")
	if len(base) != 3 && len(base) != 4 {
		return "" // every name, checked on every rebuild: no upper case made for it
	}
	base = strings.ToUpper(base)
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return base
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '0' && base[3] <= '9' {
		return base
	}
	return ""
}

// suggestSlug turns a file name into a slug an author can paste: the
// characters a URL path or another system would choke on become hyphens.
func suggestSlug(name string) string {
	name = strings.TrimSuffix(name, ".md")
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' {
			b.WriteRune(r)
		} else if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-."); s != "" {
		return s
	}
	return "..."
}

// FoldKey is the form of a name or URL path under which macOS and Windows
// see two spellings as one: letters of either case, and accents written
// composed or decomposed (NFC or NFD), give the same key.
func FoldKey(s string) string {
	if k, ok := asciiFoldKey(s); ok {
		return k
	}
	s = norm.NFC.String(s)
	if !utf8.ValidString(s) {
		return s
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
		b = append(b, smallestFold(r))
	}
	return string(b)
}

// asciiFoldKey is FoldKey of an ASCII s, without Unicode tables: NFC
// leaves ASCII as it is, and the least rune of an ASCII letter's folds
// is its capital ("K" before "k" and the Kelvin sign). Nearly every name
// and URL is ASCII: through the tables, FoldKey took 21 ms of processor
// time in each preview rebuild of a 10,000-page site before it could
// hand the open page over (CPU profiles of eight title edits). false
// for any other s.
func asciiFoldKey(s string) (string, bool) {
	lower := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return "", false
		}
		lower = lower || 'a' <= c && c <= 'z'
	}
	if !lower {
		return s, true
	}
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b), true
}

// smallestFold is the least rune that r's case folding reaches: the same
// for every case of a letter ("K", "k" and the Kelvin sign).
func smallestFold(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// FoldDifference explains how two names or URLs with one FoldKey differ,
// for messages: "differ " and then this.
func FoldDifference(a, b string) string {
	if norm.NFC.String(a) == norm.NFC.String(b) {
		return "only in how an accent is encoded (composed or decomposed Unicode), so they are one name on macOS"
	}
	return "only in case, so they are one name on macOS and Windows"
}

// nameCheck checks the names of content/ as Walk meets them: each name
// alone, and against its siblings, since two names that differ only in
// case or accent encoding are one file on macOS or Windows.
type nameCheck struct {
	errs diag.List
	// folded maps each folder's path and a name's FoldKey to the first
	// name seen with that key.
	folded map[string]string
	// clashes are the paths that lost a clash, whose files are left out.
	clashes map[string]bool
	// urlOnly holds, by path, the problem of a page file's name that only
	// its URL has, reported once the page is read unless it has a slug.
	urlOnly map[string]string
}

func newNameCheck() *nameCheck {
	return &nameCheck{folded: map[string]string{}, clashes: map[string]bool{}, urlOnly: map[string]string{}}
}

// check reports what is wrong with the name of p, and whether p can be
// read at all: a name that is not UTF-8, or has a control character,
// cannot be named safely in a message, a URL or a link, so its file or
// folder is reported at its parent and skipped.
func (n *nameCheck) check(p string, isDir bool) bool {
	dir, name := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	kind := "file"
	if isDir {
		kind = "folder"
	}
	if !utf8.ValidString(name) {
		n.errs.Add(diag.Errorf(dir, 0, 0, "%s name %q is not valid UTF-8; rename it", kind, name))
		return false
	}
	key := dir + "/" + FoldKey(name)
	if other, dup := n.folded[key]; dup {
		format := "%s names %q and %q differ %s; rename one"
		if norm.NFC.String(other) == norm.NFC.String(name) {
			format = "%s names %+q and %+q differ %s; rename one" // else they print the same
		}
		// The file left out is the one whose name is not in its plain
		// form (lower case, composed accents) when the other's is: the
		// name links and the rest of the site most likely use, so that
		// one mistake stays one message rather than broken links too.
		loser := p
		if plainName(name) && !plainName(other) {
			loser = path.Join(dir, other)
			n.folded[key] = name
		}
		n.errs.Add(diag.Errorf(loser, 0, 0, format, kind, other, name, FoldDifference(other, name)))
		n.clashes[loser] = true
	} else {
		n.folded[key] = name
	}
	msg, urlOnly := nameProblem(name)
	switch {
	case msg == "":
	case urlOnly && !isDir && strings.HasSuffix(name, ".md"):
		n.urlOnly[p] = msg
	case hasControl(name):
		// Reported at the folder, and the file left out: a terminal
		// would act on the control character in any message placed at
		// the file itself.
		n.errs.Add(diag.Errorf(dir, 0, 0, "%s name %q %s; rename the %s", kind, name, msg, kind))
		return false
	default:
		n.errs.Add(diag.Errorf(p, 0, 0, "%s name %q %s; rename the %s", kind, name, msg, kind))
	}
	return true
}

// clashed reports whether p, or a folder above it, lost a clash.
func (n *nameCheck) clashed(p string) bool {
	if len(n.clashes) == 0 {
		return false // as on nearly every site: no walk up each page's folders
	}
	for ; p != "" && p != "."; p = path.Dir(p) {
		if n.clashes[p] {
			return true
		}
	}
	return false
}

// checkPage reports a page whose file name cannot be its URL's last
// segment. A slug replaces that segment, so a page with one is fine; so is
// one whose front matter did not parse, until it does.
func (n *nameCheck) checkPage(p *Page) diag.List {
	if len(n.urlOnly) == 0 {
		return nil
	}
	msg := n.urlOnly[p.File]
	if msg == "" || p.Front == nil {
		return nil
	}
	if _, hasSlug := p.Front.Get("slug"); hasSlug {
		return nil
	}
	name := path.Base(p.File)
	return diag.List{diag.Errorf(p.File, 0, 0, "file name %q %s; rename the file or set slug = %q", name, msg, suggestSlug(name))}
}

// NameProblem says why name cannot be the name of a file or folder of the
// output on every system, or "": for a URL segment that is not a content
// file's name, such as a taxonomy term's.
func NameProblem(name string) string {
	msg, _ := nameProblem(name)
	return msg
}

// plainName reports whether name is in the form most names of a site
// take: lower case, with composed accents.
func plainName(name string) bool {
	return name == strings.ToLower(norm.NFC.String(name))
}
