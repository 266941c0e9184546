// Command rawdump prints the raw layer of Unified IR export data as Go's
// own reader sees it: a copy of go1.27.3's internal/exportdata and
// internal/pkgbits (internal/, see ORIGIN.md), not gotypedb.
// tests/oracle/raw.sh compares its output with gotypedb's unit,
// unit_section, uir_element, uir_ref and unit_string.
//
//	rawdump OUTDIR PATH...
//
// Every regular file under each PATH that is an ar archive whose first
// member is __.PKGDEF is one unit, read by exportdata.ReadUnified
// (headers up to "$$B\n", the format byte 'u', the data up to the
// "\n$$\n" end marker) and pkgbits.NewPkgDecoder.  Other files are not Go
// package archives and are skipped.  Units are numbered from 1 in the
// byte order of their paths; that number keys the rows of the other files.
// OUTDIR receives one comma-separated row a line, in that order:
//
//	units     path,version,flags,sync_markers,fingerprint,export_size
//	sections  unit,section,elems,bytes
//	elements  unit,section,idx,off,len
//	refs      unit,section,idx,slot,ref_section,ref_idx
//	strings   unit,idx,bytes
//
// fingerprint and a String element's bytes are upper-case hex (strings
// need not be UTF-8); flags is 0 for V0, which has no flags word (as
// gotypedb's unit.flags documents); export_size counts the bytes after
// 'u' up to the end marker.  An archive that cannot be read is reported on
// stderr and makes the exit status 1; the other archives are still read.
package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"gotypedb.test/oracle/raw/internal/exportdata"
	"gotypedb.test/oracle/raw/internal/pkgbits"
)

// outputs are the files written into OUTDIR, one writer each.
type outputs struct {
	units, sections, elements, refs, strings *bufio.Writer
	files                                    []*os.File
	line                                     []byte // scratch for one row
}

func create(dir string) (*outputs, error) {
	o := &outputs{}
	for _, w := range []struct {
		name string
		dst  **bufio.Writer
	}{{"units", &o.units}, {"sections", &o.sections}, {"elements", &o.elements},
		{"refs", &o.refs}, {"strings", &o.strings}} {
		f, err := os.Create(filepath.Join(dir, w.name))
		if err != nil {
			return nil, err
		}
		o.files = append(o.files, f)
		*w.dst = bufio.NewWriterSize(f, 1<<20)
	}
	return o, nil
}

func (o *outputs) close() error {
	for i, w := range []*bufio.Writer{o.units, o.sections, o.elements, o.refs, o.strings} {
		if err := w.Flush(); err != nil {
			return err
		}
		if err := o.files[i].Close(); err != nil {
			return err
		}
	}
	return nil
}

// row writes the numbers as one comma-separated line.
func (o *outputs) row(w *bufio.Writer, nums ...uint64) {
	o.line = append(appendNums(o.line[:0], nums...), '\n')
	w.Write(o.line)
}

// stringRow writes unit, idx and the String element's bytes in hex.
func (o *outputs) stringRow(u uint64, idx int, s string) {
	b := append(appendNums(o.line[:0], u, uint64(idx)), ',')
	o.line = append(fmt.Appendf(b, "%X", s), '\n')
	o.strings.Write(o.line)
}

func appendNums(b []byte, nums ...uint64) []byte {
	for i, n := range nums {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, n, 10)
	}
	return b
}

// isPackageArchive reports whether the file starts as an ar archive whose
// first member is __.PKGDEF: what cmd/compile writes for every package.
func isPackageArchive(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	var head [8 + 16]byte
	if _, err := io.ReadFull(f, head[:]); err != nil {
		return false, nil // shorter than a magic and a member name
	}
	return string(head[:8]) == "!<arch>\n" && bytes.HasPrefix(head[8:], []byte("__.PKGDEF")), nil
}

// archives returns the package archives under the roots, sorted by path.
func archives(roots []string) ([]string, error) {
	var paths []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			ok, err := isPackageArchive(path)
			if ok {
				paths = append(paths, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// readUnit reads one archive's export data; a reader panic (the copied
// pkgbits asserts by panicking) becomes the error.
func readUnit(path string) (data []byte, pr pkgbits.PkgDecoder, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, pr, err
	}
	defer f.Close()
	if data, err = exportdata.ReadUnified(bufio.NewReader(f)); err != nil {
		return nil, pr, err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pkgbits: %v", p)
		}
	}()
	return data, pkgbits.NewPkgDecoder(path, string(data)), nil
}

// dumpUnit writes the rows of unit number u; every reference table is read
// by the copied reader's own NewDecoderRaw.
func (o *outputs) dumpUnit(u uint64, path string, data []byte, pr *pkgbits.PkgDecoder) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pkgbits: %v", p)
		}
	}()
	v := pr.Version()
	var flags uint32
	if v.Has(pkgbits.Flags) {
		flags = binary.LittleEndian.Uint32(data[4:8])
	}
	sync := uint64(0)
	if pr.SyncMarkers() {
		sync = 1
	}
	fp := pr.Fingerprint()
	fmt.Fprintf(o.units, "%s,%d,%d,%d,%X,%d\n", path, v, flags, sync, fp[:], len(data))
	for k := pkgbits.SectionKind(0); k < pkgbits.NumSections; k++ {
		var bytes uint64
		for i := 0; i < pr.NumElems(k); i++ {
			idx := pkgbits.RelElemIdx(i)
			off, size := pr.ElemSpan(k, idx)
			bytes += uint64(size)
			o.row(o.elements, u, uint64(k), uint64(i), uint64(off), uint64(size))
			if k == pkgbits.SectionString {
				o.stringRow(u, i, pr.StringIdx(idx))
				continue
			}
			for slot, e := range pr.NewDecoderRaw(k, idx).Relocs {
				o.row(o.refs, u, uint64(k), uint64(i), uint64(slot), uint64(e.Kind), uint64(e.Idx))
			}
		}
		o.row(o.sections, u, uint64(k), uint64(pr.NumElems(k)), bytes)
	}
	return nil
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: rawdump OUTDIR PATH...")
		os.Exit(2)
	}
	paths, err := archives(os.Args[2:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "rawdump:", err)
		os.Exit(1)
	}
	o, err := create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "rawdump:", err)
		os.Exit(1)
	}
	status := 0
	for i, path := range paths {
		data, pr, err := readUnit(path)
		if err == nil {
			err = o.dumpUnit(uint64(i+1), path, data, &pr)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "rawdump: %s: %v\n", path, err)
			status = 1
		}
	}
	if err := o.close(); err != nil {
		fmt.Fprintln(os.Stderr, "rawdump:", err)
		status = 1
	}
	os.Exit(status)
}
