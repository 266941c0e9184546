/* The distinct Go types a unit's semantic rows mention, each with its parts
 * (sink.h, gtd_shape_rec), so that the store can fill typedef and
 * typedef_part once per type and the rows can name types by shape number.
 *
 * Types are deduplicated within the unit by canonical string (the same
 * type built twice is one shape).  A shape's parts are exactly what its
 * canonical string determines, so that every unit, binary and database
 * that meets the type gives it the same parts: element, key, type
 * arguments, fields, parameters and results, interface methods, terms and
 * a generic signature's bounds.  A named type's definition (underlying
 * type, methods) and a type parameter's bound belong to a declaration in
 * one version of its package, which the identity PATH.Name (or $OWNER.i)
 * does not tell apart: they are the declaration's rows, not parts.  A
 * part is rendered on its own, so a generic signature's parts read its
 * type parameters as the positional $i its string has.  Aliases are
 * followed (an instance of a generic alias substituted), as identity does.
 * Both decoders describe their types through it: export data (src/uir) and
 * runtime descriptors (src/rtype). */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/bmap.h"
#include "gotypedb/error.h"
#include "gotypedb/shapes.h"

static int fail(struct gtd_shapes *S, int code, const char *what)
{
	return gtd_fail(S->err, code, "the semantic layer's types: %s", what);
}

/* The canonical builder's failure, said. */
static int canon_failed(struct gtd_shapes *S)
{
	switch (S->canon.why) {
	case GTD_CANON_NOMEM:
		return fail(S, GTD_ENOMEM, "out of memory for canonical strings");
	case GTD_CANON_TOO_DEEP:
		return gtd_fail(S->err, GTD_ELIMIT, "unsupported: type nesting deeper than %u",
				GTD_MAX_TYPE_DEPTH);
	case GTD_CANON_TOO_LONG:
		return gtd_fail(S->err, GTD_ELIMIT,
				"unsupported: the unit's types take more than %zu bytes to describe",
				S->budget);
	case GTD_CANON_CYCLE:
		return fail(S, GTD_EDATA, "a type contains itself (an alias in its own definition)");
	default:
		return fail(S, GTD_EDATA, "an alias without a type");
	}
}

/* The unit's types may grow past its export data (instances are expanded,
 * method sets flattened), but not without bound: past the budget the unit
 * is unsupported rather than a database and memory out of proportion. */
static int over_budget(struct gtd_shapes *S)
{
	if (S->arena.total <= S->budget)
		return GTD_OK;
	return gtd_fail(S->err, GTD_ELIMIT,
			"unsupported: the unit's types take more than %zu bytes to describe", S->budget);
}

static int add_part(struct gtd_shapes *S, const struct gtd_shape_part *part)
{
	if (S->nscratch == S->capscratch) {
		uint32_t cap = S->capscratch ? S->capscratch * 2 : 256;
		struct gtd_shape_part *v = realloc(S->scratch, cap * sizeof *v);

		if (!v)
			return fail(S, GTD_ENOMEM, "out of memory for type parts");
		S->scratch = v;
		S->capscratch = cap;
	}
	S->scratch[S->nscratch++] = *part;
	return GTD_OK;
}

static int new_shape(struct gtd_shapes *S, uint32_t *idx)
{
	if (S->n == S->cap) {
		uint32_t cap = S->cap ? S->cap * 2 : 256;
		struct gtd_shape_rec *v = realloc(S->v, cap * sizeof *v);

		if (!v)
			return fail(S, GTD_ENOMEM, "out of memory for types");
		S->v = v;
		S->cap = cap;
	}
	memset(&S->v[S->n], 0, sizeof S->v[S->n]);
	S->v[S->n].idx = S->n;
	*idx = S->n++;
	return GTD_OK;
}

/* A method reached through instance bindings (an embedded I[int]) with its
 * signature substituted. */
static struct gtd_gotype *bound_sig(struct gtd_shapes *S, struct gtd_gotype *sig,
				    const struct gtd_goenv *env)
{
	return gtd_go_subst_env(&S->arena, sig, env);
}

static int shape_of(struct gtd_shapes *S, const struct gtd_gotype *t, uint32_t *out, int depth);

static int part(struct gtd_shapes *S, enum gtd_part_role role, uint32_t idx,
		const struct gtd_gotype *t, int depth)
{
	struct gtd_shape_part sp = { .role = role, .idx = idx };

	if (shape_of(S, t, &sp.shape, depth + 1))
		return S->err->code;
	return add_part(S, &sp);
}

/* Fields and methods name their package only when unexported (sameId). */
static struct gtd_bytes qualifier(const struct gtd_gopkg *pkg, struct gtd_bytes name)
{
	if (pkg && !gtd_go_is_exported(name))
		return pkg->path;
	return gtd_bytes_of(NULL, 0);
}

static int method_part(struct gtd_shapes *S, uint32_t idx, const struct gtd_gofunc *fn,
		       const struct gtd_goenv *env, int depth)
{
	struct gtd_shape_part sp = { .role = GTD_PART_METHOD, .idx = idx, .name = fn->name };
	struct gtd_gotype *sig = bound_sig(S, fn->sig, env);

	sp.pkg_path = qualifier(fn->pkg, fn->name);
	if (!sig)
		return gtd_fail(S->err, GTD_ELIMIT, "unsupported: a method signature nests deeper than %u",
				GTD_MAX_TYPE_DEPTH);
	if (shape_of(S, sig, &sp.shape, depth + 1))
		return S->err->code;
	return add_part(S, &sp);
}

/* A named type's parts are its type arguments (the identity's own); see the
 * file's comment for its definition. */
static int named_parts(struct gtd_shapes *S, struct gtd_shape_rec *r, const struct gtd_gotype *t,
		       int depth)
{
	const struct gtd_gotype *o = t->orig ? t->orig : t;
	const uint8_t *open;

	if (o->pkg) {
		r->pkg_path = o->pkg->path;
		r->pkg_name = o->pkg->name;
	}
	/* the name without type arguments, which a descriptor's name carries
	 * as text ("G[int]": src/rtype/model.c) and export data as parts */
	r->name = o->name;
	if (r->name.n && (open = memchr(r->name.p, '[', r->name.n)))
		r->name.n = (size_t)(open - r->name.p);
	for (uint32_t i = 0; i < t->ntargs; i++)
		if (part(S, GTD_PART_TARG, i, t->targs[i], depth))
			return S->err->code;
	return GTD_OK;
}

/* A signature's parameters and results, and a generic one's bounds.  The
 * generic signature's parts are read with its type parameters replaced by
 * positional ones ($i, as its string reads them; no parts of their own),
 * so that they, like the string, do not depend on which function
 * declared the signature. */
static int signature_parts(struct gtd_shapes *S, const struct gtd_gotype *t, int depth)
{
	struct gtd_gotype **pos, *sig = (struct gtd_gotype *)t;
	uint32_t n = t->ntparams, nparams = t->nparams;
	int rc = GTD_OK;

	if (n) {
		if (!(pos = gtd_arena_calloc(&S->arena, n, sizeof *pos)))
			return fail(S, GTD_ENOMEM, "out of memory for type parameters");
		for (uint32_t i = 0; i < n; i++) {
			if (!(pos[i] = gtd_arena_calloc(&S->arena, 1, sizeof *pos[i])))
				return fail(S, GTD_ENOMEM, "out of memory for type parameters");
			pos[i]->kind = GTD_GO_TYPEPARAM;
			pos[i]->positional = 1;
			pos[i]->index = i;
		}
		/* the bounds, which may name any of the parameters, once all are made */
		for (uint32_t i = 0; i < n; i++)
			if (t->tparams[i]->under &&
			    !(pos[i]->under = gtd_go_subst(&S->arena, t->tparams[i]->under, t->tparams, pos, n)))
				return gtd_fail(S->err, GTD_ELIMIT,
						"unsupported: a type parameter's bound nests deeper than %u",
						GTD_MAX_TYPE_DEPTH);
		if (!(sig = gtd_go_subst(&S->arena, sig, t->tparams, pos, n)))
			return gtd_fail(S->err, GTD_ELIMIT, "unsupported: a signature nests deeper than %u",
					GTD_MAX_TYPE_DEPTH);
		for (uint32_t i = 0; !rc && i < n; i++)
			if (pos[i]->under)
				rc = part(S, GTD_PART_BOUND, i, pos[i]->under, depth);
	}
	for (uint32_t i = 0; !rc && i < sig->nvars; i++)
		rc = part(S, i < nparams ? GTD_PART_PARAM : GTD_PART_RESULT, i < nparams ? i : i - nparams,
			  sig->vars[i].type, depth);
	return rc;
}

static int interface_parts(struct gtd_shapes *S, const struct gtd_gotype *t, int depth)
{
	struct gtd_gomethod_set set = { 0 };
	int rc = GTD_OK;
	uint32_t k = 0;

	gtd_go_interface_methods(t, NULL, &set);
	if (set.oom)
		rc = fail(S, GTD_ENOMEM, "out of memory for an interface's method set");
	else if (set.too_deep)
		rc = gtd_fail(S->err, GTD_ELIMIT, "unsupported: interfaces embed each other deeper than %u",
			      GTD_MAX_TYPE_DEPTH);
	for (uint32_t i = 0; !rc && i < set.n; i++)
		rc = method_part(S, i, set.m[i].fn, set.m[i].env, depth);
	gtd_go_method_set_free(&set);
	/* the type terms of a constraint, as embedded (methods are above) */
	for (uint32_t i = 0; !rc && i < t->nembeddeds; i++) {
		const struct gtd_gotype *u = gtd_go_underlying(t->embeddeds[i]);

		if (!u || u->kind != GTD_GO_INTERFACE || u->universe == GTD_UNIVERSE_COMPARABLE)
			rc = part(S, GTD_PART_EMBEDDED, k++, t->embeddeds[i], depth);
	}
	return rc;
}

static int fill(struct gtd_shapes *S, uint32_t idx, const struct gtd_gotype *t, int depth)
{
	struct gtd_shape_rec *r = &S->v[idx];
	struct gtd_shape_rec tmp = *r;
	int rc = GTD_OK;

	/* S->v moves as children are added: fill a copy, store it at the end */
	switch (t->kind) {
	case GTD_GO_POINTER:
	case GTD_GO_SLICE:
		rc = part(S, GTD_PART_ELEM, 0, t->elem, depth);
		break;
	case GTD_GO_ARRAY:
		tmp.len = t->len;
		rc = part(S, GTD_PART_ELEM, 0, t->elem, depth);
		break;
	case GTD_GO_CHAN:
		tmp.dir = t->dir;
		rc = part(S, GTD_PART_ELEM, 0, t->elem, depth);
		break;
	case GTD_GO_MAP:
		rc = part(S, GTD_PART_KEY, 0, t->key, depth) || part(S, GTD_PART_ELEM, 0, t->elem, depth);
		break;
	case GTD_GO_NAMED:
		rc = named_parts(S, &tmp, t, depth);
		break;
	case GTD_GO_SIGNATURE:
		tmp.variadic = t->variadic;
		rc = signature_parts(S, t, depth);
		break;
	case GTD_GO_STRUCT:
		for (uint32_t i = 0; !rc && i < t->nvars; i++) {
			const struct gtd_govar *f = &t->vars[i];
			struct gtd_shape_part sp = { .role = GTD_PART_FIELD, .idx = i, .name = f->name,
						     .tag = f->tag, .flag = f->embedded };

			sp.pkg_path = qualifier(f->pkg, f->name);
			rc = shape_of(S, f->type, &sp.shape, depth + 1) || add_part(S, &sp);
		}
		break;
	case GTD_GO_INTERFACE:
		rc = interface_parts(S, t, depth);
		break;
	case GTD_GO_UNION:
		for (uint32_t i = 0; !rc && i < t->nvars; i++) {
			struct gtd_shape_part sp = { .role = GTD_PART_TERM, .idx = i, .flag = t->vars[i].tilde };

			rc = shape_of(S, t->vars[i].type, &sp.shape, depth + 1) || add_part(S, &sp);
		}
		break;
	default:
		break;
	}
	if (rc)
		return S->err->code ? S->err->code : rc;
	S->v[idx] = tmp;
	return GTD_OK;
}

static int shape_of(struct gtd_shapes *S, const struct gtd_gotype *t, uint32_t *out, int depth)
{
	uint32_t base = S->nscratch, nparts;
	struct gtd_bytes canonical;
	uint64_t *slot;
	uint32_t idx = 0;
	int inserted, created, rc;

	if (depth > GTD_MAX_TYPE_DEPTH)
		return gtd_fail(S->err, GTD_ELIMIT, "unsupported: type nesting deeper than %u",
				GTD_MAX_TYPE_DEPTH);
	if (!(t = gtd_canon_unalias(&S->canon, t)))
		return canon_failed(S);
	if (gtd_ptrmap_get(&S->by_node, t, out))
		return GTD_OK;
	if (gtd_canon_text(&S->canon, t, &canonical))
		return canon_failed(S);
	if (over_budget(S))
		return S->err->code;
	if (gtd_bmap_upsert(&S->by_canon, canonical.p, canonical.n, &slot, &inserted))
		return fail(S, GTD_ENOMEM, "out of memory for types");
	created = inserted;
	if (!created) {
		idx = (uint32_t)*slot; /* the same type, built twice */
	} else {
		if (new_shape(S, &idx))
			return S->err->code;
		*slot = idx;
		/* the map's copy of its key, behind the value: the one copy the
		 * shapes keep (canonical may be the writer's buffer) */
		S->v[idx].canonical = gtd_bytes_of(slot + 1, canonical.n);
		S->v[idx].kind = gtd_go_kind_name(t);
	}
	if (gtd_ptrmap_put(&S->by_node, t, idx))
		return fail(S, GTD_ENOMEM, "out of memory for types");
	*out = idx;
	if (!created)
		return GTD_OK;
	/* parts after the node is known: a part may lead back to it */
	if (!(rc = fill(S, idx, t, depth)) && (nparts = S->nscratch - base) > 0) {
		struct gtd_shape_part *copy = gtd_arena_dup(&S->arena, S->scratch + base,
							    nparts * sizeof *copy);

		if (!copy)
			rc = fail(S, GTD_ENOMEM, "out of memory for type parts");
		else {
			S->v[idx].parts = copy;
			S->v[idx].nparts = nparts;
		}
	}
	S->nscratch = base;
	return rc;
}

int gtd_shapes_of(struct gtd_shapes *S, const struct gtd_gotype *t, uint32_t *idx)
{
	return shape_of(S, t, idx, 0);
}

void gtd_shapes_init(struct gtd_shapes *S, size_t budget, struct gtd_error *err)
{
	memset(S, 0, sizeof *S);
	S->err = err;
	S->budget = budget;
	gtd_canon_init(&S->canon, &S->arena);
	S->canon.write_limit = budget;
}

void gtd_shapes_seal(struct gtd_shapes *S)
{
	struct gtd_shape_rec *v;

	/* no more shapes: the records' array to its use */
	if (S->n && S->n < S->cap && (v = realloc(S->v, S->n * sizeof *v))) {
		S->v = v;
		S->cap = S->n;
	}
	free(S->scratch);
	S->scratch = NULL;
	S->nscratch = S->capscratch = 0;
	gtd_ptrmap_free(&S->by_node);
	/* the table only: the keys' copies are the records' canonical strings */
	free(S->by_canon.slots);
	S->by_canon.slots = NULL;
	S->by_canon.cap = S->by_canon.count = 0;
	/* the memo's texts are in S->arena; its tables go */
	gtd_canon_free(&S->canon);
}

void gtd_shapes_free(struct gtd_shapes *S)
{
	free(S->v);
	free(S->scratch);
	gtd_ptrmap_free(&S->by_node);
	gtd_bmap_free(&S->by_canon);
	gtd_canon_free(&S->canon);
	gtd_arena_free(&S->arena);
	memset(S, 0, sizeof *S);
}
