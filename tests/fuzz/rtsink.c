/* The invariant-checking sink (rtsink.h). */
#include <stdlib.h>
#include <string.h>

#include "rtsink.h"

#define NONE GTD_RT_NONE

static int broke(struct rtsink *k, const char *what)
{
	if (!k->broken)
		k->broken = what;
	return 0; /* the decoder goes on: the first failure is what is reported */
}

enum phase { P_BINARY = 1, P_SHAPES, P_MODULE, P_MEMBERS, P_NAMES, P_ITABS, P_TYPELINKS, P_DONE, P_TYPES };

static const int early_order[] = { P_BINARY, P_MODULE, P_MEMBERS, P_NAMES, P_ITABS, P_TYPELINKS, P_DONE,
				   P_SHAPES, P_TYPES, 0 };
static const int late_order[] = { P_BINARY, P_SHAPES, P_MODULE, P_MEMBERS, P_NAMES, P_ITABS, P_TYPELINKS,
				  P_TYPES, 0 };

/* 1 if a record of phase p may come now: at the current phase or one
 * later in the order (which it then moves to). */
static int in_order(struct rtsink *k, int p)
{
	int i = 0;

	while (k->order[i] && k->order[i] != k->phase)
		i++;
	for (int j = k->phase ? i : 0; k->order[j]; j++)
		if (k->order[j] == p) {
			k->phase = p;
			return 1;
		}
	return 0;
}

static void push64(int64_t **v, size_t *n, size_t *cap, int64_t x)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		if (!(*v = realloc(*v, *cap * sizeof **v)))
			abort();
	}
	(*v)[(*n)++] = x;
}

static void want_type(struct rtsink *k, int64_t off)
{
	push64(&k->wanted_types, &k->nwt, &k->capwt, off);
}

static void want_name(struct rtsink *k, int64_t off)
{
	push64(&k->wanted_names, &k->nwn, &k->capwn, off);
}

/* An offset within the module's types region. */
static int in_region(const struct rtsink *k, int64_t off)
{
	return off >= 0 && (uint64_t)off < k->mod.etypes - k->mod.types;
}

static int on_shape(void *ctx, const struct gtd_shape_rec *s)
{
	struct rtsink *k = ctx;

	if (!in_order(k, P_SHAPES))
		return broke(k, "a shape out of sink.h's order");
	if (s->idx != k->nshapes++)
		return broke(k, "shapes not numbered in order");
	for (uint32_t i = 0; i < s->nparts; i++)
		if ((int64_t)s->parts[i].shape > k->max_part)
			k->max_part = s->parts[i].shape;
	return 0;
}

static int on_binary(void *ctx, const struct gtd_binary_rec *b)
{
	struct rtsink *k = ctx;

	if (k->nbinary++ || !in_order(k, P_BINARY))
		return broke(k, "two binary records for one object");
	if (b->ptr_size != 4 && b->ptr_size != 8)
		return broke(k, "a pointer size other than 4 or 8");
	return 0;
}

static int on_module(void *ctx, const struct gtd_module_rec *m)
{
	struct rtsink *k = ctx;

	if (!k->nbinary || k->in_module++ || !in_order(k, P_MODULE))
		return broke(k, "a module without its binary, or two, or out of sink.h's order");
	if (m->etypes <= m->types)
		return broke(k, "a module whose types region is empty");
	k->mod = *m;
	return 0;
}

static int add_type(struct rtsink *k, uint32_t off, uint8_t kind)
{
	if (k->ntypes == k->captypes) {
		k->captypes = k->captypes ? 2 * k->captypes : 256;
		if (!(k->types = realloc(k->types, k->captypes * sizeof *k->types)) ||
		    !(k->kinds = realloc(k->kinds, k->captypes)))
			abort();
	}
	k->kinds[k->ntypes] = kind;
	k->types[k->ntypes++] = off;
	return 0;
}

static int on_rtype(void *ctx, const struct gtd_rtype_rec *t)
{
	struct rtsink *k = ctx;

	if (!k->in_module || !in_order(k, P_TYPES))
		return broke(k, "a descriptor out of sink.h's order");
	if ((int64_t)t->off <= k->last_off || !in_region(k, t->off))
		return broke(k, "a descriptor out of order or outside the types region");
	if (t->shape >= k->nshapes)
		return broke(k, "a descriptor whose shape was not emitted before it");
	if (t->kind < 1 || t->kind > 26 || (t->kind_byte & 0x1f) != t->kind)
		return broke(k, "a kind outside 1-26");
	k->last_off = t->off;
	want_name(k, t->str_off);
	if (t->ptrtothis_off != 0 && t->ptrtothis_off != -1)
		want_type(k, t->ptrtothis_off);
	if (t->elem_off != NONE)
		want_type(k, t->elem_off);
	if (t->key_off != NONE)
		want_type(k, t->key_off);
	if (t->uncommon_pkgpath_off != NONE && t->uncommon_pkgpath_off != 0)
		want_name(k, t->uncommon_pkgpath_off);
	if (t->kind_pkgpath_off != NONE)
		want_name(k, t->kind_pkgpath_off);
	if (t->uncommon_pkgpath_off == NONE && (t->mcount || t->xcount))
		return broke(k, "methods without an uncommon type");
	return add_type(k, t->off, t->kind);
}

/* A member (method, field, parameter, interface method): in its module,
 * before the names, by its descriptor's offset; the descriptor is checked
 * at the end. */
static int member_of(struct rtsink *k, uint32_t type_off)
{
	if (!k->in_module || !in_order(k, P_MEMBERS) || (int64_t)type_off < k->last_member)
		return 0;
	k->last_member = type_off;
	want_type(k, type_off);
	return 1;
}

static int on_rmethod(void *ctx, const struct gtd_rmethod_rec *m)
{
	struct rtsink *k = ctx;

	if (!member_of(k, m->type_off))
		return broke(k, "a method out of order");
	want_name(k, m->name_off);
	if (m->mtyp_off != 0 && m->mtyp_off != -1)
		want_type(k, m->mtyp_off);
	return 0;
}

static int on_rfield(void *ctx, const struct gtd_rfield_rec *f)
{
	struct rtsink *k = ctx;

	if (!member_of(k, f->type_off))
		return broke(k, "a field out of order");
	want_name(k, f->name_off);
	want_type(k, f->typ_off);
	return 0;
}

static int on_rimethod(void *ctx, const struct gtd_rimethod_rec *m)
{
	struct rtsink *k = ctx;

	if (!member_of(k, m->type_off))
		return broke(k, "an interface method out of order");
	want_name(k, m->name_off);
	want_type(k, m->typ_off);
	return 0;
}

static int on_rparam(void *ctx, const struct gtd_rparam_rec *p)
{
	struct rtsink *k = ctx;

	if (!member_of(k, p->type_off))
		return broke(k, "a parameter out of order");
	want_type(k, p->typ_off);
	return 0;
}

static int on_rname(void *ctx, const struct gtd_rname_rec *n)
{
	struct rtsink *k = ctx;

	if (!k->in_module || !in_order(k, P_NAMES) || (k->nnames && n->off <= k->last_name))
		return broke(k, "a name outside its module or out of order");
	if ((n->tag.p != NULL) != ((n->flags & 2) != 0))
		return broke(k, "a name's tag and its flag disagree");
	k->last_name = n->off;
	if (k->nnames == k->capnames) {
		k->capnames = k->capnames ? 2 * k->capnames : 256;
		if (!(k->names = realloc(k->names, k->capnames * sizeof *k->names)))
			abort();
	}
	k->names[k->nnames++] = n->off;
	return 0;
}

static int on_itab(void *ctx, const struct gtd_itab_rec *i)
{
	struct rtsink *k = ctx;

	if (!k->in_module || !in_order(k, P_ITABS) || i->idx != k->nitabs++ || !i->nfun)
		return broke(k, "itabs out of order, or one without a Fun word");
	if (i->off != NONE && (!in_region(k, i->off) || k->mod.types + (uint64_t)i->off != i->addr))
		return broke(k, "an itab's offset is not its address in the types region");
	want_type(k, i->type_off);
	want_type(k, -1 - (int64_t)i->inter_off); /* (an interface: checked at the end) */
	return 0;
}

static int on_typelink(void *ctx, const struct gtd_typelink_rec *t)
{
	struct rtsink *k = ctx;

	if (!k->in_module || !in_order(k, P_TYPELINKS) || t->idx != k->ntypelinks++)
		return broke(k, "typelinks out of order");
	want_type(k, t->type_off);
	return 0;
}

static int on_records_done(void *ctx)
{
	struct rtsink *k = ctx;

	if (!k->in_module || k->records_done++ || !in_order(k, P_DONE))
		return broke(k, "records_done outside a module, or twice");
	return 0;
}

void rtsink_init(struct rtsink *k, int early)
{
	memset(k, 0, sizeof *k);
	k->order = early ? early_order : late_order;
	k->last_off = k->max_part = k->last_member = -1;
	k->sink = (struct gtd_sink){
		.ctx = k, .shape = on_shape, .binary = on_binary, .module = on_module, .rtype = on_rtype,
		.rname = on_rname, .rmethod = on_rmethod, .rfield = on_rfield, .rimethod = on_rimethod,
		.rparam = on_rparam, .itab = on_itab, .typelink = on_typelink,
		.records_done = early ? on_records_done : NULL,
	};
}

/* The index of the emitted descriptor at off; -1: none. */
static long type_index(const struct rtsink *k, int64_t off)
{
	size_t lo = 0, hi = k->ntypes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((int64_t)k->types[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->ntypes && (int64_t)k->types[lo] == off ? (long)lo : -1;
}

static int has_name(const struct rtsink *k, int64_t off)
{
	size_t lo = 0, hi = k->nnames;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k->names[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < k->nnames && k->names[lo] == off;
}

const char *rtsink_finish(struct rtsink *k)
{
	if (k->nbinary && !k->in_module)
		broke(k, "a binary without its module");
	if (!k->in_module)
		return k->broken;
	if (k->order == early_order && !k->records_done)
		broke(k, "a module without records_done");
	if (k->max_part >= (int64_t)k->nshapes)
		broke(k, "a shape's part names a shape that was not emitted");
	if (k->mod.ntypelinks != k->ntypelinks || k->mod.nitabs != k->nitabs)
		broke(k, "the module's counts are not its records'");
	for (size_t i = 0; i < k->nwt; i++) {
		int64_t off = k->wanted_types[i];
		int inter = off < 0;
		long idx = type_index(k, inter ? -1 - off : off);

		if (idx < 0)
			broke(k, "a record names a descriptor that was not emitted");
		else if (inter && k->kinds[idx] != 20)
			broke(k, "an itab's Inter is no interface");
	}
	for (size_t i = 0; i < k->nwn; i++)
		if (!has_name(k, k->wanted_names[i]))
			broke(k, "a record names a name that was not emitted");
	return k->broken;
}

void rtsink_free(struct rtsink *k)
{
	free(k->types);
	free(k->kinds);
	free(k->names);
	free(k->wanted_types);
	free(k->wanted_names);
	memset(k, 0, sizeof *k);
}
