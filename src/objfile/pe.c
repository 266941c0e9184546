/* PE (Portable Executable) images, read by hand within the view: Debian
 * has no maintained C library for the format.  Layouts from Microsoft's
 * PE format specification.
 *
 * Addresses are ImageBase + RVA: a PE file holds its absolute addresses
 * (Go's pointers among them) as they are at its preferred ImageBase, and
 * its base relocations (.reloc, IMAGE_REL_BASED_DIR64 / HIGHLOW) only
 * tell Windows what to add when it maps the image elsewhere.  Read at
 * ImageBase they change nothing, so they are not read. */
#include <stdlib.h>
#include <string.h>

#include "objfile_int.h"

#define PE_MAGIC_PE32 0x10bu
#define PE_MAGIC_PE32PLUS 0x20bu
#define COFF_SYMBOL_SIZE 18u
#define SECTION_HEADER_SIZE 40u
#define IMAGE_SCN_MEM_EXECUTE 0x20000000u
#define IMAGE_SCN_MEM_WRITE 0x80000000u

static const struct {
	uint16_t machine;
	unsigned ptr_size;
	const char *goarch;
} pe_arches[] = {
	{ 0x8664, 8, "amd64" }, /* IMAGE_FILE_MACHINE_AMD64 */
	{ 0x14c, 4, "386" },    /* IMAGE_FILE_MACHINE_I386 */
	{ 0xaa64, 8, "arm64" }, /* IMAGE_FILE_MACHINE_ARM64 */
	{ 0x1c4, 4, "arm" },    /* IMAGE_FILE_MACHINE_ARMNT */
};

struct pe {
	struct gtd_objfile *f;
	uint64_t coff;          /* the COFF file header, after "PE\0\0" */
	uint64_t image_base;
	const uint8_t *strtab;  /* the COFF string table (its 4-byte size first), or NULL */
	uint32_t strsize;
};

static uint32_t u16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t u32(const uint8_t *p)
{
	return u16(p) | u16(p + 2) << 16;
}

static int read_headers(struct pe *pe, struct gtd_error *err)
{
	struct gtd_objfile *f = pe->f;
	uint32_t lfanew, opt_size, magic, machine;
	const uint8_t *opt;

	if (f->len < 0x40)
		return gtd_fail(err, GTD_EDATA, "MS-DOS header: 64 bytes expected, the file has %zu", f->len);
	lfanew = u32(f->data + 0x3c);
	if (gtd_obj_check_table(f, lfanew, 1, 24, "PE header", err))
		return err->code;
	if (memcmp(f->data + lfanew, "PE\0\0", 4) != 0)
		return gtd_fail(err, GTD_EUNSUPPORTED, "offset 0x%llx: no PE signature (an MS-DOS "
				"program?)", (unsigned long long)(f->base + lfanew));
	pe->coff = lfanew + 4;
	machine = u16(f->data + pe->coff);
	opt_size = u16(f->data + pe->coff + 16);
	for (size_t i = 0; i < sizeof pe_arches / sizeof pe_arches[0]; i++)
		if (pe_arches[i].machine == machine) {
			f->info.goarch = pe_arches[i].goarch;
			f->info.ptr_size = pe_arches[i].ptr_size;
			f->info.machine = machine;
		}
	if (!f->info.goarch)
		return gtd_fail(err, GTD_EUNSUPPORTED, "PE header: machine 0x%x is not a Go target",
				machine);
	if (opt_size < 32)
		return gtd_fail(err, GTD_EDATA, "PE optional header: %u bytes, fewer than 32", opt_size);
	if (gtd_obj_check_table(f, pe->coff + 20, 1, opt_size, "PE optional header", err))
		return err->code;
	opt = f->data + pe->coff + 20;
	magic = u16(opt);
	if (magic != (f->info.ptr_size == 8 ? PE_MAGIC_PE32PLUS : PE_MAGIC_PE32))
		return gtd_fail(err, GTD_EDATA, "PE optional header: magic 0x%x for a %u-bit machine",
				magic, 8 * f->info.ptr_size);
	/* Characteristics' DLL bit; DllCharacteristics' DYNAMIC_BASE */
	if (u16(f->data + pe->coff + 18) & 0x2000)
		f->info.image = GTD_OBJ_IMAGE_LIBRARY;
	else
		f->info.image = opt_size >= 72 && u16(opt + 70) & 0x40 ? GTD_OBJ_IMAGE_PIE : GTD_OBJ_IMAGE_EXEC;
	pe->image_base = f->info.ptr_size == 8 ? (uint64_t)u32(opt + 24) | (uint64_t)u32(opt + 28) << 32
					       : u32(opt + 28);
	return GTD_OK;
}

/* The COFF string table follows the symbols; its first 4 bytes are its
 * size, themselves included. */
static int read_strtab(struct pe *pe, struct gtd_error *err)
{
	struct gtd_objfile *f = pe->f;
	uint32_t symoff = u32(f->data + pe->coff + 8), nsyms = u32(f->data + pe->coff + 12);
	uint64_t off = symoff + (uint64_t)nsyms * COFF_SYMBOL_SIZE;

	if (!symoff)
		return GTD_OK;
	if (gtd_obj_check_table(f, symoff, nsyms, COFF_SYMBOL_SIZE, "COFF symbol table", err) ||
	    gtd_obj_check_table(f, off, 1, 4, "COFF string table", err))
		return err->code;
	pe->strsize = u32(f->data + off);
	if (pe->strsize < 4)
		return gtd_fail(err, GTD_EDATA, "COFF string table: size %u, fewer than 4", pe->strsize);
	if (gtd_obj_check_table(f, off, pe->strsize, 1, "COFF string table", err))
		return err->code;
	pe->strtab = f->data + off;
	return GTD_OK;
}

static const char *long_name(const struct pe *pe, uint64_t off, struct gtd_error *err)
{
	if (!pe->strtab || off < 4 || off >= pe->strsize ||
	    !memchr(pe->strtab + off, '\0', pe->strsize - off)) {
		gtd_fail(err, GTD_EDATA, "name at %llu: not a string of the %u-byte COFF string table",
			 (unsigned long long)off, pe->strsize);
		return NULL;
	}
	return (const char *)pe->strtab + off;
}

/* An 8-byte name, or "/DECIMAL": an offset into the string table (the
 * long names of Go's DWARF sections). */
static const char *section_name(struct pe *pe, const uint8_t *p, struct gtd_error *err)
{
	uint64_t off = 0;
	size_t i;

	if (p[0] != '/')
		return gtd_obj_name(pe->f, p, 8, err);
	for (i = 1; i < 8 && p[i] >= '0' && p[i] <= '9'; i++)
		off = off * 10 + (uint64_t)(p[i] - '0');
	if (i == 1 || (i < 8 && p[i] != '\0')) {
		gtd_fail(err, GTD_EDATA, "name \"%.8s\": not /DECIMAL", (const char *)p);
		return NULL;
	}
	return long_name(pe, off, err);
}

static int read_sections(struct pe *pe, struct gtd_error *err)
{
	struct gtd_objfile *f = pe->f;
	uint32_t n = u16(f->data + pe->coff + 2);
	uint64_t off = pe->coff + 20 + u16(f->data + pe->coff + 16);

	if (gtd_obj_check_table(f, off, n, SECTION_HEADER_SIZE, "PE section table", err) ||
	    gtd_obj_alloc_sections(f, n, err))
		return err->code;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *p = f->data + off + (uint64_t)i * SECTION_HEADER_SIZE;
		struct gtd_obj_section *s = &f->sec[i];
		uint32_t vsize = u32(p + 8), raw = u32(p + 16);

		if (!(s->name = section_name(pe, p, err)))
			return gtd_context(err, "PE section %u", i);
		s->segment = "";
		s->addr = pe->image_base + u32(p + 12);
		/* (a VirtualSize of 0: the raw size, as object files have it) */
		s->size = vsize ? vsize : raw;
		s->file_size = raw < s->size ? raw : s->size;
		s->offset = u32(p + 20);
		s->type = u32(p + 36);
		s->flags = GTD_OBJ_SEC_ALLOC | (s->type & IMAGE_SCN_MEM_WRITE ? GTD_OBJ_SEC_WRITE : 0) |
			   (s->type & IMAGE_SCN_MEM_EXECUTE ? GTD_OBJ_SEC_EXEC : 0);
	}
	return GTD_OK;
}

static int read_symbol(struct pe *pe, const uint8_t *p, uint32_t i, struct gtd_obj_symbol *s,
		       struct gtd_error *err)
{
	struct gtd_objfile *f = pe->f;
	int16_t sect = (int16_t)u16(p + 12);

	s->name = u32(p) == 0 ? long_name(pe, u32(p + 4), err) : gtd_obj_name(f, p, 8, err);
	if (!s->name)
		return gtd_context(err, "COFF symbol %u", i);
	s->value = u32(p + 8);
	s->section = -1;
	if (sect <= 0) /* undefined, absolute, debugging */
		return GTD_OK;
	if ((size_t)sect > f->nsec)
		return gtd_fail(err, GTD_EDATA, "COFF symbol %u (%s): section %d of %zu", i, s->name,
				sect, f->nsec);
	s->section = sect - 1;
	s->value += f->sec[sect - 1].addr;
	return GTD_OK;
}

/* The symbols, each followed by NumberOfAuxSymbols auxiliary records,
 * which are not symbols. */
static int read_symbols(struct pe *pe, struct gtd_error *err)
{
	struct gtd_objfile *f = pe->f;
	uint32_t symoff = u32(f->data + pe->coff + 8), nsyms = u32(f->data + pe->coff + 12), n = 0;

	if (!symoff)
		return GTD_OK;
	for (uint32_t i = 0; i < nsyms; i += 1 + f->data[symoff + (uint64_t)i * COFF_SYMBOL_SIZE + 17])
		n++;
	if (gtd_obj_alloc_symbols(f, n, err))
		return err->code;
	n = 0;
	for (uint32_t i = 0; i < nsyms; i += 1 + f->data[symoff + (uint64_t)i * COFF_SYMBOL_SIZE + 17]) {
		const uint8_t *p = f->data + symoff + (uint64_t)i * COFF_SYMBOL_SIZE;

		if (p[17] > nsyms - i - 1)
			return gtd_fail(err, GTD_EDATA, "COFF symbol %u: %u auxiliary records past the "
					"table's %u", i, p[17], nsyms);
		if (read_symbol(pe, p, i, &f->sym[n++], err))
			return err->code;
	}
	return GTD_OK;
}

int gtd_obj_open_pe(struct gtd_objfile *f, struct gtd_error *err)
{
	struct pe pe = { f, 0, 0, NULL, 0 };

	f->info.format = GTD_OBJ_PE;
	f->info.goos = "windows";
	if (read_headers(&pe, err) || read_strtab(&pe, err) || read_sections(&pe, err) ||
	    gtd_obj_map_sections(f, err) || read_symbols(&pe, err))
		return err->code;
	return GTD_OK;
}
