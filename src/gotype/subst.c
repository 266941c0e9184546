/* Substitution: a type with type parameters replaced by arguments, as
 * go/types expands an instance's underlying type (subst.go).  Only what
 * contains a replaced parameter is copied; the rest is shared.  Each node
 * is substituted once per call (done remembers it): a graph that shares a
 * node on many paths, as export data may, costs its nodes, not its paths. */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/arena.h"
#include "render.h"

struct sub {
	struct gtd_arena *a;
	struct gtd_gotype *const *from, *const *to;
	uint32_t n;
	int depth, failed;
	struct gtd_ptrmap done;        /* node -> index into result */
	struct gtd_gotype **result;
	uint32_t nresult, capresult;
};

static void remember(struct sub *s, const struct gtd_gotype *t, struct gtd_gotype *r)
{
	if (s->nresult == s->capresult) {
		uint32_t cap = s->capresult ? s->capresult * 2 : 16;
		struct gtd_gotype **v = realloc(s->result, cap * sizeof *v);

		if (!v) {
			s->failed = 1;
			return;
		}
		s->result = v;
		s->capresult = cap;
	}
	if (gtd_ptrmap_put(&s->done, t, s->nresult)) {
		s->failed = 1;
		return;
	}
	s->result[s->nresult++] = r;
}

static struct gtd_gotype *sub_type(struct sub *s, struct gtd_gotype *t);

static void *dup(struct sub *s, const void *p, size_t size)
{
	void *q = size ? gtd_arena_alloc(s->a, size) : NULL;

	if (size && !q) {
		s->failed = 1;
		return NULL;
	}
	if (q)
		memcpy(q, p, size);
	return q;
}

/* Substitutes each of n vars' types; returns vars itself when none changed. */
static struct gtd_govar *sub_vars(struct sub *s, struct gtd_govar *vars, uint32_t n)
{
	struct gtd_govar *copy = NULL;

	for (uint32_t i = 0; i < n && !s->failed; i++) {
		struct gtd_gotype *t = sub_type(s, vars[i].type);

		if (t == vars[i].type)
			continue;
		if (!copy && !(copy = dup(s, vars, n * sizeof *vars)))
			return vars;
		copy[i].type = t;
	}
	return copy ? copy : vars;
}

static struct gtd_gotype **sub_list(struct sub *s, struct gtd_gotype **list, uint32_t n)
{
	struct gtd_gotype **copy = NULL;

	for (uint32_t i = 0; i < n && !s->failed; i++) {
		struct gtd_gotype *t = sub_type(s, list[i]);

		if (t == list[i])
			continue;
		if (!copy && !(copy = dup(s, list, n * sizeof *list)))
			return list;
		copy[i] = t;
	}
	return copy ? copy : list;
}

static struct gtd_gofunc *sub_funcs(struct sub *s, struct gtd_gofunc *fns, uint32_t n)
{
	struct gtd_gofunc *copy = NULL;

	for (uint32_t i = 0; i < n && !s->failed; i++) {
		struct gtd_gotype *t = sub_type(s, fns[i].sig);

		if (t == fns[i].sig)
			continue;
		if (!copy && !(copy = dup(s, fns, n * sizeof *fns)))
			return fns;
		copy[i].sig = t;
	}
	return copy ? copy : fns;
}

static struct gtd_gotype *sub_type(struct sub *s, struct gtd_gotype *t)
{
	struct gtd_gotype c, *r;
	uint32_t k;

	if (!t || s->failed)
		return t;
	if (t->kind == GTD_GO_TYPEPARAM) {
		for (uint32_t i = 0; i < s->n; i++)
			if (s->from[i] == t)
				return s->to[i];
		return t;
	}
	if (t->kind == GTD_GO_BASIC || ((t->kind == GTD_GO_NAMED || t->kind == GTD_GO_ALIAS) && !t->orig))
		return t; /* a named type's parameters are its own, not free here */
	if (gtd_ptrmap_get(&s->done, t, &k))
		return s->result[k];
	if (++s->depth > GTD_RENDER_MAX_DEPTH) {
		s->failed = 1;
		return t;
	}
	c = *t;
	switch (t->kind) {
	case GTD_GO_NAMED:
	case GTD_GO_ALIAS:
		c.targs = sub_list(s, t->targs, t->ntargs);
		break;
	case GTD_GO_POINTER:
	case GTD_GO_SLICE:
	case GTD_GO_ARRAY:
	case GTD_GO_CHAN:
		c.elem = sub_type(s, t->elem);
		break;
	case GTD_GO_MAP:
		c.key = sub_type(s, t->key);
		c.elem = sub_type(s, t->elem);
		break;
	case GTD_GO_SIGNATURE:
	case GTD_GO_STRUCT:
	case GTD_GO_UNION:
		c.vars = sub_vars(s, t->vars, t->nvars);
		break;
	case GTD_GO_INTERFACE:
		c.methods = sub_funcs(s, t->methods, t->nmethods);
		c.embeddeds = sub_list(s, t->embeddeds, t->nembeddeds);
		break;
	default:
		break;
	}
	s->depth--;
	r = memcmp(&c, t, sizeof c) == 0 ? t : dup(s, &c, sizeof c);
	if (!r)
		return t;
	remember(s, t, r);
	return r;
}

struct gtd_gotype *gtd_go_subst(struct gtd_arena *a, struct gtd_gotype *t,
				struct gtd_gotype *const *from, struct gtd_gotype *const *to, uint32_t n)
{
	struct sub s = { .a = a, .from = from, .to = to, .n = n };
	struct gtd_gotype *r = sub_type(&s, t);

	gtd_ptrmap_free(&s.done);
	free(s.result);
	return s.failed ? NULL : r;
}

struct gtd_gotype *gtd_go_subst_env(struct gtd_arena *a, struct gtd_gotype *t,
				    const struct gtd_goenv *env)
{
	for (const struct gtd_goenv *e = env; e && t; e = e->parent)
		t = gtd_go_subst(a, t, e->from, e->to, e->n);
	return t;
}
