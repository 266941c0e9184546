package main

import (
	"encoding/binary"
	"fmt"
	"sort"
)

// An image is one object as the loader would map it at base 0 (slide 0),
// built from Go's own readers: its sections with their file bytes, its
// symbols, and the words the loader writes (relocs: address -> value).
type image struct {
	format, goos, goarch string
	ptr                  int
	order                binary.ByteOrder
	sections             []section
	symbols              []symbol
	relocs               map[uint64]uint64
	conflicts            []string // a word relocated twice to different values
}

type section struct {
	name       string // Mach-O: SEGMENT,NAME
	addr, size uint64
	loaded     bool   // takes addresses in the loaded image
	data       []byte // its bytes in the file (fewer than size: the rest is zeros)
}

type symbol struct {
	name    string
	value   uint64
	defined bool
}

func (im *image) reloc(addr, value uint64) {
	if im.ptr == 4 {
		value &= 0xffffffff
	}
	if old, ok := im.relocs[addr]; ok && old != value {
		im.conflicts = append(im.conflicts, fmt.Sprintf("%x: %x and %x", addr, old, value))
	}
	im.relocs[addr] = value
}

// sectionAt: the loaded section holding [addr, addr+n).
func (im *image) sectionAt(addr uint64, n int) *section {
	for i := range im.sections {
		s := &im.sections[i]
		if s.loaded && addr >= s.addr && addr-s.addr < s.size && uint64(n) <= s.size-(addr-s.addr) {
			return s
		}
	}
	return nil
}

// fileWord: the word the file holds at addr (zeros past a section's file
// bytes), before relocation; ok false outside every loaded section.
func (im *image) fileWord(addr uint64) (uint64, bool) {
	s := im.sectionAt(addr, im.ptr)
	if s == nil {
		return 0, false
	}
	b := make([]byte, im.ptr)
	off := addr - s.addr
	if off < uint64(len(s.data)) {
		copy(b, s.data[off:])
	}
	if im.ptr == 8 {
		return im.order.Uint64(b), true
	}
	return uint64(im.order.Uint32(b)), true
}

// word: the word at addr once loaded at base 0.
func (im *image) word(addr uint64) (uint64, bool) {
	if v, ok := im.relocs[addr]; ok {
		return v, true
	}
	return im.fileWord(addr)
}

func (im *image) symbol(name string) *symbol {
	for i := range im.symbols {
		s := &im.symbols[i]
		if s.defined && (s.name == name || s.name == "_"+name) {
			return s
		}
	}
	return nil
}

func (im *image) sectionNamed(name string) *section {
	for i := range im.sections {
		if im.sections[i].name == name {
			return &im.sections[i]
		}
	}
	return nil
}

// moduledata: runtime.firstmoduledata, or in a stripped file the section
// the linker gives it from go1.26 on.
func (im *image) moduledata() (uint64, bool) {
	if s := im.symbol("runtime.firstmoduledata"); s != nil {
		return s.value, true
	}
	for _, n := range []string{".go.module", "__DATA,__go_module"} {
		if s := im.sectionNamed(n); s != nil {
			return s.addr, true
		}
	}
	return 0, false
}

// pclntab: where moduledata's first word (pcHeader) must point.
func (im *image) pclntab() (uint64, bool) {
	if s := im.symbol("runtime.pclntab"); s != nil {
		return s.value, true
	}
	for _, n := range []string{".gopclntab", ".data.rel.ro.gopclntab", "__TEXT,__gopclntab", "__DATA_CONST,__gopclntab"} {
		if s := im.sectionNamed(n); s != nil {
			return s.addr, true
		}
	}
	return 0, false
}

func (im *image) sortedRelocs() []uint64 {
	addrs := make([]uint64, 0, len(im.relocs))
	for a := range im.relocs {
		addrs = append(addrs, a)
	}
	sort.Slice(addrs, func(i, j int) bool { return addrs[i] < addrs[j] })
	return addrs
}
