/* Decoding every public element of a unit into the model (uirmodel.h):
 * roots, Pkg, PosBase, Name, ObjDict, Type and Obj.  ObjExt and Body are
 * compiler-private and skipped by element boundary. */
#include <string.h>

#include "read.h"

/* Meta 0: [Sync(Public)] pkgRef [<V2: Bool hasInit] Len n
 * {[Sync(Object)] [<V2: Bool false] Reloc(Obj) Len(0)}×n [Sync(EOF)] */
static int rd_public_root(struct gtd_uir_model *m, struct gtd_reloc_buf *rb)
{
	struct rd r;
	int b;

	if (rd_open(&r, m, GTD_SEC_META, 0, rb))
		return m->pb->err->code;
	if (rd_pkgref(&r, &m->self_pkg))
		return gtd_elem_context(&r.e);
	if (gtd_uir_has(r.version, GTD_FIELD_HAS_INIT)) {
		if (gtd_elem_bool(&r.e, &b))
			return gtd_elem_context(&r.e);
		m->has_init = (uint8_t)b;
	}
	if (rd_count(&r, &m->nroot_objs) || ALLOC(&r, m->root_objs, m->nroot_objs))
		return gtd_elem_context(&r.e);
	for (uint32_t i = 0; i < m->nroot_objs; i++) {
		struct gtd_objuse u;

		if (rd_objuse(&r, &u))
			return gtd_elem_context(&r.e);
		if (u.ntargs)
			return gtd_context(r.e.c.err, "Meta 0: object %u is listed with type arguments", i);
		m->root_objs[i] = u.obj;
	}
	if (gtd_elem_sync(&r.e, GTD_SYNC_EOF) || rd_end(&r))
		return gtd_elem_context(&r.e);
	return GTD_OK;
}

/* Meta 1 (V1+): [Sync(Private)] Bool hasInitTask Len n
 * {String pkgPath String symName Reloc(Body)}×n [Sync(EOF)] */
static int rd_private_root(struct gtd_uir_model *m, struct gtd_reloc_buf *rb)
{
	uint32_t n, s, body;
	struct rd r;
	int b;

	if (gtd_pkgbits_elems(m->pb, GTD_SEC_META) < 2)
		return GTD_OK; /* go1.19's final export data has none */
	if (rd_open(&r, m, GTD_SEC_META, 1, rb))
		return m->pb->err->code;
	if (gtd_elem_bool(&r.e, &b) || rd_count(&r, &n))
		return gtd_elem_context(&r.e);
	m->has_init = (uint8_t)(m->has_init | b); /* V1: the public root's is always false */
	for (uint32_t i = 0; i < n; i++)
		if (rd_string_idx(&r, &s) || rd_string_idx(&r, &s) ||
		    gtd_elem_reloc(&r.e, GTD_SEC_BODY, &body))
			return gtd_elem_context(&r.e);
	if (gtd_elem_sync(&r.e, GTD_SYNC_EOF) || rd_end(&r))
		return gtd_elem_context(&r.e);
	return GTD_OK;
}

/* [Sync(PkgDef)] String path, then unless builtin/unsafe:
 * String name [V0: Len height] Len n {pkgRef}×n */
static int rd_pkg_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb)
{
	struct gtd_pkg *p = &m->pkgs[idx];
	struct gtd_bytes path;
	uint64_t height;
	struct rd r;

	p->name = GTD_NONE;
	if (rd_open(&r, m, GTD_SEC_PKG, idx, rb))
		return m->pb->err->code;
	if (rd_string_idx(&r, &p->path) || gtd_pkgbits_string(m->pb, p->path, &path))
		return gtd_elem_context(&r.e);
	if (gtd_bytes_eq_str(path, "builtin") || gtd_bytes_eq_str(path, "unsafe"))
		return rd_end(&r) ? gtd_elem_context(&r.e) : GTD_OK;
	if (rd_string_idx(&r, &p->name))
		return gtd_elem_context(&r.e);
	if (gtd_uir_has(r.version, GTD_FIELD_PKG_HEIGHT) && gtd_elem_len(&r.e, UINT32_MAX, &height))
		return gtd_elem_context(&r.e);
	if (rd_count(&r, &p->nimports) || ALLOC(&r, p->imports, p->nimports))
		return gtd_elem_context(&r.e);
	for (uint32_t i = 0; i < p->nimports; i++)
		if (rd_pkgref(&r, &p->imports[i]))
			return gtd_elem_context(&r.e);
	return rd_end(&r) ? gtd_elem_context(&r.e) : GTD_OK;
}

/* [Sync(PosBase)] String filename Bool isFileBase [Pos Uint line Uint col] */
static int rd_posbase_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb)
{
	struct gtd_posbase *b = &m->posbases[idx];
	uint64_t line, col;
	struct rd r;
	int file;

	if (rd_open(&r, m, GTD_SEC_POSBASE, idx, rb))
		return m->pb->err->code;
	if (rd_string_idx(&r, &b->filename) || gtd_elem_bool(&r.e, &file))
		return gtd_elem_context(&r.e);
	b->is_file_base = (uint8_t)file;
	if (!file) {
		if (rd_pos(&r, &b->pos) || gtd_elem_uint64(&r.e, &line) || gtd_elem_uint64(&r.e, &col))
			return gtd_elem_context(&r.e);
		b->line = (uint32_t)line;
		b->col = (uint32_t)col;
	}
	return rd_end(&r) ? gtd_elem_context(&r.e) : GTD_OK;
}

/* [Sync(Object1)] [Sync(Sym)] pkgRef String name Code(CodeObj) */
static int rd_name_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb)
{
	struct gtd_name *n = &m->names[idx];
	struct gtd_ident id;
	uint64_t code;
	struct rd r;

	if (rd_open(&r, m, GTD_SEC_NAME, idx, rb))
		return m->pb->err->code;
	if (rd_ident(&r, GTD_SYNC_SYM, &id) || gtd_elem_code(&r.e, GTD_SYNC_CODE_OBJ, &code))
		return gtd_elem_context(&r.e);
	if (code >= GTD_OBJ_NCODES) {
		gtd_fail(r.e.c.err, GTD_EDATA, "object code %llu is not 0-5", (unsigned long long)code);
		return gtd_elem_context(&r.e);
	}
	n->pkg = id.pkg;
	n->name = id.name;
	n->code = (enum gtd_obj_code)code;
	return rd_end(&r) ? gtd_elem_context(&r.e) : GTD_OK;
}

/* [Sync(Object1)] Len nImplicits [V4+: Len nReceivers] Len nExplicits
 * {typInfo}×nReceivers {typInfo}×nExplicits Len nDerived
 * {Reloc(Type) [<V2: Bool needed]}×nDerived, then compiler-private data. */
static int rd_objdict_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb)
{
	struct gtd_objdict *d = &m->dicts[idx];
	struct rd r;
	int needed;

	if (rd_open(&r, m, GTD_SEC_OBJDICT, idx, rb))
		return m->pb->err->code;
	if (rd_count(&r, &d->nimplicits))
		return gtd_elem_context(&r.e);
	if (gtd_uir_has(r.version, GTD_FIELD_GENERIC_METHODS) && rd_count(&r, &d->nreceivers))
		return gtd_elem_context(&r.e);
	if (rd_count(&r, &d->nexplicits) || ALLOC(&r, d->rbounds, d->nreceivers) ||
	    ALLOC(&r, d->bounds, d->nexplicits))
		return gtd_elem_context(&r.e);
	for (uint32_t i = 0; i < d->nreceivers; i++)
		if (rd_typeinfo(&r, &d->rbounds[i]))
			return gtd_elem_context(&r.e);
	for (uint32_t i = 0; i < d->nexplicits; i++)
		if (rd_typeinfo(&r, &d->bounds[i]))
			return gtd_elem_context(&r.e);
	if (rd_count(&r, &d->nderived) || ALLOC(&r, d->derived, d->nderived))
		return gtd_elem_context(&r.e);
	for (uint32_t i = 0; i < d->nderived; i++) {
		if (gtd_elem_reloc(&r.e, GTD_SEC_TYPE, &d->derived[i]))
			return gtd_elem_context(&r.e);
		if (gtd_uir_has(r.version, GTD_FIELD_DERIVED_INFO_NEEDED) && gtd_elem_bool(&r.e, &needed))
			return gtd_elem_context(&r.e);
	}
	return GTD_OK; /* the runtime-dictionary data after this is compiler-private */
}

static int alloc_tables(struct gtd_uir_model *m)
{
	const struct gtd_pkgbits *pb = m->pb;
	uint32_t nobj = gtd_pkgbits_elems(pb, GTD_SEC_OBJ);
	struct rd r = { .m = m };

	r.e.c.err = pb->err;
	if (gtd_pkgbits_elems(pb, GTD_SEC_NAME) != nobj || gtd_pkgbits_elems(pb, GTD_SEC_OBJDICT) != nobj ||
	    gtd_pkgbits_elems(pb, GTD_SEC_OBJEXT) != nobj)
		return gtd_fail(pb->err, GTD_EDATA,
				"Name, Obj, ObjExt and ObjDict share indices but have %u, %u, %u and %u elements",
				gtd_pkgbits_elems(pb, GTD_SEC_NAME), nobj,
				gtd_pkgbits_elems(pb, GTD_SEC_OBJEXT), gtd_pkgbits_elems(pb, GTD_SEC_OBJDICT));
	if (ALLOC(&r, m->pkgs, gtd_pkgbits_elems(pb, GTD_SEC_PKG)) ||
	    ALLOC(&r, m->posbases, gtd_pkgbits_elems(pb, GTD_SEC_POSBASE)) ||
	    ALLOC(&r, m->names, nobj) || ALLOC(&r, m->dicts, nobj) || ALLOC(&r, m->objs, nobj) ||
	    ALLOC(&r, m->types, gtd_pkgbits_elems(pb, GTD_SEC_TYPE)))
		return pb->err->code;
	return GTD_OK;
}

int gtd_uir_model_decode(const struct gtd_pkgbits *pb, struct gtd_uir_model *m)
{
	struct gtd_reloc_buf rb = { 0 };
	int rc = GTD_OK;

	memset(m, 0, sizeof *m);
	m->pb = pb;
	if (gtd_pkgbits_elems(pb, GTD_SEC_META) == 0)
		return gtd_fail(pb->err, GTD_EDATA, "the unit has no public root (Meta 0)");
	if ((rc = alloc_tables(m)) || (rc = rd_public_root(m, &rb)) || (rc = rd_private_root(m, &rb)))
		goto out;
	for (uint32_t i = 0; !rc && i < gtd_pkgbits_elems(pb, GTD_SEC_PKG); i++)
		rc = rd_pkg_element(m, i, &rb);
	for (uint32_t i = 0; !rc && i < gtd_pkgbits_elems(pb, GTD_SEC_POSBASE); i++)
		rc = rd_posbase_element(m, i, &rb);
	for (uint32_t i = 0; !rc && i < gtd_pkgbits_elems(pb, GTD_SEC_NAME); i++)
		rc = rd_name_element(m, i, &rb);
	for (uint32_t i = 0; !rc && i < gtd_pkgbits_elems(pb, GTD_SEC_OBJDICT); i++)
		rc = rd_objdict_element(m, i, &rb);
	for (uint32_t i = 0; !rc && i < gtd_pkgbits_elems(pb, GTD_SEC_TYPE); i++)
		rc = rd_type_element(m, i, &rb);
	for (uint32_t i = 0; !rc && i < gtd_pkgbits_elems(pb, GTD_SEC_OBJ); i++)
		rc = rd_obj_element(m, i, &rb);
out:
	gtd_reloc_buf_free(&rb);
	return rc;
}

void gtd_uir_model_free(struct gtd_uir_model *m)
{
	gtd_arena_free(&m->arena);
	memset(m, 0, sizeof *m);
}
