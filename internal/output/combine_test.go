package output

import (
	"math/rand/v2"
	"testing"
)

// TestCombineIsTheChecksumOfBoth holds the combination of two pieces'
// checksums to the checksum of their bytes together, for pieces of many
// lengths, empty ones included.
func TestCombineIsTheChecksumOfBoth(t *testing.T) {
	shifts := newChecksumShifts()
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		a := make([]byte, r.IntN(3)*r.IntN(5000))
		b := make([]byte, r.IntN(3)*r.IntN(5000))
		for j := range a {
			a[j] = byte(r.Uint32())
		}
		for j := range b {
			b[j] = byte(r.Uint32())
		}
		want := checksum(append(append([]byte{}, a...), b...))
		if got := shifts.combine(checksum(a), checksum(b), int64(len(b))); got != want {
			t.Fatalf("case %d: %d and %d bytes: combined %016x, want %016x", i, len(a), len(b), got, want)
		}
		var s Summer
		s.Write(a)
		s.Write(b)
		if s.Sum() != want {
			t.Fatalf("case %d: summed in parts %016x, want %016x", i, s.Sum(), want)
		}
		if got := Cut(want, checksum(a), int64(len(b))); got != checksum(b) {
			t.Fatalf("case %d: %d bytes cut from %d: %016x, want %016x", i, len(b), len(a)+len(b), got, checksum(b))
		}
	}
}
