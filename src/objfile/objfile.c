/* The format-independent half of an objfile: opening by magic, what every
 * reader builds with, and the symbols.  (sections.c: the section map;
 * relocs.c: the relocation table; read.c: reads by virtual address.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "objfile_int.h"

const char *gtd_obj_format_name(enum gtd_obj_format fmt)
{
	switch (fmt) {
	case GTD_OBJ_ELF:
		return "elf";
	case GTD_OBJ_MACHO:
		return "macho";
	case GTD_OBJ_PE:
		return "pe";
	}
	return "?";
}

static int has_magic(const uint8_t *data, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(data, magic, n) == 0;
}

static int is_macho(const uint8_t *data, size_t len)
{
	return has_magic(data, len, "\xfe\xed\xfa\xce", 4) || has_magic(data, len, "\xce\xfa\xed\xfe", 4) ||
	       has_magic(data, len, "\xfe\xed\xfa\xcf", 4) || has_magic(data, len, "\xcf\xfa\xed\xfe", 4);
}

static int is_fat(const uint8_t *data, size_t len)
{
	return has_magic(data, len, "\xca\xfe\xba\xbe", 4) || has_magic(data, len, "\xca\xfe\xba\xbf", 4);
}

int gtd_objfile_open(const uint8_t *data, size_t len, uint64_t base, struct gtd_objfile **out,
		     struct gtd_error *err)
{
	struct gtd_objfile *f;
	int rc;

	*out = NULL;
	if (is_fat(data, len))
		return gtd_fail(err, GTD_EUSAGE, "offset 0x%llx: a universal Mach-O: each architecture's "
				"slice is an object of its own (gtd_objfile_slices)",
				(unsigned long long)base);
	if (!(f = calloc(1, sizeof *f)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	f->data = data;
	f->len = len;
	f->base = base;
	if (has_magic(data, len, "\x7f" "ELF", 4))
		rc = gtd_obj_open_elf(f, err);
	else if (is_macho(data, len))
		rc = gtd_obj_open_macho(f, err);
	else if (has_magic(data, len, "MZ", 2))
		rc = gtd_obj_open_pe(f, err);
	else
		rc = gtd_fail(err, GTD_EUNSUPPORTED, "offset 0x%llx: not an ELF, Mach-O or PE file",
			      (unsigned long long)base);
	if (rc) {
		gtd_objfile_free(f);
		return rc;
	}
	*out = f;
	return GTD_OK;
}

void gtd_objfile_set_file_mapped(struct gtd_objfile *f)
{
	f->file_mapped = 1;
}

void gtd_objfile_drop_pages(const struct gtd_objfile *f)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = ((uintptr_t)f->data + page - 1) & ~(page - 1);
	uintptr_t end = ((uintptr_t)f->data + f->len) & ~(page - 1);

	/* whole pages of the view only: a slice shares its edges with others */
	if (f->file_mapped && end > start)
		madvise((void *)start, end - start, MADV_DONTNEED);
}

void gtd_objfile_free(struct gtd_objfile *f)
{
	if (!f)
		return;
	if (f->elf)
		gtd_obj_close_elf(f);
	free(f->sec);
	free(f->mapped);
	free(f->sym);
	free(f->rel);
	gtd_arena_free(&f->names);
	free(f);
}

const struct gtd_obj_info *gtd_objfile_info(const struct gtd_objfile *f)
{
	return &f->info;
}

/* ---- building --------------------------------------------------------- */

int gtd_obj_check_table(const struct gtd_objfile *f, uint64_t off, uint64_t count, uint64_t record,
			const char *what, struct gtd_error *err)
{
	if (off > f->len || (record && count > (f->len - off) / record))
		return gtd_fail(err, GTD_EDATA,
				"%s: %llu entries of %llu bytes at offset 0x%llx: past the end of the "
				"file (0x%llx)", what, (unsigned long long)count,
				(unsigned long long)record, (unsigned long long)(f->base + off),
				(unsigned long long)(f->base + f->len));
	return GTD_OK;
}

int gtd_obj_alloc_sections(struct gtd_objfile *f, size_t n, struct gtd_error *err)
{
	if (n && !(f->sec = calloc(n, sizeof *f->sec)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu sections", n);
	f->nsec = n;
	return GTD_OK;
}

int gtd_obj_alloc_symbols(struct gtd_objfile *f, size_t n, struct gtd_error *err)
{
	if (n && !(f->sym = calloc(n, sizeof *f->sym)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu symbols", n);
	f->nsym = n;
	return GTD_OK;
}

const char *gtd_obj_name(struct gtd_objfile *f, const uint8_t *p, size_t max, struct gtd_error *err)
{
	size_t n = strnlen((const char *)p, max);
	char *s = gtd_arena_alloc(&f->names, n + 1);

	if (!s) {
		gtd_fail(err, GTD_ENOMEM, "out of memory for names");
		return NULL;
	}
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

uint64_t gtd_obj_get(const struct gtd_objfile *f, const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	if (f->info.big_endian)
		for (unsigned i = 0; i < n; i++)
			v = v << 8 | p[i];
	else
		for (unsigned i = n; i-- > 0;)
			v = v << 8 | p[i];
	return v;
}

size_t gtd_objfile_nsymbols(const struct gtd_objfile *f)
{
	return f->nsym;
}

const struct gtd_obj_symbol *gtd_objfile_symbol(const struct gtd_objfile *f, size_t i)
{
	return i < f->nsym ? &f->sym[i] : NULL;
}

/* C's names carry a leading '_' in Mach-O files and 386 COFF symbols. */
static int c_prefixed(const struct gtd_objfile *f)
{
	return f->info.format == GTD_OBJ_MACHO ||
	       (f->info.format == GTD_OBJ_PE && f->info.ptr_size == 4);
}

const struct gtd_obj_symbol *gtd_objfile_symbol_by_name(const struct gtd_objfile *f,
							const char *name)
{
	int prefixed = c_prefixed(f);

	for (size_t i = 0; i < f->nsym; i++) {
		const struct gtd_obj_symbol *s = &f->sym[i];

		if (s->section < 0)
			continue;
		if (strcmp(s->name, name) == 0 || (prefixed && s->name[0] == '_' &&
						   strcmp(s->name + 1, name) == 0))
			return s;
	}
	return NULL;
}

