#include <stdlib.h>
#include <string.h>

#include "gotypedb/batch.h"

/* Grows *v (element size sz) to hold one more; ENOMEM through b->err. */
static int reserve(struct gtd_batch *b, void **v, size_t *cap, size_t n, size_t sz)
{
	void *p;
	size_t c;

	if (n < *cap)
		return GTD_OK;
	c = *cap ? *cap * 2 : 256;
	p = realloc(*v, c * sz);
	if (!p)
		return gtd_fail(b->err, GTD_ENOMEM, "out of memory for %zu decoded records", c);
	*v = p;
	*cap = c;
	return GTD_OK;
}

static int on_unit(void *ctx, const struct gtd_unit_rec *u)
{
	struct gtd_batch *b = ctx;

	b->unit = *u;
	b->has_unit = 1;
	return GTD_OK;
}

static int on_section(void *ctx, unsigned section, uint32_t elems, uint32_t bytes)
{
	struct gtd_batch *b = ctx;

	if (b->nsections != section || section >= sizeof b->sections / sizeof b->sections[0])
		return gtd_fail(b->err, GTD_EDATA, "sections must arrive in order");
	b->sections[b->nsections++] = (struct gtd_batch_section){ elems, bytes };
	return GTD_OK;
}

static int on_string(void *ctx, uint32_t idx, struct gtd_bytes text)
{
	struct gtd_batch *b = ctx;

	if (idx != b->nstrings)
		return gtd_fail(b->err, GTD_EDATA, "strings must arrive in index order");
	if (reserve(b, (void **)&b->strings, &b->capstrings, b->nstrings, sizeof *b->strings))
		return b->err->code;
	b->strings[b->nstrings++] = text;
	return GTD_OK;
}

static int on_element(void *ctx, unsigned section, uint32_t idx, uint32_t off, uint32_t len)
{
	struct gtd_batch *b = ctx;

	if (reserve(b, (void **)&b->elements, &b->capelements, b->nelements, sizeof *b->elements))
		return b->err->code;
	b->elements[b->nelements++] = (struct gtd_batch_element){ idx, off, len, (uint8_t)section };
	return GTD_OK;
}

static int on_ref(void *ctx, unsigned section, uint32_t idx, uint32_t slot,
		  unsigned ref_section, uint32_t ref_idx)
{
	struct gtd_batch *b = ctx;

	if (reserve(b, (void **)&b->refs, &b->caprefs, b->nrefs, sizeof *b->refs))
		return b->err->code;
	b->refs[b->nrefs++] = (struct gtd_batch_ref){ idx, slot, ref_idx, (uint8_t)section,
						      (uint8_t)ref_section };
	return GTD_OK;
}

void gtd_batch_init(struct gtd_batch *b, struct gtd_error *err)
{
	memset(b, 0, sizeof *b);
	b->err = err;
	b->sink = (struct gtd_sink){ b, on_unit, on_section, on_string, on_element, on_ref };
}

void gtd_batch_free(struct gtd_batch *b)
{
	free(b->strings);
	free(b->elements);
	free(b->refs);
	memset(b, 0, sizeof *b);
}

uint64_t gtd_batch_rows(const struct gtd_batch *b)
{
	return (uint64_t)b->has_unit + b->nsections + b->nstrings + b->nelements + b->nrefs;
}

int gtd_batch_replay(const struct gtd_batch *b, const struct gtd_sink *to)
{
	int rc;

	if (b->has_unit && (rc = to->unit(to->ctx, &b->unit)))
		return rc;
	for (unsigned k = 0; k < b->nsections; k++)
		if ((rc = to->section(to->ctx, k, b->sections[k].elems, b->sections[k].bytes)))
			return rc;
	for (size_t i = 0; i < b->nstrings; i++)
		if ((rc = to->string(to->ctx, (uint32_t)i, b->strings[i])))
			return rc;
	for (size_t i = 0; i < b->nelements; i++) {
		const struct gtd_batch_element *e = &b->elements[i];
		if ((rc = to->element(to->ctx, e->section, e->idx, e->off, e->len)))
			return rc;
	}
	for (size_t i = 0; i < b->nrefs; i++) {
		const struct gtd_batch_ref *r = &b->refs[i];
		if ((rc = to->ref(to->ctx, r->section, r->idx, r->slot, r->ref_section, r->ref_idx)))
			return rc;
	}
	return GTD_OK;
}
