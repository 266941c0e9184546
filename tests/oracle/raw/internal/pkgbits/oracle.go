// gotypedb: not part of the copy (see ../../ORIGIN.md).  Accessors the raw
// oracle needs over fields the copied reader keeps private; each restates
// the reader's own rule for that field, nothing more.

package pkgbits

// Version returns the unit's pkgbits version.
func (pr *PkgDecoder) Version() Version { return pr.version }

// ElemSpan returns where element idx of section k lies in the element
// data: bytes [off, off+size), by the same rule as DataIdx.
func (pr *PkgDecoder) ElemSpan(k SectionKind, idx RelElemIdx) (off, size uint32) {
	absIdx := pr.AbsIdx(k, idx)
	if absIdx > 0 {
		off = pr.elemEnds[absIdx-1]
	}
	return off, pr.elemEnds[absIdx] - off
}

// NumSections is the number of sections, String (0) to Body.
const NumSections = numRelocs
