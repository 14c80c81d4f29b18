package sitefiles

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/kbsite/kb/internal/markdown"
	"github.com/kbsite/kb/internal/site"
)

// LLMsFull writes llms-full.txt into b: every article's Markdown copy in
// one file, in the order llms.txt lists them (LLMsFullArticles), for a
// reader that takes the whole site at once. Each copy starts with its
// title as a heading and its address (see MarkdownCopier); a thematic
// break separates them. copyOf gives an article's copy; it is called once
// per article, in that order, so that a large build can make the copies
// as they are asked for and let each go once written (b, grown to its
// size beforehand, then never holds the file twice).
func LLMsFull(b *bytes.Buffer, s *site.Site, copyOf func(*site.Page) []byte) {
	articles := LLMsFullArticles(s)
	b.WriteString(LLMsFullHead(s, len(articles)))
	for _, p := range articles {
		b.WriteString(LLMsFullBreak)
		b.Write(copyOf(p))
	}
}

// LLMsFullHead is what llms-full.txt starts with, before the first of
// its articles' copies: its title, and what it holds.
func LLMsFullHead(s *site.Site, articles int) string {
	var head strings.Builder
	llmsTitle(&head, s)
	head.WriteString("The " + strconv.Itoa(articles) + " articles of " + s.URLs.Abs("") + " in full, by section, each with its address and sources; ")
	head.WriteString("[" + LLMsFile + "](" + markdown.Destination(s.URLs.Abs(LLMsFile)) + ") lists them.\n")
	return head.String()
}

// LLMsFullBreak comes before each copy in llms-full.txt: a thematic break.
const LLMsFullBreak = "\n---\n\n"

// LLMsFullArticles are the articles llms-full.txt holds, in its order.
func LLMsFullArticles(s *site.Site) []*site.Page {
	var out []*site.Page
	for _, g := range articleGroups(s) {
		out = append(out, g.pages...)
	}
	return out
}
