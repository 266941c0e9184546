/* The composite primitives of the public sections: positions, package
 * references, identifiers, type and object uses, signatures, constants. */
#include <string.h>

#include "read.h"

int rd_open(struct rd *r, struct gtd_uir_model *m, unsigned section, uint32_t idx,
	    struct gtd_reloc_buf *rb)
{
	r->m = m;
	r->version = m->pb->version;
	return gtd_elem_open(m->pb, section, idx, rb, &r->e);
}

int rd_end(struct rd *r)
{
	size_t left = gtd_cursor_left(&r->e.c);

	if (left)
		return gtd_fail(r->e.c.err, GTD_EDATA, "offset 0x%llx: %zu bytes left after the element",
				(unsigned long long)gtd_cursor_offset(&r->e.c), left);
	return GTD_OK;
}

int rd_count(struct rd *r, uint32_t *n)
{
	uint64_t v;
	int rc = gtd_elem_len(&r->e, gtd_cursor_left(&r->e.c), &v);

	*n = (uint32_t)v;
	return rc;
}

void *rd_alloc(struct rd *r, uint32_t n, size_t size)
{
	void *p;

	if (n == 0)
		return NULL;
	if (!(p = gtd_arena_calloc(&r->m->arena, n, size)))
		gtd_fail(r->e.c.err, GTD_ENOMEM, "out of memory for %u decoded items", n);
	return p;
}

int rd_string_idx(struct rd *r, uint32_t *idx)
{
	if (gtd_elem_sync(&r->e, GTD_SYNC_STRING))
		return r->e.c.err->code;
	return gtd_elem_reloc(&r->e, GTD_SEC_STRING, idx);
}

static int rd_u32(struct rd *r, uint32_t *out)
{
	uint64_t v, at = gtd_cursor_offset(&r->e.c);

	if (gtd_elem_uint64(&r->e, &v))
		return r->e.c.err->code;
	if (v > UINT32_MAX)
		return gtd_fail(r->e.c.err, GTD_EDATA, "offset 0x%llx: %llu does not fit 32 bits",
				(unsigned long long)at, (unsigned long long)v);
	*out = (uint32_t)v;
	return GTD_OK;
}

/* [Sync(Pos)] Bool known [Reloc(PosBase) Uint line Uint col] */
int rd_pos(struct rd *r, struct gtd_pos *p)
{
	int known;

	p->base = GTD_NONE;
	p->line = p->col = 0;
	if (gtd_elem_sync(&r->e, GTD_SYNC_POS) || gtd_elem_bool(&r->e, &known))
		return r->e.c.err->code;
	if (!known)
		return GTD_OK;
	if (gtd_elem_reloc(&r->e, GTD_SEC_POSBASE, &p->base) || rd_u32(r, &p->line) || rd_u32(r, &p->col))
		return r->e.c.err->code;
	return GTD_OK;
}

/* [Sync(Pkg)] Reloc(Pkg) */
int rd_pkgref(struct rd *r, uint32_t *pkg)
{
	if (gtd_elem_sync(&r->e, GTD_SYNC_PKG))
		return r->e.c.err->code;
	return gtd_elem_reloc(&r->e, GTD_SEC_PKG, pkg);
}

/* [Sync(marker)] pkgRef String: selector, localIdent, qualifiedIdent (Sym) */
int rd_ident(struct rd *r, enum gtd_sync marker, struct gtd_ident *id)
{
	if (gtd_elem_sync(&r->e, marker) || rd_pkgref(r, &id->pkg) || rd_string_idx(r, &id->name))
		return r->e.c.err->code;
	return GTD_OK;
}

/* [Sync(Type)] Bool derived, then Len (derived slot) or Reloc(Type) */
int rd_typeinfo(struct rd *r, struct gtd_typeinfo *t)
{
	int derived;
	uint64_t slot;

	if (gtd_elem_sync(&r->e, GTD_SYNC_TYPE) || gtd_elem_bool(&r->e, &derived))
		return r->e.c.err->code;
	t->derived = (uint8_t)derived;
	if (!derived)
		return gtd_elem_reloc(&r->e, GTD_SEC_TYPE, &t->idx);
	if (gtd_elem_len(&r->e, UINT32_MAX - 1, &slot))
		return r->e.c.err->code;
	t->idx = (uint32_t)slot;
	return GTD_OK;
}

/* [Sync(Object)] [<V2: Bool derivedFuncInstance] Reloc(Obj) Len n {typInfo}×n */
int rd_objuse(struct rd *r, struct gtd_objuse *u)
{
	uint64_t at;
	int dfi;

	if (gtd_elem_sync(&r->e, GTD_SYNC_OBJECT))
		return r->e.c.err->code;
	if (gtd_uir_has(r->version, GTD_FIELD_DERIVED_FUNC_INSTANCE)) {
		at = gtd_cursor_offset(&r->e.c);
		if (gtd_elem_bool(&r->e, &dfi))
			return r->e.c.err->code;
		if (dfi)
			return gtd_fail(r->e.c.err, GTD_EDATA,
					"offset 0x%llx: a derived function instance outside a function body",
					(unsigned long long)at);
	}
	if (gtd_elem_reloc(&r->e, GTD_SEC_OBJ, &u->obj) || rd_count(r, &u->ntargs) ||
	    ALLOC(r, u->targs, u->ntargs))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < u->ntargs; i++)
		if (rd_typeinfo(r, &u->targs[i]))
			return r->e.c.err->code;
	return GTD_OK;
}

/* [Sync(Param)] Pos localIdent typInfo */
int rd_param(struct rd *r, struct gtd_param *p)
{
	if (gtd_elem_sync(&r->e, GTD_SYNC_PARAM) || rd_pos(r, &p->pos) ||
	    rd_ident(r, GTD_SYNC_LOCAL_IDENT, &p->ident) || rd_typeinfo(r, &p->type))
		return r->e.c.err->code;
	return GTD_OK;
}

/* [Sync(Params)] Len n {param}×n */
static int rd_params(struct rd *r, struct gtd_param **out, uint32_t *n)
{
	if (gtd_elem_sync(&r->e, GTD_SYNC_PARAMS) || rd_count(r, n) || ALLOC(r, *out, *n))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < *n; i++)
		if (rd_param(r, &(*out)[i]))
			return r->e.c.err->code;
	return GTD_OK;
}

/* [Sync(Signature)] params(params) params(results) Bool variadic */
int rd_signature(struct rd *r, struct gtd_signature *s)
{
	int variadic;

	if (gtd_elem_sync(&r->e, GTD_SYNC_SIGNATURE) || rd_params(r, &s->params, &s->nparams) ||
	    rd_params(r, &s->results, &s->nresults) || gtd_elem_bool(&r->e, &variadic))
		return r->e.c.err->code;
	s->variadic = (uint8_t)variadic;
	return GTD_OK;
}

/* [Sync(TypeParamNames)] {Pos localIdent}×n; n comes from the ObjDict. */
int rd_tparam_names(struct rd *r, uint32_t n, struct gtd_tparam_name **out)
{
	if (n > gtd_cursor_left(&r->e.c))
		return gtd_fail(r->e.c.err, GTD_EDATA,
				"offset 0x%llx: %u type parameter names cannot fit in %zu bytes",
				(unsigned long long)gtd_cursor_offset(&r->e.c), n, gtd_cursor_left(&r->e.c));
	if (gtd_elem_sync(&r->e, GTD_SYNC_TYPE_PARAM_NAMES) || ALLOC(r, *out, n))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < n; i++)
		if (rd_pos(r, &(*out)[i].pos) || rd_ident(r, GTD_SYNC_LOCAL_IDENT, &(*out)[i].ident))
			return r->e.c.err->code;
	return GTD_OK;
}

/* String (big-endian magnitude) Bool negative */
static int rd_bigint(struct rd *r, uint32_t *mag, uint8_t *neg)
{
	int b;

	if (rd_string_idx(r, mag) || gtd_elem_bool(&r->e, &b))
		return r->e.c.err->code;
	*neg = (uint8_t)b;
	return GTD_OK;
}

/* Code(Val) and its payload (uir-format.md §3b). */
static int rd_scalar(struct rd *r, struct gtd_scalar *s)
{
	uint64_t code, at = gtd_cursor_offset(&r->e.c);
	int b;

	memset(s, 0, sizeof *s);
	s->str = s->den = GTD_NONE;
	if (gtd_elem_code(&r->e, GTD_SYNC_VAL, &code))
		return r->e.c.err->code;
	s->code = (enum gtd_val_code)code;
	switch (code) {
	case GTD_VAL_BOOL:
		if (gtd_elem_bool(&r->e, &b))
			return r->e.c.err->code;
		s->b = (uint8_t)b;
		return GTD_OK;
	case GTD_VAL_STRING:
	case GTD_VAL_BIGFLOAT:
		return rd_string_idx(r, &s->str);
	case GTD_VAL_INT64:
		return gtd_elem_int64(&r->e, &s->i64);
	case GTD_VAL_BIGINT:
		return rd_bigint(r, &s->str, &s->b);
	case GTD_VAL_BIGRAT:
		if (rd_bigint(r, &s->str, &s->b) || rd_bigint(r, &s->den, &s->den_neg))
			return r->e.c.err->code;
		return GTD_OK;
	}
	return gtd_fail(r->e.c.err, GTD_EDATA, "offset 0x%llx: constant kind %llu is not 0-5",
			(unsigned long long)at, (unsigned long long)code);
}

/* [Sync(Value)] Bool isComplex scalar [scalar] */
int rd_value(struct rd *r, struct gtd_value *v)
{
	int c;

	memset(v, 0, sizeof *v);
	if (gtd_elem_sync(&r->e, GTD_SYNC_VALUE) || gtd_elem_bool(&r->e, &c) || rd_scalar(r, &v->re))
		return r->e.c.err->code;
	v->is_complex = (uint8_t)c;
	return c ? rd_scalar(r, &v->im) : GTD_OK;
}
