// Package output puts a build's files somewhere: in memory for the
// preview server (Memory), or into a folder (Dir) so that the folder
// changes only when a whole build has succeeded. A Tree checks every path
// before a byte is written: two sources of one path, a file where a folder
// must be, paths one on macOS and Windows, names kb keeps for itself.
//
// A Dir writes only a folder that is empty, absent, or marked by an
// earlier build (Marker); holds its lock (.kb-lock) while it works;
// writes changed files to a staging folder inside it; and moves them into
// place under a journal, so that a build stopped at any point leaves
// either the old files or the new ones, which the next build repairs. The
// package knows nothing of sites or pages: paths, bytes and places.
package output
