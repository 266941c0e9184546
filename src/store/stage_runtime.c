/* Staging a binary's records: copies of the records in arrival order,
 * each tagged with the binary or module it belongs to.  Their strings
 * stay borrowed from the file, which outlives the stage (as a unit's
 * member does); the shapes go where a unit's go (stage.c), numbered on
 * across the binaries of a universal Mach-O. */
#include <stdlib.h>
#include <string.h>

#include "stage_int.h"

/* Appends one zeroed item to a GTD_STAGE_VEC. */
#define PUSH(s, vec) ((__typeof__((vec).v))push_item((void **)&(vec).v, &(vec).n, &(vec).cap, \
							 sizeof *(vec).v, (s)->err))

static void *push_item(void **v, size_t *n, size_t *cap, size_t size, struct gtd_error *err)
{
	if (*n == *cap) {
		size_t ncap = stage_next_cap(*cap);
		void *p = realloc(*v, ncap * size);

		if (!p) {
			gtd_fail(err, GTD_ENOMEM, "out of memory for %zu runtime records", ncap);
			return NULL;
		}
		*v = p;
		*cap = ncap;
	}
	memset((char *)*v + *n * size, 0, size);
	return (char *)*v + (*n)++ * size;
}

static uint32_t cur_binary(const struct gtd_stage *s)
{
	return (uint32_t)(s->rt.binaries.n - 1);
}

static uint32_t cur_module(const struct gtd_stage *s)
{
	return (uint32_t)(s->rt.modules.n - 1);
}

static int need(struct gtd_stage *s, size_t n, const char *what)
{
	return n ? GTD_OK : gtd_fail(s->err, GTD_EINTERNAL, "a %s record before its owner", what);
}

static int on_binary(void *ctx, const struct gtd_binary_rec *b)
{
	struct gtd_stage *s = ctx;
	struct gtd_binary_rec *r = PUSH(s, s->rt.binaries);

	if (!r)
		return s->err->code;
	*r = *b;
	s->rt.shape_base = (uint32_t)s->nshapes;
	return GTD_OK;
}

static int on_build_dep(void *ctx, const struct gtd_build_dep_rec *d)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_dep *r;

	if (need(s, s->rt.binaries.n, "build dep") || !(r = PUSH(s, s->rt.deps)))
		return s->err->code;
	r->binary = cur_binary(s);
	r->r = *d;
	return GTD_OK;
}

static int on_build_setting(void *ctx, const struct gtd_build_setting_rec *b)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_setting *r;

	if (need(s, s->rt.binaries.n, "build setting") || !(r = PUSH(s, s->rt.settings)))
		return s->err->code;
	r->binary = cur_binary(s);
	r->r = *b;
	return GTD_OK;
}

static int on_module(void *ctx, const struct gtd_module_rec *m)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_module *r;

	if (need(s, s->rt.binaries.n, "module") || !(r = PUSH(s, s->rt.modules)))
		return s->err->code;
	r->binary = cur_binary(s);
	r->r = *m;
	return GTD_OK;
}

static int on_rtype(void *ctx, const struct gtd_rtype_rec *t)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_rtype *r;

	if (need(s, s->rt.modules.n, "type descriptor") || !(r = PUSH(s, s->rt.rtypes)))
		return s->err->code;
	r->module = cur_module(s);
	r->r = *t;
	r->r.shape += s->rt.shape_base;
	if (r->r.shape >= s->nshapes)
		return gtd_fail(s->err, GTD_EINTERNAL, "a descriptor names type %u of %zu", r->r.shape,
				s->nshapes);
	return GTD_OK;
}

/* The records that only belong to the current module. */
#define ON_MODULE_RECORD(fn, rectype, stagetype, vec, what) \
	static int fn(void *ctx, const struct rectype *x) \
	{ \
		struct gtd_stage *s = ctx; \
		struct stagetype *r; \
		if (need(s, s->rt.modules.n, what) || !(r = PUSH(s, s->rt.vec))) \
			return s->err->code; \
		r->module = cur_module(s); \
		r->r = *x; \
		return GTD_OK; \
	}

ON_MODULE_RECORD(on_rname, gtd_rname_rec, gtd_stage_rname, rnames, "name")
ON_MODULE_RECORD(on_rmethod, gtd_rmethod_rec, gtd_stage_rmethod, rmethods, "method")
ON_MODULE_RECORD(on_rfield, gtd_rfield_rec, gtd_stage_rfield, rfields, "field")
ON_MODULE_RECORD(on_rimethod, gtd_rimethod_rec, gtd_stage_rimethod, rimethods, "interface method")
ON_MODULE_RECORD(on_rparam, gtd_rparam_rec, gtd_stage_rparam, rparams, "parameter")
ON_MODULE_RECORD(on_itab, gtd_itab_rec, gtd_stage_itab, itabs, "itab")
ON_MODULE_RECORD(on_typelink, gtd_typelink_rec, gtd_stage_typelink, typelinks, "typelink")

static int on_records_done(void *ctx)
{
	struct gtd_stage *s = ctx;

	return s->records_done(s->records_done_ctx);
}

void gtd_stage_on_records_done(struct gtd_stage *s, int (*fn)(void *ctx), void *ctx)
{
	s->records_done = fn;
	s->records_done_ctx = ctx;
	s->sink.records_done = on_records_done;
}

/* A copy of vec's items into the empty vector out. */
#define COPY_VEC(s, out, vec) copy_items((void **)&(out).v, &(out).n, &(out).cap, (vec).v, (vec).n, \
					 sizeof *(vec).v, (s)->err)
/* vec's items into the empty vector out, vec left empty. */
#define MOVE_VEC(out, vec) ((out) = (vec), memset(&(vec), 0, sizeof (vec)))

static int copy_items(void **out, size_t *n, size_t *cap, const void *v, size_t count, size_t size,
		      struct gtd_error *err)
{
	if (!count)
		return GTD_OK;
	if (!(*out = malloc(count * size)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu runtime records", count);
	memcpy(*out, v, count * size);
	*n = *cap = count;
	return GTD_OK;
}

int gtd_stage_take_records(struct gtd_stage *s, struct gtd_stage_runtime *out)
{
	memset(out, 0, sizeof *out);
	if (s->records_taken)
		return gtd_fail(s->err, GTD_EINTERNAL, "a binary's records taken twice");
	if (COPY_VEC(s, out->binaries, s->rt.binaries) || COPY_VEC(s, out->deps, s->rt.deps) ||
	    COPY_VEC(s, out->settings, s->rt.settings) || COPY_VEC(s, out->modules, s->rt.modules)) {
		gtd_stage_runtime_free(out);
		return s->err->code;
	}
	s->records_taken = 1;
	MOVE_VEC(out->rnames, s->rt.rnames);
	MOVE_VEC(out->rmethods, s->rt.rmethods);
	MOVE_VEC(out->rfields, s->rt.rfields);
	MOVE_VEC(out->rimethods, s->rt.rimethods);
	MOVE_VEC(out->rparams, s->rt.rparams);
	MOVE_VEC(out->itabs, s->rt.itabs);
	MOVE_VEC(out->typelinks, s->rt.typelinks);
	return GTD_OK;
}

void stage_runtime_sink(struct gtd_stage *s)
{
	s->sink.binary = on_binary;
	s->sink.build_dep = on_build_dep;
	s->sink.build_setting = on_build_setting;
	s->sink.module = on_module;
	s->sink.rtype = on_rtype;
	s->sink.rname = on_rname;
	s->sink.rmethod = on_rmethod;
	s->sink.rfield = on_rfield;
	s->sink.rimethod = on_rimethod;
	s->sink.rparam = on_rparam;
	s->sink.itab = on_itab;
	s->sink.typelink = on_typelink;
}

#define VEC_BYTES(vec) ((uint64_t)(vec).cap * sizeof *(vec).v)

uint64_t gtd_stage_runtime_bytes(const struct gtd_stage_runtime *rt)
{
	return VEC_BYTES(rt->binaries) + VEC_BYTES(rt->deps) + VEC_BYTES(rt->settings) +
	       VEC_BYTES(rt->modules) + VEC_BYTES(rt->rtypes) + VEC_BYTES(rt->rnames) +
	       VEC_BYTES(rt->rmethods) + VEC_BYTES(rt->rfields) + VEC_BYTES(rt->rimethods) +
	       VEC_BYTES(rt->rparams) + VEC_BYTES(rt->itabs) + VEC_BYTES(rt->typelinks);
}

void gtd_stage_runtime_free(struct gtd_stage_runtime *rt)
{
	free(rt->binaries.v);
	free(rt->deps.v);
	free(rt->settings.v);
	free(rt->modules.v);
	free(rt->rtypes.v);
	free(rt->rnames.v);
	free(rt->rmethods.v);
	free(rt->rfields.v);
	free(rt->rimethods.v);
	free(rt->rparams.v);
	free(rt->itabs.v);
	free(rt->typelinks.v);
	memset(rt, 0, sizeof *rt);
}
