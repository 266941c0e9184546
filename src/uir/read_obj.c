/* Obj elements, read with their Name (the code) and ObjDict (the
 * type-parameter counts) (uir-format.md §4.8, §4.9). */
#include "read.h"

static int rd_u32_len(struct rd *r, uint32_t *out)
{
	uint64_t v;

	if (gtd_elem_len(&r->e, UINT32_MAX - 1, &v))
		return r->e.c.err->code;
	*out = (uint32_t)v;
	return GTD_OK;
}

/* A method record of a Type element:
 * [Sync(Method)] [V5: Len sourceIndex] Pos selector tpNames(E) param(recv)
 * signature Pos(decl) */
static int rd_method(struct rd *r, uint32_t ntparams, struct gtd_method *m)
{
	struct gtd_pos decl;

	m->source_index = GTD_NONE;
	if (gtd_elem_sync(&r->e, GTD_SYNC_METHOD))
		return r->e.c.err->code;
	if (gtd_uir_has(r->version, GTD_FIELD_PRESERVE_METHOD_ORDER) && rd_u32_len(r, &m->source_index))
		return r->e.c.err->code;
	m->nrtparams = ntparams;
	if (rd_pos(r, &m->pos) || rd_ident(r, GTD_SYNC_SELECTOR, &m->ident) ||
	    rd_tparam_names(r, ntparams, &m->rtparams) || rd_param(r, &m->recv) ||
	    rd_signature(r, &m->sig) || rd_pos(r, &decl))
		return r->e.c.err->code;
	return GTD_OK;
}

/* A V4+ generic method's own element, after its Pos and Bool(true):
 * selector tpNames(R) param(recv) [V5: Len sourceIndex] tpNames(E) signature
 * Pos(decl).  The trailing Pos is not in uir-format.md §4.9: go1.27.3's
 * output has it (as ordinary funcs and methods do). */
static int rd_generic_method(struct rd *r, const struct gtd_objdict *d, struct gtd_obj *o)
{
	struct gtd_method *m = &o->gmethod;
	struct gtd_pos decl;

	m->source_index = GTD_NONE;
	m->pos = o->pos;
	m->nrtparams = d->nreceivers;
	m->ntparams = d->nexplicits;
	if (rd_ident(r, GTD_SYNC_SELECTOR, &m->ident) ||
	    rd_tparam_names(r, d->nreceivers, &m->rtparams) || rd_param(r, &m->recv))
		return r->e.c.err->code;
	if (gtd_uir_has(r->version, GTD_FIELD_PRESERVE_METHOD_ORDER) && rd_u32_len(r, &m->source_index))
		return r->e.c.err->code;
	if (rd_tparam_names(r, d->nexplicits, &m->tparams) || rd_signature(r, &m->sig) ||
	    rd_pos(r, &decl))
		return r->e.c.err->code;
	return GTD_OK;
}

static int rd_func(struct rd *r, const struct gtd_objdict *d, struct gtd_obj *o)
{
	struct gtd_pos decl;
	int generic = 0;

	if (gtd_uir_has(r->version, GTD_FIELD_GENERIC_METHODS) && gtd_elem_bool(&r->e, &generic))
		return r->e.c.err->code;
	o->is_generic_method = (uint8_t)generic;
	if (generic)
		return rd_generic_method(r, d, o);
	o->ntparams = d->nexplicits;
	if (rd_tparam_names(r, d->nexplicits, &o->tparams) || rd_signature(r, &o->sig) ||
	    rd_pos(r, &decl))
		return r->e.c.err->code;
	return GTD_OK;
}

/* Pos tpNames(E) typInfo rhs Len n {method}×n [V4+: Len n {Reloc(Obj)}×n] */
static int rd_typename(struct rd *r, const struct gtd_objdict *d, struct gtd_obj *o)
{
	o->ntparams = d->nexplicits;
	if (rd_tparam_names(r, d->nexplicits, &o->tparams) || rd_typeinfo(r, &o->type) ||
	    rd_count(r, &o->nmethods) || ALLOC(r, o->methods, o->nmethods))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < o->nmethods; i++)
		if (rd_method(r, d->nexplicits, &o->methods[i]))
			return r->e.c.err->code;
	if (!gtd_uir_has(r->version, GTD_FIELD_GENERIC_METHODS))
		return GTD_OK;
	if (rd_count(r, &o->ngeneric_methods) || ALLOC(r, o->generic_methods, o->ngeneric_methods))
		return r->e.c.err->code;
	for (uint32_t i = 0; i < o->ngeneric_methods; i++)
		if (gtd_elem_reloc(&r->e, GTD_SEC_OBJ, &o->generic_methods[i]))
			return r->e.c.err->code;
	return GTD_OK;
}

static int rd_obj_payload(struct rd *r, const struct gtd_objdict *d, struct gtd_obj *o)
{
	if (o->code == GTD_OBJ_STUB) /* builtin and unsafe objects: no payload */
		return GTD_OK;
	if (rd_pos(r, &o->pos))
		return r->e.c.err->code;
	switch (o->code) {
	case GTD_OBJ_ALIAS:
		if (gtd_uir_has(r->version, GTD_FIELD_ALIAS_TYPE_PARAM_NAMES)) {
			o->ntparams = d->nexplicits;
			if (rd_tparam_names(r, d->nexplicits, &o->tparams))
				return r->e.c.err->code;
		}
		return rd_typeinfo(r, &o->type);
	case GTD_OBJ_CONST:
		if (rd_typeinfo(r, &o->type))
			return r->e.c.err->code;
		return rd_value(r, &o->value);
	case GTD_OBJ_FUNC:
		return rd_func(r, d, o);
	case GTD_OBJ_TYPE:
		return rd_typename(r, d, o);
	case GTD_OBJ_VAR:
		return rd_typeinfo(r, &o->type);
	default:
		return gtd_fail(r->e.c.err, GTD_EDATA, "object code %d is not 0-5", (int)o->code);
	}
}

int rd_obj_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb)
{
	struct gtd_obj *o = &m->objs[idx];
	struct rd r;

	o->code = m->names[idx].code;
	if (rd_open(&r, m, GTD_SEC_OBJ, idx, rb))
		return m->pb->err->code;
	if (rd_obj_payload(&r, &m->dicts[idx], o) || rd_end(&r))
		return gtd_elem_context(&r.e);
	return GTD_OK;
}
