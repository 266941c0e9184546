// Command objoracle prints what Go's own object-file readers (debug/elf,
// debug/macho, debug/pe; GOOS and GOARCH from debug/buildinfo) see in a
// binary, in the rows tests/crosscheck/objdump prints through gotypedb's
// include/gotypedb/objfile.h, so that tests/crosscheck/objfile.sh can
// compare the two row by row.  Nothing here is gotypedb's code.
//
//	objoracle addrs FILE   the words to compare: "SLICE ADDR" lines
//	objoracle dump FILE    the rows (see objdump.c), words at those addresses
//	objoracle live FILE ADDRS CMD...
//	                       the words at ADDRS in a process running CMD,
//	                       which loads FILE, minus its load base (live.go)
//
// Relocations are applied with base 0 (slide 0) by this program's own
// reading of the rules: ELF DT_RELA/DT_REL/DT_JMPREL entries of the
// machine's RELATIVE type (the addend) and absolute word type (a defined
// dynamic symbol's value plus the addend), DT_RELR; Mach-O rebase
// opcodes and chained fixups.  The words relocated are printed ("reloc"),
// and every word read is the file's with them applied.  Exit 1 if a file
// cannot be read, a word is relocated twice to different values, or
// moduledata's first word (pcHeader) is not the pclntab's address.
package main

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"debug/macho"
	"fmt"
	"io"
	"os"
	"sort"
)

const mdWords = 96 // moduledata words printed (go1.26's is 0x250 bytes on 64-bit)

type slice struct {
	im  *image
	err error
}

func main() {
	if len(os.Args) > 4 && os.Args[1] == "live" {
		if err := live(os.Args[2], os.Args[3], os.Args[4:]); err != nil {
			fmt.Fprintf(os.Stderr, "objoracle: %s: %v\n", os.Args[2], err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) != 3 || (os.Args[1] != "addrs" && os.Args[1] != "dump") {
		fmt.Fprintln(os.Stderr, "usage: objoracle addrs|dump FILE | live FILE ADDRS CMD...")
		os.Exit(2)
	}
	path := os.Args[2]
	slices, err := open(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "objoracle: %s: %v\n", path, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	status := 0
	for i, im := range slices {
		if len(im.conflicts) > 0 {
			fmt.Fprintf(os.Stderr, "objoracle: %s: words relocated twice: %v\n", path, im.conflicts)
			status = 1
		}
		if os.Args[1] == "addrs" {
			for _, a := range addresses(im) {
				fmt.Fprintf(w, "%d %x\n", i, a)
			}
			continue
		}
		if err := dump(w, i, im); err != nil {
			fmt.Fprintf(os.Stderr, "objoracle: %s: %v\n", path, err)
			status = 1
		}
	}
	w.Flush()
	os.Exit(status)
}

func open(path string) ([]*image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := bytes.NewReader(data)
	switch {
	case bytes.HasPrefix(data, []byte("\xca\xfe\xba\xbe")):
		ff, err := macho.NewFatFile(r)
		if err != nil {
			return nil, err
		}
		var out []*image
		for _, a := range ff.Arches {
			im, err := machoImage(io.NewSectionReader(r, int64(a.Offset), int64(a.Size)))
			if err != nil {
				return nil, err
			}
			out = append(out, withTarget(im, nil))
		}
		return out, nil
	case bytes.HasPrefix(data, []byte("\x7fELF")):
		im, err := elfImage(r)
		return []*image{withTarget(im, data)}, err
	case bytes.HasPrefix(data, []byte("MZ")):
		im, err := peImage(r)
		return []*image{withTarget(im, data)}, err
	default:
		im, err := machoImage(r)
		return []*image{withTarget(im, data)}, err
	}
}

// withTarget sets GOOS and GOARCH from the build info Go's linker wrote.
// A file without (the C toolchains' test files; the slices of a universal
// file, which debug/buildinfo does not read) keeps what its headers name,
// as each reader set it (headers.go).
func withTarget(im *image, data []byte) *image {
	if im == nil || data == nil {
		return im
	}
	if bi, err := buildinfo.Read(bytes.NewReader(data)); err == nil {
		for _, s := range bi.Settings {
			switch s.Key {
			case "GOOS":
				im.goos = s.Value
			case "GOARCH":
				im.goarch = s.Value
			}
		}
	}
	return im
}

func endian(im *image) string {
	if im.order.String() == "BigEndian" {
		return "big"
	}
	return "little"
}

func dump(w io.Writer, i int, im *image) error {
	fmt.Fprintf(w, "%d\tinfo\t%s\t%s\t%s\t%d\t%s\n", i, im.format, im.goos, im.goarch, im.ptr, endian(im))
	for _, s := range im.sections {
		fmt.Fprintf(w, "%d\tsection\t%s\t%x\t%x\n", i, s.name, s.addr, s.size)
	}
	for _, s := range im.symbols {
		fmt.Fprintf(w, "%d\tsymbol\t%s\t%x\n", i, s.name, s.value)
	}
	for _, a := range im.sortedRelocs() {
		fmt.Fprintf(w, "%d\treloc\t%x\t%x\n", i, a, im.relocs[a])
	}
	if err := dumpModuledata(w, i, im); err != nil {
		return err
	}
	for _, a := range addresses(im) {
		if v, ok := im.word(a); ok {
			fmt.Fprintf(w, "%d\tword\t%x\t%x\n", i, a, v)
		} else {
			fmt.Fprintf(w, "%d\tword\t%x\terror\n", i, a)
		}
	}
	return nil
}

func dumpModuledata(w io.Writer, i int, im *image) error {
	md, ok := im.moduledata()
	if !ok {
		return nil
	}
	fmt.Fprintf(w, "%d\tmoduledata\t%x\n", i, md)
	for k := 0; k < mdWords; k++ {
		addr := md + uint64(k*im.ptr)
		if im.sectionAt(addr, im.ptr) == nil || im.sectionAt(md, 1) != im.sectionAt(addr, im.ptr) {
			break
		}
		v, _ := im.word(addr)
		fmt.Fprintf(w, "%d\tmd\t%x\t%x\n", i, k*im.ptr, v)
	}
	pcHeader, _ := im.word(md)
	if pcln, ok := im.pclntab(); ok && pcHeader != pcln {
		return fmt.Errorf("moduledata at 0x%x: pcHeader 0x%x is not the pclntab's address 0x%x", md, pcHeader, pcln)
	}
	return nil
}

// addresses: the words compared: every relocated word, every defined
// symbol's first word, the first word of each zero-filled section, and
// every 16th word of every loaded section's file bytes.
func addresses(im *image) []uint64 {
	set := map[uint64]bool{}
	for a := range im.relocs {
		set[a] = true
	}
	for _, s := range im.symbols {
		if s.defined && im.sectionAt(s.value, im.ptr) != nil {
			set[s.value] = true
		}
	}
	stride := uint64(16 * im.ptr)
	for _, s := range im.sections {
		if !s.loaded || s.size < uint64(im.ptr) {
			continue
		}
		set[s.addr] = true
		for off := uint64(0); off+uint64(im.ptr) <= uint64(len(s.data)); off += stride {
			set[s.addr+off] = true
		}
	}
	out := make([]uint64, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
