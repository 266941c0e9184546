/* The canonical identity string (schema/20_semantic.sql, "Canonical type
 * strings"): two types get the same string exactly when go/types'
 * Identical holds.  Aliases are replaced by what they denote, byte and rune
 * by uint8 and int32, unexported field and method names carry their
 * package path, interfaces list their complete sorted method set, and type
 * parameters are named by position: $i inside the generic signature that
 * declares them, $OWNER.i elsewhere.
 *
 * A string is built from its parts' strings (gotype.h, gtd_canon): each
 * (node, generic signature it is read in) is rendered once, and a part
 * whose string is longer than GTD_CANON_INLINE_MAX appears as its reference
 * "#<sha256 hex>".  Since that rule depends only on the part's own string,
 * identical types still get equal strings, and different ones different
 * strings (but for a SHA-256 collision).  Nothing is rendered through
 * instance bindings: an alias instance is replaced by its substituted rhs,
 * and a method reached through an embedded instance by its substituted
 * signature, so a node's string never depends on how it was reached. */
#include <stdio.h>
#include <stdlib.h>

#include "gotypedb/digest.h"
#include "gotypedb/error.h"
#include "render.h"

struct gtd_canon_entry {
	struct gtd_bytes text;
	const char *ref; /* "#" + hex SHA-256 of text, made when first needed */
};

/* The writer of one node's string, into the buffer of its level (a string
 * made for a part, while its parent's is being made, gets the next one). */
struct cw {
	struct gtd_canon *c;
	struct gtd_strbuf *b; /* c->bufs[level]: set again whenever c->bufs may have moved */
	uint32_t level;
	const struct gtd_gotype *sig; /* the generic signature whose parameters read $i */
	/* Trying a part written out in place (see part): set while inside
	 * the attempt, which is given up once the buffer passes limit (and
	 * every loop then stops, so that the attempt costs about limit). */
	int inline_try, given_up;
	size_t limit;
	uint32_t tried;       /* nodes the attempt has written out */
};

/* The most nodes one attempt writes out (see written_out). */
#define TRY_NODES 16

static int entry_of(struct gtd_canon *c, const struct gtd_gotype *t, const struct gtd_gotype *sig,
		    int remember, struct gtd_bytes *text, uint32_t *out);
static void render(struct cw *w, const struct gtd_gotype *t);
static int memo_find(struct gtd_canon *c, const struct gtd_gotype *t, const struct gtd_gotype *sig,
		     uint32_t *i);

static inline struct gtd_strbuf *buf(struct cw *w)
{
	return w->b;
}

static inline void puts_(struct cw *w, const char *s)
{
	gtd_strbuf_puts(buf(w), s);
}

static inline void putc_(struct cw *w, char ch)
{
	gtd_strbuf_putc(buf(w), ch);
}

static inline void put(struct cw *w, struct gtd_bytes s)
{
	gtd_strbuf_putn(buf(w), s.p, s.n);
}

static int fail(struct gtd_canon *c, enum gtd_canon_failure why)
{
	if (!c->failed) {
		c->why = why;
		c->failed = why == GTD_CANON_NOMEM ? GTD_ENOMEM
			  : why == GTD_CANON_TOO_DEEP || why == GTD_CANON_TOO_LONG ? GTD_ELIMIT
			  : GTD_EDATA;
	}
	return c->failed;
}

/* Whether a loop over a node's parts stops: the attempt it is in given up
 * or past its limit, the builder failed, or past its write limit (checked
 * here, between parts, so that no more than one part's bytes are written
 * past either limit). */
static inline int stopped(struct cw *w)
{
	struct gtd_canon *c = w->c;

	if (c->written + c->outer + w->b->n > c->write_limit)
		fail(c, GTD_CANON_TOO_LONG);
	if (w->inline_try && w->b->n > w->limit)
		w->given_up = 1;
	return w->given_up || c->failed;
}

static const char *entry_ref(struct gtd_canon *c, struct gtd_canon_entry *e)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t digest[32];
	char *r;

	if (e->ref)
		return e->ref;
	if (!(r = gtd_arena_alloc(c->a, GTD_CANON_REF_LEN + 1))) {
		fail(c, GTD_CANON_NOMEM);
		return NULL;
	}
	gtd_sha256((const uint8_t *)e->text.p, e->text.n, digest);
	r[0] = '#';
	for (int i = 0; i < 32; i++) {
		r[1 + 2 * i] = hex[digest[i] >> 4];
		r[2 + 2 * i] = hex[digest[i] & 15];
	}
	r[GTD_CANON_REF_LEN] = '\0';
	return e->ref = r;
}

/* Inside an attempt to write a part out: its own parts written out too,
 * until the attempt passes its limit. */
static inline void written_out(struct cw *w, const struct gtd_gotype *t)
{
	struct gtd_canon *c = w->c;
	uint32_t i;

	/* Given up past the limit, or past TRY_NODES nodes (what a long
	 * chain of small parts would cost again at every level), or at a
	 * part with a remembered string (longer than the limit written out:
	 * that is how it came to be remembered).  Giving up changes nothing
	 * but the cost: the part's string is then made from its parts'. */
	if (stopped(w) || buf(w)->n > w->limit || ++w->tried > TRY_NODES ||
	    memo_find(c, t, w->sig, &i)) {
		w->given_up = 1;
		return;
	}
	if (c->depth >= GTD_MAX_TYPE_DEPTH) {
		fail(c, GTD_CANON_TOO_DEEP);
		return;
	}
	c->depth++;
	render(w, t);
	c->depth--;
}

/* A part: its string, or its reference when that is long.  Most parts are
 * short, so a part is first written out in place, which for a short one
 * is its string (none of its own parts can be long); only when that
 * passes GTD_CANON_INLINE_MAX bytes is it given up, and the part's string
 * made once, from its parts' strings and references, and remembered. */
static void part(struct cw *w, const struct gtd_gotype *t)
{
	struct gtd_canon_entry *e;
	const char *ref;
	size_t start;
	uint32_t i;
	int rc;

	if (!t) {
		puts_(w, "<nil>");
		return;
	}
	if (t->kind == GTD_GO_ALIAS && !(t = gtd_canon_unalias(w->c, t)))
		return;
	if (w->inline_try) {
		written_out(w, t);
		return;
	}
	/* A part found long once is not tried again: an attempt costs up to
	 * the part's own size (a method set to compute, fields to step over),
	 * and a part may be used in as many places as the unit is long. */
	if (!memo_find(w->c, t, w->sig, &i)) {
		start = buf(w)->n;
		w->inline_try = 1;
		w->tried = 0;
		w->limit = start + GTD_CANON_INLINE_MAX;
		written_out(w, t);
		w->inline_try = 0;
		if (!w->given_up && buf(w)->n <= w->limit)
			return;
		w->given_up = 0;
		w->c->written += buf(w)->n - start; /* the attempt's cost */
		buf(w)->n = start;
		if (buf(w)->p)
			buf(w)->p[start] = '\0';
		rc = entry_of(w->c, t, w->sig, 1, &(struct gtd_bytes){ 0 }, &i);
		w->b = &w->c->bufs[w->level]; /* c->bufs may have grown */
		if (rc)
			return;
	}
	e = &w->c->v[i];
	if (e->text.n <= GTD_CANON_INLINE_MAX)
		put(w, e->text);
	else if ((ref = entry_ref(w->c, e)))
		puts_(w, ref);
}

/* A field or method name: an unexported one is qualified by its package,
 * since go/types' sameId compares both. */
static void qualified_name(struct cw *w, const struct gtd_gopkg *pkg, struct gtd_bytes name)
{
	if (pkg && !gtd_go_is_exported(name)) {
		put(w, pkg->path);
		putc_(w, '.');
	}
	put(w, name);
}

static void types_list(struct cw *w, const struct gtd_govar *vars, uint32_t n, int variadic)
{
	putc_(w, '(');
	for (uint32_t i = 0; i < n && !stopped(w); i++) {
		const struct gtd_gotype *t = vars[i].type;

		if (i)
			putc_(w, ',');
		if (variadic && i == n - 1 && t && t->kind == GTD_GO_SLICE) {
			puts_(w, "...");
			t = t->elem;
		}
		part(w, t);
	}
	putc_(w, ')');
}

/* (params) results, without receiver (identity ignores it) or "func"; a
 * generic signature first lists its parameters' bounds, and its parts are
 * read with its parameters as $i. */
static void signature(struct cw *w, const struct gtd_gotype *sig)
{
	const struct gtd_gotype *saved = w->sig;
	uint32_t nres = sig->nvars - sig->nparams;

	if (sig->ntparams) {
		w->sig = sig;
		putc_(w, '[');
		for (uint32_t i = 0; i < sig->ntparams && !stopped(w); i++) {
			if (i)
				putc_(w, ',');
			putc_(w, '$');
			gtd_strbuf_putu(buf(w), i);
			putc_(w, ' ');
			part(w, sig->tparams[i]->under);
		}
		putc_(w, ']');
	}
	types_list(w, sig->vars, sig->nparams, sig->variadic);
	if (nres == 1) {
		putc_(w, ' ');
		part(w, sig->vars[sig->nparams].type);
	} else if (nres > 1) {
		putc_(w, ' ');
		types_list(w, sig->vars + sig->nparams, nres, 0);
	}
	w->sig = saved;
}

static void struct_type(struct cw *w, const struct gtd_gotype *t)
{
	puts_(w, "struct{");
	for (uint32_t i = 0; i < t->nvars && !stopped(w); i++) {
		const struct gtd_govar *f = &t->vars[i];

		if (i)
			putc_(w, ';');
		if (!f->embedded) {
			qualified_name(w, f->pkg, f->name);
			putc_(w, ' ');
		}
		part(w, f->type);
		if (f->tag.n) {
			putc_(w, ' ');
			gtd_go_quote(buf(w), f->tag);
		}
	}
	putc_(w, '}');
}

/* The type terms of a constraint interface, as written: embedded unions
 * and non-interface types, and comparable; an embedded interface's own
 * terms in its place, each interface once (seen). */
static int terms(struct cw *w, const struct gtd_gotype *t, int first, struct gtd_ptrmap *seen,
		 uint32_t depth)
{
	if (depth > GTD_MAX_TYPE_DEPTH) {
		fail(w->c, GTD_CANON_TOO_DEEP);
		return first;
	}
	for (uint32_t i = 0; i < t->nembeddeds && !stopped(w); i++) {
		const struct gtd_gotype *e = gtd_canon_unalias(w->c, t->embeddeds[i]);
		const struct gtd_gotype *u = gtd_go_underlying(e);

		if (e && e->kind == GTD_GO_NAMED && !e->pkg && gtd_bytes_eq_str(e->name, "comparable")) {
			puts_(w, first ? "comparable" : ";comparable");
			first = 0;
		} else if (u && u->kind == GTD_GO_INTERFACE && e->kind != GTD_GO_TYPEPARAM) {
			if (gtd_ptrmap_get(seen, u, &(uint32_t){ 0 }))
				continue;
			if (gtd_ptrmap_put(seen, u, 1)) {
				fail(w->c, GTD_CANON_NOMEM);
				return first;
			}
			first = terms(w, u, first, seen, depth + 1);
		} else {
			if (!first)
				putc_(w, ';');
			first = 0;
			part(w, t->embeddeds[i]);
		}
	}
	return first;
}

static void interface_type(struct cw *w, const struct gtd_gotype *t)
{
	struct gtd_gomethod_set set = { 0 };
	struct gtd_ptrmap seen = { 0 };

	if (t->universe == GTD_UNIVERSE_COMPARABLE) {
		puts_(w, "interface{comparable}");
		return;
	}
	gtd_go_interface_methods(t, NULL, &set);
	if (set.oom || set.too_deep)
		fail(w->c, set.oom ? GTD_CANON_NOMEM : GTD_CANON_TOO_DEEP);
	puts_(w, "interface{");
	for (uint32_t i = 0; i < set.n && !stopped(w); i++) {
		const struct gtd_gofunc *m = set.m[i].fn;
		const struct gtd_gotype *sig = m->sig;

		if (i)
			putc_(w, ';');
		qualified_name(w, m->pkg, m->name);
		if (sig && set.m[i].env &&
		    !(sig = gtd_go_subst_env(w->c->a, (struct gtd_gotype *)sig, set.m[i].env)))
			fail(w->c, GTD_CANON_TOO_DEEP);
		if (sig)
			signature(w, sig);
	}
	terms(w, t, set.n == 0, &seen, 0);
	putc_(w, '}');
	gtd_ptrmap_free(&seen);
	gtd_go_method_set_free(&set);
}

static void type_param(struct cw *w, const struct gtd_gotype *t)
{
	const struct gtd_gotype *sig = w->sig;

	if (t->positional) {
		putc_(w, '$');
		gtd_strbuf_putu(buf(w), t->index);
		return;
	}
	for (uint32_t i = 0; sig && i < sig->ntparams; i++)
		if (sig->tparams[i] == t) {
			putc_(w, '$');
			gtd_strbuf_putu(buf(w), i);
			return;
		}
	putc_(w, '$');
	if (t->owner_pkg) {
		put(w, t->owner_pkg->path);
		putc_(w, '.');
	}
	put(w, t->owner_name);
	putc_(w, '.');
	gtd_strbuf_putu(buf(w), t->index);
}

static void named(struct cw *w, const struct gtd_gotype *t)
{
	const struct gtd_gotype *o = t->orig ? t->orig : t;

	if (o->pkg) {
		put(w, o->pkg->path);
		putc_(w, '.');
	}
	put(w, o->name);
	if (t->ntargs || o->ntparams) {
		struct gtd_gotype *const *list = t->ntargs ? t->targs : o->tparams;
		uint32_t n = t->ntargs ? t->ntargs : o->ntparams;

		putc_(w, '[');
		for (uint32_t i = 0; i < n && !stopped(w); i++) {
			if (i)
				putc_(w, ',');
			part(w, list[i]);
		}
		putc_(w, ']');
	}
}

static void chan_type(struct cw *w, const struct gtd_gotype *t)
{
	const struct gtd_gotype *elem = gtd_canon_unalias(w->c, t->elem);
	int parens = t->dir == GTD_CHAN_BOTH && elem && elem->kind == GTD_GO_CHAN &&
		     elem->dir == GTD_CHAN_RECV;

	puts_(w, t->dir == GTD_CHAN_BOTH ? "chan " : t->dir == GTD_CHAN_SEND ? "chan<- " : "<-chan ");
	if (parens)
		putc_(w, '(');
	part(w, t->elem);
	if (parens)
		putc_(w, ')');
}

/* One node's string, its parts by their strings or references. */
static void render(struct cw *w, const struct gtd_gotype *t)
{
	char num[24];

	switch (t->kind) {
	case GTD_GO_BASIC:
		puts_(w, t->basic == GTD_BASIC_UNSAFE_POINTER ? "unsafe.Pointer" : gtd_go_basic_name(t->basic));
		break;
	case GTD_GO_ARRAY:
		snprintf(num, sizeof num, "[%llu]", (unsigned long long)t->len);
		puts_(w, num);
		part(w, t->elem);
		break;
	case GTD_GO_SLICE:
		puts_(w, "[]");
		part(w, t->elem);
		break;
	case GTD_GO_POINTER:
		putc_(w, '*');
		part(w, t->elem);
		break;
	case GTD_GO_MAP:
		puts_(w, "map[");
		part(w, t->key);
		putc_(w, ']');
		part(w, t->elem);
		break;
	case GTD_GO_CHAN:
		chan_type(w, t);
		break;
	case GTD_GO_SIGNATURE:
		puts_(w, "func");
		signature(w, t);
		break;
	case GTD_GO_STRUCT:
		struct_type(w, t);
		break;
	case GTD_GO_INTERFACE:
		interface_type(w, t);
		break;
	case GTD_GO_UNION:
		for (uint32_t i = 0; i < t->nvars && !stopped(w); i++) {
			if (i)
				putc_(w, '|');
			if (t->vars[i].tilde)
				putc_(w, '~');
			part(w, t->vars[i].type);
		}
		break;
	case GTD_GO_NAMED:
		named(w, t);
		break;
	case GTD_GO_TYPEPARAM:
		type_param(w, t);
		break;
	case GTD_GO_ALIAS: /* resolved by entry_of */
		break;
	}
}

/* The memo: outside generic signatures by node, inside one by (node,
 * signature); both give an index into c->v. */
static int memo_find(struct gtd_canon *c, const struct gtd_gotype *t, const struct gtd_gotype *sig,
		     uint32_t *i)
{
	const void *key[2] = { t, sig };
	uint64_t v;

	if (!sig)
		return gtd_ptrmap_get(&c->plain, t, i);
	if (!gtd_bmap_get(&c->in_sig, key, sizeof key, &v))
		return 0;
	*i = (uint32_t)v;
	return 1;
}

static int memo_add(struct gtd_canon *c, const struct gtd_gotype *t, const struct gtd_gotype *sig,
		    struct gtd_bytes text, uint32_t *i)
{
	const void *key[2] = { t, sig };
	uint64_t *slot;
	int inserted;

	if (c->n == c->cap) {
		uint32_t cap = c->cap ? c->cap * 2 : 256;
		struct gtd_canon_entry *v = realloc(c->v, cap * sizeof *v);

		if (!v)
			return fail(c, GTD_CANON_NOMEM);
		c->v = v;
		c->cap = cap;
	}
	*i = c->n;
	if (sig ? gtd_bmap_upsert(&c->in_sig, key, sizeof key, &slot, &inserted)
		: gtd_ptrmap_put(&c->plain, t, *i))
		return fail(c, GTD_CANON_NOMEM);
	if (sig)
		*slot = *i;
	c->v[c->n++] = (struct gtd_canon_entry){ text, NULL };
	return GTD_OK;
}

/* Makes sure bufs[level] exists. */
static int level_buf(struct gtd_canon *c, uint32_t level)
{
	if (level < c->nbufs)
		return GTD_OK;
	struct gtd_strbuf *v = realloc(c->bufs, (level + 16) * sizeof *v);

	if (!v)
		return fail(c, GTD_CANON_NOMEM);
	memset(v + c->nbufs, 0, (level + 16 - c->nbufs) * sizeof *v);
	c->bufs = v;
	c->nbufs = level + 16;
	return GTD_OK;
}

/* The string of t, made from its own parts' (as strings or references)
 * in a buffer of its own level, and remembered if asked to or long: a
 * part is made so only when written out it was long, and then again and
 * again if not remembered. */
static int entry_of(struct gtd_canon *c, const struct gtd_gotype *t, const struct gtd_gotype *sig,
		    int remember, struct gtd_bytes *text, uint32_t *out)
{
	struct cw w = { .c = c, .level = c->level, .sig = sig };
	struct gtd_strbuf *b;
	size_t outer;
	uint32_t opened;
	char *copy;

	if (c->failed)
		return c->failed;
	if (t->kind == GTD_GO_ALIAS && !(t = gtd_canon_unalias(c, t)))
		return c->failed;
	if (memo_find(c, t, sig, out)) {
		*text = c->v[*out].text;
		return GTD_OK;
	}
	/* Named types end the recursion (a part of a type is its name), so a
	 * node met again while its own string is being made contains itself:
	 * an alias in its own right-hand side, which Go rejects and only a
	 * crafted unit can hold.  Its string would be infinite. */
	if (gtd_ptrmap_get(&c->open, t, &opened) && opened)
		return fail(c, GTD_CANON_CYCLE);
	if (c->depth >= GTD_MAX_TYPE_DEPTH)
		return fail(c, GTD_CANON_TOO_DEEP);
	if (level_buf(c, w.level) || gtd_ptrmap_put(&c->open, t, 1))
		return fail(c, GTD_CANON_NOMEM);
	w.b = &c->bufs[w.level];
	gtd_strbuf_reset(w.b);
	outer = w.level ? c->bufs[w.level - 1].n : 0; /* the caller's string so far */
	c->outer += outer;
	c->depth++;
	c->level++;
	render(&w, t);
	c->level--;
	c->depth--;
	c->outer -= outer;
	b = &c->bufs[w.level];
	c->written += b->n;
	gtd_ptrmap_put(&c->open, t, 0); /* present: cannot fail */
	if (b->oom)
		return fail(c, GTD_CANON_NOMEM);
	if (c->failed)
		return c->failed;
	if (!remember && b->n <= GTD_CANON_INLINE_MAX) {
		*text = gtd_bytes_of(b->p ? b->p : "", b->n); /* the caller copies it if it keeps it */
		return GTD_OK;
	}
	if (!(copy = gtd_arena_dup(c->a, b->p ? b->p : "", b->n + 1)))
		return fail(c, GTD_CANON_NOMEM);
	if (memo_add(c, t, sig, gtd_bytes_of(copy, b->n), out))
		return c->failed;
	*text = c->v[*out].text;
	return GTD_OK;
}

static int resolved_add(struct gtd_canon *c, const struct gtd_gotype *alias, const struct gtd_gotype *t)
{
	if (c->nresolved == c->capresolved) {
		uint32_t cap = c->capresolved ? c->capresolved * 2 : 64;
		const struct gtd_gotype **v = realloc(c->resolved, cap * sizeof *v);

		if (!v)
			return fail(c, GTD_CANON_NOMEM);
		c->resolved = v;
		c->capresolved = cap;
	}
	if (gtd_ptrmap_put(&c->unaliased, alias, c->nresolved))
		return fail(c, GTD_CANON_NOMEM);
	c->resolved[c->nresolved++] = t;
	return GTD_OK;
}

const struct gtd_gotype *gtd_canon_unalias(struct gtd_canon *c, const struct gtd_gotype *t)
{
	const struct gtd_gotype *start = t;
	uint32_t i;

	if (!t || t->kind != GTD_GO_ALIAS)
		return t;
	if (gtd_ptrmap_get(&c->unaliased, t, &i))
		return c->resolved[i];
	for (uint32_t hops = 0; t && t->kind == GTD_GO_ALIAS; hops++) {
		const struct gtd_gotype *o = t->orig;

		if (hops >= GTD_MAX_TYPE_DEPTH) {
			fail(c, GTD_CANON_TOO_DEEP);
			return NULL;
		}
		if (!o) {
			t = t->under;
			continue;
		}
		t = gtd_go_subst(c->a, o->under, o->tparams, t->targs,
				 t->ntargs < o->ntparams ? t->ntargs : o->ntparams);
		if (!t) {
			fail(c, GTD_CANON_TOO_DEEP); /* nested deeper than GTD_MAX_TYPE_DEPTH */
			return NULL;
		}
	}
	if (!t) {
		fail(c, GTD_CANON_NO_TYPE); /* an alias whose rhs was never built */
		return NULL;
	}
	return resolved_add(c, start, t) ? NULL : t;
}

void gtd_canon_init(struct gtd_canon *c, struct gtd_arena *a)
{
	memset(c, 0, sizeof *c);
	c->a = a;
	c->write_limit = SIZE_MAX;
}

int gtd_canon_text(struct gtd_canon *c, const struct gtd_gotype *t, struct gtd_bytes *out)
{
	uint32_t i;

	return entry_of(c, t, NULL, 0, out, &i);
}

void gtd_canon_free(struct gtd_canon *c)
{
	for (uint32_t i = 0; i < c->nbufs; i++)
		gtd_strbuf_free(&c->bufs[i]);
	free(c->bufs);
	free(c->v);
	free(c->resolved);
	gtd_ptrmap_free(&c->plain);
	gtd_ptrmap_free(&c->unaliased);
	gtd_ptrmap_free(&c->open);
	gtd_bmap_free(&c->in_sig);
	memset(c, 0, sizeof *c);
}

int gtd_go_canonical(struct gtd_strbuf *b, const struct gtd_gotype *t)
{
	struct gtd_arena a = { 0 };
	struct gtd_canon c;
	struct gtd_bytes s = { 0 };
	int rc;

	gtd_canon_init(&c, &a);
	rc = gtd_canon_text(&c, t, &s);
	if (rc == GTD_OK)
		gtd_strbuf_putn(b, s.p, s.n);
	gtd_canon_free(&c);
	gtd_arena_free(&a);
	return rc || b->oom ? -1 : 0;
}
