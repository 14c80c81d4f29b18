/*
Package theme loads a site's layouts and lays out its pages. This comment
is the contract between kb and a theme: every file kb looks for, every
template it calls by name, and every field and function a template gets.

# Finding layouts

A site names its theme in config.toml (theme = "default"); the theme lives
in themes/NAME/, or is kb's built-in one of that name. One rule finds
every file: layouts/FILE in the site wins over themes/NAME/layouts/FILE,
file by file, so a site overrides one layout or partial by writing a file
of the same name. Files under static/ are copied to the output's root,
the site's over the theme's.

# Layouts

Each kind of page has one layout, parsed together with base.html and
every file under partials/:

	home.html      the home page (content/_index.md)
	section.html   a section (content/SECTION/_index.md, or a folder without one)
	article.html   an article (content/SECTION/NAME.md)
	taxonomy.html  a taxonomy's index (/tags/)
	term.html      a term's page (/tags/hiring/)
	articles.html  the page listing every article (/all-articles/)
	pair.html      a generated comparison of two profiled articles
	search.html    the search page (/search/)
	graph.html     the page that draws the link graph (/graph/)
	404.html       the page served where a URL leads nowhere

base.html is the page skeleton. It calls the block "main", which every
layout must define:

	base.html:    <main>{{template "main" .}}</main>
	article.html: {{define "main"}}<h1>{{.Page.Title}}</h1>{{.Content}}{{end}}

Loading checks that base.html and every layout exist, that each layout
defines "main", and that the partials below are defined; a problem names
the file to add or fix. A template error is reported once, at the file
the author owns (the site's override, when there is one) and its line,
with how many pages it broke.

# Partials kb calls by name

Besides the layouts, kb runs three templates itself, which every theme
must define (in any file under partials/):

	page-item      one page as an entry of a list; data: *site.Page.
	               kb runs it once per page and build, so that long lists
	               cost a copy per entry rather than a template run:
	               {{define "page-item"}}<li><a href="{{url .URL}}">{{.Title}}</a></li>{{end}}
	page-list      a list of pages; data: []render.Entry, each entry a
	               *site.Page with its page-item markup as .HTML. kb runs
	               it for a citations block; layouts call it with View.List:
	               {{define "page-list"}}<ul>{{range .}}{{.HTML}}{{end}}</ul>{{end}}
	               {{template "page-list" ($.List .Page.Articles)}}
	compare-table  a comparison table; data: render.Comparison (its
	               Pages, and Groups of Rows of Cells, each cell's Items
	               rendered). kb runs it for a compare block; the pair and
	               section layouts call it with .Comparison:
	               {{with .Comparison}}{{template "compare-table" .}}{{end}}

# What a layout gets

Every layout, and base.html, is executed with a *View. Its fields and
methods, each with an example:

	.Site            *site.Site: Config (Title, Description, Language, Author,
	                 Params...), Home, Sections (the navigation), AllSections,
	                 Articles (newest first), Taxonomies, AllArticles (the page
	                 listing every article), Graph (the page drawing the link graph):
	                 <a href="{{url .Site.AllArticles.URL}}">{{.Site.Config.Title}}</a>
	.Page            *site.Page: Title, URL, Description, Kind, Date, Updated,
	                 Sources, Parent, Sections, Articles, Prev, Next, Taxonomy,
	                 Term, PageTerms, Pairs, Pair, Dimensions, Params, and the
	                 methods Ancestors, LastChange, ShortTitle, Profiled,
	                 MarkdownURL:
	                 {{range .Page.Ancestors}}<a href="{{url .URL}}">{{.Title}}</a> / {{end}}
	.Section         the top-level section the page is in, or nil:
	                 {{with .Section}}<p>In {{.Title}}</p>{{end}}
	.Content         the page's Markdown body, rendered: <article>{{.Content}}</article>
	.TOC             the table of contents, nil for pages with few headings:
	                 {{range .TOC}}<a href="#{{.ID}}">{{.Text}}</a>{{end}}
	.ReadingMinutes  the reading time at 220 words a minute: {{.ReadingMinutes}} min read
	.Title           the document title, "Page | Site" (just the site's at home
	                 and when the page's title is the site's):
	                 <title>{{.Title}}</title>
	.Description     the page's description, or the site's:
	                 <meta name="description" content="{{.Description}}">
	.CSS             the stylesheets to link, site-relative (the highlighting one
	                 only on pages with code, see .HasCode):
	                 {{range .CSS}}<link rel="stylesheet" href="{{url .}}">{{end}}
	.Breadcrumbs     schema.org BreadcrumbList data, nil at home:
	                 {{with .Breadcrumbs}}<script type="application/ld+json">{{.}}</script>{{end}}
	.Article         schema.org Article data of an article, or nil; as above
	.Tagged          the other pages carrying the term this page is (an article
	                 that a section-owned taxonomy's terms name):
	                 {{with .Tagged}}{{template "page-list" ($.List .)}}{{end}}
	.Comparison      a pair page's table, or a section's matrix, or nil:
	                 {{with .Comparison}}{{template "compare-table" .}}{{end}}
	.HasCompare      whether the page shows a comparison table:
	                 {{if .HasCompare}}<script src="{{url "js/compare.js"}}" defer></script>{{end}}
	.HasCode         whether the page's body has a code block (<pre>):
	                 {{if .HasCode}}<script src="{{url "js/code.js"}}" defer></script>{{end}}
	.Previews        link preview cards of the pages linked, by path:
	                 {{with .Previews}}<script type="application/json" id="kb-previews">{{.}}</script>{{end}}
	.HasTerms        whether the body links glossary terms: each such link is
	                 <a class="term" data-term="TERM" data-definition="TEXT">,
	                 its card's data on the link itself:
	                 {{if or .Previews .HasTerms}}<script src="{{url "js/previews.js"}}" defer></script>{{end}}
	.EditURL         where the page's source can be edited, "" unless config.toml
	                 sets edit_url: {{with .EditURL}}<a href="{{.}}">Edit this page</a>{{end}}
	.Markdown        the page's Markdown copy, site-relative ("roles/cto/index.md"),
	                 "" for a page kb generates:
	                 {{with .Markdown}}<link rel="alternate" type="text/markdown" href="{{url .}}">{{end}}
	.Card            the page's social card, the image link previews show,
	                 nil on the 404 page: .Path (site-relative, so written
	                 with absURL), .Width, .Height and .Alt (its text).
	                 kb draws cards only for a theme one of whose layouts
	                 or partials uses .Card:
	                 {{with .Card}}<meta property="og:image" content="{{absURL .Path}}">{{end}}
	.Backlinks       the pages that link here, each .From with .Context, the
	                 sentence around its link:
	                 {{range .Backlinks}}<a href="{{url .From.URL}}">{{.From.Title}}</a>: {{.Context}}{{end}}
	.Related         up to five articles like this one that it does not link to:
	                 {{with .Related}}{{template "page-list" ($.List .)}}{{end}}
	.LocalGraph      the page's neighbourhood in the link graph as an inline
	                 SVG (the page, up to 6 articles it links to or from, and
	                 up to 6 of theirs), "" for a page that is not an article
	                 or has no links; each node a link, coloured g0-g7 by section:
	                 {{with .LocalGraph}}<figure>{{.}}</figure>{{end}}
	.GraphMap        the whole link graph for the graph page, laid out at build
	                 time: .SVG (at most 600 articles, the most linked), .Shown
	                 and .Total articles, and .Clusters, each a .Section (nil
	                 for articles outside sections), its colour .Group and its .Pages:
	                 {{with .GraphMap}}{{.SVG}}{{range .Clusters}}<h2>{{with .Section}}{{.Title}}{{end}}</h2>{{end}}{{end}}
	.SeeAlso         one list of the pages that link here, the related ones
	                 and the Tagged ones, each once, most relevant first, or
	                 nil: .Top the first eight, .More the rest grouped by
	                 .Section (nil outside sections) with .MoreCount in all;
	                 each entry a .Page, its .Href, .Linked (it links here)
	                 and .Context (its sentence about this page, "" when
	                 that says no more than the link):
	                 {{with .SeeAlso}}{{range .Top}}<a href="{{.Href}}">{{.Page.Title}}</a> {{.Context}}{{end}}{{end}}
	.List PAGES      PAGES as entries for page-list (see above):
	                 {{template "page-list" ($.List .Page.Articles)}}
	.Nearby N        up to N articles of the page's list around it, in order, each
	                 with .Page, .Title, .Href (its link) and .Current (is it this page):
	                 {{range .Nearby 15}}<a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a>{{end}}
	.InSection SEC   whether the page is SEC or inside it:
	                 {{range .Site.Sections}}<a{{if $.InSection .}} aria-current="page"{{end}}>{{.Title}}</a>{{end}}
	.Cached NAME KEYS...  the partial NAME run once per distinct KEYS (at most
	                 four strings, numbers, bools or pages, which must decide
	                 everything it shows) and reused on every page asking with
	                 the same keys: {{.Cached "site-header" .Section (eq .Page .Section)}}

kb build and kb serve hand layouts the same data.

# Functions

	url PATH         a site-relative path with the base URL's path: {{url .Page.URL}} is "/repo/roles/cto/"
	absURL PATH      the absolute URL: {{absURL .Page.URL}}
	date TIME        "2 January 2006": {{date .Page.Date}}
	isoDate TIME     "2006-01-02": <time datetime="{{isoDate .Page.Date}}">
	lower STRING     lower case: {{lower .Title}}
	add A B          A+B: {{add (len .Pages) 1}}
	first N PAGES    the first N pages: {{template "page-list" ($.List (first 8 .Articles))}}

Every function html/template provides (len, index, eq, printf...) works
too. Templates get no other state: whatever a page shows comes from its
View, so the same input gives the same bytes.

# Rebuilds

A rebuild keeps a page as the last build laid it out when its LayoutKey
is the same: a digest of everything the built-in layouts read for it.
The keys are written against the built-in layouts, so with layouts of a
site's own (any file whose text differs from the built-in theme's, by
Digest) every page is laid out again. Whoever changes a built-in layout
to read something new of another page adds it to the keys
(layoutkey.go); the randomized update test in internal/build holds the
keys to fresh builds.
*/
package theme
