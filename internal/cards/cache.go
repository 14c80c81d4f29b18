package cards

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Key identifies a card by everything that decides its bytes: what it
// shows, its colours, the drawing's Version, and the Go release and
// processor kb was built for (PNG compression may change with the one,
// and floating-point rasterizing with the other), so that a card from
// the cache is byte for byte the card a fresh draw would give.
func Key(c Card) string {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field("kb social card")
	field(strconv.Itoa(Version))
	field(runtime.Version())
	field(runtime.GOARCH)
	for _, s := range []string{c.Site, c.Section, c.Title, c.Description, c.Footer} {
		field(s)
	}
	for _, col := range []color.RGBA{c.Colors.Background, c.Colors.Band, c.Colors.Rule, c.Colors.Text, c.Colors.Muted, c.Colors.Accent} {
		h.Write([]byte{col.R, col.G, col.B, col.A})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Cache keeps cards by Key, so that a page whose card would look the
// same is not drawn again: in a folder, between runs of kb, and in
// memory, between the preview server's rebuilds. It is safe for
// concurrent use. Failing to write the folder is not an error (the
// card was drawn, and will be again); WriteError reports the first such
// failure.
type Cache struct {
	dir    string // "" keeps no files
	memory bool

	mu       sync.Mutex
	mem      map[string][]byte
	made     bool  // dir was created
	writeErr error // the first failure to write to dir
}

// NewCache makes a cache keeping card files in dir ("" for none), and in
// memory too when memory is set.
func NewCache(dir string, memory bool) *Cache {
	return &Cache{dir: dir, memory: memory, mem: map[string][]byte{}}
}

// Get returns the PNG of card c, whose Key is key: from the cache, or
// drawn by p and kept. drawn reports which. put, when not nil, hands the
// card to the build's output, with the cache's file that holds it (""
// for a card drawn now, or kept in memory), and returns the file on disk
// that now holds the output's copy ("" for none). A drawn card is then
// kept in the folder as a hard link to that file, and a card from the
// folder may be put as a link to the folder's file, rather than a second
// copy of its bytes, where the file system allows: that halves the
// cards' writing, and the room a cache that keeps both folders (as the
// Pages workflows' do) gives them. Neither file may change in place:
// the folder replaces a file by renaming another over it, and so does
// an output folder (see output.Dir.File).
func (c *Cache) Get(p *Painter, key string, card Card, put func(data []byte, from string) string) (data []byte, drawn bool, err error) {
	if data, from := c.lookup(key); data != nil {
		if put != nil {
			put(data, from)
		}
		return data, false, nil
	}
	data, err = p.PNG(card)
	if err != nil {
		return nil, true, err
	}
	file := ""
	if put != nil {
		file = put(data, "")
	}
	c.store(key, data, file)
	return data, true, nil
}

// lookup is the card of key, and the file it was read from ("" for a
// card from memory); nil for a card the cache does not have whole.
func (c *Cache) lookup(key string) ([]byte, string) {
	c.mu.Lock()
	data := c.mem[key]
	c.mu.Unlock()
	if data != nil || c.dir == "" {
		return data, ""
	}
	file := c.file(key)
	data, err := os.ReadFile(file)
	if err != nil || !wholePNG(data) {
		return nil, "" // not there, or cut short: draw it again
	}
	if c.memory {
		c.mu.Lock()
		c.mem[key] = data
		c.mu.Unlock()
	}
	return data, file
}

func (c *Cache) store(key string, data []byte, file string) {
	if c.memory {
		c.mu.Lock()
		c.mem[key] = data
		c.mu.Unlock()
	}
	if c.dir == "" {
		return
	}
	if file != "" && c.link(key, file) {
		return
	}
	if err := c.write(key, data); err != nil {
		c.mu.Lock()
		if c.writeErr == nil {
			c.writeErr = err
		}
		c.mu.Unlock()
	}
}

// link keeps the card of key as a hard link to file, which holds its
// bytes whole, and says whether it did. A link appears whole or not at
// all, like a renamed file. It fails where there is already a file of
// that name (perhaps one cut short), across file systems, and where
// links are not allowed; write then writes the bytes.
func (c *Cache) link(key, file string) bool {
	return c.mkdir() == nil && os.Link(file, c.file(key)) == nil
}

// mkdir makes the folder, once.
func (c *Cache) mkdir() error {
	c.mu.Lock()
	made := c.made
	c.mu.Unlock()
	if made {
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	c.mu.Lock()
	c.made = true
	c.mu.Unlock()
	return nil
}

// write puts a card file in place whole or not at all: another kb
// reading the folder at the same time sees the old file or the new one.
func (c *Cache) write(key string, data []byte) error {
	if err := c.mkdir(); err != nil {
		return err
	}
	f, err := os.CreateTemp(c.dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), c.file(key))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// tempPrefix starts the names of card files being written.
const tempPrefix = ".tmp-"

func (c *Cache) file(key string) string { return filepath.Join(c.dir, key+".png") }

// WriteError is the first failure to write a card file, or nil.
func (c *Cache) WriteError() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writeErr
}

// Retain forgets every card in memory whose key is not in keep: the
// preview server keeps the cards of its last build, not of every title
// a page ever had.
func (c *Cache) Retain(keep map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.mem {
		if !keep[k] {
			delete(c.mem, k)
		}
	}
}

// Prune removes from the folder every card file whose key is not in
// keep, so that it holds the cards of the last build rather than of
// every version of every page. It removes only files named as it
// writes them (a key and ".png"), and files left by a write that was
// stopped.
func (c *Cache) Prune(keep map[string]bool) error {
	if c.dir == "" {
		return nil
	}
	entries, err := os.ReadDir(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		key, isCard := strings.CutSuffix(name, ".png")
		stale := isCard && isKey(key) && !keep[key]
		if !stale && !strings.HasPrefix(name, tempPrefix) {
			continue
		}
		if err := os.Remove(filepath.Join(c.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// isKey reports whether s is shaped like a Key: 64 lower-case hex digits.
func isKey(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

// pngSignature and pngEnd begin and end every PNG file (the IEND chunk,
// with its length and checksum).
const (
	pngSignature = "\x89PNG\r\n\x1a\n"
	pngEnd       = "\x00\x00\x00\x00IEND\xaeB`\x82"
)

// wholePNG reports whether data begins and ends as a PNG does: a file
// cut short (a full disk, a crash on a file system that does not keep
// the order of writes) is drawn again rather than published.
func wholePNG(data []byte) bool {
	return len(data) >= len(pngSignature)+len(pngEnd) &&
		string(data[:len(pngSignature)]) == pngSignature &&
		string(data[len(data)-len(pngEnd):]) == pngEnd
}
