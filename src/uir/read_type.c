/* Type elements: [Sync(TypeIdx)] Code(CodeType) and the code's payload
 * (uir-format.md §4.7).  Context-free: derived slots and type-parameter
 * indices are resolved later against the owning object's dictionary. */
#include "read.h"

/* Len nFields {Pos selector typInfo String tag Bool embedded}×n */
static int rd_struct(struct rd *r, struct gtd_type *t)
{
	if (rd_count(r, &t->u.strct.n) || ALLOC(r, t->u.strct.fields, t->u.strct.n))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < t->u.strct.n; i++) {
		struct gtd_field *f = &t->u.strct.fields[i];
		int embedded;

		if (rd_pos(r, &f->pos) || rd_ident(r, GTD_SYNC_SELECTOR, &f->ident) ||
		    rd_typeinfo(r, &f->type) || rd_string_idx(r, &f->tag) ||
		    gtd_elem_bool(&r->e, &embedded))
			return r->e.c.err->code;
		f->embedded = (uint8_t)embedded;
	}
	return GTD_OK;
}

/* Len nMethods Len nEmbeddeds [Bool implicit if 0 methods and 1 embedded]
 * {Pos selector signature}×nMethods {typInfo}×nEmbeddeds */
static int rd_interface(struct rd *r, struct gtd_type *t)
{
	int implicit = 0;

	if (rd_count(r, &t->u.iface.nmethods) || rd_count(r, &t->u.iface.nembeddeds))
		return r->e.c.err->code;
	if (t->u.iface.nmethods == 0 && t->u.iface.nembeddeds == 1 && gtd_elem_bool(&r->e, &implicit))
		return r->e.c.err->code;
	t->u.iface.implicit = (uint8_t)implicit;
	if (ALLOC(r, t->u.iface.methods, t->u.iface.nmethods) ||
	    ALLOC(r, t->u.iface.embeddeds, t->u.iface.nembeddeds))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < t->u.iface.nmethods; i++) {
		struct gtd_imethod *m = &t->u.iface.methods[i];

		if (rd_pos(r, &m->pos) || rd_ident(r, GTD_SYNC_SELECTOR, &m->ident) ||
		    rd_signature(r, &m->sig))
			return r->e.c.err->code;
	}
	for (uint32_t i = 0; i < t->u.iface.nembeddeds; i++)
		if (rd_typeinfo(r, &t->u.iface.embeddeds[i]))
			return r->e.c.err->code;
	return GTD_OK;
}

/* Len n {Bool tilde typInfo}×n */
static int rd_union(struct rd *r, struct gtd_type *t)
{
	if (rd_count(r, &t->u.uni.n) || ALLOC(r, t->u.uni.terms, t->u.uni.n))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < t->u.uni.n; i++) {
		int tilde;

		if (gtd_elem_bool(&r->e, &tilde) || rd_typeinfo(r, &t->u.uni.terms[i].type))
			return r->e.c.err->code;
		t->u.uni.terms[i].tilde = (uint8_t)tilde;
	}
	return GTD_OK;
}

static int rd_len32(struct rd *r, uint32_t max, uint32_t *out)
{
	uint64_t v;

	if (gtd_elem_len(&r->e, max, &v))
		return r->e.c.err->code;
	*out = (uint32_t)v;
	return GTD_OK;
}

static int rd_type_payload(struct rd *r, struct gtd_type *t)
{
	uint64_t code, at = gtd_cursor_offset(&r->e.c);

	if (gtd_elem_code(&r->e, GTD_SYNC_TYPE, &code))
		return r->e.c.err->code;
	t->code = (enum gtd_type_code)code;
	switch (code) {
	case GTD_TYPE_BASIC:
		return rd_len32(r, 25, &t->u.basic); /* go/types BasicKind: Invalid .. UntypedNil */
	case GTD_TYPE_NAMED:
		return rd_objuse(r, &t->u.named);
	case GTD_TYPE_POINTER:
	case GTD_TYPE_SLICE:
		return rd_typeinfo(r, &t->u.elem);
	case GTD_TYPE_ARRAY:
		if (gtd_elem_uint64(&r->e, &t->u.array.len))
			return r->e.c.err->code;
		return rd_typeinfo(r, &t->u.array.elem);
	case GTD_TYPE_CHAN:
		if (rd_len32(r, 2, &t->u.chan.dir))
			return r->e.c.err->code;
		return rd_typeinfo(r, &t->u.chan.elem);
	case GTD_TYPE_MAP:
		if (rd_typeinfo(r, &t->u.map.key))
			return r->e.c.err->code;
		return rd_typeinfo(r, &t->u.map.elem);
	case GTD_TYPE_SIGNATURE:
		return rd_signature(r, &t->u.sig);
	case GTD_TYPE_STRUCT:
		return rd_struct(r, t);
	case GTD_TYPE_INTERFACE:
		return rd_interface(r, t);
	case GTD_TYPE_UNION:
		return rd_union(r, t);
	case GTD_TYPE_TYPEPARAM:
		return rd_len32(r, UINT32_MAX - 1, &t->u.tparam);
	}
	return gtd_fail(r->e.c.err, GTD_EDATA, "offset 0x%llx: type code %llu is not 0-11",
			(unsigned long long)at, (unsigned long long)code);
}

int rd_type_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb)
{
	struct rd r;

	if (rd_open(&r, m, GTD_SEC_TYPE, idx, rb))
		return m->pb->err->code;
	if (rd_type_payload(&r, &m->types[idx]) || rd_end(&r))
		return gtd_elem_context(&r.e);
	return GTD_OK;
}
