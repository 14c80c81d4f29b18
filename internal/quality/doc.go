// Package quality is the gate the published site passes, checked with
// tools nobody here wrote: the Nu Html Checker on every page, axe-core in
// headless Chromium for accessibility, a crawl from the home page for
// links, and end-to-end browser checks of the interactive parts. It has
// no code of its own, only tests; they build this repository's site under
// a project subpath, as GitHub Pages serves it.
//
// The tools come from outside Go: Debian's chromium (or Google Chrome) and
// a Java runtime, and npm's vnu-jar and axe-core, found through KB_VNU_JAR
// and KB_AXE_JS (.ci/run installs them and sets both). A missing tool
// skips its test, or fails it when KB_REQUIRE_TOOLS=1, as .ci/run and the
// Pages workflow set it.
package quality
