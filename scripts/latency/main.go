// Latency measures edit-to-served latency side by side with `hugo
// server`, on sites written by the benchmark corpus generator, and prints
// a Markdown table. It is a measurement, not a check: run it by hand, from
// anywhere in the repository, with hugo on PATH:
//
//	go run ../shared/bench/gencorpus/main.go -n 1000 -out DIR1
//	go run ./scripts/latency -sites DIR1,DIR2 [-edits 10]
//
// For each site it starts kb serve and hugo server on copies of it, then
// alternately writes a unique marker into the same article for each and
// polls the page every millisecond until the marker is served. It also
// times the reload event reaching a connected client (kb), and reads each
// server's resident memory afterwards (from /proc, so on Linux).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	sites := flag.String("sites", "", "comma-separated folders written by the corpus generator")
	edits := flag.Int("edits", 10, "edits per server and site")
	flag.Parse()
	if *sites == "" || *edits < 1 {
		flag.Usage()
		os.Exit(2)
	}
	// Errors come back to main rather than exiting where they happen, so
	// that the servers started are always stopped.
	if err := run(strings.Split(*sites, ","), *edits); err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}

func run(sites []string, edits int) error {
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
	fmt.Printf("| site | server | median | min | max | reload event (median) | resident memory |\n|---|---|---|---|---|---|---|\n")
	for _, src := range sites {
		if err := measure(src, tmp, kb, hugo, edits); err != nil {
			return fmt.Errorf("%s: %v", src, err)
		}
	}
	return nil
}

// measure runs both servers on copies of the site src and prints its
// rows of the table.
func measure(src, tmp, kb, hugo string, edits int) error {
	article, err := firstArticle(src)
	if err != nil {
		return err
	}
	kbDir, hugoDir := filepath.Join(tmp, "kb-site"), filepath.Join(tmp, "hugo-site")
	for _, d := range []string{kbDir, hugoDir} {
		_ = os.RemoveAll(d)
		if err := os.CopyFS(d, os.DirFS(src)); err != nil {
			return err
		}
	}
	kbPort, err := freePort()
	if err != nil {
		return err
	}
	hugoPort, err := freePort()
	if err != nil {
		return err
	}
	kbCmd := exec.Command(kb, "serve", "-source", kbDir, "-port", strconv.Itoa(kbPort))
	hugoCmd := exec.Command(hugo, "server", "--source", hugoDir, "--bind", "127.0.0.1", "--port", strconv.Itoa(hugoPort),
		"--baseURL", fmt.Sprintf("http://127.0.0.1:%d/", hugoPort), "--disableLiveReload=false")
	for _, c := range []*exec.Cmd{kbCmd, hugoCmd} {
		c.Stdout, c.Stderr = io.Discard, io.Discard
		if err := c.Start(); err != nil {
			return err
		}
		defer func(c *exec.Cmd) { _ = c.Process.Kill(); _ = c.Wait() }(c)
	}
	url := strings.TrimSuffix(strings.TrimPrefix(article, "content/"), ".md") + "/"
	kbURL := fmt.Sprintf("http://127.0.0.1:%d/%s", kbPort, url)
	hugoURL := fmt.Sprintf("http://127.0.0.1:%d/%s", hugoPort, url)
	for _, u := range []string{kbURL, hugoURL} {
		if _, err := waitServed(u, "", 5*time.Minute); err != nil {
			return err
		}
	}

	events := make(chan time.Time, 100)
	go watchReloads(fmt.Sprintf("http://127.0.0.1:%d/__kb/events", kbPort), events)
	time.Sleep(200 * time.Millisecond)

	var kbTimes, hugoTimes, eventTimes []time.Duration
	for i := range edits {
		for _, side := range []string{"kb", "hugo"} {
			dir, page := kbDir, kbURL
			if side == "hugo" {
				dir, page = hugoDir, hugoURL
			}
			marker := fmt.Sprintf("latencymarker%d%s%d", i, side, time.Now().UnixNano())
			file := filepath.Join(dir, article)
			text, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			drain(events)
			start := time.Now()
			if err := os.WriteFile(file, append(text, []byte("\n"+marker+" closes the article.\n")...), 0o644); err != nil {
				return err
			}
			at, err := waitServed(page, marker, time.Minute)
			if err != nil {
				return err
			}
			if side == "kb" {
				kbTimes = append(kbTimes, at.Sub(start))
				select {
				case at := <-events:
					eventTimes = append(eventTimes, at.Sub(start))
				case <-time.After(5 * time.Second):
				}
			} else {
				hugoTimes = append(hugoTimes, at.Sub(start))
			}
			time.Sleep(700 * time.Millisecond) // let each server settle before the next edit
		}
	}
	name := fmt.Sprintf("%s (%d pages)", filepath.Base(src), countPages(src))
	round := func(d time.Duration) time.Duration { return d.Round(100 * time.Microsecond) }
	fmt.Printf("| %s | kb serve | %s | %s | %s | %s | %s |\n", name, median(kbTimes), round(slices.Min(kbTimes)), round(slices.Max(kbTimes)), median(eventTimes), rss(kbCmd.Process.Pid))
	fmt.Printf("| %s | hugo server | %s | %s | %s | n/a | %s |\n", name, median(hugoTimes), round(slices.Min(hugoTimes)), round(slices.Max(hugoTimes)), rss(hugoCmd.Process.Pid))
	fmt.Printf("| %s | ratio kb/hugo | %.3f | | | | |\n", name, float64(median(kbTimes))/float64(median(hugoTimes)))
	return nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// waitServed polls url until its body contains marker, and returns the
// time it did.
func waitServed(url, marker string, limit time.Duration) (time.Time, error) {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 10 * time.Second}
	for time.Now().Before(deadline) {
		resp, err := client.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(b), marker) {
				return time.Now(), nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return time.Time{}, fmt.Errorf("%s never served %q", url, marker)
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
