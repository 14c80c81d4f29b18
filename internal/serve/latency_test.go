package serve

import (
	"bufio"
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
	"testing"
	"time"
)

// TestLatencyAgainstHugo measures edit-to-served latency side by side with
// `hugo server`, on sites written by the benchmark corpus generator. It is
// a measurement, not a check, so it runs only when asked:
//
//	go run ../shared/bench/gencorpus/main.go -n 1000 -out /tmp/site1k
//	KB_LATENCY_SITES=/tmp/site1k go test -run LatencyAgainstHugo -v ./internal/serve
//
// For each site it starts kb serve and hugo server on copies of it, then
// alternately writes a unique marker into the same article for each and
// polls the page until the marker is served. It also times the reload
// event reaching a connected client (kb), and reads each server's resident
// memory afterwards.
func TestLatencyAgainstHugo(t *testing.T) {
	sites := os.Getenv("KB_LATENCY_SITES")
	if sites == "" {
		t.Skip("set KB_LATENCY_SITES to folders written by the corpus generator")
	}
	edits := 10
	if n, err := strconv.Atoi(os.Getenv("KB_LATENCY_EDITS")); err == nil {
		edits = n
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Fatal("hugo not found (Debian's hugo package)")
	}
	tmp := t.TempDir()
	kb := filepath.Join(tmp, "kb")
	if out, err := exec.Command("go", "build", "-o", kb, "../../cmd/kb").CombinedOutput(); err != nil {
		t.Fatalf("building kb: %v\n%s", err, out)
	}
	fmt.Printf("\n| site | server | median | min | max | reload event (median) | resident memory |\n|---|---|---|---|---|---|---|\n")
	for _, src := range strings.Split(sites, ",") {
		pages := countPages(src)
		article := firstArticle(t, src)
		kbDir, hugoDir := filepath.Join(tmp, "kb-site"), filepath.Join(tmp, "hugo-site")
		for _, d := range []string{kbDir, hugoDir} {
			_ = os.RemoveAll(d)
			if err := os.CopyFS(d, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
		}
		kbPort, hugoPort := freePort(t), freePort(t)
		kbCmd := exec.Command(kb, "serve", "-source", kbDir, "-port", strconv.Itoa(kbPort))
		hugoCmd := exec.Command(hugo, "server", "--source", hugoDir, "--bind", "127.0.0.1", "--port", strconv.Itoa(hugoPort),
			"--baseURL", fmt.Sprintf("http://127.0.0.1:%d/", hugoPort), "--disableLiveReload=false")
		for _, c := range []*exec.Cmd{kbCmd, hugoCmd} {
			c.Stdout, c.Stderr = io.Discard, io.Discard
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			defer func(c *exec.Cmd) { _ = c.Process.Kill(); _ = c.Wait() }(c)
		}
		url := strings.TrimSuffix(strings.TrimPrefix(article, "content/"), ".md") + "/"
		kbURL := fmt.Sprintf("http://127.0.0.1:%d/%s", kbPort, url)
		hugoURL := fmt.Sprintf("http://127.0.0.1:%d/%s", hugoPort, url)
		waitServed(t, kbURL, "", 5*time.Minute)
		waitServed(t, hugoURL, "", 5*time.Minute)

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
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				drain(events)
				start := time.Now()
				if err := os.WriteFile(file, append(src, []byte("\n"+marker+" closes the article.\n")...), 0o644); err != nil {
					t.Fatal(err)
				}
				took := waitServed(t, page, marker, time.Minute).Sub(start)
				if side == "kb" {
					kbTimes = append(kbTimes, took)
					select {
					case at := <-events:
						eventTimes = append(eventTimes, at.Sub(start))
					case <-time.After(5 * time.Second):
					}
				} else {
					hugoTimes = append(hugoTimes, took)
				}
				time.Sleep(700 * time.Millisecond) // let each server settle before the next edit
			}
		}
		name := fmt.Sprintf("%s (%d pages)", filepath.Base(src), pages)
		fmt.Printf("| %s | kb serve | %s | %s | %s | %s | %s |\n", name, median(kbTimes), slices.Min(kbTimes).Round(100*time.Microsecond), slices.Max(kbTimes).Round(100*time.Microsecond), median(eventTimes), rss(kbCmd.Process.Pid))
		fmt.Printf("| %s | hugo server | %s | %s | %s | n/a | %s |\n", name, median(hugoTimes), slices.Min(hugoTimes).Round(100*time.Microsecond), slices.Max(hugoTimes).Round(100*time.Microsecond), rss(hugoCmd.Process.Pid))
		fmt.Printf("| %s | ratio kb/hugo | %.3f | | | | |\n", name, float64(median(kbTimes))/float64(median(hugoTimes)))
	}
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// waitServed polls url until its body contains marker, and returns the
// time it did, as an offset usable with time.Time.Sub.
func waitServed(t *testing.T, url, marker string, limit time.Duration) time.Time {
	t.Helper()
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 10 * time.Second}
	for time.Now().Before(deadline) {
		resp, err := client.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(b), marker) {
				return time.Now()
			}
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("%s never served %q", url, marker)
	return time.Time{}
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

func firstArticle(t *testing.T, dir string) string {
	var found string
	_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if found == "" && err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			found, _ = filepath.Rel(dir, p)
		}
		return nil
	})
	if found == "" {
		t.Fatal("no article")
	}
	return filepath.ToSlash(found)
}
