/* The sections: their file bytes checked against the view, and those that
 * take addresses sorted into a map for lookups by address. */
#include <stdlib.h>
#include <string.h>

#include "objfile_int.h"

/* Sections that take address space: loaded and not empty.  A thread-local
 * zero-filled template (ELF .tbss) is given an address that overlaps what
 * follows it, and takes none of its own. */
static int takes_addresses(const struct gtd_obj_section *s)
{
	return (s->flags & GTD_OBJ_SEC_ALLOC) && s->size > 0 &&
	       !((s->flags & GTD_OBJ_SEC_TLS) && s->file_size == 0);
}

static int by_addr(const void *a, const void *b)
{
	const struct gtd_obj_span *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int check_file_bytes(const struct gtd_objfile *f, size_t i, struct gtd_error *err)
{
	const struct gtd_obj_section *s = &f->sec[i];

	if (s->file_size > s->size && (s->flags & GTD_OBJ_SEC_ALLOC))
		return gtd_fail(err, GTD_EDATA, "section %zu (%s): 0x%llx file bytes, more than its "
				"0x%llx bytes in memory", i, s->name, (unsigned long long)s->file_size,
				(unsigned long long)s->size);
	/* (the offset of a section without file bytes is meaningless: a
	 * stripped ELF file's .bss may point past its end) */
	if (s->file_size && (s->offset > f->len || s->file_size > f->len - s->offset))
		return gtd_fail(err, GTD_EDATA, "section %zu (%s): bytes 0x%llx-0x%llx: past the end "
				"of the file (0x%llx)", i, s->name,
				(unsigned long long)(f->base + s->offset),
				(unsigned long long)(f->base + s->offset + s->file_size),
				(unsigned long long)(f->base + f->len));
	if (takes_addresses(s) && s->size > UINT64_MAX - s->addr)
		return gtd_fail(err, GTD_EDATA, "section %zu (%s): address 0x%llx + size 0x%llx wraps",
				i, s->name, (unsigned long long)s->addr, (unsigned long long)s->size);
	return GTD_OK;
}

int gtd_obj_map_sections(struct gtd_objfile *f, struct gtd_error *err)
{
	size_t i, n = 0;

	for (i = 0; i < f->nsec; i++)
		if (check_file_bytes(f, i, err))
			return err->code;
	if (f->nsec && !(f->mapped = malloc(f->nsec * sizeof *f->mapped)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu sections", f->nsec);
	for (i = 0; i < f->nsec; i++) {
		const struct gtd_obj_section *s = &f->sec[i];

		if (takes_addresses(s))
			f->mapped[n++] = (struct gtd_obj_span){ s->addr, s->addr + s->size, i };
	}
	if (n)
		qsort(f->mapped, n, sizeof *f->mapped, by_addr);
	f->nmapped = n;
	for (i = 1; i < n; i++) {
		const struct gtd_obj_span *a = &f->mapped[i - 1], *b = &f->mapped[i];

		if (b->addr < a->end)
			return gtd_fail(err, GTD_EDATA, "sections %zu (%s, 0x%llx-0x%llx) and %zu (%s, at "
					"0x%llx) overlap", a->idx, f->sec[a->idx].name,
					(unsigned long long)a->addr, (unsigned long long)a->end, b->idx,
					f->sec[b->idx].name, (unsigned long long)b->addr);
	}
	return GTD_OK;
}

size_t gtd_objfile_nsections(const struct gtd_objfile *f)
{
	return f->nsec;
}

const struct gtd_obj_section *gtd_objfile_section(const struct gtd_objfile *f, size_t i)
{
	return i < f->nsec ? &f->sec[i] : NULL;
}

static int name_matches(const struct gtd_obj_section *s, const char *name)
{
	size_t seg = strlen(s->segment);

	if (strcmp(s->name, name) == 0)
		return 1;
	return seg && strncmp(name, s->segment, seg) == 0 && name[seg] == ',' &&
	       strcmp(name + seg + 1, s->name) == 0;
}

const struct gtd_obj_section *gtd_objfile_section_by_name(const struct gtd_objfile *f,
							  const char *name)
{
	for (size_t i = 0; i < f->nsec; i++)
		if (name_matches(&f->sec[i], name))
			return &f->sec[i];
	return NULL;
}

const struct gtd_obj_span *gtd_obj_span_at(const struct gtd_objfile *f, uint64_t addr)
{
	size_t lo = 0, hi = f->nmapped;

	while (lo < hi) { /* the first span ending after addr */
		size_t mid = lo + (hi - lo) / 2;

		if (f->mapped[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < f->nmapped && f->mapped[lo].addr <= addr ? &f->mapped[lo] : NULL;
}

const struct gtd_obj_section *gtd_objfile_section_at(const struct gtd_objfile *f, uint64_t addr)
{
	const struct gtd_obj_span *sp = gtd_obj_span_at(f, addr);

	return sp ? &f->sec[sp->idx] : NULL;
}

