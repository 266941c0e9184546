/* Reads by virtual address: a loaded section's file bytes (zeros past
 * them), with the relocated words written over. */
#include <string.h>

#include "objfile_int.h"

static void put(const struct gtd_objfile *f, uint8_t *p, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		p[f->info.big_endian ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

/* The first relocation whose word ends after addr. */
static size_t first_reloc_after(const struct gtd_objfile *f, uint64_t addr)
{
	size_t lo = 0, hi = f->nrel;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->rel[mid].addr < addr && addr - f->rel[mid].addr >= f->info.ptr_size)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Writes the relocated words over buf, which holds [addr, addr+n). */
static void patch(const struct gtd_objfile *f, uint64_t addr, uint8_t *buf, size_t n)
{
	unsigned w = f->info.ptr_size;

	for (size_t i = first_reloc_after(f, addr);
	     i < f->nrel && (f->rel[i].addr < addr || f->rel[i].addr - addr < n); i++) {
		uint8_t word[8];
		uint64_t at = f->rel[i].addr;

		put(f, word, w, f->rel[i].value);
		for (unsigned k = 0; k < w; k++) /* (at + k: inside the word's section) */
			if (at + k >= addr && at + k - addr < n)
				buf[at + k - addr] = word[k];
	}
}

int gtd_objfile_read(const struct gtd_objfile *f, uint64_t addr, void *buf, size_t n,
		     struct gtd_error *err)
{
	const struct gtd_obj_span *sp = gtd_obj_span_at(f, addr);
	const struct gtd_obj_section *s;
	uint64_t off, in_file = 0;

	if (!sp)
		return gtd_fail(err, GTD_EDATA, "address 0x%llx: not in any loaded section",
				(unsigned long long)addr);
	s = &f->sec[sp->idx];
	off = addr - s->addr;
	if (n > s->size - off)
		return gtd_fail(err, GTD_EDATA, "address 0x%llx: %zu bytes past the end of section %s "
				"(0x%llx-0x%llx)", (unsigned long long)addr, n, s->name,
				(unsigned long long)s->addr, (unsigned long long)sp->end);
	if (off < s->file_size)
		in_file = s->file_size - off < n ? s->file_size - off : n;
	if (in_file)
		memcpy(buf, f->data + s->offset + off, in_file);
	memset((uint8_t *)buf + in_file, 0, n - in_file);
	if (f->patches)
		patch(f, addr, buf, n);
	return GTD_OK;
}

static int read_uint(const struct gtd_objfile *f, uint64_t addr, unsigned n, uint64_t *v,
		     struct gtd_error *err)
{
	uint8_t b[8];

	if (gtd_objfile_read(f, addr, b, n, err))
		return err->code;
	*v = gtd_obj_get(f, b, n);
	return GTD_OK;
}

int gtd_objfile_ptr(const struct gtd_objfile *f, uint64_t addr, uint64_t *v, struct gtd_error *err)
{
	return read_uint(f, addr, f->info.ptr_size, v, err);
}

int gtd_objfile_u32(const struct gtd_objfile *f, uint64_t addr, uint32_t *v, struct gtd_error *err)
{
	uint64_t x = 0;

	if (read_uint(f, addr, 4, &x, err))
		return err->code;
	*v = (uint32_t)x;
	return GTD_OK;
}

int gtd_objfile_u64(const struct gtd_objfile *f, uint64_t addr, uint64_t *v, struct gtd_error *err)
{
	return read_uint(f, addr, 8, v, err);
}

int gtd_objfile_bytes(const struct gtd_objfile *f, uint64_t addr, size_t n, const uint8_t **p,
		      struct gtd_error *err)
{
	const struct gtd_obj_span *sp = gtd_obj_span_at(f, addr);
	const struct gtd_obj_section *s;
	uint64_t off;

	if (!sp)
		return gtd_fail(err, GTD_EDATA, "address 0x%llx: not in any loaded section",
				(unsigned long long)addr);
	s = &f->sec[sp->idx];
	off = addr - s->addr;
	if (off > s->file_size || n > s->file_size - off)
		return gtd_fail(err, GTD_EDATA, "address 0x%llx: %zu bytes past the file bytes of "
				"section %s (0x%llx-0x%llx)", (unsigned long long)addr, n, s->name,
				(unsigned long long)s->addr, (unsigned long long)(s->addr + s->file_size));
	*p = f->data + s->offset + off;
	return GTD_OK;
}
