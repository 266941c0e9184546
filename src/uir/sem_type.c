/* Type elements and type uses resolved into gotype nodes, with the
 * importer's caching: a global Type element is built once per unit, a
 * derived one once per dictionary (ureader.go typIdx). */
#include <stdlib.h>
#include <string.h>

#include "sem.h"

struct gtd_gotype *sem_node(struct sem *s, enum gtd_go_kind kind)
{
	struct gtd_gotype *t = sem_alloc(s, 1, sizeof *t);

	if (t)
		t->kind = kind;
	return t;
}

static struct gtd_gotype *type_param(struct sem *s, struct dict *d, uint32_t idx, uint32_t n)
{
	uint32_t ni;

	if (!d) {
		gtd_fail(s->err, GTD_EDATA, "Type %u: type parameter %u outside any object's dictionary",
			 idx, n);
		return NULL;
	}
	ni = d->d->nimplicits;
	if (n < ni) {
		gtd_fail(s->err, GTD_EDATA,
			 "Type %u: type parameter %u is one of Obj %u's %u implicit ones (an enclosing "
			 "function's), which no package-scope object has",
			 idx, n, d->obj, ni);
		return NULL;
	}
	n -= ni;
	if (n < d->nrtparams)
		return d->rtparams[n];
	n -= d->nrtparams;
	if (n < d->ntparams && d->tparams)
		return d->tparams[n];
	gtd_fail(s->err, GTD_EDATA,
		 "Type %u: type parameter %u is out of range: Obj %u has %u implicit, %u receiver "
		 "and %u declared",
		 idx, n + ni + d->nrtparams, d->obj, ni, d->nrtparams, d->ntparams);
	return NULL;
}

int sem_param(struct sem *s, struct dict *d, const struct gtd_param *p, struct gtd_govar *v)
{
	memset(v, 0, sizeof *v);
	if (sem_pkg(s, p->ident.pkg, &v->pkg) || sem_string(s, p->ident.name, &v->name))
		return s->err->code;
	return (v->type = sem_typeinfo(s, d, p->type)) ? GTD_OK : s->err->code;
}

struct gtd_gotype *sem_signature(struct sem *s, struct dict *d, const struct gtd_signature *sig,
				 struct gtd_govar *recv)
{
	struct gtd_gotype *t = sem_node(s, GTD_GO_SIGNATURE);
	uint32_t n;

	if (!t)
		return NULL;
	n = sig->nparams + sig->nresults;
	t->nparams = sig->nparams;
	t->nvars = n;
	t->variadic = sig->variadic;
	t->recv = recv;
	if (n && !(t->vars = sem_alloc(s, n, sizeof *t->vars)))
		return NULL;
	for (uint32_t i = 0; i < sig->nparams; i++)
		if (sem_param(s, d, &sig->params[i], &t->vars[i]))
			return NULL;
	for (uint32_t i = 0; i < sig->nresults; i++)
		if (sem_param(s, d, &sig->results[i], &t->vars[sig->nparams + i]))
			return NULL;
	return t;
}

/* Type-parameter names and their bounds.  The list becomes the
 * dictionary's before the bounds are read: a bound may name any of them. */
struct gtd_gotype **sem_tparams(struct sem *s, struct dict *d, const struct gtd_tparam_name *names,
				uint32_t n, const struct gtd_typeinfo *bounds, int receivers,
				const struct gtd_gopkg *owner_pkg, struct gtd_bytes owner_name)
{
	struct gtd_gotype **list;

	if (n == 0)
		return NULL;
	if (!(list = sem_alloc(s, n, sizeof *list)))
		return NULL;
	for (uint32_t i = 0; i < n; i++) {
		struct gtd_gotype *tp = sem_node(s, GTD_GO_TYPEPARAM);

		if (!tp || sem_pkg(s, names[i].ident.pkg, &tp->pkg) ||
		    sem_string(s, names[i].ident.name, &tp->name))
			return NULL;
		tp->index = i;
		tp->owner_pkg = owner_pkg;
		tp->owner_name = owner_name;
		list[i] = tp;
	}
	if (receivers) {
		d->rtparams = list;
		d->nrtparams = n;
	} else {
		d->tparams = list;
		d->ntparams = n;
	}
	for (uint32_t i = 0; i < n; i++)
		if (!(list[i]->under = sem_typeinfo(s, d, bounds[i])))
			return NULL;
	return list;
}

static int struct_type(struct sem *s, struct dict *d, const struct gtd_type *e, struct gtd_gotype *t)
{
	t->nvars = e->u.strct.n;
	if (t->nvars && !(t->vars = sem_alloc(s, t->nvars, sizeof *t->vars)))
		return s->err->code;
	for (uint32_t i = 0; i < t->nvars; i++) {
		const struct gtd_field *f = &e->u.strct.fields[i];
		struct gtd_govar *v = &t->vars[i];

		if (sem_pkg(s, f->ident.pkg, &v->pkg) || sem_string(s, f->ident.name, &v->name) ||
		    sem_string(s, f->tag, &v->tag) || !(v->type = sem_typeinfo(s, d, f->type)))
			return s->err->code;
		v->embedded = f->embedded;
	}
	return GTD_OK;
}

static int func_cmp(const void *a, const void *b)
{
	return gtd_go_func_cmp(a, b);
}

/* go/types' NewInterfaceType: explicit methods sorted, each with the
 * interface itself as receiver. */
static int interface_type(struct sem *s, struct dict *d, const struct gtd_type *e, struct gtd_gotype *t)
{
	struct gtd_govar *recv;

	t->nmethods = e->u.iface.nmethods;
	t->nembeddeds = e->u.iface.nembeddeds;
	t->implicit = e->u.iface.implicit;
	if ((t->nmethods && !(t->methods = sem_alloc(s, t->nmethods, sizeof *t->methods))) ||
	    (t->nembeddeds && !(t->embeddeds = sem_alloc(s, t->nembeddeds, sizeof *t->embeddeds))))
		return s->err->code;
	for (uint32_t i = 0; i < t->nmethods; i++) {
		const struct gtd_imethod *m = &e->u.iface.methods[i];
		struct gtd_gofunc *f = &t->methods[i];

		if (sem_pkg(s, m->ident.pkg, &f->pkg) || sem_string(s, m->ident.name, &f->name) ||
		    !(recv = sem_alloc(s, 1, sizeof *recv)) || !(f->sig = sem_signature(s, d, &m->sig, recv)))
			return s->err->code;
		recv->pkg = f->pkg;
		recv->type = t;
	}
	if (t->nmethods > 1)
		qsort(t->methods, t->nmethods, sizeof *t->methods, func_cmp);
	for (uint32_t i = 0; i < t->nembeddeds; i++)
		if (!(t->embeddeds[i] = sem_typeinfo(s, d, e->u.iface.embeddeds[i])))
			return s->err->code;
	return GTD_OK;
}

static int union_type(struct sem *s, struct dict *d, const struct gtd_type *e, struct gtd_gotype *t)
{
	t->nvars = e->u.uni.n;
	if (t->nvars && !(t->vars = sem_alloc(s, t->nvars, sizeof *t->vars)))
		return s->err->code;
	for (uint32_t i = 0; i < t->nvars; i++) {
		t->vars[i].tilde = e->u.uni.terms[i].tilde;
		if (!(t->vars[i].type = sem_typeinfo(s, d, e->u.uni.terms[i].type)))
			return s->err->code;
	}
	return GTD_OK;
}

/* A use of a type name, and with type arguments an instance of it. */
static struct gtd_gotype *named_type(struct sem *s, struct dict *d, uint32_t idx,
				     const struct gtd_objuse *u)
{
	struct sem_obj *o = sem_load_obj(s, u->obj);
	struct gtd_gotype *inst;

	if (!o)
		return NULL;
	if (!o->type || (o->type->kind != GTD_GO_NAMED && o->type->kind != GTD_GO_ALIAS &&
			 o->type->kind != GTD_GO_BASIC)) {
		gtd_fail(s->err, GTD_EDATA, "Type %u: Obj %u (%.*s) is not a type name", idx, u->obj,
			 (int)o->name.n, (const char *)o->name.p);
		return NULL;
	}
	if (u->ntargs == 0)
		return o->type;
	if (o->type->kind == GTD_GO_BASIC || o->type->ntparams != u->ntargs) {
		gtd_fail(s->err, GTD_EDATA, "Type %u: %u type arguments for %.*s, which has %u type parameters",
			 idx, u->ntargs, (int)o->name.n, (const char *)o->name.p, o->type->ntparams);
		return NULL;
	}
	if (!(inst = sem_node(s, o->type->kind)) ||
	    !(inst->targs = sem_alloc(s, u->ntargs, sizeof *inst->targs)))
		return NULL;
	inst->orig = o->type;
	inst->ntargs = u->ntargs;
	for (uint32_t i = 0; i < u->ntargs; i++)
		if (!(inst->targs[i] = sem_typeinfo(s, d, u->targs[i])))
			return NULL;
	return inst;
}

static struct gtd_gotype *type_elem(struct sem *s, struct dict *d, uint32_t idx)
{
	const struct gtd_type *e = &s->m->types[idx];
	struct gtd_gotype *t;
	int rc = GTD_OK;

	if (e->code == GTD_TYPE_BASIC)
		return gtd_go_basic(e->u.basic);
	if (e->code == GTD_TYPE_NAMED)
		return named_type(s, d, idx, &e->u.named);
	if (e->code == GTD_TYPE_TYPEPARAM)
		return type_param(s, d, idx, e->u.tparam);
	if (!(t = sem_node(s, GTD_GO_POINTER)))
		return NULL;
	switch (e->code) {
	case GTD_TYPE_POINTER:
	case GTD_TYPE_SLICE:
		t->kind = e->code == GTD_TYPE_POINTER ? GTD_GO_POINTER : GTD_GO_SLICE;
		t->elem = sem_typeinfo(s, d, e->u.elem);
		return t->elem ? t : NULL;
	case GTD_TYPE_ARRAY:
		t->kind = GTD_GO_ARRAY;
		t->len = e->u.array.len;
		t->elem = sem_typeinfo(s, d, e->u.array.elem);
		return t->elem ? t : NULL;
	case GTD_TYPE_CHAN:
		t->kind = GTD_GO_CHAN;
		t->dir = (uint8_t)e->u.chan.dir;
		t->elem = sem_typeinfo(s, d, e->u.chan.elem);
		return t->elem ? t : NULL;
	case GTD_TYPE_MAP:
		t->kind = GTD_GO_MAP;
		if (!(t->key = sem_typeinfo(s, d, e->u.map.key)))
			return NULL;
		t->elem = sem_typeinfo(s, d, e->u.map.elem);
		return t->elem ? t : NULL;
	case GTD_TYPE_SIGNATURE:
		return sem_signature(s, d, &e->u.sig, NULL);
	case GTD_TYPE_STRUCT:
		t->kind = GTD_GO_STRUCT;
		rc = struct_type(s, d, e, t);
		break;
	case GTD_TYPE_INTERFACE:
		t->kind = GTD_GO_INTERFACE;
		rc = interface_type(s, d, e, t);
		break;
	case GTD_TYPE_UNION:
		t->kind = GTD_GO_UNION;
		rc = union_type(s, d, e, t);
		break;
	default: /* the model decoder admits no other code */
		gtd_fail(s->err, GTD_EDATA, "Type %u: type code %d", idx, (int)e->code);
		return NULL;
	}
	return rc ? NULL : t;
}

/* Whether building the element recurses into other types without going
 * through an object: only those can lead back to themselves in a cycle
 * (a named type's uses do so legitimately, through its declaration). */
static int is_composite(const struct gtd_type *e)
{
	return e->code != GTD_TYPE_BASIC && e->code != GTD_TYPE_NAMED && e->code != GTD_TYPE_TYPEPARAM;
}

struct gtd_gotype *sem_typeinfo(struct sem *s, struct dict *d, struct gtd_typeinfo ti)
{
	struct gtd_gotype **slot, *t;
	uint8_t *building;
	uint32_t idx = ti.idx;

	if (ti.derived) {
		if (!d) {
			gtd_fail(s->err, GTD_EDATA, "derived type %u used outside any object's dictionary", idx);
			return NULL;
		}
		if (idx >= d->d->nderived) {
			gtd_fail(s->err, GTD_EDATA, "derived type %u: Obj %u's dictionary has %u", idx,
				 d->obj, d->d->nderived);
			return NULL;
		}
		slot = &d->derived[idx];
		building = &d->building[idx];
		idx = d->d->derived[idx];
	} else {
		if (idx >= s->ntypes) {
			gtd_fail(s->err, GTD_EDATA, "Type %u: the unit has %u", idx, s->ntypes);
			return NULL;
		}
		slot = &s->out->types[idx];
		building = &s->building[idx];
	}
	if (*slot)
		return *slot;
	if (*building) {
		gtd_fail(s->err, GTD_EDATA, "Type %u contains itself (a cycle of unnamed types)", idx);
		return NULL;
	}
	if (++s->depth > SEM_MAX_DEPTH) {
		gtd_fail(s->err, GTD_ELIMIT, "unsupported: Type %u: type nesting deeper than %u",
			 idx, SEM_MAX_DEPTH);
		return NULL;
	}
	*building = is_composite(&s->m->types[idx]);
	t = type_elem(s, d, idx);
	*building = 0;
	s->depth--;
	if (t && !*slot)
		*slot = t;
	return t ? *slot : NULL;
}
