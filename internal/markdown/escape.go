package markdown

import "strings"

// textEscaper escapes what Markdown would read as markup in plain text:
// emphasis, code, links, raw HTML.
var textEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`,
)

// EscapeText writes plain text (a title, a label) as Markdown that
// shows it as it is, on one line. A "|" is left as it is: only in a
// table cell does it need escaping, which the cell's writer does.
func EscapeText(s string) string {
	if strings.ContainsAny(s, "\n\r") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return textEscaper.Replace(s)
}

// destEscaper percent-encodes what an angle-bracketed destination cannot
// hold, and a backslash, which would escape what follows it.
var destEscaper = strings.NewReplacer("<", "%3C", ">", "%3E", `\`, "%5C", "\n", "%0A", "\r", "%0D")

// Destination writes a URL as a link destination: as it is, or in angle
// brackets when it holds a blank or a parenthesis, which would end it or
// unbalance it.
func Destination(u string) string {
	if u == "" || strings.ContainsAny(u, " \t\n\r()<>\\") {
		return "<" + destEscaper.Replace(u) + ">"
	}
	return u
}
