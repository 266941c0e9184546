package main

import (
	"debug/pe"
	"encoding/binary"
	"fmt"
	"io"
)

// peImage: a PE file at its ImageBase, where its absolute addresses hold
// as the file has them (base relocations are not applied).
func peImage(r io.ReaderAt) (*image, error) {
	f, err := pe.NewFile(r)
	if err != nil {
		return nil, err
	}
	im := &image{format: "pe", order: binary.LittleEndian, relocs: map[uint64]uint64{}}
	im.goos, im.goarch = peTarget(f)
	var base uint64
	switch h := f.OptionalHeader.(type) {
	case *pe.OptionalHeader32:
		base, im.ptr = uint64(h.ImageBase), 4
	case *pe.OptionalHeader64:
		base, im.ptr = h.ImageBase, 8
	default:
		return nil, fmt.Errorf("no optional header")
	}
	for _, s := range f.Sections {
		size := uint64(s.VirtualSize)
		if size == 0 {
			size = uint64(s.Size)
		}
		sec := section{name: s.Name, addr: base + uint64(s.VirtualAddress), size: size, loaded: size > 0}
		if sec.data, err = s.Data(); err != nil {
			return nil, fmt.Errorf("section %s: %v", s.Name, err)
		}
		if uint64(len(sec.data)) > size {
			sec.data = sec.data[:size]
		}
		im.sections = append(im.sections, sec)
	}
	for _, s := range f.Symbols {
		v := uint64(s.Value)
		if s.SectionNumber > 0 && int(s.SectionNumber) <= len(f.Sections) {
			v += base + uint64(f.Sections[s.SectionNumber-1].VirtualAddress)
		}
		im.symbols = append(im.symbols, symbol{s.Name, v, s.SectionNumber > 0})
	}
	return im, nil
}
