// Package filemap maps kb's own cache files into memory, read only, so
// that a build reads what it needs of them where they lie: no copy into
// its memory, and no fresh pages for one. A mapping is never undone:
// values read from it are views of it, used until the program ends,
// which for kb build is soon after. kb never changes such a file in
// place before its end: it appends to it (and cuts back only what it
// appended), or writes a new file renamed over it (the mapped one lives on, unnamed, while mapped), so the bytes
// mapped stay as they were read.
package filemap
