package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
	"time"
)

func TestZZProfTitle(t *testing.T) {
	dir := os.Getenv("ZZ_SITE")
	if dir == "" {
		t.Skip()
	}
	b := NewBuilder(os.DirFS(dir), Options{})
	start := time.Now()
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	t.Logf("first build %v", time.Since(start))
	file := os.Getenv("ZZ_FILE")
	full := filepath.Join(dir, file)
	orig, _ := os.ReadFile(full)
	defer os.WriteFile(full, orig, 0o644)
	f, _ := os.Create("/tmp/zz.prof")
	pprof.StartCPUProfile(f)
	for i := 0; i < 3; i++ {
		data := bytes.Replace(orig, []byte("title = \""), []byte(fmt.Sprintf("title = \"Edit%d ", i)), 1)
		os.WriteFile(full, data, 0o644)
		s := time.Now()
		res, changed, err := b.Update([]string{file})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("edit %d: %v laidout %d reused %d changed %d", i, time.Since(s), res.LaidOut, res.BodiesReused, len(changed))
	}
	pprof.StopCPUProfile()
}
