// Package sitefiles makes the files of a site other than its laid-out
// pages, one function per kind of file: the sitemap, the Atom feed,
// robots.txt, the redirect pages of aliases, and the search index. Each
// reads the assembled site (and, for search, the text rendering found)
// and returns bytes; the build decides where they go.
package sitefiles
