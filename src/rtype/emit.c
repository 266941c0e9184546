/* A decoded module's records, in the order sink.h gives: first what the
 * descriptors' Go types are not needed for (the module, each descriptor's
 * methods, fields, parameters and interface methods by its offset, the
 * names they use, itabs and typelinks), then, once the model has given
 * every descriptor its shape, the descriptors by offset. */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/keysort.h"
#include "rtype_int.h"

/* reflect's Name(): what follows the last '.' outside brackets. */
static struct gtd_bytes reflect_name(struct gtd_bytes s)
{
	int depth = 0;
	size_t i = s.n;

	while (i > 0 && (s.p[i - 1] != '.' || depth)) {
		if (s.p[i - 1] == ']')
			depth++;
		else if (s.p[i - 1] == '[')
			depth--;
		i--;
	}
	return gtd_bytes_of(s.p + i, s.n - i);
}

static uint32_t type_key(const struct rt_module *m, uint32_t i)
{
	return m->t[i].rec.off;
}

/* (a NameOff is signed: its order is its key's with the sign bit flipped) */
static uint32_t name_key(const struct rt_module *m, uint32_t i)
{
	return (uint32_t)m->names[i].off ^ 0x80000000u;
}

/* Indexes 0..n-1 in the order of their keys (offsets: one descriptor or
 * name at each, so no two are equal). */
static uint32_t *sorted(const struct rt_module *m, uint32_t n, uint32_t (*key)(const struct rt_module *, uint32_t))
{
	uint64_t *items = malloc((n ? n : 1) * 2 * sizeof *items);
	uint32_t *v = malloc((n ? n : 1) * sizeof *v);

	if (!items || !v) {
		free(items);
		free(v);
		return NULL;
	}
	for (uint32_t i = 0; i < n; i++)
		items[i] = gtd_keysort_item(key(m, i), i);
	gtd_keysort(items, items + n, n);
	for (uint32_t i = 0; i < n; i++)
		v[i] = (uint32_t)items[i];
	free(items);
	return v;
}

static int emit_type(struct rt_module *m, const struct rt_type *t)
{
	struct gtd_rtype_rec r = t->rec;

	r.string = m->names[t->str].name;
	if (r.tflag & RT_TFLAG_EXTRA_STAR && r.string.n)
		r.string = gtd_bytes_of(r.string.p + 1, r.string.n - 1);
	r.name = r.tflag & RT_TFLAG_NAMED ? reflect_name(r.string) : gtd_bytes_of(NULL, 0);
	r.kind_pkgpath_off = GTD_RT_NONE;
	if ((t->rec.kind == RT_KIND_STRUCT || t->rec.kind == RT_KIND_INTERFACE) && t->pkgpath != RT_NO_TYPE)
		r.kind_pkgpath_off = m->names[t->pkgpath].off;
	if (t->elem != RT_NO_TYPE)
		r.elem_off = m->t[t->elem].rec.off;
	if (t->key != RT_NO_TYPE)
		r.key_off = m->t[t->key].rec.off;
	return m->sink->rtype(m->sink->ctx, &r);
}

/* A descriptor's methods, fields or parameters, and interface methods. */
static int emit_members(struct rt_module *m, const struct rt_type *t)
{
	const struct gtd_sink *k = m->sink;
	uint32_t off = t->rec.off;
	int rc;

	for (uint32_t i = 0; i < t->nmethods; i++) {
		const struct rt_method *me = &t->methods[i];
		struct gtd_rmethod_rec mr = { off, i, me->name_off, me->mtyp_off, me->ifn, me->tfn };

		if ((rc = k->rmethod(k->ctx, &mr)))
			return rc;
	}
	for (uint32_t i = 0; i < t->nfields; i++) {
		const struct rt_field *f = &t->fields[i];

		if (t->rec.kind == RT_KIND_STRUCT) {
			struct gtd_rfield_rec fr = { off, i, m->names[f->name].off, m->t[f->type].rec.off,
						     f->offset, f->embedded };

			rc = k->rfield(k->ctx, &fr);
		} else {
			struct gtd_rparam_rec pr = { off, i, i >= (uint32_t)t->rec.in_count,
						     m->t[f->type].rec.off };

			if (pr.out)
				pr.idx -= (uint32_t)t->rec.in_count;
			rc = k->rparam(k->ctx, &pr);
		}
		if (rc)
			return rc;
	}
	for (uint32_t i = 0; i < t->nimethods; i++) {
		struct gtd_rimethod_rec ir = { off, i, t->imethods[i].name_off, t->imethods[i].typ_off };

		if ((rc = k->rimethod(k->ctx, &ir)))
			return rc;
	}
	return GTD_OK;
}

static int emit_names(struct rt_module *m)
{
	uint32_t *order = sorted(m, m->nnames, name_key);
	int rc = GTD_OK;

	if (!order)
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for names");
	for (uint32_t i = 0; !rc && i < m->nnames; i++) {
		const struct rt_name *n = &m->names[order[i]];
		struct gtd_rname_rec r = { n->off, n->flags, n->name, n->tag, n->pkgpath_off };

		rc = m->sink->rname(m->sink->ctx, &r);
	}
	free(order);
	return rc;
}

static int emit_tables(struct rt_module *m)
{
	const struct gtd_sink *k = m->sink;
	int rc;

	for (uint32_t i = 0; i < m->nitabs; i++) {
		const struct rt_itab *it = &m->itabs[i];
		struct gtd_itab_rec r = { i, it->addr, GTD_RT_NONE, m->t[it->inter].rec.off,
					  m->t[it->type].rec.off, it->hash, it->nfun, it->fun0 };

		if (it->addr >= m->types && it->addr < m->etypes)
			r.off = (int64_t)(it->addr - m->types);
		if ((rc = k->itab(k->ctx, &r)))
			return rc;
	}
	for (uint32_t i = 0; i < m->ntypelinks; i++) {
		struct gtd_typelink_rec r = { i, m->t[m->typelinks[i]].rec.off };

		if ((rc = k->typelink(k->ctx, &r)))
			return rc;
	}
	return GTD_OK;
}

int rt_emit_records(struct rt_module *m, const struct gtd_module_rec *rec)
{
	int rc;

	if ((rc = m->sink->module(m->sink->ctx, rec)))
		return rc;
	if (!(m->sorted_types = sorted(m, m->nt, type_key)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for type descriptors");
	for (uint32_t i = 0; !rc && i < m->nt; i++)
		rc = emit_members(m, &m->t[m->sorted_types[i]]);
	if (rc || (rc = emit_names(m)))
		return rc;
	return emit_tables(m);
}

int rt_emit_types(struct rt_module *m)
{
	int rc = GTD_OK;

	for (uint32_t i = 0; !rc && i < m->nt; i++)
		rc = emit_type(m, &m->t[m->sorted_types[i]]);
	return rc;
}
