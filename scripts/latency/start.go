package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// measureStarts times how long each server takes, from its start, to
// serve the site's home page, n times each, one server at a time (two
// starting at once would share the cores): kb serve with no .kb-cache
// (a site just cloned), then kb serve again with the cache that start
// left, then hugo server. It prints one row for each kb start; Hugo's
// figure is the same in both.
func measureStarts(src, tmp, kb, hugo string, n int) error {
	dir := filepath.Join(tmp, "start-site")
	_ = os.RemoveAll(dir)
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	times := map[string][]time.Duration{}
	for range n {
		if err := os.RemoveAll(filepath.Join(dir, ".kb-cache")); err != nil {
			return err
		}
		for _, side := range []string{"kb, no cache", "kb, .kb-cache kept", "hugo"} {
			port, err := freePort()
			if err != nil {
				return err
			}
			base := fmt.Sprintf("http://127.0.0.1:%d/", port)
			cmd := exec.Command(kb, "serve", "-source", dir, "-port", strconv.Itoa(port))
			if side == "hugo" {
				cmd = exec.Command(hugo, "server", "--source", dir, "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--baseURL", base)
			}
			cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
			start := time.Now()
			if err := cmd.Start(); err != nil {
				return err
			}
			at, err := waitFor(base, func(status int, _ string) bool { return status == 200 }, 5*time.Minute)
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			if err != nil {
				return fmt.Errorf("%s start: %v", side, err)
			}
			times[side] = append(times[side], at.Sub(start))
		}
	}
	name := fmt.Sprintf("%s (%d pages)", filepath.Base(src), countPages(src))
	hugoTimes := times["hugo"]
	for _, side := range []string{"kb, no cache", "kb, .kb-cache kept"} {
		ts := times[side]
		fmt.Printf("| %s | start (%s): home page served | %s | %s | %s | %s | %s | %s | %.3f |\n", name, side[4:],
			median(ts), round(slices.Min(ts)), round(slices.Max(ts)),
			median(hugoTimes), round(slices.Min(hugoTimes)), round(slices.Max(hugoTimes)),
			float64(median(ts))/float64(median(hugoTimes)))
	}
	return nil
}
