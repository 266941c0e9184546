/* Mach-O files (thin: one architecture; a universal file's slices are
 * opened one by one), read by hand within the view: Debian has no
 * maintained C library for the format.  Layouts from Apple's
 * <mach-o/loader.h> and <mach-o/nlist.h>. */
#include <stdlib.h>
#include <string.h>

#include "objfile_int.h"

#define MH_MAGIC 0xfeedfaceu
#define MH_MAGIC_64 0xfeedfacfu
#define MH_EXECUTE 2u
#define MH_PIE 0x200000u
#define LC_SEGMENT 0x1u
#define LC_SYMTAB 0x2u
#define LC_SEGMENT_64 0x19u
#define LC_DYLD_INFO 0x22u
#define LC_VERSION_MIN_IPHONEOS 0x25u
#define LC_BUILD_VERSION 0x32u
#define LC_DYLD_INFO_ONLY 0x80000022u
#define LC_DYLD_CHAINED_FIXUPS 0x80000034u
#define PLATFORM_IOS 2u
#define PLATFORM_IOSSIMULATOR 7u
#define SECTION_TYPE 0xffu
#define S_ZEROFILL 0x1u
#define S_GB_ZEROFILL 0xcu
#define S_THREAD_LOCAL_ZEROFILL 0x12u
#define S_ATTR_PURE_INSTRUCTIONS 0x80000000u
#define S_ATTR_SOME_INSTRUCTIONS 0x400u
#define VM_PROT_WRITE 0x2u
#define VM_PROT_EXECUTE 0x4u

static const struct {
	uint32_t cputype;
	unsigned ptr_size;
	const char *goarch;
} macho_arches[] = {
	{ 0x01000007, 8, "amd64" }, /* CPU_TYPE_X86_64 */
	{ 0x0100000c, 8, "arm64" }, /* CPU_TYPE_ARM64 */
	{ 7, 4, "386" },            /* CPU_TYPE_X86 */
	{ 12, 4, "arm" },           /* CPU_TYPE_ARM */
};

/* What the load commands say, gathered in one pass. */
struct macho {
	struct gtd_objfile *f;
	struct gtd_cursor cmds;  /* the load commands */
	int is64;
	uint64_t *seg_vmaddr;    /* per segment command, in order (dyld's segment index) */
	size_t nseg;
	uint64_t image_base;     /* the vmaddr of the segment that maps the header */
	const uint8_t *symtab;   /* LC_SYMTAB's command, or NULL */
	struct gtd_cursor rebase, fixups;
	int has_rebase, has_fixups, ios;
};

static uint32_t u32(const struct gtd_objfile *f, const uint8_t *p)
{
	return (uint32_t)gtd_obj_get(f, p, 4);
}

/* A word of a segment or section command: 4 or 8 bytes. */
static uint64_t word(const struct macho *m, const uint8_t *p)
{
	return gtd_obj_get(m->f, p, m->is64 ? 8 : 4);
}

static int read_header(struct macho *m, struct gtd_error *err)
{
	struct gtd_objfile *f = m->f;
	size_t hdr = m->is64 ? 32 : 28;
	uint32_t cputype, ncmds, sizeofcmds;

	if (f->len < hdr)
		return gtd_fail(err, GTD_EDATA, "Mach-O header: %zu bytes expected, the file has %zu",
				hdr, f->len);
	cputype = u32(f, f->data + 4);
	ncmds = u32(f, f->data + 16);
	sizeofcmds = u32(f, f->data + 20);
	if (u32(f, f->data + 12) != MH_EXECUTE)
		f->info.image = GTD_OBJ_IMAGE_LIBRARY;
	else
		f->info.image = u32(f, f->data + 24) & MH_PIE ? GTD_OBJ_IMAGE_PIE : GTD_OBJ_IMAGE_EXEC;
	for (size_t i = 0; i < sizeof macho_arches / sizeof macho_arches[0]; i++)
		if (macho_arches[i].cputype == cputype && macho_arches[i].ptr_size == (m->is64 ? 8u : 4u)) {
			f->info.goarch = macho_arches[i].goarch;
			f->info.machine = cputype;
		}
	if (!f->info.goarch)
		return gtd_fail(err, GTD_EUNSUPPORTED, "Mach-O header: CPU type 0x%x (%d-bit, %s-endian) "
				"is not a Go target", cputype, m->is64 ? 64 : 32,
				f->info.big_endian ? "big" : "little");
	if (sizeofcmds > f->len - hdr || ncmds > sizeofcmds / 8)
		return gtd_fail(err, GTD_EDATA, "Mach-O header: %u load commands in %u bytes at offset "
				"0x%llx: past the end of the file (0x%llx) or smaller than 8 bytes each",
				ncmds, sizeofcmds, (unsigned long long)(f->base + hdr),
				(unsigned long long)(f->base + f->len));
	gtd_cursor_init(&m->cmds, f->data + hdr, sizeofcmds, f->base + hdr, err);
	return GTD_OK;
}

/* Calls fn on every load command: its type, bytes and index. */
static int each_command(struct macho *m, int (*fn)(struct macho *, uint32_t, const uint8_t *, uint32_t,
						   struct gtd_error *),
			struct gtd_error *err)
{
	struct gtd_cursor c = m->cmds;
	uint32_t ncmds = u32(m->f, m->f->data + 16);

	for (uint32_t i = 0; i < ncmds; i++) {
		uint64_t at = gtd_cursor_offset(&c);
		const uint8_t *p;
		uint32_t cmd, size;

		if (gtd_cursor_left(&c) < 8)
			return gtd_fail(err, GTD_EDATA, "Mach-O load command %u at offset 0x%llx: past "
					"the load commands' end", i, (unsigned long long)at);
		cmd = u32(m->f, c.data + c.pos);
		size = u32(m->f, c.data + c.pos + 4);
		if (size < 8 || gtd_cursor_bytes(&c, size, &p))
			return gtd_fail(err, GTD_EDATA, "Mach-O load command %u at offset 0x%llx: size %u, "
					"not 8 to %zu", i, (unsigned long long)at, size,
					gtd_cursor_left(&c));
		if (fn(m, cmd, p, size, err))
			return gtd_context(err, "Mach-O load command %u (0x%x) at offset 0x%llx", i, cmd,
					   (unsigned long long)at);
	}
	return GTD_OK;
}

static size_t segment_size(const struct macho *m)
{
	return m->is64 ? 72 : 56;
}

static size_t section_size(const struct macho *m)
{
	return m->is64 ? 80 : 68;
}

static int is_segment(const struct macho *m, uint32_t cmd)
{
	return cmd == (m->is64 ? LC_SEGMENT_64 : LC_SEGMENT);
}

/* First pass: how many segments and sections there are, each segment
 * command checked to hold its sections. */
static int count_command(struct macho *m, uint32_t cmd, const uint8_t *p, uint32_t size,
			 struct gtd_error *err)
{
	uint32_t nsects;

	if (!is_segment(m, cmd))
		return GTD_OK;
	if (size < segment_size(m))
		return gtd_fail(err, GTD_EDATA, "segment command of %u bytes, not %zu", size,
				segment_size(m));
	nsects = u32(m->f, p + (m->is64 ? 64 : 48));
	if (nsects > (size - segment_size(m)) / section_size(m))
		return gtd_fail(err, GTD_EDATA, "%u sections of %zu bytes: more than the command's "
				"%u bytes hold", nsects, section_size(m), size);
	m->nseg++;
	m->f->nsec += nsects;
	return GTD_OK;
}

static int add_section(struct macho *m, const uint8_t *p, uint32_t initprot, struct gtd_obj_section *s,
		       struct gtd_error *err)
{
	const uint8_t *q = p + 32;
	uint32_t flags, type;

	if (!(s->name = gtd_obj_name(m->f, p, 16, err)) ||
	    !(s->segment = gtd_obj_name(m->f, p + 16, 16, err)))
		return err->code;
	s->addr = word(m, q);
	s->size = word(m, q + (m->is64 ? 8 : 4));
	q += m->is64 ? 16 : 8;
	s->offset = u32(m->f, q);
	flags = u32(m->f, q + 16);
	type = flags & SECTION_TYPE;
	s->type = flags;
	s->file_size = type == S_ZEROFILL || type == S_GB_ZEROFILL || type == S_THREAD_LOCAL_ZEROFILL
			       ? 0 : s->size;
	s->flags = GTD_OBJ_SEC_ALLOC | (initprot & VM_PROT_WRITE ? GTD_OBJ_SEC_WRITE : 0) |
		   (flags & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS) ||
				    initprot & VM_PROT_EXECUTE ? GTD_OBJ_SEC_EXEC : 0);
	return GTD_OK;
}

static int linkedit_data(struct macho *m, const uint8_t *p, uint32_t size, struct gtd_cursor *out,
			 struct gtd_error *err)
{
	uint32_t off, n;
	struct gtd_cursor file;

	if (size < 16)
		return gtd_fail(err, GTD_EDATA, "command of %u bytes, not 16", size);
	off = u32(m->f, p + 8);
	n = u32(m->f, p + 12);
	gtd_cursor_init(&file, m->f->data, m->f->len, m->f->base, err);
	return gtd_cursor_sub(&file, off, n, out);
}

/* Second pass: sections, segments, and where the other tables are. */
static int read_command(struct macho *m, uint32_t cmd, const uint8_t *p, uint32_t size,
			struct gtd_error *err)
{
	if (is_segment(m, cmd)) {
		uint32_t nsects = u32(m->f, p + (m->is64 ? 64 : 48));
		uint32_t initprot = u32(m->f, p + (m->is64 ? 60 : 44));
		uint64_t vmaddr = word(m, p + 24), fileoff = word(m, p + (m->is64 ? 40 : 32));
		uint64_t filesize = word(m, p + (m->is64 ? 48 : 36));

		if (fileoff == 0 && filesize != 0)
			m->image_base = vmaddr;
		m->seg_vmaddr[m->nseg++] = vmaddr;
		for (uint32_t i = 0; i < nsects; i++)
			if (add_section(m, p + segment_size(m) + i * section_size(m), initprot,
					&m->f->sec[m->f->nsec++], err))
				return err->code;
		return GTD_OK;
	}
	switch (cmd) {
	case LC_SYMTAB:
		if (size < 24)
			return gtd_fail(err, GTD_EDATA, "command of %u bytes, not 24", size);
		m->symtab = p;
		return GTD_OK;
	case LC_DYLD_INFO:
	case LC_DYLD_INFO_ONLY: /* rebase_off and rebase_size lead it as a linkedit_data_command's */
		m->has_rebase = 1;
		return linkedit_data(m, p, size, &m->rebase, err);
	case LC_DYLD_CHAINED_FIXUPS:
		m->has_fixups = 1;
		return linkedit_data(m, p, size, &m->fixups, err);
	case LC_BUILD_VERSION:
		if (size < 12)
			return gtd_fail(err, GTD_EDATA, "command of %u bytes, not 12", size);
		m->ios = u32(m->f, p + 8) == PLATFORM_IOS || u32(m->f, p + 8) == PLATFORM_IOSSIMULATOR;
		return GTD_OK;
	case LC_VERSION_MIN_IPHONEOS:
		m->ios = 1;
		return GTD_OK;
	}
	return GTD_OK;
}

static int read_symbol(struct macho *m, const uint8_t *p, const uint8_t *strtab, uint32_t strsize,
		       size_t i, struct gtd_obj_symbol *s, struct gtd_error *err)
{
	struct gtd_objfile *f = m->f;
	uint32_t strx = u32(f, p);
	uint8_t sect = p[5];

	if (strx >= strsize || !memchr(strtab + strx, '\0', strsize - strx))
		return gtd_fail(err, GTD_EDATA, "Mach-O symbol %zu: name at %u: not a string of the "
				"%u-byte string table", i, strx, strsize);
	s->name = (const char *)strtab + strx;
	s->value = m->is64 ? gtd_obj_get(f, p + 8, 8) : u32(f, p + 8);
	s->section = sect ? (int64_t)sect - 1 : -1;
	if (sect > f->nsec)
		return gtd_fail(err, GTD_EDATA, "Mach-O symbol %zu (%s): section %u of %zu", i, s->name,
				sect, f->nsec);
	return GTD_OK;
}

static int read_symbols(struct macho *m, struct gtd_error *err)
{
	struct gtd_objfile *f = m->f;
	uint32_t symoff, nsyms, stroff, strsize;
	size_t entsize = m->is64 ? 16 : 12;

	if (!m->symtab)
		return GTD_OK;
	symoff = u32(f, m->symtab + 8);
	nsyms = u32(f, m->symtab + 12);
	stroff = u32(f, m->symtab + 16);
	strsize = u32(f, m->symtab + 20);
	if (gtd_obj_check_table(f, symoff, nsyms, entsize, "Mach-O symbol table", err) ||
	    gtd_obj_check_table(f, stroff, strsize, 1, "Mach-O string table", err) ||
	    gtd_obj_alloc_symbols(f, nsyms, err))
		return err->code;
	for (size_t i = 0; i < nsyms; i++)
		if (read_symbol(m, f->data + symoff + i * entsize, f->data + stroff, strsize, i,
				&f->sym[i], err))
			return err->code;
	return GTD_OK;
}

static int read_macho(struct macho *m, struct gtd_error *err)
{
	struct gtd_objfile *f = m->f;
	size_t nsec;

	if (read_header(m, err) || each_command(m, count_command, err))
		return err->code;
	nsec = f->nsec;
	f->nsec = 0;
	if (gtd_obj_alloc_sections(f, nsec, err))
		return err->code;
	f->nsec = 0;
	if (m->nseg && !(m->seg_vmaddr = calloc(m->nseg, sizeof *m->seg_vmaddr)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu segments", m->nseg);
	m->nseg = 0;
	if (each_command(m, read_command, err))
		return err->code;
	f->info.goos = m->ios ? "ios" : "darwin";
	if (gtd_obj_map_sections(f, err) || read_symbols(m, err))
		return err->code;
	if (m->has_rebase && m->rebase.len &&
	    gtd_obj_macho_rebase(f, &m->rebase, m->seg_vmaddr, m->nseg))
		return gtd_context(err, "Mach-O rebase opcodes");
	if (m->has_fixups && gtd_obj_macho_chained_fixups(f, &m->fixups, m->image_base))
		return gtd_context(err, "Mach-O chained fixups");
	return gtd_obj_sort_relocs(f, err);
}

int gtd_obj_open_macho(struct gtd_objfile *f, struct gtd_error *err)
{
	struct macho m = { 0 };
	uint32_t le = (uint32_t)f->data[0] | (uint32_t)f->data[1] << 8 | (uint32_t)f->data[2] << 16 |
		      (uint32_t)f->data[3] << 24;
	int rc;

	f->info.format = GTD_OBJ_MACHO;
	f->info.big_endian = le != MH_MAGIC && le != MH_MAGIC_64;
	m.f = f;
	m.is64 = le == MH_MAGIC_64 || u32(f, f->data) == MH_MAGIC_64;
	f->info.ptr_size = m.is64 ? 8 : 4;
	rc = read_macho(&m, err);
	free(m.seg_vmaddr);
	return rc;
}
