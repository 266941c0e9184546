/* An interface's complete method set: its explicit methods and those of the
 * interfaces it embeds (through names, aliases and instances), each once,
 * in go/types order (computeInterfaceTypeSet, then sortMethods). */
#include <stdlib.h>
#include <string.h>

#include "render.h"

/* A method's identity in a method set (go/types' Id): its name, and for an
 * unexported one its package path too. */
static int method_key(struct gtd_gomethod_set *set, const struct gtd_gofunc *fn, int *seen)
{
	struct gtd_bytes path = !gtd_go_is_exported(fn->name) && fn->pkg ? fn->pkg->path
									  : gtd_bytes_of(NULL, 0);
	size_t n = path.n + 1 + fn->name.n;
	uint8_t small[256], *key = n <= sizeof small ? small : malloc(n);
	uint64_t *slot;
	int rc;

	if (!key)
		return -1;
	if (path.n)
		memcpy(key, path.p, path.n);
	key[path.n] = '\0';
	if (fn->name.n)
		memcpy(key + path.n + 1, fn->name.p, fn->name.n);
	rc = gtd_bmap_upsert(&set->names, key, n, &slot, seen);
	if (key != small)
		free(key);
	*seen = !*seen;
	return rc;
}

static void add_method(struct gtd_gomethod_set *set, const struct gtd_gofunc *fn,
		       const struct gtd_goenv *env)
{
	int seen = 0;

	if (method_key(set, fn, &seen)) {
		set->oom = 1;
		return;
	}
	if (seen)
		return; /* the same method reached twice (overlapping embedded interfaces) */
	if (set->n == set->cap) {
		uint32_t cap = set->cap ? set->cap * 2 : 16;
		struct gtd_gomethod_ref *m = realloc(set->m, cap * sizeof *m);

		if (!m) {
			set->oom = 1;
			return;
		}
		set->m = m;
		set->cap = cap;
	}
	set->m[set->n].fn = fn;
	set->m[set->n].env = env;
	set->n++;
}

/* An instance's origin walked with its type parameters bound to its
 * arguments (rendered in the enclosing bindings). */
static const struct gtd_goenv *bind(struct gtd_gomethod_set *set, const struct gtd_gotype *inst,
				    const struct gtd_goenv *env)
{
	struct gtd_goenv *e;

	if (set->nenvs == set->capenvs) {
		uint32_t cap = set->capenvs ? set->capenvs * 2 : 8;
		struct gtd_goenv **v = realloc(set->envs, cap * sizeof *v);

		if (!v) {
			set->oom = 1;
			return env;
		}
		set->envs = v;
		set->capenvs = cap;
	}
	if (!(e = malloc(sizeof *e))) {
		set->oom = 1;
		return env;
	}
	*e = (struct gtd_goenv){ inst->orig->tparams, inst->targs,
				 inst->ntargs < inst->orig->ntparams ? inst->ntargs : inst->orig->ntparams,
				 env, env };
	set->envs[set->nenvs++] = e;
	return e;
}

static void collect(const struct gtd_gotype *t, const struct gtd_goenv *env,
		    struct gtd_gomethod_set *set, int depth)
{
	if (depth > GTD_RENDER_MAX_DEPTH) {
		set->too_deep = 1;
		return;
	}
	while (t && (t->kind == GTD_GO_ALIAS || t->kind == GTD_GO_NAMED)) {
		if (t->orig) {
			env = bind(set, t, env);
			t = t->orig->under;
		} else {
			t = t->under;
		}
		if (++depth > GTD_RENDER_MAX_DEPTH) {
			set->too_deep = 1;
			return;
		}
	}
	if (!t || t->kind != GTD_GO_INTERFACE)
		return; /* a type term of a constraint: no methods */
	/* An interface reached again (embedded on two paths, a diamond) adds
	 * nothing: its methods are in by name already.  Without this check a
	 * chain of diamonds costs two to the power of its length. */
	if (gtd_ptrmap_get(&set->visited, t, &(uint32_t){ 0 }))
		return;
	if (gtd_ptrmap_put(&set->visited, t, 1)) {
		set->oom = 1;
		return;
	}
	for (uint32_t i = 0; i < t->nmethods; i++)
		add_method(set, &t->methods[i], env);
	for (uint32_t i = 0; i < t->nembeddeds; i++)
		collect(t->embeddeds[i], env, set, depth + 1);
}

static int ref_cmp(const void *a, const void *b)
{
	return gtd_go_func_cmp(((const struct gtd_gomethod_ref *)a)->fn,
			       ((const struct gtd_gomethod_ref *)b)->fn);
}

void gtd_go_interface_methods(const struct gtd_gotype *iface, const struct gtd_goenv *env,
			      struct gtd_gomethod_set *set)
{
	collect(iface, env, set, 0);
	if (set->n > 1)
		qsort(set->m, set->n, sizeof *set->m, ref_cmp);
}

void gtd_go_method_set_free(struct gtd_gomethod_set *set)
{
	for (uint32_t i = 0; i < set->nenvs; i++)
		free(set->envs[i]);
	free(set->envs);
	free(set->m);
	gtd_bmap_free(&set->names);
	gtd_ptrmap_free(&set->visited);
	*set = (struct gtd_gomethod_set){ 0 };
}
