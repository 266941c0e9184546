/* The relocation table: the words the loader writes, with the value each
 * holds at base 0, bounded by the view and sorted for reads to patch. */
#include <stdlib.h>

#include "gotypedb/keysort.h"
#include "objfile_int.h"

size_t gtd_objfile_nrelocs(const struct gtd_objfile *f)
{
	return f->nrel;
}

const struct gtd_obj_reloc *gtd_objfile_reloc(const struct gtd_objfile *f, size_t i)
{
	return i < f->nrel ? &f->rel[i] : NULL;
}

/* The file bytes of the word at addr, in a loaded section, or NULL with
 * the reason in err.  The relocation tables list words in runs through one
 * section, so the section of the last word found is tried first. */
static const uint8_t *word_bytes(struct gtd_objfile *f, uint64_t addr, struct gtd_error *err)
{
	const struct gtd_obj_span *sp = f->nmapped ? &f->mapped[f->reloc_span] : NULL;
	const struct gtd_obj_section *s;
	size_t n = f->info.ptr_size;
	uint64_t off;

	if (!sp || addr < sp->addr || addr >= sp->end) {
		if (!(sp = gtd_obj_span_at(f, addr))) {
			gtd_fail(err, GTD_EDATA, "address 0x%llx: not in any loaded section",
				 (unsigned long long)addr);
			return NULL;
		}
		f->reloc_span = (size_t)(sp - f->mapped);
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

int gtd_obj_raw_word(struct gtd_objfile *f, uint64_t addr, uint64_t *v, struct gtd_error *err)
{
	const uint8_t *p = word_bytes(f, addr, err);

	if (!p)
		return err->code;
	*v = gtd_obj_get(f, p, f->info.ptr_size);
	return GTD_OK;
}

int gtd_obj_add_reloc(struct gtd_objfile *f, uint64_t addr, uint64_t value, struct gtd_error *err)
{
	const uint8_t *word = word_bytes(f, addr, err);

	if (!word)
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
	/* (once known, not asked again: the word's page need not be touched) */
	if (!f->patches && value != gtd_obj_get(f, word, f->info.ptr_size))
		f->patches = 1;
	f->rel[f->nrel++] = (struct gtd_obj_reloc){ addr, value };
	return GTD_OK;
}

static int reloc_by_addr(const void *a, const void *b)
{
	const struct gtd_obj_reloc *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Puts the relocations in address order.  A loader's table need not be in
 * it (Go's darwin rebase opcodes come in short runs), and a Mach-O PIE has
 * tens of thousands: each one's distance from the lowest address and its
 * index are radix-sorted (keysort.h), then gathered.  qsort where either
 * does not fit 32 bits. */
static int sort_by_addr(struct gtd_objfile *f, struct gtd_error *err)
{
	uint64_t lo = UINT64_MAX, hi = 0, *items;
	struct gtd_obj_reloc *sorted;
	size_t n = f->nrel;

	for (size_t i = 0; i < n; i++) {
		lo = f->rel[i].addr < lo ? f->rel[i].addr : lo;
		hi = f->rel[i].addr > hi ? f->rel[i].addr : hi;
	}
	if (hi - lo > UINT32_MAX || n > UINT32_MAX) {
		qsort(f->rel, n, sizeof *f->rel, reloc_by_addr);
		return GTD_OK;
	}
	items = malloc(2 * n * sizeof *items);
	sorted = malloc(n * sizeof *sorted);
	if (!items || !sorted) {
		free(items);
		free(sorted);
		return gtd_fail(err, GTD_ENOMEM, "out of memory for sorting %zu relocations", n);
	}
	for (size_t i = 0; i < n; i++)
		items[i] = gtd_keysort_item((uint32_t)(f->rel[i].addr - lo), (uint32_t)i);
	gtd_keysort(items, items + n, n);
	for (size_t i = 0; i < n; i++)
		sorted[i] = f->rel[(uint32_t)items[i]];
	free(items);
	free(f->rel);
	f->rel = sorted;
	f->relcap = n;
	return GTD_OK;
}

int gtd_obj_sort_relocs(struct gtd_objfile *f, struct gtd_error *err)
{
	size_t i = 1;

	/* in order already: ELF files' tables usually are */
	while (i < f->nrel && f->rel[i - 1].addr < f->rel[i].addr)
		i++;
	if (i < f->nrel && sort_by_addr(f, err))
		return err->code;
	for (i = 1; i < f->nrel; i++)
		if (f->rel[i].addr - f->rel[i - 1].addr < f->info.ptr_size)
			return gtd_fail(err, GTD_EDATA, "relocations at 0x%llx and 0x%llx: on one word "
					"(a loader relocates each word once)",
					(unsigned long long)f->rel[i - 1].addr,
					(unsigned long long)f->rel[i].addr);
	return GTD_OK;
}

