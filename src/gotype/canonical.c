/* The canonical identity string (schema/20_semantic.sql, "Canonical type
 * strings"): two types get the same string exactly when go/types'
 * Identical holds.  Aliases are replaced by what they denote, byte and rune
 * by uint8 and int32, unexported field and method names carry their
 * package path, interfaces list their complete sorted method set, and type
 * parameters are named by position: $i inside the generic signature that
 * declares them, $OWNER.i elsewhere. */
#include <stdio.h>

#include "render.h"

struct cw {
	struct gtd_strbuf *b;
	const struct gtd_goenv *env;
	struct gtd_gotype *const *sig_tparams; /* the generic signature being rendered */
	uint32_t nsig_tparams;
	int depth;
};

static void cw_type(struct cw *w, const struct gtd_gotype *t);

static void put(struct cw *w, struct gtd_bytes s)
{
	gtd_strbuf_putn(w->b, s.p, s.n);
}

/* A field or method name: an unexported one is qualified by its package,
 * since go/types' sameId compares both. */
static void qualified_name(struct cw *w, const struct gtd_gopkg *pkg, struct gtd_bytes name)
{
	if (pkg && !gtd_go_is_exported(name)) {
		put(w, pkg->path);
		gtd_strbuf_putc(w->b, '.');
	}
	put(w, name);
}

static void types_list(struct cw *w, const struct gtd_govar *vars, uint32_t n, int variadic)
{
	gtd_strbuf_putc(w->b, '(');
	for (uint32_t i = 0; i < n; i++) {
		const struct gtd_gotype *t = vars[i].type;

		if (i)
			gtd_strbuf_putc(w->b, ',');
		if (variadic && i == n - 1 && t && t->kind == GTD_GO_SLICE) {
			gtd_strbuf_puts(w->b, "...");
			t = t->elem;
		}
		cw_type(w, t);
	}
	gtd_strbuf_putc(w->b, ')');
}

/* (params) results, without receiver (identity ignores it) or "func". */
static void signature(struct cw *w, const struct gtd_gotype *sig)
{
	struct gtd_gotype *const *saved = w->sig_tparams;
	uint32_t saved_n = w->nsig_tparams, nres = sig->nvars - sig->nparams;

	if (sig->ntparams) {
		w->sig_tparams = sig->tparams;
		w->nsig_tparams = sig->ntparams;
		gtd_strbuf_putc(w->b, '[');
		for (uint32_t i = 0; i < sig->ntparams; i++) {
			if (i)
				gtd_strbuf_putc(w->b, ',');
			gtd_strbuf_putc(w->b, '$');
			gtd_strbuf_putu(w->b, i);
			gtd_strbuf_putc(w->b, ' ');
			cw_type(w, sig->tparams[i]->under);
		}
		gtd_strbuf_putc(w->b, ']');
	}
	types_list(w, sig->vars, sig->nparams, sig->variadic);
	if (nres == 1) {
		gtd_strbuf_putc(w->b, ' ');
		cw_type(w, sig->vars[sig->nparams].type);
	} else if (nres > 1) {
		gtd_strbuf_putc(w->b, ' ');
		types_list(w, sig->vars + sig->nparams, nres, 0);
	}
	w->sig_tparams = saved;
	w->nsig_tparams = saved_n;
}

static void struct_type(struct cw *w, const struct gtd_gotype *t)
{
	gtd_strbuf_puts(w->b, "struct{");
	for (uint32_t i = 0; i < t->nvars; i++) {
		const struct gtd_govar *f = &t->vars[i];

		if (i)
			gtd_strbuf_putc(w->b, ';');
		if (!f->embedded) {
			qualified_name(w, f->pkg, f->name);
			gtd_strbuf_putc(w->b, ' ');
		}
		cw_type(w, f->type);
		if (f->tag.n) {
			gtd_strbuf_putc(w->b, ' ');
			gtd_go_quote(w->b, f->tag);
		}
	}
	gtd_strbuf_putc(w->b, '}');
}

/* The type terms of a constraint interface, as written (embedded unions
 * and non-interface types, and comparable). */
static int terms(struct cw *w, const struct gtd_gotype *t, int first, int depth)
{
	for (uint32_t i = 0; i < t->nembeddeds; i++) {
		const struct gtd_gotype *e = gtd_go_unalias(t->embeddeds[i]);
		const struct gtd_gotype *u = gtd_go_underlying(e);

		if (e && e->kind == GTD_GO_NAMED && !e->pkg && gtd_bytes_eq_str(e->name, "comparable")) {
			gtd_strbuf_puts(w->b, first ? "comparable" : ";comparable");
			first = 0;
		} else if (u && u->kind == GTD_GO_INTERFACE && e->kind != GTD_GO_TYPEPARAM) {
			if (depth < GTD_RENDER_MAX_DEPTH)
				first = terms(w, u, first, depth + 1);
		} else {
			if (!first)
				gtd_strbuf_putc(w->b, ';');
			first = 0;
			cw_type(w, t->embeddeds[i]);
		}
	}
	return first;
}

static void interface_type(struct cw *w, const struct gtd_gotype *t)
{
	struct gtd_gomethod_set set = { 0 };
	const struct gtd_goenv *saved = w->env;

	if (t->universe == GTD_UNIVERSE_COMPARABLE) {
		gtd_strbuf_puts(w->b, "interface{comparable}");
		return;
	}
	gtd_go_interface_methods(t, w->env, &set);
	if (set.oom || set.too_deep)
		w->depth = GTD_RENDER_MAX_DEPTH + 1; /* reported as a failure */
	gtd_strbuf_puts(w->b, "interface{");
	for (uint32_t i = 0; i < set.n; i++) {
		const struct gtd_gofunc *m = set.m[i].fn;

		if (i)
			gtd_strbuf_putc(w->b, ';');
		qualified_name(w, m->pkg, m->name);
		w->env = set.m[i].env;
		if (m->sig)
			signature(w, m->sig);
		w->env = saved;
	}
	terms(w, t, set.n == 0, 0);
	gtd_strbuf_putc(w->b, '}');
	gtd_go_method_set_free(&set);
}

static void type_param(struct cw *w, const struct gtd_gotype *t)
{
	const struct gtd_goenv *saved = w->env, *e;
	uint32_t i;

	if ((e = gtd_goenv_lookup(w->env, t, &i))) {
		w->env = e->outer;
		cw_type(w, e->to[i]);
		w->env = saved;
		return;
	}
	for (i = 0; i < w->nsig_tparams; i++)
		if (w->sig_tparams[i] == t) {
			gtd_strbuf_putc(w->b, '$');
			gtd_strbuf_putu(w->b, i);
			return;
		}
	gtd_strbuf_putc(w->b, '$');
	if (t->owner_pkg) {
		put(w, t->owner_pkg->path);
		gtd_strbuf_putc(w->b, '.');
	}
	put(w, t->owner_name);
	gtd_strbuf_putc(w->b, '.');
	gtd_strbuf_putu(w->b, t->index);
}

static void named(struct cw *w, const struct gtd_gotype *t)
{
	const struct gtd_gotype *o = t->orig ? t->orig : t;

	if (o->pkg) {
		put(w, o->pkg->path);
		gtd_strbuf_putc(w->b, '.');
	}
	put(w, o->name);
	if (t->ntargs || o->ntparams) {
		struct gtd_gotype *const *list = t->ntargs ? t->targs : o->tparams;
		uint32_t n = t->ntargs ? t->ntargs : o->ntparams;

		gtd_strbuf_putc(w->b, '[');
		for (uint32_t i = 0; i < n; i++) {
			if (i)
				gtd_strbuf_putc(w->b, ',');
			cw_type(w, list[i]);
		}
		gtd_strbuf_putc(w->b, ']');
	}
}

/* An alias is the type it denotes; an instance of a generic alias is its
 * rhs with the alias's parameters bound to the arguments. */
static void alias(struct cw *w, const struct gtd_gotype *t)
{
	const struct gtd_goenv *saved = w->env;
	struct gtd_goenv e;

	if (!t->orig) {
		cw_type(w, t->under);
		return;
	}
	e = (struct gtd_goenv){ t->orig->tparams, t->targs,
				t->ntargs < t->orig->ntparams ? t->ntargs : t->orig->ntparams,
				w->env, w->env };
	w->env = &e;
	cw_type(w, t->orig->under);
	w->env = saved;
}

static void chan_type(struct cw *w, const struct gtd_gotype *t)
{
	const struct gtd_gotype *elem = gtd_go_unalias(t->elem);
	int parens = t->dir == GTD_CHAN_BOTH && elem && elem->kind == GTD_GO_CHAN &&
		     elem->dir == GTD_CHAN_RECV;

	gtd_strbuf_puts(w->b, t->dir == GTD_CHAN_BOTH ? "chan " : t->dir == GTD_CHAN_SEND ? "chan<- " : "<-chan ");
	if (parens)
		gtd_strbuf_putc(w->b, '(');
	cw_type(w, t->elem);
	if (parens)
		gtd_strbuf_putc(w->b, ')');
}

static void cw_type(struct cw *w, const struct gtd_gotype *t)
{
	char num[24];

	if (!t) {
		gtd_strbuf_puts(w->b, "<nil>");
		return;
	}
	if (++w->depth > GTD_RENDER_MAX_DEPTH)
		return; /* left above the limit: the caller reports it */
	switch (t->kind) {
	case GTD_GO_BASIC:
		gtd_strbuf_puts(w->b, t->basic == GTD_BASIC_UNSAFE_POINTER ? "unsafe.Pointer"
									 : gtd_go_basic_name(t->basic));
		break;
	case GTD_GO_ARRAY:
		snprintf(num, sizeof num, "[%llu]", (unsigned long long)t->len);
		gtd_strbuf_puts(w->b, num);
		cw_type(w, t->elem);
		break;
	case GTD_GO_SLICE:
		gtd_strbuf_puts(w->b, "[]");
		cw_type(w, t->elem);
		break;
	case GTD_GO_POINTER:
		gtd_strbuf_putc(w->b, '*');
		cw_type(w, t->elem);
		break;
	case GTD_GO_MAP:
		gtd_strbuf_puts(w->b, "map[");
		cw_type(w, t->key);
		gtd_strbuf_putc(w->b, ']');
		cw_type(w, t->elem);
		break;
	case GTD_GO_CHAN:
		chan_type(w, t);
		break;
	case GTD_GO_SIGNATURE:
		gtd_strbuf_puts(w->b, "func");
		signature(w, t);
		break;
	case GTD_GO_STRUCT:
		struct_type(w, t);
		break;
	case GTD_GO_INTERFACE:
		interface_type(w, t);
		break;
	case GTD_GO_UNION:
		for (uint32_t i = 0; i < t->nvars; i++) {
			if (i)
				gtd_strbuf_putc(w->b, '|');
			if (t->vars[i].tilde)
				gtd_strbuf_putc(w->b, '~');
			cw_type(w, t->vars[i].type);
		}
		break;
	case GTD_GO_NAMED:
		named(w, t);
		break;
	case GTD_GO_ALIAS:
		alias(w, t);
		break;
	case GTD_GO_TYPEPARAM:
		type_param(w, t);
		break;
	}
	if (w->depth <= GTD_RENDER_MAX_DEPTH)
		w->depth--;
}

int gtd_go_canonical(struct gtd_strbuf *b, const struct gtd_gotype *t)
{
	struct cw w = { b, NULL, NULL, 0, 0 };

	cw_type(&w, t);
	return w.depth > GTD_RENDER_MAX_DEPTH || b->oom ? -1 : 0;
}
