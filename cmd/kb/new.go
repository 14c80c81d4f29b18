package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/kbsite/kb/internal/config"
	"github.com/kbsite/kb/internal/content"
	"github.com/kbsite/kb/internal/diag"
)

var newNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)+$`)

func setupNew(flags *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	source := flags.String("source", ".", "the site's root `folder`")
	newSection := flags.Bool("new-section", false, "create the section folder too, when SECTION does not exist yet")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if len(args) != 1 {
			return usageError{"kb new takes one argument, SECTION/NAME, like roles/chief-architect"}
		}
		name := strings.TrimSuffix(args[0], ".md")
		if !newNameRE.MatchString(name) {
			return usageError{fmt.Sprintf("%q is not SECTION/NAME: use lowercase letters, digits and hyphens, like roles/chief-architect", args[0])}
		}
		site := os.DirFS(*source)
		section := path.Dir(name)
		if err := checkSection(site, section, *newSection); err != nil {
			return err
		}
		file := filepath.Join(*source, "content", filepath.FromSlash(name)+".md")
		if _, err := os.Stat(file); err == nil {
			return fmt.Errorf("%s already exists", file)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		cfg, err := config.Load(site)
		if err != nil {
			return err
		}
		dims, err := sectionDimensions(site, section, cfg.Taxonomies)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, []byte(newPage(path.Base(name), time.Now(), cfg.Taxonomies, dims)), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s (a draft: set draft = false or build with -drafts to see it)\n", file)
		return nil
	}
}

// checkSection refuses a section folder that does not exist, unless asked
// to create it: a typo in SECTION would otherwise start a new section.
func checkSection(site fs.FS, section string, create bool) error {
	info, err := fs.Stat(site, path.Join("content", section))
	if err == nil && info.IsDir() || create {
		return nil
	}
	entries, _ := fs.ReadDir(site, path.Join("content", path.Dir(section)))
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, path.Join(path.Dir(section), e.Name()))
		}
	}
	hint := "; to start a new section, run it again with -new-section"
	if s := diag.Suggest(section, names); s != "" {
		hint = fmt.Sprintf(" (did you mean %s?)%s", s, hint)
	}
	return usageError{fmt.Sprintf("there is no section content/%s%s", section, hint)}
}

// sectionDimensions reads the dimensions of the section's _index.md, so a
// new profile starts with one key per comparison row.
func sectionDimensions(site fs.FS, section string, taxonomies []string) ([]content.Dimension, error) {
	file := path.Join("content", section, "_index.md")
	src, err := fs.ReadFile(site, file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	p, _, errs := content.Parse(file, src, taxonomies)
	if len(errs.Errors()) > 0 {
		return nil, fmt.Errorf("%v\nfix the section's _index.md first", errs.Errors()[0])
	}
	return p.Dimensions, nil
}

// newPage is the starting text of an article: every front matter key an
// article should have, filled in where kb can guess, and in a profiled
// section a [profile] with one key per dimension, explained.
func newPage(name string, now time.Time, taxonomies []string, dims []content.Dimension) string {
	title := strings.ReplaceAll(name, "-", " ")
	title = strings.ToUpper(title[:1]) + title[1:]
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\ndescription = \"\"\ndate = %s\ndraft = true\n", title, now.Format("2006-01-02"))
	for _, t := range taxonomies {
		fmt.Fprintf(&b, "%s = []\n", t)
	}
	if len(dims) > 0 {
		b.WriteString("\n# One value per row of the section's comparison tables; leave out a row\n# that does not apply. A value is a string, or a list of strings.\n[profile]\n")
		for _, d := range dims {
			fmt.Fprintf(&b, "%s = \"\" # %s: %s\n", d.ID, d.Label, oneLine(d.Description))
		}
	}
	b.WriteString("+++\n\nWrite the article here.\n")
	return b.String()
}

// oneLine keeps a description to one comment line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
