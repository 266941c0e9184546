/* The semantic builder: packages and package-scope objects as go/types'
 * importer loads them (include/gotypedb/uirsem.h). */
#include <stdlib.h>
#include <string.h>

#include "sem.h"

void *sem_alloc(struct sem *s, size_t n, size_t size)
{
	void *p;

	if (s->a->total > s->budget) {
		gtd_fail(s->err, GTD_ELIMIT, "unsupported: the unit's types take more than %zu bytes to describe",
			 s->budget);
		return NULL;
	}
	if (!(p = gtd_arena_calloc(s->a, n, size)))
		gtd_fail(s->err, GTD_ENOMEM, "out of memory for %zu items of the semantic layer", n);
	return p;
}

int sem_string(struct sem *s, uint32_t idx, struct gtd_bytes *out)
{
	return gtd_pkgbits_string(s->m->pb, idx, out);
}

/* The importer maps "" and "main" to the path it was given, which for a
 * main package is "main"; "builtin" is the universe (NULL). */
int sem_pkg(struct sem *s, uint32_t idx, const struct gtd_gopkg **out)
{
	const struct gtd_pkg *p;
	struct gtd_gopkg *g;
	struct gtd_bytes path;
	uint64_t *slot;
	int inserted;

	if (idx >= s->npkgs)
		return gtd_fail(s->err, GTD_EDATA, "Pkg %u: the unit has %u", idx, s->npkgs);
	if (s->pkg_done[idx]) {
		*out = s->pkgs[idx];
		return GTD_OK;
	}
	p = &s->m->pkgs[idx];
	if (sem_string(s, p->path, &path))
		return s->err->code;
	if (path.n == 0)
		path = gtd_bytes_of("main", 4);
	if (gtd_bytes_eq_str(path, "builtin")) {
		s->pkg_done[idx] = 1;
		*out = s->pkgs[idx] = NULL;
		return GTD_OK;
	}
	if (gtd_bmap_upsert(&s->pkg_paths, path.p, path.n, &slot, &inserted))
		return gtd_fail(s->err, GTD_ENOMEM, "out of memory for package paths");
	if (inserted) {
		if (!(g = sem_alloc(s, 1, sizeof *g)))
			return s->err->code;
		g->path = path;
		if (p->name == GTD_NONE)
			g->name = path; /* unsafe */
		else if (sem_string(s, p->name, &g->name))
			return s->err->code;
		*slot = (uint64_t)(uintptr_t)g;
	}
	s->pkg_done[idx] = 1;
	*out = s->pkgs[idx] = (struct gtd_gopkg *)(uintptr_t)*slot;
	return GTD_OK;
}

struct dict *sem_new_dict(struct sem *s, uint32_t obj)
{
	struct dict *d = sem_alloc(s, 1, sizeof *d);

	if (!d)
		return NULL;
	d->obj = obj;
	d->d = &s->m->dicts[obj];
	if (d->d->nderived && (!(d->derived = sem_alloc(s, d->d->nderived, sizeof *d->derived)) ||
				!(d->building = sem_alloc(s, d->d->nderived, 1))))
		return NULL;
	return d;
}

/* ---- objects --------------------------------------------------------- */

/* The importer skips local types promoted to package scope (T·N) and V4+
 * generic methods promoted there (T.M, (*T).M). */
static int is_listed_name(struct gtd_bytes name)
{
	size_t i = name.n;

	while (i > 0 && name.p[i - 1] >= '0' && name.p[i - 1] <= '9')
		i--;
	if (i >= 2 && name.p[i - 2] == 0xc2 && name.p[i - 1] == 0xb7) /* "·" */
		return 0;
	return memchr(name.p, '.', name.n) == NULL;
}

static int list_object(struct sem *s, uint32_t idx, struct gtd_gotype *type)
{
	struct gtd_uir_semantic *out = s->out;
	struct gtd_uir_object *o;

	if (out->nobjs == s->cap_list) {
		uint32_t cap = s->cap_list ? s->cap_list * 2 : 64;
		struct gtd_uir_object *v = realloc(out->objs, cap * sizeof *v);

		if (!v)
			return gtd_fail(s->err, GTD_ENOMEM, "out of memory for %u objects", cap);
		out->objs = v;
		s->cap_list = cap;
	}
	o = &out->objs[out->nobjs++];
	memset(o, 0, sizeof *o);
	o->idx = idx;
	o->code = s->m->objs[idx].code;
	o->pkg = s->objs[idx].pkg;
	o->name = s->objs[idx].name;
	o->pos = s->m->objs[idx].pos;
	o->type = type;
	if (o->code == GTD_OBJ_CONST)
		o->value = &s->m->objs[idx].value;
	return GTD_OK;
}

static int load_alias(struct sem *s, uint32_t idx, struct sem_obj *so, const struct gtd_obj *o)
{
	struct gtd_gotype *alias;
	struct dict *d;

	if (!(alias = sem_node(s, GTD_GO_ALIAS)) || !(d = sem_new_dict(s, idx)))
		return s->err->code;
	alias->pkg = so->pkg;
	alias->name = so->name;
	so->type = alias;
	if (o->ntparams &&
	    !(alias->tparams = sem_tparams(s, d, o->tparams, o->ntparams, d->d->bounds, 0, so->pkg, so->name)))
		return s->err->code;
	alias->ntparams = o->ntparams;
	return (alias->under = sem_typeinfo(s, d, o->type)) ? GTD_OK : s->err->code;
}

static int load_func(struct sem *s, uint32_t idx, struct sem_obj *so, const struct gtd_obj *o,
		     struct gtd_gotype **type)
{
	struct gtd_gotype **tparams = NULL;
	struct dict *d;

	if (o->is_generic_method)
		return gtd_fail(s->err, GTD_EDATA, "a generic method is listed as a package-scope function");
	if (!(d = sem_new_dict(s, idx)))
		return s->err->code;
	if (o->ntparams &&
	    !(tparams = sem_tparams(s, d, o->tparams, o->ntparams, d->d->bounds, 0, so->pkg, so->name)))
		return s->err->code;
	if (!(*type = sem_signature(s, d, &o->sig, NULL)))
		return s->err->code;
	(*type)->tparams = tparams;
	(*type)->ntparams = o->ntparams;
	return GTD_OK;
}

static int load_payload(struct sem *s, uint32_t idx, struct sem_obj *so, struct gtd_gotype **type)
{
	const struct gtd_obj *o = &s->m->objs[idx];
	struct dict *d;

	switch (o->code) {
	case GTD_OBJ_TYPE:
		if (sem_load_typename(s, idx, so, o))
			return s->err->code;
		*type = so->type;
		return GTD_OK;
	case GTD_OBJ_ALIAS:
		if (load_alias(s, idx, so, o))
			return s->err->code;
		*type = so->type;
		return GTD_OK;
	case GTD_OBJ_FUNC:
		return load_func(s, idx, so, o, type);
	default: /* Const, Var */
		if (!(d = sem_new_dict(s, idx)))
			return s->err->code;
		return (*type = sem_typeinfo(s, d, o->type)) ? GTD_OK : s->err->code;
	}
}

static int load(struct sem *s, uint32_t idx, struct sem_obj *so)
{
	const struct gtd_name *nm = &s->m->names[idx];
	struct gtd_gotype *type = NULL;
	char key[1024];
	uint64_t *slot;
	int inserted;

	if (sem_pkg(s, nm->pkg, &so->pkg) || sem_string(s, nm->name, &so->name))
		return s->err->code;
	if (nm->code == GTD_OBJ_STUB) {
		if (so->pkg && !gtd_bytes_eq_str(so->pkg->path, "unsafe"))
			return gtd_fail(s->err, GTD_EDATA, "a stub object of package %.*s (only builtin and unsafe have them)",
					(int)so->pkg->path.n, (const char *)so->pkg->path.p);
		so->type = sem_stub_type(s, so);
		return GTD_OK;
	}
	if (!so->pkg)
		return gtd_fail(s->err, GTD_EDATA, "a declared object in the universe");
	/* One object per (path, name), as one package's scope: a second Name
	 * element for it denotes the first. */
	if (so->pkg->path.n + 1 + so->name.n <= sizeof key) {
		memcpy(key, so->pkg->path.p, so->pkg->path.n);
		key[so->pkg->path.n] = '\0';
		memcpy(key + so->pkg->path.n + 1, so->name.p, so->name.n);
		if (gtd_bmap_upsert(&s->scope, key, so->pkg->path.n + 1 + so->name.n, &slot, &inserted))
			return gtd_fail(s->err, GTD_ENOMEM, "out of memory for the scope");
		if (!inserted) {
			so->type = s->objs[*slot - 1].type;
			return GTD_OK;
		}
		*slot = (uint64_t)idx + 1;
	}
	so->listed = s->listing && is_listed_name(so->name);
	if (load_payload(s, idx, so, &type))
		return s->err->code;
	return so->listed ? list_object(s, idx, type) : GTD_OK;
}

struct sem_obj *sem_load_obj(struct sem *s, uint32_t idx)
{
	struct sem_obj *so;
	int rc;

	if (idx >= s->nobjs) {
		gtd_fail(s->err, GTD_EDATA, "Obj %u: the unit has %u", idx, s->nobjs);
		return NULL;
	}
	so = &s->objs[idx];
	if (so->loaded)
		return so;
	/* (Only types count towards SEM_MAX_DEPTH: declarations refer to each
	 * other through type uses, so that bounds this recursion too.) */
	so->loaded = 1;
	rc = load(s, idx, so);
	if (rc) {
		gtd_context(s->err, "Obj %u (%.*s)", idx, (int)so->name.n, (const char *)so->name.p);
		return NULL;
	}
	return so;
}

static int build(struct sem *s)
{
	const struct gtd_uir_model *m = s->m;

	if (sem_universe_types(s))
		return s->err->code;
	for (uint32_t i = 0; i < s->nobjs; i++)
		for (uint32_t k = 0; k < m->dicts[i].nderived; k++)
			if (m->dicts[i].derived[k] < s->ntypes)
				s->derived_elem[m->dicts[i].derived[k]] = 1;
	s->listing = 1;
	for (uint32_t i = 0; i < m->nroot_objs; i++)
		if (!sem_load_obj(s, m->root_objs[i]))
			return gtd_context(s->err, "Meta 0: object %u", i);
	if (sem_run_fixups(s))
		return s->err->code;
	/* Every global type, for uir_type; objects only bodies refer to are
	 * loaded on the way but are not in any importer's scope. */
	s->listing = 0;
	for (uint32_t i = 0; i < s->ntypes; i++)
		if (!s->derived_elem[i] && !sem_typeinfo(s, NULL, (struct gtd_typeinfo){ i, 0 }))
			return gtd_context(s->err, "Type %u", i);
	return sem_run_fixups(s);
}

int gtd_uir_semantic_build(const struct gtd_uir_model *m, struct gtd_uir_semantic *out)
{
	struct sem s = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	out->m = m;
	s.m = m;
	s.out = out;
	s.err = m->pb->err;
	s.a = &out->arena;
	s.budget = gtd_uir_semantic_budget(m->pb->hashed.n);
	s.version = m->pb->version;
	s.nobjs = gtd_pkgbits_elems(m->pb, GTD_SEC_OBJ);
	s.ntypes = gtd_pkgbits_elems(m->pb, GTD_SEC_TYPE);
	s.npkgs = gtd_pkgbits_elems(m->pb, GTD_SEC_PKG);
	out->ntypes = s.ntypes;
	if (!(s.pkgs = sem_alloc(&s, s.npkgs, sizeof *s.pkgs)) ||
	    !(s.pkg_done = sem_alloc(&s, s.npkgs, 1)) ||
	    !(s.objs = sem_alloc(&s, s.nobjs, sizeof *s.objs)) ||
	    !(s.derived_elem = sem_alloc(&s, s.ntypes, 1)) ||
	    !(s.building = sem_alloc(&s, s.ntypes, 1)) ||
	    !(out->types = sem_alloc(&s, s.ntypes, sizeof *out->types)))
		rc = s.err->code;
	else
		rc = build(&s);
	gtd_bmap_free(&s.pkg_paths);
	gtd_bmap_free(&s.scope);
	free(s.fixups);
	if (rc)
		gtd_uir_semantic_free(out);
	return rc;
}

void gtd_uir_semantic_free(struct gtd_uir_semantic *s)
{
	free(s->objs);
	gtd_arena_free(&s->arena);
	memset(s, 0, sizeof *s);
}
