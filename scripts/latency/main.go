// Latency measures edit-to-served latency side by side with `hugo
// server`, on sites written by the benchmark corpus generator, and prints
// a Markdown table. It is a measurement, not a check: run it by hand, from
// anywhere in the repository, with hugo on PATH:
//
//	go run ../shared/bench/gencorpus/main.go -n 1000 -out DIR1
//	go run ./scripts/latency -sites DIR1,DIR2 [-edits 10] [-kinds text,title] [-starts 3]
//
// It first times each server's start, one at a time, to the home page
// being served: kb with no .kb-cache, kb with the cache that start left,
// and Hugo (-starts 0 skips this; -edits 0 measures only that).
//
// For each site it starts kb serve and hugo server on copies of it, then,
// for each kind of edit, alternately makes the same edit in each copy and
// polls the page that shows it every millisecond until it is served:
//
//   - text: a unique marker appended to an article's text;
//   - title, description: the marker added to the article's front matter
//     field;
//   - title saved twice: a title edit, then the marker's, 150 ms later,
//     while the first is still being rebuilt (timed from the second);
//   - tags: a new tag added to the article (the article links it);
//   - weight: the article's weight moved to the top of its section or back
//     (served when the section's page changes);
//   - new page, renamed page, deleted page: a page with the marker added
//     to the article's section, then its file renamed, then removed (served
//     when the new URL shows it, then when its URL answers 404);
//   - template: the marker added to a footer template every page shows
//     (for kb, the site's own copy of the theme's footer partial, made by
//     the first edit; for Hugo, its base layout);
//   - config: the marker added to the site's title (config.toml for kb,
//     hugo.toml for Hugo), which every page shows.
//
// Between edits it waits until both servers are idle, kb's search index
// update after an edit included.
//
// Each kind's edits change the state the one before left, so a title edit
// is only a title edit. It also times the reload event reaching a
// connected client (kb, text edits), and reads each server's resident
// memory afterwards (from /proc, so on Linux).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kbsite/kb/themes"
)

func main() {
	sites := flag.String("sites", "", "comma-separated folders written by the corpus generator")
	edits := flag.Int("edits", 10, "edits of each kind per server and site")
	kinds := flag.String("kinds", strings.Join(kindNames(), ","), "comma-separated kinds of edit to measure")
	starts := flag.Int("starts", 3, "starts of each server per site, timed to the home page (0: none)")
	flag.Parse()
	if *sites == "" || *edits < 0 || *starts < 0 {
		flag.Usage()
		os.Exit(2)
	}
	// Errors come back to main rather than exiting where they happen, so
	// that the servers started are always stopped.
	if err := run(strings.Split(*sites, ","), strings.Split(*kinds, ","), *edits, *starts); err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}

func run(sites, kinds []string, edits, starts int) error {
	for _, k := range kinds {
		if !slices.Contains(kindNames(), k) {
			return fmt.Errorf("no kind of edit %q; the kinds are %s", k, strings.Join(kindNames(), ", "))
		}
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		return fmt.Errorf("hugo not found (Debian's hugo package)")
	}
	tmp, err := os.MkdirTemp("", "kb-latency-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	kb := filepath.Join(tmp, "kb")
	if out, err := exec.Command("go", "build", "-o", kb, "github.com/kbsite/kb/cmd/kb").CombinedOutput(); err != nil {
		return fmt.Errorf("building kb: %v\n%s", err, out)
	}
	fmt.Printf("| site | edit | kb serve median | min | max | hugo server median | min | max | kb / Hugo |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, src := range sites {
		if starts > 0 {
			if err := measureStarts(src, tmp, kb, hugo, starts); err != nil {
				return fmt.Errorf("%s: %v", src, err)
			}
		}
		if edits == 0 {
			continue
		}
		if err := measure(src, tmp, kb, hugo, kinds, edits); err != nil {
			return fmt.Errorf("%s: %v", src, err)
		}
	}
	return nil
}

// copySite is one server's copy of a site: its folder, its config file,
// and its server's address.
type copySite struct {
	side, dir, config, base string
}

// edit is one kind of edit: do makes the i-th edit in a copy and returns
// the URL that shows it and the test of a response that does; before,
// if set, is done first, untimed.
type edit struct {
	kind   string
	do     func(c copySite, i int) (url string, served func(status int, body string) bool, err error)
	before func(c copySite, i int) error
}

// againAfter is how long after a first save the timed one of "title
// saved twice" comes: a rebuild after a title edit at 10,000 pages took
// kb about half a second, and hugo a second.
const againAfter = 150 * time.Millisecond

func kindNames() []string {
	var names []string
	for _, e := range edits(site{}) {
		names = append(names, e.kind)
	}
	return names
}

// site is what the edits of a site need to know.
type site struct {
	article string // the edited article, from the site's folder
	url     string // its URL path
	section string // its section's URL path
}

func marker(kind string, i int, side string) string {
	return fmt.Sprintf("latency%s%d%s%d", strings.ReplaceAll(kind, " ", ""), i, side, time.Now().UnixNano())
}

func contains(m string) func(int, string) bool {
	return func(status int, body string) bool { return status == 200 && strings.Contains(body, m) }
}

// edits are the kinds of edit, in the order they are made.
func edits(st site) []edit {
	field := func(kind, key string, value func(old string, m string, i int) string) edit {
		return edit{kind: kind, do: func(c copySite, i int) (string, func(int, string) bool, error) {
			m := marker(kind, i, c.side)
			err := rewrite(filepath.Join(c.dir, st.article), func(text string) string {
				return setField(text, key, func(old string) string { return value(old, m, i) })
			})
			return st.url, contains(m), err
		}}
	}
	// withMarker is a quoted value with m in place of an earlier marker.
	withMarker := func(old, m string, _ int) string {
		words := strings.Fields(strings.Trim(old, `"`))
		words = slices.DeleteFunc(words, func(w string) bool { return strings.HasPrefix(w, "latency") })
		return strconv.Quote(strings.Join(append(words, m), " "))
	}
	newPage := func(i int) string { return path.Join(path.Dir(st.article), fmt.Sprintf("latency-new-%d.md", i)) }
	movedPage := func(i int) string { return path.Join(path.Dir(st.article), fmt.Sprintf("latency-moved-%d.md", i)) }
	pageURL := func(file string) string { return strings.TrimSuffix(strings.TrimPrefix(file, "content/"), ".md") + "/" }
	twice := field("title saved twice", "title", withMarker)
	return []edit{
		{kind: "text", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			m := marker("text", i, c.side)
			err := rewrite(filepath.Join(c.dir, st.article), func(text string) string { return text + "\n" + m + " closes the article.\n" })
			return st.url, contains(m), err
		}},
		field("title", "title", withMarker),
		field("description", "description", withMarker),
		{kind: twice.kind, do: twice.do, before: func(c copySite, i int) error {
			err := rewrite(filepath.Join(c.dir, st.article), func(text string) string {
				return setField(text, "title", func(old string) string { return withMarker(old, marker("first", i, c.side), i) })
			})
			time.Sleep(againAfter)
			return err
		}},
		{kind: "tags", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			tag := fmt.Sprintf("latencytag%d%s", i, c.side)
			err := rewrite(filepath.Join(c.dir, st.article), func(text string) string {
				return setField(text, "tags", func(old string) string {
					return strings.TrimSuffix(strings.TrimSpace(old), "]") + fmt.Sprintf(", %q]", tag)
				})
			})
			return st.url, contains("/tags/" + tag + "/"), err
		}},
		{kind: "weight", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			before, err := get(c.base + st.section)
			if err != nil {
				return "", nil, err
			}
			w := "1"
			if i%2 == 1 {
				w = "100"
			}
			err = rewrite(filepath.Join(c.dir, st.article), func(text string) string { return setField(text, "weight", func(string) string { return w }) })
			return st.section, func(status int, body string) bool { return status == 200 && body != before }, err
		}},
		{kind: "new page", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			m := marker("new", i, c.side)
			text := fmt.Sprintf("+++\ntitle = \"A new page %d\"\ndescription = \"Made by the latency test.\"\n+++\n\n%s is its text.\n", i, m)
			return pageURL(newPage(i)), contains(m), os.WriteFile(filepath.Join(c.dir, newPage(i)), []byte(text), 0o644)
		}},
		{kind: "renamed page", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			return pageURL(movedPage(i)), contains(fmt.Sprintf("A new page %d", i)), os.Rename(filepath.Join(c.dir, newPage(i)), filepath.Join(c.dir, movedPage(i)))
		}},
		{kind: "deleted page", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			return pageURL(movedPage(i)), func(status int, _ string) bool { return status == 404 }, os.Remove(filepath.Join(c.dir, movedPage(i)))
		}},
		{kind: "template", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			// A template every page shows: for kb the site's own copy of
			// the theme's footer (the first edit makes it, so kb leaves
			// the built-in layouts for the site's), for Hugo its base
			// layout's footer.
			m := marker("template", i, c.side)
			mark := func(footer string) string {
				return strings.Replace(footerMarkRE.ReplaceAllString(footer, ""), "</footer>", "<p>"+m+"</p></footer>", 1)
			}
			if c.side == "hugo" {
				return st.url, contains(m), rewrite(filepath.Join(c.dir, "hugo-layouts/_default/baseof.html"), mark)
			}
			footer, err := fs.ReadFile(themes.Builtin, "default/layouts/partials/site-footer.html")
			if err == nil {
				own := filepath.Join(c.dir, "layouts/partials/site-footer.html")
				if err = os.MkdirAll(filepath.Dir(own), 0o755); err == nil {
					err = os.WriteFile(own, []byte(mark(string(footer))), 0o644)
				}
			}
			return st.url, contains(m), err
		}},
		{kind: "config", do: func(c copySite, i int) (string, func(int, string) bool, error) {
			m := marker("config", i, c.side)
			err := rewrite(filepath.Join(c.dir, c.config), func(text string) string {
				return setField(text, "title", func(old string) string { return withMarker(old, m, i) })
			})
			return st.url, contains(m), err
		}},
	}
}

// measure runs both servers on copies of the site src and prints its
// rows of the table.
func measure(src, tmp, kb, hugo string, kinds []string, n int) error {
	article, err := firstArticle(src)
	if err != nil {
		return err
	}
	st := site{article: article, url: strings.TrimSuffix(strings.TrimPrefix(article, "content/"), ".md") + "/"}
	st.section = path.Dir(strings.TrimSuffix(st.url, "/")) + "/"
	kbPort, err := freePort()
	if err != nil {
		return err
	}
	hugoPort, err := freePort()
	if err != nil {
		return err
	}
	copies := []copySite{
		{side: "kb", dir: filepath.Join(tmp, "kb-site"), config: "config.toml", base: fmt.Sprintf("http://127.0.0.1:%d/", kbPort)},
		{side: "hugo", dir: filepath.Join(tmp, "hugo-site"), config: "hugo.toml", base: fmt.Sprintf("http://127.0.0.1:%d/", hugoPort)},
	}
	for _, c := range copies {
		_ = os.RemoveAll(c.dir)
		if err := os.CopyFS(c.dir, os.DirFS(src)); err != nil {
			return err
		}
	}
	kbCmd := exec.Command(kb, "serve", "-source", copies[0].dir, "-port", strconv.Itoa(kbPort))
	hugoCmd := exec.Command(hugo, "server", "--source", copies[1].dir, "--bind", "127.0.0.1", "--port", strconv.Itoa(hugoPort),
		"--baseURL", copies[1].base, "--disableLiveReload=false")
	for _, c := range []*exec.Cmd{kbCmd, hugoCmd} {
		c.Stdout, c.Stderr = io.Discard, io.Discard
		if err := c.Start(); err != nil {
			return err
		}
		defer func(c *exec.Cmd) { _ = c.Process.Kill(); _ = c.Wait() }(c)
	}
	for _, c := range copies {
		if _, err := waitFor(c.base+st.url, func(status int, _ string) bool { return status == 200 }, 5*time.Minute); err != nil {
			return err
		}
	}

	events := make(chan time.Time, 100)
	go watchReloads(copies[0].base+"__kb/events", events)
	time.Sleep(200 * time.Millisecond)

	name := fmt.Sprintf("%s (%d pages)", filepath.Base(src), countPages(src))
	var eventTimes []time.Duration
	for _, e := range edits(st) {
		// A page is renamed once made, and deleted once renamed.
		needed := slices.Contains(kinds, e.kind) ||
			e.kind == "new page" && (slices.Contains(kinds, "renamed page") || slices.Contains(kinds, "deleted page")) ||
			e.kind == "renamed page" && slices.Contains(kinds, "deleted page")
		if !needed {
			continue
		}
		times := map[string][]time.Duration{}
		missed := map[string]int{} // edits never served (see waitServed)
		for i := range n {
			for _, c := range copies {
				drain(events)
				if e.before != nil {
					if err := e.before(c, i); err != nil {
						return fmt.Errorf("%s edit: %v", e.kind, err)
					}
				}
				start := time.Now()
				url, served, err := e.do(c, i)
				if err != nil {
					return fmt.Errorf("%s edit: %v", e.kind, err)
				}
				pid := kbCmd.Process.Pid
				if c.side == "hugo" {
					pid = hugoCmd.Process.Pid
				}
				at, err := waitServed(c.base+url, served, pid)
				if err != nil {
					// hugo server, for one, goes on serving a deleted page.
					missed[c.side]++
					continue
				}
				times[c.side] = append(times[c.side], at.Sub(start))
				if c.side == "kb" && e.kind == "text" {
					select {
					case at := <-events:
						eventTimes = append(eventTimes, at.Sub(start))
					case <-time.After(5 * time.Second):
					}
				}
				settle(kbCmd.Process.Pid, hugoCmd.Process.Pid)
			}
		}
		if !slices.Contains(kinds, e.kind) {
			continue
		}
		stats := func(side string) (string, string, string) {
			ts := times[side]
			if len(ts) == 0 {
				return fmt.Sprintf("never served (%d edits)", missed[side]), "", ""
			}
			med := median(ts).String()
			if missed[side] > 0 {
				med += fmt.Sprintf(" (%d of %d never served)", missed[side], n)
			}
			return med, round(slices.Min(ts)).String(), round(slices.Max(ts)).String()
		}
		km, kmin, kmax := stats("kb")
		hm, hmin, hmax := stats("hugo")
		ratio := ""
		if len(times["kb"]) > 0 && len(times["hugo"]) > 0 {
			ratio = fmt.Sprintf("%.3f", float64(median(times["kb"]))/float64(median(times["hugo"])))
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, e.kind, km, kmin, kmax, hm, hmin, hmax, ratio)
	}
	fmt.Printf("\n%s: resident memory after the edits: kb %s, Hugo %s\n", name, rss(kbCmd.Process.Pid), rss(hugoCmd.Process.Pid))
	if len(eventTimes) > 0 {
		fmt.Printf("%s: kb's reload event reached the client a median %s after a text edit\n", name, median(eventTimes))
	}
	fmt.Println()
	return nil
}

func round(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }

// footerMarkRE is a marker the template edit put in a footer.
var footerMarkRE = regexp.MustCompile(`<p>latency[^<]*</p>`)

// settle waits until both servers are idle: past kb's wait before it
// brings the search index up to date (1.5 s after a rebuild), until
// neither process has used the processor for half a second. Without it,
// one server's work after an edit (kb's search index, Hugo's collector)
// ran during the other's next edit, and each measured the other too.
func settle(pids ...int) {
	time.Sleep(1700 * time.Millisecond)
	last, quiet := -1, 0
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && quiet < 5; {
		time.Sleep(100 * time.Millisecond)
		total := 0
		for _, pid := range pids {
			total += cpuTicks(pid)
		}
		if total-last <= 1 {
			quiet++
		} else {
			quiet = 0
		}
		last = total
	}
}

// cpuTicks is the processor time a process has used, in clock ticks,
// from /proc/PID/stat (utime and stime, fields 14 and 15).
func cpuTicks(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.Atoi(f[11])
	st, _ := strconv.Atoi(f[12])
	return u + st
}

// rewrite replaces a file's text by change(text).
func rewrite(file string, change func(string) string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	return os.WriteFile(file, []byte(change(string(b))), 0o644)
}

// setField sets a TOML key's value, given its old one, in a file's front
// matter (between +++ lines) or, in a config file, at the top level
// (before the first table); an absent key is added.
func setField(text, key string, value func(old string) string) string {
	lines := strings.Split(text, "\n")
	start, end := 0, len(lines)
	if len(lines) > 0 && lines[0] == "+++" {
		start = 1
		for i := 1; i < len(lines); i++ {
			if lines[i] == "+++" {
				end = i
				break
			}
		}
	}
	for i := start; i < end; i++ {
		if strings.HasPrefix(lines[i], "[") {
			end = i
			break
		}
		if k, v, ok := strings.Cut(lines[i], "="); ok && strings.TrimSpace(k) == key {
			lines[i] = key + " = " + value(strings.TrimSpace(v))
			return strings.Join(lines, "\n")
		}
	}
	return strings.Join(slices.Insert(lines, end, key+" = "+value(`"x"`)), "\n")
}

// get fetches a page's body.
func get(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitFor polls url until a response passes served, and returns the
// time it did.
func waitFor(url string, served func(status int, body string) bool, limit time.Duration) (time.Time, error) {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 10 * time.Second}
	for time.Now().Before(deadline) {
		if isServed(client, url, served) {
			return time.Now(), nil
		}
		time.Sleep(time.Millisecond)
	}
	return time.Time{}, fmt.Errorf("%s never served the edit in %s", url, limit)
}

// isServed asks for url once and says whether served accepts the answer.
func isServed(client *http.Client, url string, served func(status int, body string) bool) bool {
	resp, err := client.Get(url)
	if err != nil {
		return false
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return served(resp.StatusCode, string(b))
}

// waitServed is waitFor for an edit's page, giving up sooner when the
// server has stopped working on the edit: once it has been idle for a
// second (by its processor time), at least three seconds after the edit,
// and still does not serve it, it never will. A fixed minute's wait for
// each deleted page Hugo goes on serving made that kind's run take ten
// minutes, and left kb idle for a minute before each of its deletions,
// where other kinds leave it idle for seconds: on a virtual machine
// whose idle memory is slow to touch again (here, after 100 s idle, a
// preview rebuild handed its first pages over in 454 to 971 ms against
// 67 to 96 ms a few seconds after the last), that measured the machine.
func waitServed(url string, served func(status int, body string) bool, pid int) (time.Time, error) {
	start := time.Now()
	client := &http.Client{Timeout: 10 * time.Second}
	ticks, quietSince := cpuTicks(pid), time.Now()
	for lastLook := time.Now(); time.Since(start) < time.Minute; {
		if isServed(client, url, served) {
			return time.Now(), nil
		}
		if time.Since(lastLook) >= 100*time.Millisecond {
			lastLook = time.Now()
			if t := cpuTicks(pid); t > ticks+1 {
				ticks, quietSince = t, lastLook
			}
			if time.Since(start) >= 3*time.Second && time.Since(quietSince) >= time.Second {
				break
			}
		}
		time.Sleep(time.Millisecond)
	}
	return time.Time{}, fmt.Errorf("%s never served the edit (the server went idle)", url)
}

// watchReloads sends the time of every reload event on the stream.
func watchReloads(url string, out chan<- time.Time) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if strings.HasPrefix(line, "event: reload") {
			out <- time.Now()
		}
	}
}

func drain(c chan time.Time) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2].Round(100 * time.Microsecond)
}

// rss reads a process's resident memory (and its peak) from /proc.
func rss(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	var now, peak string
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			now = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return now + " (peak " + peak + ")"
}

func countPages(dir string) int {
	n := 0
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			n++
		}
		return nil
	})
	return n
}

// firstArticle is the site's first article, the one edited, as a path
// from the site's folder.
func firstArticle(dir string) (string, error) {
	var found string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if found == "" && err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			found, _ = filepath.Rel(dir, p)
		}
		return nil
	})
	if found == "" {
		return "", fmt.Errorf("no article under %s", filepath.Join(dir, "content"))
	}
	return filepath.ToSlash(found), nil
}
