package main

import (
	"debug/elf"
	"fmt"
	"io"
)

func elfImage(r io.ReaderAt) (*image, error) {
	f, err := elf.NewFile(r)
	if err != nil {
		return nil, err
	}
	im := &image{format: "elf", order: f.ByteOrder, relocs: map[uint64]uint64{}, ptr: 4}
	im.goos, im.goarch = elfTarget(f)
	if f.Class == elf.ELFCLASS64 {
		im.ptr = 8
	}
	for _, s := range f.Sections {
		size := s.Size
		if s.Flags&elf.SHF_COMPRESSED != 0 {
			size = s.FileSize // the header's: debug/elf's Size is what it uncompresses to
		}
		sec := section{name: s.Name, addr: s.Addr, size: size,
			loaded: s.Flags&elf.SHF_ALLOC != 0 && s.Size > 0 &&
				!(s.Flags&elf.SHF_TLS != 0 && s.Type == elf.SHT_NOBITS)}
		if sec.loaded && s.Type != elf.SHT_NOBITS {
			if sec.data, err = s.Data(); err != nil {
				return nil, fmt.Errorf("section %s: %v", s.Name, err)
			}
		}
		im.sections = append(im.sections, sec)
	}
	syms, err := f.Symbols()
	if err == elf.ErrNoSymbols {
		syms, err = f.DynamicSymbols()
	}
	if err != nil && err != elf.ErrNoSymbols {
		return nil, err
	}
	for _, s := range syms {
		im.symbols = append(im.symbols, symbol{s.Name, s.Value,
			s.Section != elf.SHN_UNDEF && s.Section < elf.SHN_LORESERVE})
	}
	return im, elfRelocs(f, im)
}

// DT_RELRSZ and DT_RELR, the generic ABI's tags for packed relative
// relocations, which debug/elf does not name.
const (
	dtRELRSZ elf.DynTag = 35
	dtRELR   elf.DynTag = 36
)

// The relocation types applied with base 0: RELATIVE (the addend) and the
// absolute word (a defined symbol's value plus the addend), per machine.
var elfRelative = map[elf.Machine]uint32{
	elf.EM_X86_64: uint32(elf.R_X86_64_RELATIVE), elf.EM_386: uint32(elf.R_386_RELATIVE),
	elf.EM_ARM: uint32(elf.R_ARM_RELATIVE), elf.EM_AARCH64: uint32(elf.R_AARCH64_RELATIVE),
	elf.EM_PPC64: uint32(elf.R_PPC64_RELATIVE), elf.EM_S390: uint32(elf.R_390_RELATIVE),
	elf.EM_RISCV: uint32(elf.R_RISCV_RELATIVE), elf.EM_LOONGARCH: uint32(elf.R_LARCH_RELATIVE),
}
var elfAbsolute = map[elf.Machine]uint32{
	elf.EM_X86_64: uint32(elf.R_X86_64_64), elf.EM_386: uint32(elf.R_386_32),
	elf.EM_ARM: uint32(elf.R_ARM_ABS32), elf.EM_AARCH64: uint32(elf.R_AARCH64_ABS64),
	elf.EM_PPC64: uint32(elf.R_PPC64_ADDR64), elf.EM_S390: uint32(elf.R_390_64),
	elf.EM_RISCV: uint32(elf.R_RISCV_64), elf.EM_LOONGARCH: uint32(elf.R_LARCH_64),
}

// atVaddr: n bytes at a virtual address, through the program headers.
func atVaddr(f *elf.File, addr, n uint64) ([]byte, error) {
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && addr >= p.Vaddr && addr+n <= p.Vaddr+p.Filesz {
			b := make([]byte, n)
			_, err := p.ReadAt(b, int64(addr-p.Vaddr))
			return b, err
		}
	}
	return nil, fmt.Errorf("0x%x bytes at 0x%x: not in a loadable segment's file bytes", n, addr)
}

func dyn(f *elf.File, tag elf.DynTag) uint64 {
	v, _ := f.DynValue(tag)
	if len(v) == 0 {
		return 0
	}
	return v[0]
}

func elfRelocs(f *elf.File, im *image) error {
	if f.Section(".dynamic") == nil && progOf(f, elf.PT_DYNAMIC) == nil {
		return nil
	}
	dsyms, _ := f.DynamicSymbols()
	tables := []struct {
		addr, size uint64
		rela       bool
	}{
		{dyn(f, elf.DT_RELA), dyn(f, elf.DT_RELASZ), true},
		{dyn(f, elf.DT_REL), dyn(f, elf.DT_RELSZ), false},
		{dyn(f, elf.DT_JMPREL), dyn(f, elf.DT_PLTRELSZ), dyn(f, elf.DT_PLTREL) == uint64(elf.DT_RELA)},
	}
	for _, t := range tables {
		if t.size == 0 {
			continue
		}
		b, err := atVaddr(f, t.addr, t.size)
		if err != nil {
			return err
		}
		if err := elfTable(f, im, b, t.rela, dsyms); err != nil {
			return err
		}
	}
	if size := dyn(f, dtRELRSZ); size > 0 {
		b, err := atVaddr(f, dyn(f, dtRELR), size)
		if err != nil {
			return err
		}
		return relr(im, b)
	}
	return nil
}

func progOf(f *elf.File, t elf.ProgType) *elf.Prog {
	for _, p := range f.Progs {
		if p.Type == t {
			return p
		}
	}
	return nil
}

func elfTable(f *elf.File, im *image, b []byte, rela bool, dsyms []elf.Symbol) error {
	ent := map[bool]map[int]int{true: {8: 24, 4: 12}, false: {8: 16, 4: 8}}[rela][im.ptr]
	for i := 0; i+ent <= len(b); i += ent {
		var off, info, addend uint64
		e := b[i : i+ent]
		if im.ptr == 8 {
			off, info = im.order.Uint64(e), im.order.Uint64(e[8:])
			if rela {
				addend = im.order.Uint64(e[16:])
			}
		} else {
			off, info = uint64(im.order.Uint32(e)), uint64(im.order.Uint32(e[4:]))
			if rela {
				addend = uint64(int64(int32(im.order.Uint32(e[8:]))))
			}
		}
		typ, sym := uint32(info), info>>32
		if im.ptr == 4 {
			typ, sym = uint32(info&0xff), info>>8
		}
		if !rela {
			w, ok := im.fileWord(off)
			if !ok {
				return fmt.Errorf("relocation at 0x%x: outside every section", off)
			}
			addend = w
		}
		switch typ {
		case elfRelative[f.Machine]:
			im.reloc(off, addend)
		case elfAbsolute[f.Machine]:
			s := uint64(0)
			if sym > 0 {
				if int(sym) > len(dsyms) {
					return fmt.Errorf("relocation at 0x%x: symbol %d", off, sym)
				}
				d := dsyms[sym-1]
				if d.Section == elf.SHN_UNDEF {
					continue // an import
				}
				s = d.Value
			}
			im.reloc(off, s+addend)
		}
	}
	return nil
}

// relr decodes SHT_RELR / DT_RELR as the generic ABI defines it.
func relr(im *image, b []byte) error {
	w := uint64(im.ptr)
	var where uint64
	for i := 0; i+im.ptr <= len(b); i += im.ptr {
		var e uint64
		if w == 8 {
			e = im.order.Uint64(b[i:])
		} else {
			e = uint64(im.order.Uint32(b[i:]))
		}
		if e&1 == 0 {
			where = e
			if err := relrAt(im, where); err != nil {
				return err
			}
			where += w
			continue
		}
		for k := uint64(0); k < 8*w-1; k++ {
			if e>>(k+1)&1 != 0 {
				if err := relrAt(im, where+k*w); err != nil {
					return err
				}
			}
		}
		where += (8*w - 1) * w
	}
	return nil
}

func relrAt(im *image, addr uint64) error {
	v, ok := im.fileWord(addr)
	if !ok {
		return fmt.Errorf("RELR relocation at 0x%x: outside every section", addr)
	}
	im.reloc(addr, v)
	return nil
}
