// Command unicode prints the reference for tests/crosscheck/unicode_check:
// one line per input byte string,
//
//	HEX TAB strconv.Quote(s) TAB token.IsExported(s) (1 or 0)
//
// then "end TAB N" with the number of inputs, so that a cut stream fails.
// The inputs are every code point 0..U+10FFFF encoded as UTF-8 (surrogates
// too, with the 3-byte pattern Go rejects), and the byte strings around
// them that Go's decoder must refuse one byte at a time: every 2-byte
// string; every 3-byte string led by 0xE0..0xFF (overlongs, surrogates,
// truncated 4-byte sequences, bytes that never lead); and 4-byte strings
// led by 0xF0..0xF7 with every continuation second byte, third bytes at
// and beyond the continuation range's edges and every fourth byte
// (overlongs, code points above U+10FFFF).
package main

import (
	"bufio"
	"encoding/hex"
	"go/token"
	"os"
	"strconv"
)

var (
	w   = bufio.NewWriterSize(os.Stdout, 1<<16)
	n   int
	hx  []byte
	out []byte
)

func emit(s []byte) {
	hx = hex.AppendEncode(hx[:0], s)
	out = append(out[:0], hx...)
	out = append(out, '\t')
	out = strconv.AppendQuote(out, string(s))
	if token.IsExported(string(s)) {
		out = append(out, "\t1\n"...)
	} else {
		out = append(out, "\t0\n"...)
	}
	w.Write(out)
	n++
}

// encode writes r as UTF-8 without Go's substitution of U+FFFD for a
// surrogate, so that an encoded surrogate reaches the decoders under test.
func encode(r uint32) []byte {
	switch {
	case r < 0x80:
		return []byte{byte(r)}
	case r < 0x800:
		return []byte{0xc0 | byte(r>>6), 0x80 | byte(r&0x3f)}
	case r < 0x10000:
		return []byte{0xe0 | byte(r>>12), 0x80 | byte(r>>6&0x3f), 0x80 | byte(r&0x3f)}
	}
	return []byte{0xf0 | byte(r>>18), 0x80 | byte(r>>12&0x3f), 0x80 | byte(r>>6&0x3f), 0x80 | byte(r&0x3f)}
}

func main() {
	for r := uint32(0); r <= 0x10ffff; r++ {
		emit(encode(r))
	}
	for b := 0; b < 0x10000; b++ {
		emit([]byte{byte(b >> 8), byte(b)})
	}
	for lead := 0xe0; lead <= 0xff; lead++ {
		for b := 0; b < 0x10000; b++ {
			emit([]byte{byte(lead), byte(b >> 8), byte(b)})
		}
	}
	for lead := 0xf0; lead <= 0xf7; lead++ {
		for second := 0x80; second <= 0xbf; second++ {
			for _, third := range []byte{0x7f, 0x80, 0xbf, 0xc0} {
				for fourth := 0; fourth <= 0xff; fourth++ {
					emit([]byte{byte(lead), byte(second), third, byte(fourth)})
				}
			}
		}
	}
	w.WriteString("end\t" + strconv.Itoa(n) + "\n")
	if err := w.Flush(); err != nil {
		os.Stderr.WriteString("unicode: " + err.Error() + "\n")
		os.Exit(1)
	}
}
