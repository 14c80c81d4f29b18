package sitefiles

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// LLMsFull is llms-full.txt: every article's Markdown copy in one file,
// in the order llms.txt lists them, for a reader that takes the whole
// site at once. Each copy starts with its title as a heading and its
// address (see MarkdownCopier); a thematic break separates them. copyOf
// gives a page's copy.
func LLMsFull(s *site.Site, copyOf func(*site.Page) []byte) []byte {
	groups := articleGroups(s)
	n, size := 0, 0
	for _, g := range groups {
		for _, p := range g.pages {
			n++
			size += len(copyOf(p)) + 8
		}
	}
	var head strings.Builder
	llmsTitle(&head, s)
	head.WriteString("The " + strconv.Itoa(n) + " articles of " + s.URLs.Abs("") + " in full, by section, each with its address and sources; ")
	head.WriteString("[" + LLMsFile + "](" + markdown.Destination(s.URLs.Abs(LLMsFile)) + ") lists them.\n")
	var b bytes.Buffer
	b.Grow(head.Len() + size)
	b.WriteString(head.String())
	for _, g := range groups {
		for _, p := range g.pages {
			b.WriteString("\n---\n\n")
			b.Write(copyOf(p))
		}
	}
	return b.Bytes()
}
