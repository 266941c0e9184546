/* go/types' TypeString and ObjectString of methods, with the package path
 * as qualifier, byte for byte as go1.26.8 prints them (go/types
 * typestring.go and object.go): the columns users diff against go/types. */
#include <stdio.h>
#include <string.h>

#include "gotypedb/gotype.h"
#include "render.h"

struct tw {
	struct gtd_strbuf *b;
	const struct gtd_goenv *env;
	int depth;
};

static void tw_type(struct tw *w, const struct gtd_gotype *t);

/* Past GTD_TYPESTRING_MAX the string will be cut (gtd_go_string_cap):
 * writing stops, so that a type huge written out costs no more. */
static int full(const struct tw *w)
{
	return w->b->n > GTD_TYPESTRING_MAX;
}

static void put(struct tw *w, struct gtd_bytes s)
{
	gtd_strbuf_putn(w->b, s.p, s.n);
}

/* typeWriter.byte: ',' and ';' are followed by a space. */
static void sep(struct tw *w, char c)
{
	gtd_strbuf_putc(w->b, c);
	gtd_strbuf_putc(w->b, ' ');
}

static void type_name(struct tw *w, const struct gtd_gopkg *pkg, struct gtd_bytes name)
{
	if (pkg) {
		put(w, pkg->path);
		gtd_strbuf_putc(w->b, '.');
	}
	put(w, name);
}

static void type_list(struct tw *w, struct gtd_gotype *const *list, uint32_t n)
{
	gtd_strbuf_putc(w->b, '[');
	for (uint32_t i = 0; i < n && !full(w); i++) {
		if (i)
			sep(w, ',');
		tw_type(w, list[i]);
	}
	gtd_strbuf_putc(w->b, ']');
}

/* [A, B any, C comparable]: consecutive parameters with the same bound
 * (the same node, as go/types compares pointers) share it. */
static void tparam_list(struct tw *w, struct gtd_gotype *const *list, uint32_t n)
{
	const struct gtd_gotype *prev = NULL;

	gtd_strbuf_putc(w->b, '[');
	for (uint32_t i = 0; i < n && !full(w); i++) {
		if (i) {
			if (list[i]->under != prev) {
				gtd_strbuf_putc(w->b, ' ');
				tw_type(w, prev);
			}
			sep(w, ',');
		}
		prev = list[i]->under;
		tw_type(w, list[i]);
	}
	if (prev) {
		gtd_strbuf_putc(w->b, ' ');
		tw_type(w, prev);
	}
	gtd_strbuf_putc(w->b, ']');
}

static void tuple(struct tw *w, const struct gtd_govar *vars, uint32_t n, int variadic)
{
	gtd_strbuf_putc(w->b, '(');
	for (uint32_t i = 0; i < n && !full(w); i++) {
		const struct gtd_gotype *t = vars[i].type;

		if (i)
			sep(w, ',');
		if (vars[i].name.n) {
			put(w, vars[i].name);
			gtd_strbuf_putc(w->b, ' ');
		}
		if (variadic && i == n - 1) {
			if (t && t->kind == GTD_GO_SLICE) {
				gtd_strbuf_puts(w->b, "...");
				tw_type(w, t->elem);
			} else {
				tw_type(w, t);
				gtd_strbuf_puts(w->b, "...");
			}
		} else {
			tw_type(w, t);
		}
	}
	gtd_strbuf_putc(w->b, ')');
}

static void signature(struct tw *w, const struct gtd_gotype *sig)
{
	uint32_t nres = sig->nvars - sig->nparams;

	if (sig->ntparams)
		tparam_list(w, sig->tparams, sig->ntparams);
	tuple(w, sig->vars, sig->nparams, sig->variadic);
	if (nres == 0)
		return;
	gtd_strbuf_putc(w->b, ' ');
	if (nres == 1 && sig->vars[sig->nparams].name.n == 0) {
		tw_type(w, sig->vars[sig->nparams].type);
		return;
	}
	tuple(w, sig->vars + sig->nparams, nres, 0);
}

static void struct_type(struct tw *w, const struct gtd_gotype *t)
{
	gtd_strbuf_puts(w->b, "struct{");
	for (uint32_t i = 0; i < t->nvars && !full(w); i++) {
		const struct gtd_govar *f = &t->vars[i];

		if (i)
			sep(w, ';');
		if (!f->embedded) {
			put(w, f->name);
			gtd_strbuf_putc(w->b, ' ');
		}
		tw_type(w, f->type);
		if (f->tag.n) {
			gtd_strbuf_putc(w->b, ' ');
			gtd_go_quote(w->b, f->tag);
		}
	}
	gtd_strbuf_putc(w->b, '}');
}

static void interface_type(struct tw *w, const struct gtd_gotype *t)
{
	int first = 1;

	/* go/types recognizes these two by pointer (typestring.go). */
	if (t->universe == GTD_UNIVERSE_ANY) {
		gtd_strbuf_puts(w->b, "any");
		return;
	}
	if (t->universe == GTD_UNIVERSE_COMPARABLE) {
		gtd_strbuf_puts(w->b, "interface{comparable}");
		return;
	}
	if (t->implicit && t->nmethods == 0 && t->nembeddeds == 1) {
		tw_type(w, t->embeddeds[0]);
		return;
	}
	if (t->implicit)
		gtd_strbuf_puts(w->b, "/* implicit */ ");
	gtd_strbuf_puts(w->b, "interface{");
	for (uint32_t i = 0; i < t->nmethods && !full(w); i++) {
		if (!first)
			sep(w, ';');
		first = 0;
		put(w, t->methods[i].name);
		signature(w, t->methods[i].sig);
	}
	for (uint32_t i = 0; i < t->nembeddeds && !full(w); i++) {
		if (!first)
			sep(w, ';');
		first = 0;
		tw_type(w, t->embeddeds[i]);
	}
	gtd_strbuf_putc(w->b, '}');
}

static void chan_type(struct tw *w, const struct gtd_gotype *t)
{
	int parens = 0;

	switch (t->dir) {
	case GTD_CHAN_BOTH:
		gtd_strbuf_puts(w->b, "chan ");
		parens = t->elem && t->elem->kind == GTD_GO_CHAN && t->elem->dir == GTD_CHAN_RECV;
		break;
	case GTD_CHAN_SEND:
		gtd_strbuf_puts(w->b, "chan<- ");
		break;
	default:
		gtd_strbuf_puts(w->b, "<-chan ");
		break;
	}
	if (parens)
		gtd_strbuf_putc(w->b, '(');
	tw_type(w, t->elem);
	if (parens)
		gtd_strbuf_putc(w->b, ')');
}

static void type_param(struct tw *w, const struct gtd_gotype *t)
{
	const struct gtd_goenv *saved = w->env;
	const struct gtd_goenv *e;
	uint32_t i;

	if ((e = gtd_goenv_lookup(w->env, t, &i))) {
		w->env = e->outer;
		tw_type(w, e->to[i]);
		w->env = saved;
		return;
	}
	put(w, t->name);
	if (gtd_go_is_universe_name(t->name))
		gtd_strbuf_puts(w->b, "/* type parameter */");
}

static void tw_type(struct tw *w, const struct gtd_gotype *t)
{
	char num[24];

	if (!t) {
		gtd_strbuf_puts(w->b, "<nil>");
		return;
	}
	if (full(w))
		return;
	if (++w->depth > GTD_RENDER_MAX_DEPTH) {
		gtd_strbuf_puts(w->b, "<too deep>");
		w->depth--;
		return;
	}
	switch (t->kind) {
	case GTD_GO_BASIC:
		if (t->basic == GTD_BASIC_UNSAFE_POINTER)
			gtd_strbuf_puts(w->b, "unsafe.Pointer");
		else
			put(w, t->name);
		break;
	case GTD_GO_ARRAY:
		snprintf(num, sizeof num, "[%llu]", (unsigned long long)t->len);
		gtd_strbuf_puts(w->b, num);
		tw_type(w, t->elem);
		break;
	case GTD_GO_SLICE:
		gtd_strbuf_puts(w->b, "[]");
		tw_type(w, t->elem);
		break;
	case GTD_GO_STRUCT:
		struct_type(w, t);
		break;
	case GTD_GO_POINTER:
		gtd_strbuf_putc(w->b, '*');
		tw_type(w, t->elem);
		break;
	case GTD_GO_SIGNATURE:
		gtd_strbuf_puts(w->b, "func");
		signature(w, t);
		break;
	case GTD_GO_UNION:
		for (uint32_t i = 0; i < t->nvars && !full(w); i++) {
			if (i)
				gtd_strbuf_puts(w->b, " | ");
			if (t->vars[i].tilde)
				gtd_strbuf_putc(w->b, '~');
			tw_type(w, t->vars[i].type);
		}
		break;
	case GTD_GO_INTERFACE:
		interface_type(w, t);
		break;
	case GTD_GO_MAP:
		gtd_strbuf_puts(w->b, "map[");
		tw_type(w, t->key);
		gtd_strbuf_putc(w->b, ']');
		tw_type(w, t->elem);
		break;
	case GTD_GO_CHAN:
		chan_type(w, t);
		break;
	case GTD_GO_NAMED:
	case GTD_GO_ALIAS: {
		const struct gtd_gotype *o = t->orig ? t->orig : t;

		type_name(w, o->pkg, o->name);
		if (t->ntargs)
			type_list(w, t->targs, t->ntargs);
		else if (o->ntparams)
			tparam_list(w, o->tparams, o->ntparams);
		break;
	}
	case GTD_GO_TYPEPARAM:
		type_param(w, t);
		break;
	}
	w->depth--;
}

void gtd_go_type_string(struct gtd_strbuf *b, const struct gtd_gotype *t)
{
	struct tw w = { b, NULL, 0 };

	tw_type(&w, t);
}

void gtd_go_signature_string(struct gtd_strbuf *b, const struct gtd_gotype *sig)
{
	struct tw w = { b, NULL, 0 };

	signature(&w, sig);
}

void gtd_go_tparam_list_string(struct gtd_strbuf *b, struct gtd_gotype *const *tparams,
			       uint32_t n)
{
	struct tw w = { b, NULL, 0 };

	tparam_list(&w, tparams, n);
}

/* ObjectString of a method: func (RECV).NAME SIGNATURE, where a receiver of
 * interface type (an interface literal's own methods) prints "interface". */
void gtd_go_method_string(struct gtd_strbuf *b, const struct gtd_gofunc *m,
			  const struct gtd_goenv *env)
{
	struct tw w = { b, env, 0 };
	const struct gtd_govar *recv = m->sig ? m->sig->recv : NULL;

	gtd_strbuf_puts(b, "func ");
	if (recv) {
		gtd_strbuf_putc(b, '(');
		if (recv->type && recv->type->kind == GTD_GO_INTERFACE)
			gtd_strbuf_puts(b, "interface");
		else
			tw_type(&w, recv->type);
		gtd_strbuf_puts(b, ").");
	} else if (m->pkg) {
		put(&w, m->pkg->path);
		gtd_strbuf_putc(b, '.');
	}
	put(&w, m->name);
	if (m->sig)
		signature(&w, m->sig);
}

void gtd_go_string_cap(struct gtd_strbuf *b)
{
	size_t n = GTD_TYPESTRING_MAX;

	if (b->n <= n)
		return;
	while (n > 0 && ((unsigned char)b->p[n] & 0xc0) == 0x80)
		n--; /* not inside a rune */
	b->n = n;
	b->p[n] = '\0';
	gtd_strbuf_puts(b, "\xe2\x80\xa6"); /* … */
}
