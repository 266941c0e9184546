package main

import (
	"bytes"
	"debug/macho"
	"fmt"
	"io"
)

const (
	lcDyldInfo          = 0x22
	lcDyldInfoOnly      = 0x80000022
	lcDyldChainedFixups = 0x80000034
)

// machoImage reads one thin Mach-O (r: its bytes, from its first byte).
func machoImage(r io.ReaderAt) (*image, error) {
	f, err := macho.NewFile(r)
	if err != nil {
		return nil, err
	}
	im := &image{format: "macho", order: f.ByteOrder, relocs: map[uint64]uint64{}, ptr: 4}
	im.goos, im.goarch = machoTarget(f)
	if f.Magic == macho.Magic64 {
		im.ptr = 8
	}
	for _, s := range f.Sections {
		sec := section{name: s.Seg + "," + s.Name, addr: s.Addr, size: s.Size, loaded: s.Size > 0}
		switch s.Flags & 0xff {
		case 0x1, 0xc, 0x12: // S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL
		default:
			if sec.data, err = s.Data(); err != nil {
				return nil, fmt.Errorf("section %s: %v", sec.name, err)
			}
		}
		im.sections = append(im.sections, sec)
	}
	if f.Symtab != nil {
		names, err := rawNames(r, f)
		if err != nil {
			return nil, err
		}
		for i, s := range f.Symtab.Syms {
			im.symbols = append(im.symbols, symbol{names[i], s.Value, s.Sect != 0})
		}
	}
	var segs []uint64 // vmaddr by segment index (load command order)
	base := uint64(0) // the vmaddr of the segment mapping the header
	for _, l := range f.Loads {
		if s, ok := l.(*macho.Segment); ok {
			segs = append(segs, s.Addr)
			if s.Offset == 0 && s.Filesz != 0 {
				base = s.Addr
			}
		}
	}
	for _, l := range f.Loads {
		raw := l.Raw()
		if len(raw) < 16 {
			continue
		}
		off, size := f.ByteOrder.Uint32(raw[8:]), f.ByteOrder.Uint32(raw[12:])
		data := make([]byte, size)
		switch f.ByteOrder.Uint32(raw) {
		case lcDyldInfo, lcDyldInfoOnly:
			if _, err := r.ReadAt(data, int64(off)); err != nil {
				return nil, err
			}
			if err := rebaseOpcodes(im, data, segs); err != nil {
				return nil, err
			}
		case lcDyldChainedFixups:
			if _, err := r.ReadAt(data, int64(off)); err != nil {
				return nil, err
			}
			if err := chainedFixups(im, data, base); err != nil {
				return nil, err
			}
		}
	}
	return im, nil
}

// rawNames: the symbols' names as the string table holds them.  debug/macho
// strips the '_' Go's linker puts before every Go symbol (those with a '.'
// in their name, golang/go#33808); the file holds it.
func rawNames(r io.ReaderAt, f *macho.File) ([]string, error) {
	raw, o := f.Symtab.Raw(), f.ByteOrder // (debug/macho leaves Symtab.SymtabCmd empty)
	symoff, nsyms, stroff, strsize := o.Uint32(raw[8:]), o.Uint32(raw[12:]), o.Uint32(raw[16:]), o.Uint32(raw[20:])
	ent := uint32(12)
	if f.Magic == macho.Magic64 {
		ent = 16
	}
	if int(nsyms) != len(f.Symtab.Syms) {
		return nil, fmt.Errorf("LC_SYMTAB: %d symbols, debug/macho read %d", nsyms, len(f.Symtab.Syms))
	}
	syms := make([]byte, nsyms*ent)
	strtab := make([]byte, strsize)
	if _, err := r.ReadAt(syms, int64(symoff)); err != nil {
		return nil, err
	}
	if _, err := r.ReadAt(strtab, int64(stroff)); err != nil {
		return nil, err
	}
	names := make([]string, nsyms)
	for i := range names {
		s := strtab[f.ByteOrder.Uint32(syms[uint32(i)*ent:]):]
		if n := bytes.IndexByte(s, 0); n >= 0 {
			s = s[:n]
		}
		names[i] = string(s)
	}
	return names, nil
}

func uleb(b []byte, i *int) uint64 {
	var v uint64
	for shift := uint(0); *i < len(b); shift += 7 {
		c := b[*i]
		*i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			break
		}
	}
	return v
}

// rebaseOpcodes: dyld's REBASE_OPCODE_* interpreter; with slide 0 each
// rebased word keeps the address the file holds.
func rebaseOpcodes(im *image, b []byte, segs []uint64) error {
	var addr uint64
	w := uint64(im.ptr)
	rebase := func(count, skip uint64) error {
		for k := uint64(0); k < count; k++ {
			v, ok := im.fileWord(addr)
			if !ok {
				return fmt.Errorf("rebase at 0x%x: outside every section", addr)
			}
			im.reloc(addr, v)
			addr += w + skip
		}
		return nil
	}
	for i := 0; i < len(b); {
		op, imm := b[i]&0xf0, uint64(b[i]&0x0f)
		i++
		var err error
		switch op {
		case 0x00:
			return nil
		case 0x10: // SET_TYPE_IMM (pointer)
		case 0x20:
			addr = segs[imm] + uleb(b, &i)
		case 0x30:
			addr += uleb(b, &i)
		case 0x40:
			addr += imm * w
		case 0x50:
			err = rebase(imm, 0)
		case 0x60:
			err = rebase(uleb(b, &i), 0)
		case 0x70:
			err = rebase(1, uleb(b, &i))
		case 0x80:
			n := uleb(b, &i)
			err = rebase(n, uleb(b, &i))
		default:
			return fmt.Errorf("rebase opcode 0x%x", op)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// chainedFixups: <mach-o/fixup-chains.h>, DYLD_CHAINED_PTR_64 (2) and
// DYLD_CHAINED_PTR_64_OFFSET (6).  A bind reads as 0.
func chainedFixups(im *image, b []byte, base uint64) error {
	o := im.order
	starts := uint64(o.Uint32(b[4:]))
	nseg := uint64(o.Uint32(b[starts:]))
	for i := uint64(0); i < nseg; i++ {
		off := uint64(o.Uint32(b[starts+4+4*i:]))
		if off == 0 {
			continue
		}
		s := b[starts+off:]
		pageSize, format := uint64(o.Uint16(s[4:])), o.Uint16(s[6:])
		segOff, pages := o.Uint64(s[8:]), int(o.Uint16(s[20:]))
		if format != 2 && format != 6 {
			return fmt.Errorf("pointer format %d", format)
		}
		for p := 0; p < pages; p++ {
			start := uint64(o.Uint16(s[22+2*p:]))
			if start == 0xffff {
				continue
			}
			for addr := base + segOff + uint64(p)*pageSize + start; ; {
				raw, ok := im.fileWord(addr)
				if !ok {
					return fmt.Errorf("chained fixup at 0x%x: outside every section", addr)
				}
				v := uint64(0)
				if raw>>63 == 0 {
					v = raw&(1<<36-1) | (raw>>36&0xff)<<56
					if format == 6 {
						v += base
					}
				}
				im.reloc(addr, v)
				next := raw >> 51 & 0xfff
				if next == 0 {
					break
				}
				addr += 4 * next
			}
		}
	}
	return nil
}
