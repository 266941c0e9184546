/* Every difference between Go releases in the tables gotypedb reads, in
 * one place (as src/uir/version.c is for export data).  Sources: each
 * release's src/runtime/symtab.go (moduledata), src/internal/abi/type.go,
 * map*.go and iface.go, and src/cmd/link/internal/ld/symtab.go, which
 * writes moduledata field by field; ../shared/research/runtime-tables.md
 * §1.2 and §2 has the byte offsets per release. */
#include "rtype_int.h"

/* Field positions in pointer words.  Groups are releases whose fields up
 * to hasmain lie alike (what comes after is filled in at run time):
 * 1.18 inserted rodata and gofunc after etypes, 1.20 covctrs and
 * ecovctrs after enoptrbss, 1.21 inittasks after pkghashes, 1.26
 * epclntab after gofunc, and 1.27 replaced typelinks and itablinks by
 * typedesclen, itaboffset and itabsize around etypes. */
static const struct rt_md_layout layouts[] = {
	{ "go1.16", 16, 17, 0xfffffffa, 16, 20, 21, 22, 23, 35, 36, -1, -1, -1,
	  37, 40, 43, 46, 49, 54, 59, 60 },
	{ "go1.18", 18, 19, 0xfffffff0, 16, 20, 21, 22, 23, 35, 36, -1, -1, -1,
	  39, 42, 45, 48, 51, 56, 61, 62 },
	{ "go1.20", 20, 20, 0xfffffff1, 16, 20, 21, 22, 23, 37, 38, -1, -1, -1,
	  41, 44, 47, 50, 53, 58, 63, 64 },
	{ "go1.21", 21, 25, 0xfffffff1, 16, 20, 21, 22, 23, 37, 38, -1, -1, -1,
	  41, 44, 47, 50, 53, 61, 66, 67 },
	{ "go1.26", 26, 26, 0xfffffff1, 16, 20, 21, 22, 23, 37, 38, -1, -1, -1,
	  42, 45, 48, 51, 54, 62, 67, 68 },
	{ "go1.27", 27, 27, 0xfffffff1, 16, 20, 21, 22, 23, 37, 39, 38, 40, 41,
	  45, -1, -1, 48, 51, 59, 64, 65 },
};

const struct rt_md_layout *rt_md_layouts(size_t *n)
{
	*n = sizeof layouts / sizeof layouts[0];
	return layouts;
}

const struct rt_md_layout *rt_md_layout_for(unsigned minor)
{
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
		if (minor >= layouts[i].first && minor <= layouts[i].last)
			return &layouts[i];
	return NULL;
}

void rt_type_layout_for(unsigned minor, unsigned ptr_size, int swiss, struct rt_type_layout *out)
{
	/* the common header: 4 words and 16 bytes */
	unsigned header = 4 * ptr_size + 16;

	out->minor = minor;
	out->varint_names = minor >= 17;
	out->embedded_in_name = minor >= 19;
	out->type_region = minor >= 27;
	/* Key, Elem, Bucket/Group, Hasher, then: through 1.23 (and 1.24-1.25
	 * built with noswissmap) four sizes in 8 bytes; swiss maps (1.24 on)
	 * GroupSize, SlotSize, ElemOff and a uint32 of flags; 1.27 GroupSize,
	 * KeysOff, KeyStride, ElemsOff, ElemStride, ElemOff and the flags. */
	if (minor >= 27)
		out->map_size = header + 10 * ptr_size + ptr_size;
	else if (minor >= 26 || (minor >= 24 && swiss))
		out->map_size = header + 7 * ptr_size + ptr_size;
	else
		out->map_size = header + 4 * ptr_size + 8;
	/* Inter, Type, Hash: 32-bit itabs had 4 bytes of padding after Hash
	 * until runtime.itab became abi.ITab (1.23). */
	out->itab_fun = ptr_size == 8 ? 24 : minor <= 22 ? 16 : 12;
}
