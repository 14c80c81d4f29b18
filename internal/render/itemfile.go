package render

import (
	"encoding/binary"
	"hash/crc32"
	"html/template"
	"os"
	"path/filepath"
)

// A memo kept in a file keeps the list entries too (see itemMemo), in a
// file of their own beside the bodies', so that kb build makes again
// only the entries whose page's address, title or description changed:
// making every one was 45 ms of an edited build's time at 10,000 pages,
// before its bodies, on both cores (10,000 runs of the theme's
// "page-item" partial). The file is written whole each build (about 250
// bytes an entry), and checked by a CRC-32C of its bytes: an entry read
// wrong would be markup on every page that lists it.
//
//	magic, Markdown options, base, count, then URL, title, description
//	and markup of each entry; CRC-32C of all that (4 bytes)
const itemsMagic = "kb items 1\n"

// itemsPath is the file of the list entries of the memo at path.
func itemsPath(path string) string { return path + ".items" }

// readItems reads the list entries kept at path, made under options;
// the zero itemMemo when there are none, they are damaged, or were
// made under other options (another kb, or other Markdown settings).
func readItems(path, options string) itemMemo {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < len(itemsMagic)+4 || string(data[:len(itemsMagic)]) != itemsMagic {
		return itemMemo{}
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoliTable) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		return itemMemo{}
	}
	r := &reader{b: body[len(itemsMagic):], views: true}
	if r.str() != options {
		return itemMemo{}
	}
	m := itemMemo{base: r.str()}
	n := r.count()
	m.last, m.urls = make([]itemEntry, n), make([]string, n)
	for i := range n {
		m.urls[i] = r.str()
		m.last[i] = itemEntry{title: r.str(), description: r.str(), html: template.HTML(r.str()), ok: true}
	}
	if r.bad || len(r.b) != 0 {
		return itemMemo{}
	}
	return m
}

// writeItems keeps m's entries made without errors at path, made under
// options, replacing the file in one rename. A failure costs only
// speed: the next build makes every entry.
func writeItems(path, options string, m *itemMemo) {
	// The buffer is made its size at once: grown as it was written, it
	// took 22 MB at 10,000 pages for a 3.5 MB file, each build.
	size := len(itemsMagic) + len(options) + len(m.base) + 3*binary.MaxVarintLen64 + 4
	n := 0
	for i, e := range m.last {
		if e.ok {
			n++
			size += len(m.urls[i]) + len(e.title) + len(e.description) + len(e.html) + 4*binary.MaxVarintLen64
		}
	}
	w := writer{b: make([]byte, 0, size)}
	w.b = append(w.b, itemsMagic...)
	w.str(options)
	w.str(m.base)
	w.num(n)
	for i, e := range m.last {
		if e.ok {
			w.str(m.urls[i])
			w.str(e.title)
			w.str(e.description)
			w.str(string(e.html))
		}
	}
	w.b = binary.LittleEndian.AppendUint32(w.b, crc32.Checksum(w.b, castagnoliTable))
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+"-*.new")
	if err != nil {
		return
	}
	_, err = f.Write(w.b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
}

// castagnoliTable is the CRC-32 that processors compute in hardware.
var castagnoliTable = crc32.MakeTable(crc32.Castagnoli)
