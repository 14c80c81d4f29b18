package output

import (
	"hash/crc32"
	"sync"
)

// A file assembled partly from runs of another file (see Dir.PutPieces)
// gets its checksum without its bytes being read: the checksum of two
// pieces one after the other follows from theirs and the second's length
// (CRC combination, as zlib's crc32_combine does it).

// crcShifts is, for one CRC-32 polynomial (reflected, as hash/crc32 takes
// it), x to the power 2^k modulo the polynomial, for each k.
type crcShifts struct {
	poly  uint32
	shift [64]uint32
}

func newCRCShifts(poly uint32) *crcShifts {
	s := &crcShifts{poly: poly}
	p := uint32(1) << 30 // x^1
	s.shift[0] = p
	for k := 1; k < len(s.shift); k++ {
		p = s.mul(p, p)
		s.shift[k] = p
	}
	return s
}

// mul is a times b modulo the polynomial.
func (s *crcShifts) mul(a, b uint32) uint32 {
	var p uint32
	for m := uint32(1) << 31; m != 0; m >>= 1 {
		if a&m != 0 {
			p ^= b
		}
		if b&1 != 0 {
			b = b>>1 ^ s.poly
		} else {
			b >>= 1
		}
	}
	return p
}

// combine is the CRC of a then b, from a's CRC, b's and b's length.
func (s *crcShifts) combine(crcA, crcB uint32, lenB int64) uint32 {
	// x^(8 lenB): a's CRC moved past b's bytes.
	p := uint32(1) << 31 // x^0
	for k := 3; lenB != 0; k++ {
		if lenB&1 != 0 {
			p = s.mul(s.shift[k%len(s.shift)], p)
		}
		lenB >>= 1
	}
	return s.mul(p, crcA) ^ crcB
}

// Checksum is the checksum a folder's marker records of data (see
// checksum), for a Piece.
func Checksum(data []byte) uint64 { return checksum(data) }

// Combine is the checksum of a piece whose checksum is a followed by
// one of lenB bytes whose checksum is b, as Checksum gives them: runs
// of a file are joined this way without reading them.
func Combine(a, b uint64, lenB int64) uint64 { return shifts().combine(a, b, lenB) }

// Summer gives the Checksum of bytes written to it in parts.
type Summer struct{ castagnoli, ieee uint32 }

func (s *Summer) Write(p []byte) {
	s.castagnoli = crc32.Update(s.castagnoli, castagnoli, p)
	s.ieee = crc32.Update(s.ieee, crc32.IEEETable, p)
}

// Sum is the Checksum of what was written.
func (s *Summer) Sum() uint64 { return uint64(s.castagnoli)<<32 | uint64(s.ieee) }

// Cut is the checksum of the last lenB bytes of a piece whose checksum is
// whole, from the checksum of the bytes before them, prefix: a run of a
// file from the checksums of the file up to its two ends.
func Cut(whole, prefix uint64, lenB int64) uint64 {
	return whole ^ shifts().combine(prefix, 0, lenB)
}

// shifts are made once, on first use: a table of 64 numbers each.
var shifts = sync.OnceValue(newChecksumShifts)

// checksumShifts are the shifts of checksum's two polynomials.
type checksumShifts struct{ castagnoli, ieee *crcShifts }

func newChecksumShifts() checksumShifts {
	return checksumShifts{castagnoli: newCRCShifts(crc32.Castagnoli), ieee: newCRCShifts(crc32.IEEE)}
}

// combine is the checksum of a then b (see checksum).
func (c checksumShifts) combine(a, b uint64, lenB int64) uint64 {
	return uint64(c.castagnoli.combine(uint32(a>>32), uint32(b>>32), lenB))<<32 | uint64(c.ieee.combine(uint32(a), uint32(b), lenB))
}
