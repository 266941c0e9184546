/* Type declarations: a Named type's underlying type (V0's declared
 * instance expanded, a named interface's methods re-receivered, a
 * not-yet-built rhs finished later) and its methods (records, and V4+
 * generic methods with their own dictionaries, in V5 source order). */
#include <stdlib.h>
#include <string.h>

#include "sem.h"

/* go/types' setUnderlying: a named interface gets its own copy whose
 * explicit methods have the named type as receiver. */
static int set_underlying(struct sem *s, struct gtd_gotype *named, const struct gtd_gotype *under)
{
	struct gtd_gotype *copy;

	if (under->kind != GTD_GO_INTERFACE || under->nmethods == 0) {
		named->under = (struct gtd_gotype *)under;
		return GTD_OK;
	}
	if (!(copy = sem_node(s, GTD_GO_INTERFACE)) ||
	    !(copy->methods = sem_alloc(s, under->nmethods, sizeof *copy->methods)))
		return s->err->code;
	copy->nmethods = under->nmethods;
	copy->embeddeds = under->embeddeds;
	copy->nembeddeds = under->nembeddeds;
	for (uint32_t i = 0; i < under->nmethods; i++) {
		struct gtd_gotype *sig = sem_node(s, GTD_GO_SIGNATURE);
		struct gtd_govar *recv = sem_alloc(s, 1, sizeof *recv);

		if (!sig || !recv)
			return s->err->code;
		*sig = *under->methods[i].sig;
		recv->pkg = under->methods[i].pkg;
		recv->type = named;
		sig->recv = recv;
		copy->methods[i] = under->methods[i];
		copy->methods[i].sig = sig;
	}
	named->under = copy;
	return GTD_OK;
}

/* The underlying type a declaration with this rhs gets, instances
 * expanded (V0 writes `type T G[int]` as the instance); *out NULL (not an
 * error) while a Named type it depends on is still being built. */
static int underlying_of(struct sem *s, struct gtd_gotype *rhs, const struct gtd_gotype **out)
{
	for (uint32_t depth = 0; depth < SEM_MAX_DEPTH; depth++) {
		struct gtd_gotype *o = rhs ? rhs->orig : NULL;

		if (rhs && rhs->kind == GTD_GO_ALIAS && !o) {
			rhs = rhs->under;
			continue;
		}
		if (!o) {
			*out = gtd_go_underlying(rhs);
			return GTD_OK;
		}
		if (!o->under) {
			*out = NULL;
			return GTD_OK;
		}
		if (!(rhs = gtd_go_subst(s->a, o->under, o->tparams, rhs->targs,
					 rhs->ntargs < o->ntparams ? rhs->ntargs : o->ntparams)))
			return gtd_fail(s->err, GTD_ELIMIT,
					"unsupported: instance of %.*s: its type nests deeper than %u",
					(int)o->name.n, (const char *)o->name.p, SEM_MAX_DEPTH);
		if (o->kind == GTD_GO_NAMED) {
			*out = gtd_go_underlying(rhs);
			return GTD_OK;
		}
	}
	return gtd_fail(s->err, GTD_ELIMIT, "unsupported: aliases refer to each other deeper than %u",
			SEM_MAX_DEPTH);
}

static int add_fixup(struct sem *s, struct gtd_gotype *named, struct gtd_gotype *rhs)
{
	if (s->nfixups == s->cap_fixups) {
		uint32_t cap = s->cap_fixups ? s->cap_fixups * 2 : 16;
		struct fixup *v = realloc(s->fixups, cap * sizeof *v);

		if (!v)
			return gtd_fail(s->err, GTD_ENOMEM, "out of memory for %u fixups", cap);
		s->fixups = v;
		s->cap_fixups = cap;
	}
	s->fixups[s->nfixups++] = (struct fixup){ named, rhs };
	return GTD_OK;
}

struct method_slot {
	uint32_t source_index;
	struct gtd_gofunc fn;
};

static int method_slot_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct method_slot *)a)->source_index;
	uint32_t y = ((const struct method_slot *)b)->source_index;

	return (x > y) - (x < y);
}

/* A method record: the receiver's type parameters are new ones (with the
 * method's names), which the signature's TypeParam indices then name. */
static int method_record(struct sem *s, struct dict *d, struct sem_obj *owner,
			 const struct gtd_method *mr, struct gtd_gofunc *fn)
{
	struct gtd_govar *recv = sem_alloc(s, 1, sizeof *recv);

	if (!recv || sem_pkg(s, mr->ident.pkg, &fn->pkg) || sem_string(s, mr->ident.name, &fn->name))
		return s->err->code;
	if (mr->nrtparams &&
	    !sem_tparams(s, d, mr->rtparams, mr->nrtparams, d->d->bounds, 0, owner->pkg, owner->name))
		return s->err->code;
	if (sem_param(s, d, &mr->recv, recv) || !(fn->sig = sem_signature(s, d, &mr->sig, recv)))
		return s->err->code;
	return GTD_OK;
}

/* A V4+ generic method: its own Obj element and dictionary. */
static int generic_method(struct sem *s, struct sem_obj *owner, uint32_t idx, struct gtd_gofunc *fn)
{
	const struct gtd_obj *o;
	struct gtd_govar *recv;
	struct gtd_bytes full;
	struct dict *d;

	if (idx >= s->nobjs)
		return gtd_fail(s->err, GTD_EDATA, "generic method Obj %u: the unit has %u", idx, s->nobjs);
	o = &s->m->objs[idx];
	if (o->code != GTD_OBJ_FUNC || !o->is_generic_method)
		return gtd_fail(s->err, GTD_EDATA, "Obj %u is listed as a generic method but is not one", idx);
	s->objs[idx].loaded = 1;
	if (!(d = sem_new_dict(s, idx)) || !(recv = sem_alloc(s, 1, sizeof *recv)) ||
	    sem_string(s, s->m->names[idx].name, &full) ||
	    sem_pkg(s, o->gmethod.ident.pkg, &fn->pkg) || sem_string(s, o->gmethod.ident.name, &fn->name))
		return s->err->code;
	if (o->gmethod.nrtparams && !sem_tparams(s, d, o->gmethod.rtparams, o->gmethod.nrtparams,
						 d->d->rbounds, 1, owner->pkg, owner->name))
		return s->err->code;
	if (sem_param(s, d, &o->gmethod.recv, recv))
		return s->err->code;
	if (o->gmethod.ntparams && !sem_tparams(s, d, o->gmethod.tparams, o->gmethod.ntparams,
						d->d->bounds, 0, owner->pkg, full))
		return s->err->code;
	if (!(fn->sig = sem_signature(s, d, &o->gmethod.sig, recv)))
		return s->err->code;
	fn->sig->tparams = d->tparams;
	fn->sig->ntparams = d->ntparams;
	return GTD_OK;
}

static int load_methods(struct sem *s, struct dict *d, struct sem_obj *so, const struct gtd_obj *o)
{
	struct gtd_gotype *named = so->type;
	uint32_t n = o->nmethods + o->ngeneric_methods;
	struct method_slot *slots;

	if (n == 0)
		return GTD_OK;
	if (!(slots = sem_alloc(s, n, sizeof *slots)) ||
	    !(named->methods = sem_alloc(s, n, sizeof *named->methods)))
		return s->err->code;
	for (uint32_t i = 0; i < o->nmethods; i++) {
		slots[i].source_index = o->methods[i].source_index;
		if (method_record(s, d, so, &o->methods[i], &slots[i].fn))
			return s->err->code;
	}
	for (uint32_t i = 0; i < o->ngeneric_methods; i++) {
		uint32_t gi = o->generic_methods[i];
		struct method_slot *slot = &slots[o->nmethods + i];

		if (generic_method(s, so, gi, &slot->fn))
			return s->err->code;
		slot->source_index = gi < s->nobjs ? s->m->objs[gi].gmethod.source_index : GTD_NONE;
	}
	/* V5: declaration order; before, the records' order (V4: non-generic first). */
	if (gtd_uir_has(s->version, GTD_FIELD_PRESERVE_METHOD_ORDER))
		qsort(slots, n, sizeof *slots, method_slot_cmp);
	for (uint32_t i = 0; i < n; i++)
		named->methods[i] = slots[i].fn;
	named->nmethods = n;
	return GTD_OK;
}

int sem_load_typename(struct sem *s, uint32_t idx, struct sem_obj *so, const struct gtd_obj *o)
{
	const struct gtd_gotype *under;
	struct gtd_gotype *named, *rhs;
	struct dict *d;

	if (!(named = sem_node(s, GTD_GO_NAMED)) || !(d = sem_new_dict(s, idx)))
		return s->err->code;
	named->pkg = so->pkg;
	named->name = so->name;
	so->type = named;
	if (o->ntparams &&
	    !(named->tparams = sem_tparams(s, d, o->tparams, o->ntparams, d->d->bounds, 0, so->pkg, so->name)))
		return s->err->code;
	named->ntparams = o->ntparams;
	if (!(rhs = sem_typeinfo(s, d, o->type)))
		return s->err->code;
	/* V0's rhs is the declared type expression, V1+'s the underlying type;
	 * a Named rhs still being built is finished later. */
	if (underlying_of(s, rhs, &under) ||
	    (under ? set_underlying(s, named, under) : add_fixup(s, named, rhs)))
		return s->err->code;
	return load_methods(s, d, so, o);
}

/* Named types whose rhs was a Named type still being built (V0). */
int sem_run_fixups(struct sem *s)
{
	int progress = 1;

	while (s->nfixups && progress) {
		progress = 0;
		for (uint32_t i = 0; i < s->nfixups; i++) {
			const struct gtd_gotype *under;

			if (underlying_of(s, s->fixups[i].rhs, &under))
				return s->err->code;
			if (!under)
				continue;
			if (set_underlying(s, s->fixups[i].named, under))
				return s->err->code;
			s->fixups[i--] = s->fixups[--s->nfixups];
			progress = 1;
		}
	}
	if (s->nfixups)
		return gtd_fail(s->err, GTD_EDATA, "type %.*s: its underlying type is itself (a cycle of named types)",
				(int)s->fixups[0].named->name.n, (const char *)s->fixups[0].named->name.p);
	return GTD_OK;
}
