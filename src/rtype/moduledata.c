/* Finding runtime.moduledata and choosing its layout.  By symbol
 * (runtime.firstmoduledata), else by the section 1.26's linker gives it
 * (.go.module, __go_module), else as the pointer-sized word that holds
 * the pclntab's address (pcHeader is moduledata's first field since
 * 1.16), wherever such a word lies in the file, each candidate checked
 * against the layouts.  The layout comes from the Go release the build
 * info names; without one, each layout whose releases write the
 * pclntab's magic is tried and the first whose fields hold together
 * wins (module.layout says which).  Never from the magic alone: 1.20 to
 * 1.27 write the same one. */
#include <string.h>

#include "moduledata.h"

/* Reads the layout's words at addr. */
static int read_words(struct rt_module *m, uint64_t addr, const struct rt_md_layout *l)
{
	for (unsigned i = 0; i < l->words; i++)
		if (gtd_objfile_ptr(m->f, addr + (uint64_t)i * m->w, &m->words[i], m->err))
			return gtd_context(m->err, "moduledata at 0x%llx", (unsigned long long)addr);
	return GTD_OK;
}

static int in_file(const struct rt_module *m, uint64_t addr)
{
	const struct gtd_obj_section *s = gtd_objfile_section_at(m->f, addr);

	return s && addr - s->addr < s->file_size;
}

static int fail_check(struct rt_module *m, uint64_t addr, const struct rt_md_layout *l, const char *what)
{
	return gtd_fail(m->err, GTD_EDATA, "moduledata at 0x%llx: not as %s writes it: %s",
			(unsigned long long)addr, l->name, what);
}

/* A slice's length and capacity agree (the linker writes full slices). */
static int full_slice(const struct rt_module *m, int field)
{
	return field < 0 || rt_md_word(m, field + 1) == rt_md_word(m, field + 2);
}

/* Do the words at addr hold together as layout l's moduledata? */
static int check_layout(struct rt_module *m, uint64_t addr, const struct rt_md_layout *l)
{
	uint64_t text = m->words[l->text], etext = m->words[l->etext];
	uint64_t minpc = m->words[l->minpc], maxpc = m->words[l->maxpc];
	uint64_t types = m->words[l->types], etypes = m->words[l->etypes];
	uint32_t magic;
	uint8_t hasmain;

	if (gtd_objfile_u32(m->f, m->words[0], &magic, m->err))
		return fail_check(m, addr, l, "its pcHeader is not in the file");
	if (magic != l->pclntab_magic)
		return fail_check(m, addr, l, "the pclntab's magic is another release's");
	if (!(text <= minpc && minpc <= maxpc && maxpc <= etext))
		return fail_check(m, addr, l, "text, minpc, maxpc, etext out of order");
	if (!(types < etypes && etypes - types < ((uint64_t)1 << 31) && in_file(m, types)))
		return fail_check(m, addr, l, "types and etypes are no region of the file");
	if (!full_slice(m, l->ftab) || !full_slice(m, l->typelinks) || !full_slice(m, l->itablinks) ||
	    !full_slice(m, l->textsectmap))
		return fail_check(m, addr, l, "a table's length is not its capacity");
	if (l->typedesclen >= 0 && (m->words[l->typedesclen] > etypes - types ||
				    m->words[l->itaboffset] > etypes - types ||
				    m->words[l->itabsize] > etypes - types - m->words[l->itaboffset]))
		return fail_check(m, addr, l, "typedesclen or the itabs run past etypes");
	if (gtd_objfile_read(m->f, addr + (uint64_t)l->hasmain * m->w, &hasmain, 1, m->err) || hasmain > 1)
		return fail_check(m, addr, l, "hasmain is neither 0 nor 1");
	return GTD_OK;
}

/* Tries the layouts (the one for minor, or every one) at addr. */
static int try_layouts(struct rt_module *m, uint64_t addr, unsigned minor)
{
	size_t n;
	const struct rt_md_layout *ls = rt_md_layouts(&n);

	if (minor) {
		const struct rt_md_layout *l = rt_md_layout_for(minor);

		if (read_words(m, addr, l) || check_layout(m, addr, l))
			return m->err->code;
		m->md = l;
		return GTD_OK;
	}
	for (size_t i = n; i-- > 0;) /* newest first */
		if (!read_words(m, addr, &ls[i]) && !check_layout(m, addr, &ls[i])) {
			m->md = &ls[i];
			return GTD_OK;
		}
	return gtd_fail(m->err, GTD_EDATA, "moduledata at 0x%llx: no layout of Go 1.%u-1.%u fits it",
			(unsigned long long)addr, RT_FIRST_MINOR, RT_LAST_MINOR);
}

/* The pclntab's address: its section, its symbol. */
static int pclntab_addr(const struct gtd_objfile *f, uint64_t *addr)
{
	const char *names[] = { ".gopclntab", ".data.rel.ro.gopclntab", "__TEXT,__gopclntab",
				"__DATA_CONST,__gopclntab" };
	const struct gtd_obj_symbol *sym;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct gtd_obj_section *s = gtd_objfile_section_by_name(f, names[i]);

		if (s && s->file_size) {
			*addr = s->addr;
			return 1;
		}
	}
	if ((sym = gtd_objfile_symbol_by_name(f, "runtime.pclntab")) && sym->section >= 0) {
		*addr = sym->value;
		return 1;
	}
	return 0;
}

/* A pclntab header by its bytes: a known magic, two zero bytes, the
 * instruction size quantum and the pointer size. */
static int is_pclntab(const struct gtd_obj_info *in, const uint8_t *p)
{
	uint32_t magic = in->big_endian ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
					: (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];

	return (magic == 0xfffffffa || magic == 0xfffffff0 || magic == 0xfffffff1) && !p[4] && !p[5] &&
	       (p[6] == 1 || p[6] == 2 || p[6] == 4) && p[7] == in->ptr_size;
}

/* The first 4-aligned pclntab header in the n bytes at p (at address
 * addr), or -1.  Every magic is 0xffffff and one byte: a word whose three
 * 0xff bytes are not where the magic has them is passed over with one
 * test (the pclntab may lie megabytes into rodata). */
static int64_t find_pclntab(const struct gtd_obj_info *in, const uint8_t *p, uint64_t n, uint64_t addr)
{
	/* the magic's three high bytes in the file's order, as a mask and
	 * value over the word's four bytes in memory order */
	static const uint8_t le[4] = { 0, 0xff, 0xff, 0xff }, be[4] = { 0xff, 0xff, 0xff, 0 };
	uint32_t mask, want;

	memcpy(&mask, in->big_endian ? be : le, 4);
	want = mask;
	for (uint64_t at = (4 - (addr & 3)) & 3; at + 64 <= n; at += 4) {
		uint32_t v;

		memcpy(&v, p + at, 4);
		if ((v & mask) == want && is_pclntab(in, p + at))
			return (int64_t)at;
	}
	return -1;
}

/* A PE has no pclntab section, a stripped file no symbols, and an
 * external linker merges .gopclntab into its .data.rel.ro (writable, as
 * relro is until the loader protects it): the header is found by its
 * bytes, 4-aligned, in the data that is no code. */
static int scan_pclntab(const struct gtd_objfile *f, uint64_t *addr)
{
	const struct gtd_obj_info *in = gtd_objfile_info(f);

	for (size_t k = 0; k < gtd_objfile_nsections(f); k++) {
		const struct gtd_obj_section *s = gtd_objfile_section(f, k);
		const uint8_t *p;
		struct gtd_error ignored;
		int64_t at;

		if (!(s->flags & GTD_OBJ_SEC_ALLOC) || (s->flags & GTD_OBJ_SEC_EXEC) ||
		    s->file_size < 64 || gtd_objfile_bytes(f, s->addr, s->file_size, &p, &ignored))
			continue;
		if ((at = find_pclntab(in, p, s->file_size, s->addr)) >= 0) {
			*addr = s->addr + (uint64_t)at;
			return 1;
		}
	}
	return 0;
}

/* Tries every pointer-aligned word of section s equal to pclntab (read
 * relocated, so that a PIE's words read as addresses); 1 when one holds
 * together as moduledata. */
static int scan_section(struct rt_module *m, const struct gtd_obj_section *s, uint64_t pclntab,
			unsigned minor, uint64_t *addr)
{
	uint8_t buf[65536];
	int be = gtd_objfile_info(m->f)->big_endian;

	for (uint64_t at = s->addr; at < s->addr + s->file_size; at += sizeof buf) {
		uint64_t n = s->addr + s->file_size - at < sizeof buf ? s->addr + s->file_size - at : sizeof buf;

		if (gtd_objfile_read(m->f, at, buf, n, m->err))
			return -1;
		for (uint64_t i = (m->w - (at % m->w)) % m->w; i + m->w <= n; i += m->w) {
			uint64_t v = 0;

			for (unsigned b = 0; b < m->w; b++)
				v |= (uint64_t)buf[i + (be ? m->w - 1 - b : b)] << (8 * b);
			if (v == pclntab && !try_layouts(m, at + i, minor)) {
				*addr = at + i;
				return 1;
			}
		}
	}
	return 0;
}

/* moduledata as the word that points at the pclntab: in the writable
 * data first (where every release's linker puts it), then in the rest
 * that is no code. */
static int scan_for_pointer(struct rt_module *m, uint64_t pclntab, unsigned minor, uint64_t *addr)
{
	for (int writable = 1; writable >= 0; writable--)
		for (size_t k = 0; k < gtd_objfile_nsections(m->f); k++) {
			const struct gtd_obj_section *s = gtd_objfile_section(m->f, k);
			int rc;

			if (!(s->flags & GTD_OBJ_SEC_ALLOC) || (s->flags & GTD_OBJ_SEC_EXEC) || !s->file_size ||
			    !!(s->flags & GTD_OBJ_SEC_WRITE) != writable)
				continue;
			if ((rc = scan_section(m, s, pclntab, minor, addr)) < 0)
				return m->err->code;
			if (rc)
				return GTD_OK;
		}
	return gtd_fail(m->err, GTD_EDATA, "no moduledata: no word in the file's data points at "
			"the pclntab at 0x%llx and holds together as moduledata",
			(unsigned long long)pclntab);
}

int rt_find_moduledata(struct rt_module *m, unsigned minor, const char **found)
{
	const struct gtd_obj_symbol *sym = gtd_objfile_symbol_by_name(m->f, "runtime.firstmoduledata");
	const struct gtd_obj_section *s = gtd_objfile_section_by_name(m->f, ".go.module");
	uint64_t pclntab;

	if (!s)
		s = gtd_objfile_section_by_name(m->f, "__DATA,__go_module");
	if (sym && sym->section >= 0) {
		*found = "symbol";
		m->md_addr = sym->value;
	} else if (s) {
		*found = "section";
		m->md_addr = s->addr;
	} else if (pclntab_addr(m->f, &pclntab) || scan_pclntab(m->f, &pclntab)) {
		*found = "scan";
		return scan_for_pointer(m, pclntab, minor, &m->md_addr);
	} else {
		return gtd_fail(m->err, GTD_EDATA, "no moduledata: no runtime.firstmoduledata, no "
				".go.module section and no pclntab");
	}
	return try_layouts(m, m->md_addr, minor);
}
