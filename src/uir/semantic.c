/* The semantic builder: packages and package-scope objects as go/types'
 * importer loads them (include/gotypedb/uirsem.h). */
#include <stdlib.h>
#include <string.h>

#include "sem.h"

void *sem_alloc(struct sem *s, size_t n, size_t size)
{
	void *p;

	if (n > SIZE_MAX / size) {
		gtd_fail(s->err, GTD_ENOMEM, "%zu items of %zu bytes", n, size);
		return NULL;
	}
	if (!(p = gtd_arena_alloc(s->a, n * size > 0 ? n * size : 1))) {
		gtd_fail(s->err, GTD_ENOMEM, "out of memory for the semantic layer");
		return NULL;
	}
	memset(p, 0, n * size);
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
	if (d->d->nderived && !(d->derived = sem_alloc(s, d->d->nderived, sizeof *d->derived)))
		return NULL;
	return d;
}

/* ---- the universe's and unsafe's objects (Stub) ---------------------- */

static struct gtd_gotype *universe_named(struct sem *s, enum gtd_go_kind kind, const char *name,
					 struct gtd_gotype *under)
{
	struct gtd_gotype *t = sem_node(s, kind);

	if (t) {
		t->name = gtd_bytes_of(name, strlen(name));
		t->under = under;
	}
	return t;
}

/* error, comparable and any, built once per unit as go/types has them. */
static int universe_types(struct sem *s)
{
	struct gtd_gotype *iface, *sig;
	struct gtd_govar *recv;

	if (!(iface = sem_node(s, GTD_GO_INTERFACE)) || !(sig = sem_node(s, GTD_GO_SIGNATURE)) ||
	    !(recv = sem_alloc(s, 1, sizeof *recv)) || !(sig->vars = sem_alloc(s, 1, sizeof *sig->vars)) ||
	    !(iface->methods = sem_alloc(s, 1, sizeof *iface->methods)))
		return s->err->code;
	sig->nvars = 1;
	sig->vars[0].type = gtd_go_basic(17); /* string */
	sig->recv = recv;
	iface->nmethods = 1;
	iface->methods[0].name = gtd_bytes_of("Error", 5);
	iface->methods[0].sig = sig;
	if (!(s->error_type = universe_named(s, GTD_GO_NAMED, "error", iface)))
		return s->err->code;
	recv->type = s->error_type;
	if (!(iface = sem_node(s, GTD_GO_INTERFACE)) ||
	    !(s->comparable_type = universe_named(s, GTD_GO_NAMED, "comparable", iface)))
		return s->err->code;
	iface->universe = GTD_UNIVERSE_COMPARABLE;
	if (!(iface = sem_node(s, GTD_GO_INTERFACE)) ||
	    !(s->any_type = universe_named(s, GTD_GO_ALIAS, "any", iface)))
		return s->err->code;
	iface->universe = GTD_UNIVERSE_ANY;
	return GTD_OK;
}

/* A Stub's type, or NULL (not an error) for the universe's functions and
 * values and unsafe's functions, which no type can name. */
static struct gtd_gotype *stub_type(struct sem *s, const struct sem_obj *o)
{
	char name[16];

	if (o->pkg)
		return gtd_bytes_eq_str(o->name, "Pointer") ? gtd_go_basic(GTD_BASIC_UNSAFE_POINTER) : NULL;
	if (gtd_bytes_eq_str(o->name, "error"))
		return s->error_type;
	if (gtd_bytes_eq_str(o->name, "comparable"))
		return s->comparable_type;
	if (gtd_bytes_eq_str(o->name, "any"))
		return s->any_type;
	if (o->name.n >= sizeof name)
		return NULL;
	memcpy(name, o->name.p, o->name.n);
	name[o->name.n] = '\0';
	return gtd_go_basic_named(name);
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
			return gtd_fail(s->err, GTD_EDATA, "instance of %.*s: its type nests too deep",
					(int)o->name.n, (const char *)o->name.p);
		if (o->kind == GTD_GO_NAMED) {
			*out = gtd_go_underlying(rhs);
			return GTD_OK;
		}
	}
	return gtd_fail(s->err, GTD_EDATA, "aliases refer to each other deeper than %u", SEM_MAX_DEPTH);
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

static int load_typename(struct sem *s, uint32_t idx, struct sem_obj *so, const struct gtd_obj *o)
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
		if (load_typename(s, idx, so, o))
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
		so->type = stub_type(s, so);
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
	so->loaded = 1;
	if (++s->depth > SEM_MAX_DEPTH) {
		gtd_fail(s->err, GTD_EDATA, "Obj %u: declarations refer deeper than %u", idx, SEM_MAX_DEPTH);
		return NULL;
	}
	rc = load(s, idx, so);
	s->depth--;
	if (rc) {
		gtd_context(s->err, "Obj %u (%.*s)", idx, (int)so->name.n, (const char *)so->name.p);
		return NULL;
	}
	return so;
}

/* Named types whose rhs was a Named type still being built (V0). */
static int run_fixups(struct sem *s)
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

static int build(struct sem *s)
{
	const struct gtd_uir_model *m = s->m;

	if (universe_types(s))
		return s->err->code;
	for (uint32_t i = 0; i < s->nobjs; i++)
		for (uint32_t k = 0; k < m->dicts[i].nderived; k++)
			if (m->dicts[i].derived[k] < s->ntypes)
				s->derived_elem[m->dicts[i].derived[k]] = 1;
	s->listing = 1;
	for (uint32_t i = 0; i < m->nroot_objs; i++)
		if (!sem_load_obj(s, m->root_objs[i]))
			return gtd_context(s->err, "Meta 0: object %u", i);
	if (run_fixups(s))
		return s->err->code;
	/* Every global type, for uir_type; objects only bodies refer to are
	 * loaded on the way but are not in any importer's scope. */
	s->listing = 0;
	for (uint32_t i = 0; i < s->ntypes; i++)
		if (!s->derived_elem[i] && !sem_typeinfo(s, NULL, (struct gtd_typeinfo){ i, 0 }))
			return gtd_context(s->err, "Type %u", i);
	return run_fixups(s);
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
	s.version = m->pb->version;
	s.nobjs = gtd_pkgbits_elems(m->pb, GTD_SEC_OBJ);
	s.ntypes = gtd_pkgbits_elems(m->pb, GTD_SEC_TYPE);
	s.npkgs = gtd_pkgbits_elems(m->pb, GTD_SEC_PKG);
	out->ntypes = s.ntypes;
	if (!(s.pkgs = sem_alloc(&s, s.npkgs, sizeof *s.pkgs)) ||
	    !(s.pkg_done = sem_alloc(&s, s.npkgs, 1)) ||
	    !(s.objs = sem_alloc(&s, s.nobjs, sizeof *s.objs)) ||
	    !(s.derived_elem = sem_alloc(&s, s.ntypes, 1)) ||
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
