/* The relocation table: the words the loader writes, with the value each
 * holds at base 0, bounded by the view and sorted for reads to patch. */
#include <stdlib.h>

#include "objfile_int.h"

size_t gtd_objfile_nrelocs(const struct gtd_objfile *f)
{
	return f->nrel;
}

const struct gtd_obj_reloc *gtd_objfile_reloc(const struct gtd_objfile *f, size_t i)
{
	return i < f->nrel ? &f->rel[i] : NULL;
}

/* The file bytes of a loaded section that hold [addr, addr+n), or NULL
 * with the reason in err. */
static const uint8_t *file_bytes(const struct gtd_objfile *f, uint64_t addr, size_t n,
				 struct gtd_error *err)
{
	const struct gtd_obj_span *sp = gtd_obj_span_at(f, addr);
	const struct gtd_obj_section *s;
	uint64_t off;

	if (!sp) {
		gtd_fail(err, GTD_EDATA, "address 0x%llx: not in any loaded section",
			 (unsigned long long)addr);
		return NULL;
	}
	s = &f->sec[sp->idx];
	off = addr - s->addr;
	if (off > s->file_size || n > s->file_size - off) {
		gtd_fail(err, GTD_EDATA, "address 0x%llx: %zu bytes not in the file bytes of section "
			 "%s (0x%llx-0x%llx)", (unsigned long long)addr, n, s->name,
			 (unsigned long long)s->addr, (unsigned long long)(s->addr + s->file_size));
		return NULL;
	}
	return f->data + s->offset + off;
}

int gtd_obj_raw_word(const struct gtd_objfile *f, uint64_t addr, uint64_t *v, struct gtd_error *err)
{
	const uint8_t *p = file_bytes(f, addr, f->info.ptr_size, err);

	if (!p)
		return err->code;
	*v = gtd_obj_get(f, p, f->info.ptr_size);
	return GTD_OK;
}

int gtd_obj_add_reloc(struct gtd_objfile *f, uint64_t addr, uint64_t value, struct gtd_error *err)
{
	if (!file_bytes(f, addr, f->info.ptr_size, err))
		return gtd_context(err, "relocation");
	if (f->nrel == f->relcap) {
		size_t cap = f->relcap ? 2 * f->relcap : 256, most = f->len / f->info.ptr_size;
		struct gtd_obj_reloc *r;

		if (f->nrel >= most)
			return gtd_fail(err, GTD_EDATA, "relocation at 0x%llx: more relocations than "
					"the %zu words of the file", (unsigned long long)addr, most);
		if (cap > most)
			cap = most;
		if (!(r = realloc(f->rel, cap * sizeof *r)))
			return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu relocations", cap);
		f->rel = r;
		f->relcap = cap;
	}
	if (f->info.ptr_size == 4)
		value &= 0xffffffffu;
	f->rel[f->nrel++] = (struct gtd_obj_reloc){ addr, value };
	return GTD_OK;
}

static int reloc_by_addr(const void *a, const void *b)
{
	const struct gtd_obj_reloc *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

int gtd_obj_sort_relocs(struct gtd_objfile *f, struct gtd_error *err)
{
	if (f->nrel)
		qsort(f->rel, f->nrel, sizeof *f->rel, reloc_by_addr);
	for (size_t i = 1; i < f->nrel; i++)
		if (f->rel[i].addr - f->rel[i - 1].addr < f->info.ptr_size)
			return gtd_fail(err, GTD_EDATA, "relocations at 0x%llx and 0x%llx: on one word "
					"(a loader relocates each word once)",
					(unsigned long long)f->rel[i - 1].addr,
					(unsigned long long)f->rel[i].addr);
	return GTD_OK;
}

