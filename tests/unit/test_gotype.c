/* The gotype renderers on hand-built graphs: go/types' TypeString and
 * ObjectString for every kind of type, the canonical identity string
 * (aliases followed, byte = uint8, unexported names qualified, interfaces
 * flattened and sorted, generic signatures with $i), substitution,
 * strconv.Quote and go/token.IsExported beyond ASCII. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/arena.h"
#include "gotypedb/digest.h"
#include "gotypedb/error.h"
#include "gotypedb/gotype.h"
#include "testlib.h"

static struct gtd_arena A;

#define B(s) gtd_bytes_of(s, strlen(s))

static struct gtd_gotype *node(enum gtd_go_kind k)
{
	struct gtd_gotype *t = gtd_arena_alloc(&A, sizeof *t);

	memset(t, 0, sizeof *t);
	t->kind = k;
	return t;
}

static struct gtd_gotype *elem(enum gtd_go_kind k, struct gtd_gotype *e)
{
	struct gtd_gotype *t = node(k);

	t->elem = e;
	return t;
}

static struct gtd_govar *vars(uint32_t n)
{
	struct gtd_govar *v = gtd_arena_alloc(&A, n * sizeof *v);

	memset(v, 0, n * sizeof *v);
	return v;
}

static struct gtd_gotype **list(uint32_t n)
{
	return gtd_arena_alloc(&A, n * sizeof(struct gtd_gotype *));
}

static const struct gtd_gopkg P = { { (const uint8_t *)"example.com/p", 13 }, { (const uint8_t *)"p", 1 } };
static const struct gtd_gopkg IO = { { (const uint8_t *)"io", 2 }, { (const uint8_t *)"io", 2 } };

static struct gtd_gotype *named(const struct gtd_gopkg *pkg, const char *name, struct gtd_gotype *under)
{
	struct gtd_gotype *t = node(GTD_GO_NAMED);

	t->pkg = pkg;
	t->name = B(name);
	t->under = under;
	return t;
}

/* func(params...) results..., each var "name:type" given as (name, type) pairs */
static struct gtd_gotype *sig(uint32_t np, uint32_t nr, int variadic, ...)
{
	struct gtd_gotype *t = node(GTD_GO_SIGNATURE);
	va_list ap;

	t->nparams = np;
	t->nvars = np + nr;
	t->variadic = (uint8_t)variadic;
	t->vars = vars(np + nr ? np + nr : 1);
	va_start(ap, variadic);
	for (uint32_t i = 0; i < np + nr; i++) {
		const char *name = va_arg(ap, const char *);

		t->vars[i].name = B(name);
		t->vars[i].type = va_arg(ap, struct gtd_gotype *);
	}
	va_end(ap);
	return t;
}

static char *str(void (*f)(struct gtd_strbuf *, const struct gtd_gotype *), const struct gtd_gotype *t)
{
	static struct gtd_strbuf b;

	gtd_strbuf_reset(&b);
	f(&b, t);
	return b.p ? b.p : "";
}

static void canon(struct gtd_strbuf *b, const struct gtd_gotype *t)
{
	assert_int_equal(gtd_go_canonical(b, t), 0);
}

#define TS(t) str(gtd_go_type_string, (t))
#define CS(t) str(canon, (t))

static void test_basic_and_composite(void **state)
{
	struct gtd_gotype *i = gtd_go_basic(2), *s = gtd_go_basic(17);
	struct gtd_gotype *arr = elem(GTD_GO_ARRAY, i), *m = node(GTD_GO_MAP);
	struct gtd_gotype *c = elem(GTD_GO_CHAN, elem(GTD_GO_CHAN, i));
	(void)state;

	assert_string_equal(TS(gtd_go_basic_named("byte")), "byte");
	assert_string_equal(CS(gtd_go_basic_named("byte")), "uint8");
	assert_string_equal(CS(gtd_go_basic_named("rune")), "int32");
	assert_string_equal(TS(gtd_go_basic(GTD_BASIC_UNSAFE_POINTER)), "unsafe.Pointer");
	assert_string_equal(TS(gtd_go_basic(20)), "untyped int");
	arr->len = 4;
	assert_string_equal(TS(elem(GTD_GO_SLICE, elem(GTD_GO_POINTER, arr))), "[]*[4]int");
	m->key = s;
	m->elem = elem(GTD_GO_SLICE, i);
	assert_string_equal(TS(m), "map[string][]int");
	c->elem->dir = GTD_CHAN_RECV;
	assert_string_equal(TS(c), "chan (<-chan int)");
	assert_string_equal(CS(c), "chan (<-chan int)");
	c->dir = GTD_CHAN_SEND;
	assert_string_equal(TS(c), "chan<- <-chan int");
}

static void test_signatures(void **state)
{
	struct gtd_gotype *i = gtd_go_basic(2), *s = gtd_go_basic(17), *b = gtd_go_basic(1);
	(void)state;

	assert_string_equal(TS(sig(2, 1, 1, "n", i, "xs", elem(GTD_GO_SLICE, s), "", b)),
			    "func(n int, xs ...string) bool");
	assert_string_equal(CS(sig(2, 1, 1, "n", i, "xs", elem(GTD_GO_SLICE, s), "", b)),
			    "func(int,...string) bool");
	assert_string_equal(TS(sig(0, 2, 0, "head", s, "ok", b)), "func() (head string, ok bool)");
	assert_string_equal(CS(sig(0, 2, 0, "head", s, "ok", b)), "func() (string,bool)");
	assert_string_equal(TS(sig(0, 0, 0)), "func()");
}

static void test_structs_qualify_unexported_names(void **state)
{
	struct gtd_gotype *st = node(GTD_GO_STRUCT), *point = named(&P, "Point", NULL);
	(void)state;

	st->nvars = 3;
	st->vars = vars(3);
	st->vars[0] = (struct gtd_govar){ &P, B("X"), B("json:\"x\""), gtd_go_basic(2), 0, 0 };
	st->vars[1] = (struct gtd_govar){ &P, B("name"), { 0 }, gtd_go_basic(17), 0, 0 };
	st->vars[2] = (struct gtd_govar){ &P, B("Point"), { 0 }, point, 1, 0 };
	assert_string_equal(TS(st), "struct{X int \"json:\\\"x\\\"\"; name string; example.com/p.Point}");
	assert_string_equal(CS(st), "struct{X int \"json:\\\"x\\\"\";example.com/p.name string;example.com/p.Point}");
}

static struct gtd_gofunc method(const struct gtd_gopkg *pkg, const char *name, struct gtd_gotype *s)
{
	return (struct gtd_gofunc){ pkg, B(name), s };
}

static void test_interfaces_flatten_and_sort(void **state)
{
	struct gtd_gotype *reader_i = node(GTD_GO_INTERFACE), *reader, *rw = node(GTD_GO_INTERFACE);
	struct gtd_gotype *readsig = sig(1, 2, 0, "p", elem(GTD_GO_SLICE, gtd_go_basic_named("byte")),
					 "n", gtd_go_basic(2), "err", gtd_go_basic(17));
	struct gtd_govar *recv = vars(1);
	(void)state;

	reader_i->nmethods = 1;
	reader_i->methods = gtd_arena_alloc(&A, sizeof *reader_i->methods);
	reader_i->methods[0] = method(&IO, "Read", readsig);
	reader = named(&IO, "Reader", reader_i);
	recv->type = reader;
	readsig->recv = recv;
	rw->nmethods = 2;
	rw->methods = gtd_arena_alloc(&A, 2 * sizeof *rw->methods);
	rw->methods[0] = method(&P, "Write", sig(0, 0, 0));
	rw->methods[1] = method(&P, "close", sig(0, 0, 0));
	rw->nembeddeds = 1;
	rw->embeddeds = list(1);
	rw->embeddeds[0] = reader;
	assert_string_equal(TS(rw), "interface{Write(); close(); io.Reader}");
	assert_string_equal(CS(rw), "interface{Read([]uint8) (int,string);Write();example.com/p.close()}");
	{
		struct gtd_gomethod_set set = { 0 };
		struct gtd_strbuf b = { 0 };

		gtd_go_interface_methods(rw, NULL, &set);
		assert_int_equal(set.n, 3);
		gtd_go_method_string(&b, set.m[0].fn, set.m[0].env);
		assert_string_equal(b.p, "func (io.Reader).Read(p []byte) (n int, err string)");
		gtd_strbuf_free(&b);
		gtd_go_method_set_free(&set);
	}
	assert_string_equal(CS(node(GTD_GO_INTERFACE)), "interface{}");
}

static void test_generics_and_aliases(void **state)
{
	struct gtd_gotype *t = node(GTD_GO_TYPEPARAM), *any = node(GTD_GO_INTERFACE);
	struct gtd_gotype *list_t, *inst, *f, *alias, *ainst, *u = node(GTD_GO_UNION);
	(void)state;

	any->universe = GTD_UNIVERSE_ANY;
	t->name = B("T");
	t->under = any;
	t->owner_pkg = &P;
	t->owner_name = B("List");
	list_t = named(&P, "List", elem(GTD_GO_SLICE, t));
	list_t->ntparams = 1;
	list_t->tparams = list(1);
	list_t->tparams[0] = t;
	assert_string_equal(TS(list_t), "example.com/p.List[T any]");
	assert_string_equal(CS(list_t), "example.com/p.List[$example.com/p.List.0]");
	inst = named(NULL, "", NULL);
	inst->pkg = NULL;
	inst->orig = list_t;
	inst->ntargs = 1;
	inst->targs = list(1);
	inst->targs[0] = gtd_go_basic(2);
	assert_string_equal(TS(inst), "example.com/p.List[int]");
	assert_string_equal(CS(inst), "example.com/p.List[int]");
	/* func F[T any](x T) T: T is $0 in its own signature */
	f = sig(1, 1, 0, "x", t, "", t);
	f->ntparams = 1;
	f->tparams = list(1);
	f->tparams[0] = t;
	assert_string_equal(TS(f), "func[T any](x T) T");
	assert_string_equal(CS(f), "func[$0 interface{}]($0) $0");
	/* type A[T any] = []T; A[string] is []string */
	alias = node(GTD_GO_ALIAS);
	alias->pkg = &P;
	alias->name = B("A");
	alias->under = elem(GTD_GO_SLICE, t);
	alias->ntparams = 1;
	alias->tparams = list(1);
	alias->tparams[0] = t;
	ainst = node(GTD_GO_ALIAS);
	ainst->orig = alias;
	ainst->ntargs = 1;
	ainst->targs = list(1);
	ainst->targs[0] = gtd_go_basic(17);
	assert_string_equal(TS(ainst), "example.com/p.A[string]");
	assert_string_equal(CS(ainst), "[]string");
	assert_string_equal(TS(gtd_go_subst(&A, alias->under, alias->tparams, ainst->targs, 1)), "[]string");
	/* ~int | string */
	u->nvars = 2;
	u->vars = vars(2);
	u->vars[0].tilde = 1;
	u->vars[0].type = gtd_go_basic(2);
	u->vars[1].type = gtd_go_basic(17);
	assert_string_equal(TS(u), "~int | string");
	assert_string_equal(CS(u), "~int|string");
	/* the universe's any prints as any; as a type it is interface{} */
	assert_string_equal(TS(any), "any");
	assert_string_equal(CS(any), "interface{}");
}

static void test_object_strings(void **state)
{
	struct gtd_strbuf b = { 0 };
	struct gtd_gotype *w = named(&P, "Weekday", gtd_go_basic(2));
	(void)state;

	gtd_go_object_string(&b, GTD_GOOBJ_TYPE, &P, B("Weekday"), w);
	assert_string_equal(b.p, "type example.com/p.Weekday int");
	gtd_strbuf_reset(&b);
	gtd_go_object_string(&b, GTD_GOOBJ_CONST, &P, B("Monday"), w);
	assert_string_equal(b.p, "const example.com/p.Monday example.com/p.Weekday");
	gtd_strbuf_reset(&b);
	gtd_go_object_string(&b, GTD_GOOBJ_FUNC, &P, B("F"), sig(1, 0, 0, "d", w));
	assert_string_equal(b.p, "func example.com/p.F(d example.com/p.Weekday)");
	gtd_strbuf_free(&b);
}

static void test_quote(void **state)
{
	struct gtd_strbuf b = { 0 };
	(void)state;

	gtd_go_quote(&b, gtd_bytes_of("a\"\\\n\t\x01\x7f\xff\xe4\xb8\x96", 11));
	assert_string_equal(b.p, "\"a\\\"\\\\\\n\\t\\x01\\x7f\\xff\xe4\xb8\x96\"");
	gtd_strbuf_free(&b);
}

/* s quoted by gtd_go_quote equals want (strconv.Quote's output in go1.26.8). */
static void assert_quote(const char *s, size_t n, const char *want)
{
	struct gtd_strbuf b = { 0 };

	gtd_go_quote(&b, gtd_bytes_of(s, n));
	assert_string_equal(b.p, want);
	gtd_strbuf_free(&b);
}

static void test_quote_unicode(void **state)
{
	(void)state;
	assert_quote("\xc2\xa0", 2, "\"\\u00a0\"");             /* U+00A0: a space, not printable */
	assert_quote("\xee\x80\x80", 3, "\"\\ue000\"");         /* U+E000: private use */
	assert_quote("\xcd\xb8", 2, "\"\\u0378\"");             /* U+0378: unassigned */
	assert_quote("a\0b", 3, "\"a\\x00b\"");                  /* NUL */
	assert_quote("\xff", 1, "\"\\xff\"");                    /* invalid UTF-8 */
	assert_quote("\xef\xbb\xbf", 3, "\"\\ufeff\"");         /* U+FEFF: format */
	assert_quote("\xf4\x8f\xbf\xbf", 4, "\"\\U0010ffff\"");  /* U+10FFFF: noncharacter */
	assert_quote("\xed\xa0\x80", 3, "\"\\xed\\xa0\\x80\""); /* encoded surrogate: 3 bad bytes */
	assert_quote("\xf4\x90\x80\x80", 4, "\"\\xf4\\x90\\x80\\x80\""); /* above U+10FFFF */
	assert_quote("\xc0\xaf", 2, "\"\\xc0\\xaf\"");          /* overlong '/' */
	assert_quote("a\xe2\x82", 3, "\"a\\xe2\\x82\"");        /* truncated rune */
	assert_quote("\xef\xbf\xbd", 3, "\"\xef\xbf\xbd\"");      /* U+FFFD itself: printable */
	assert_quote("\xc3\x84\xe2\x80\xa8", 5, "\"\xc3\x84\\u2028\""); /* Ä kept, U+2028 escaped */
	assert_quote("\xf0\x9f\x98\x80", 4, "\"\xf0\x9f\x98\x80\""); /* U+1F600 kept */
}

/* s quoted with runs shortened equals want: the segments are
 * strconv.Quote's (test_quote_unicode), the notation gotypedb's. */
static void assert_quote_runs(const char *s, size_t n, const char *want)
{
	struct gtd_strbuf b = { 0 };

	gtd_go_quote_runs(&b, gtd_bytes_of(s, n));
	assert_string_equal(b.p, want);
	gtd_strbuf_free(&b);
}

static void test_quote_runs(void **state)
{
	static const char zeros[256];
	char mixed[64];
	(void)state;

	assert_quote_runs("", 0, "\"\"");
	assert_quote_runs(zeros, 256, "\"\\x00\"\xc3\x97" "256");
	assert_quote_runs(zeros, 7, "\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"");  /* under 8: as is */
	assert_quote_runs(zeros, 8, "\"\\x00\"\xc3\x97" "8");
	memset(mixed, ' ', sizeof mixed);
	memcpy(mixed, "ab", 2);
	memcpy(mixed + 50, "c\xff\xff\xff\xff\xff\xff\xff\xff", 9);
	/* "ab", 48 spaces, "c", 8 bad bytes, 5 spaces */
	assert_quote_runs(mixed, 64, "\"ab\" + \" \"\xc3\x97" "48 + \"c\" + \"\\xff\"\xc3\x97" "8 + \"     \"");
	/* 8 times U+00E4 (two bytes each) is one run; a truncated rune after
	 * bad bytes of its first byte's value is not part of their run */
	assert_quote_runs("\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4", 16, "\"\xc3\xa4\"\xc3\x97" "8");
	assert_quote_runs("\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\xe2\x82\xac", 11,
			  "\"\\xe2\"\xc3\x97" "8 + \"\xe2\x82\xac\"");
}

static void test_exported(void **state)
{
	(void)state;
	assert_true(gtd_go_is_exported(B("X")));
	assert_true(gtd_go_is_exported(B("\xc3\x84pfel")));   /* Äpfel */
	assert_true(gtd_go_is_exported(B("\xce\xa9mega")));   /* Ωmega */
	assert_false(gtd_go_is_exported(B("\xc3\xa4pfel")));  /* äpfel */
	assert_false(gtd_go_is_exported(B("\xc7\x85")));      /* ǅ: title case */
	assert_false(gtd_go_is_exported(B("\xcf\x80")));      /* π */
	assert_false(gtd_go_is_exported(B("\xe6\x97\xa5\xe6\x9c\xac"))); /* 日本: Lo */
	assert_false(gtd_go_is_exported(B("_X")));
	assert_false(gtd_go_is_exported(B("")));
	assert_false(gtd_go_is_exported(B("\xff" "A")));          /* RuneError first */
	assert_false(gtd_go_is_exported(B("\xc3")));           /* a truncated Ä */
}

/* struct{Äpfel int} is one type wherever it is declared; struct{äpfel int}
 * is one per package (go/types' Identical, through sameId). */
static void test_struct_identity_non_ascii(void **state)
{
	static const struct gtd_gopkg Q = { { (const uint8_t *)"example.com/q", 13 },
					    { (const uint8_t *)"q", 1 } };
	struct gtd_gotype *sp = node(GTD_GO_STRUCT), *sq = node(GTD_GO_STRUCT);
	char *cs;
	(void)state;

	sp->nvars = sq->nvars = 1;
	sp->vars = vars(1);
	sq->vars = vars(1);
	sp->vars[0] = (struct gtd_govar){ &P, B("\xc3\x84pfel"), { 0 }, gtd_go_basic(2), 0, 0 };
	sq->vars[0] = (struct gtd_govar){ &Q, B("\xc3\x84pfel"), { 0 }, gtd_go_basic(2), 0, 0 };
	cs = strdup(CS(sp));
	assert_string_equal(cs, "struct{\xc3\x84pfel int}");
	assert_string_equal(CS(sq), cs);
	free(cs);
	sp->vars[0].name = sq->vars[0].name = B("\xc3\xa4pfel");
	cs = strdup(CS(sp));
	assert_string_equal(cs, "struct{example.com/p.\xc3\xa4pfel int}");
	assert_string_equal(CS(sq), "struct{example.com/q.\xc3\xa4pfel int}");
	free(cs);
}

/* go/types' order: exported names first (Zeta < Ωmega bytewise), then the
 * others (äpfel, ǅ, π, 日本: none is upper case). */
static void test_method_order_non_ascii(void **state)
{
	static const char *const order[] = { "Zeta", "\xce\xa9mega", "\xc3\xa4pfel", "\xc7\x85",
					     "\xcf\x80", "\xe6\x97\xa5\xe6\x9c\xac" };
	enum { N = sizeof order / sizeof *order };
	struct gtd_gotype *it = node(GTD_GO_INTERFACE);
	struct gtd_gomethod_set set = { 0 };
	(void)state;

	it->nmethods = N;
	it->methods = gtd_arena_alloc(&A, N * sizeof *it->methods);
	for (uint32_t i = 0; i < N; i++)  /* declared in reverse */
		it->methods[i] = method(&P, order[N - 1 - i], sig(0, 0, 0));
	gtd_go_interface_methods(it, NULL, &set);
	assert_int_equal(set.n, N);
	for (uint32_t i = 0; i < N; i++)
		assert_true(gtd_bytes_eq_str(set.m[i].fn->name, order[i]));
	gtd_go_method_set_free(&set);
	assert_string_equal(CS(it), "interface{Zeta();\xce\xa9mega();example.com/p.\xc3\xa4pfel();"
			    "example.com/p.\xc7\x85();example.com/p.\xcf\x80();"
			    "example.com/p.\xe6\x97\xa5\xe6\x9c\xac()}");
}

/* struct{X, Y prev} nested k times over one shared node per level: the
 * type written out holds 2^k copies of the innermost struct{X base}. */
static struct gtd_gotype *doubling(struct gtd_gotype *base, int k)
{
	struct gtd_gotype *t = node(GTD_GO_STRUCT);

	t->nvars = 1;
	t->vars = vars(1);
	t->vars[0].name = B("X");
	t->vars[0].type = base;
	for (int i = 0; i < k; i++) {
		struct gtd_gotype *u = node(GTD_GO_STRUCT);

		u->nvars = 2;
		u->vars = vars(2);
		u->vars[0].name = B("X");
		u->vars[1].name = B("Y");
		u->vars[0].type = u->vars[1].type = t;
		t = u;
	}
	return t;
}

static void hex(const uint8_t *d, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

/* A type huge written out (valid Go: type A1 = struct{X, Y A0} ... A40)
 * gets a canonical string as long as its own syntax: a part longer than
 * GTD_CANON_INLINE_MAX appears as "#" + SHA-256 of its string.  Identity
 * holds: the same type built from other nodes gets the same string, a
 * type differing deep inside a different one. */
static void test_huge_types_have_bounded_strings(void **state)
{
	struct gtd_gotype *a = doubling(gtd_go_basic(2), 40), *b = doubling(gtd_go_basic(2), 40);
	struct gtd_gotype *c = doubling(gtd_go_basic(7), 40);
	struct gtd_strbuf sa = { 0 }, sb = { 0 }, sc = { 0 }, part = { 0 }, ts = { 0 };
	uint8_t digest[32];
	char ref[66] = "#";
	int refs = 0;
	(void)state;

	assert_int_equal(gtd_go_canonical(&sa, a), 0);
	assert_int_equal(gtd_go_canonical(&sb, b), 0);
	assert_int_equal(gtd_go_canonical(&sc, c), 0);
	assert_true(sa.n < 2 * GTD_CANON_INLINE_MAX);
	assert_string_equal(sa.p, sb.p);
	assert_string_not_equal(sa.p, sc.p);
	/* every level holds the level below by its string, or by reference
	 * where that string is long; the strings stay short */
	for (const struct gtd_gotype *t = a; t->nvars == 2; t = t->vars[0].type) {
		struct gtd_strbuf whole = { 0 };

		gtd_strbuf_reset(&part);
		assert_int_equal(gtd_go_canonical(&whole, t), 0);
		assert_int_equal(gtd_go_canonical(&part, t->vars[0].type), 0);
		assert_true(whole.n <= 2 * GTD_CANON_INLINE_MAX + 16);
		if (part.n > GTD_CANON_INLINE_MAX) {
			gtd_sha256((const uint8_t *)part.p, part.n, digest);
			hex(digest, 32, ref + 1);
			assert_non_null(strstr(whole.p, ref));
			refs++;
		} else {
			assert_non_null(strstr(whole.p, part.p));
		}
		gtd_strbuf_free(&whole);
	}
	assert_true(refs > 0);
	/* go/types' TypeString would be 2^40 copies long: it is cut */
	gtd_go_type_string(&ts, a);
	gtd_go_string_cap(&ts);
	assert_true(ts.n <= GTD_TYPESTRING_MAX + 3);
	assert_string_equal(ts.p + ts.n - 3, "\xe2\x80\xa6");
	assert_true(strncmp(ts.p, "struct{X struct{X struct{", 25) == 0);
	gtd_strbuf_free(&sa);
	gtd_strbuf_free(&sb);
	gtd_strbuf_free(&sc);
	gtd_strbuf_free(&part);
	gtd_strbuf_free(&ts);
}

/* Interfaces embedding two that embed the same one, 40 levels: 2^40
 * embedding paths to one method, which the method set holds once. */
static void test_diamond_method_sets(void **state)
{
	struct gtd_gotype *base = node(GTD_GO_INTERFACE), *t = named(&P, "L0", base);
	struct gtd_gomethod_set set = { 0 };
	struct gtd_strbuf b = { 0 };
	(void)state;

	base->nmethods = 1;
	base->methods = gtd_arena_alloc(&A, sizeof *base->methods);
	base->methods[0] = method(&P, "M", sig(0, 0, 0));
	for (int i = 0; i < 40; i++) {
		struct gtd_gotype *l = node(GTD_GO_INTERFACE), *r = node(GTD_GO_INTERFACE);
		struct gtd_gotype *top = node(GTD_GO_INTERFACE);

		l->nembeddeds = r->nembeddeds = 1;
		l->embeddeds = list(1);
		r->embeddeds = list(1);
		l->embeddeds[0] = r->embeddeds[0] = t;
		top->nembeddeds = 2;
		top->embeddeds = list(2);
		top->embeddeds[0] = named(&P, "L", l);
		top->embeddeds[1] = named(&P, "R", r);
		t = named(&P, "T", top);
	}
	gtd_go_interface_methods(gtd_go_underlying(t), NULL, &set);
	assert_int_equal(set.oom, 0);
	assert_int_equal(set.n, 1);
	gtd_go_method_set_free(&set);
	assert_int_equal(gtd_go_canonical(&b, gtd_go_underlying(t)), 0);
	assert_string_equal(b.p, "interface{M()}");
	gtd_strbuf_free(&b);
}

/* Nesting at GTD_MAX_TYPE_DEPTH renders; one level more is refused.  Run
 * on a stack as big as the decoding threads' (the main thread's would not
 * hold the sanitizer build's recursion). */
struct nesting {
	int at_limit, past_limit;
	size_t len;
};

/* (No cmocka assertion in this thread: they would jump across threads.) */
static void *nesting_limit(void *arg)
{
	struct nesting *r = arg;
	struct gtd_gotype *t = gtd_go_basic(2);
	struct gtd_strbuf b = { 0 };

	for (int i = 1; i < GTD_MAX_TYPE_DEPTH; i++)
		t = elem(GTD_GO_SLICE, t);
	r->at_limit = gtd_go_canonical(&b, t);
	r->len = b.n;
	gtd_strbuf_reset(&b);
	r->past_limit = gtd_go_canonical(&b, elem(GTD_GO_SLICE, t));
	gtd_strbuf_free(&b);
	return NULL;
}

static void test_nesting_limit(void **state)
{
	struct nesting r = { 1, 0, 0 };
	pthread_attr_t attr;
	pthread_t th;
	(void)state;

	assert_int_equal(pthread_attr_init(&attr), 0);
	assert_int_equal(pthread_attr_setstacksize(&attr, GTD_DECODE_STACK_BYTES), 0);
	assert_int_equal(pthread_create(&th, &attr, nesting_limit, &r), 0);
	pthread_join(th, NULL);
	pthread_attr_destroy(&attr);
	assert_int_equal(r.at_limit, 0);
	assert_true(r.len > 2 && r.len <= GTD_CANON_INLINE_MAX + 2); /* "[]" and its part */
	assert_int_equal(r.past_limit, -1);
}

/* type A = struct{ F []A }: an alias in its own right-hand side (Go
 * rejects it; a crafted unit can hold it) has no finite string: refused
 * as a cycle, at once, not after GTD_MAX_TYPE_DEPTH levels. */
static void test_a_cycle_through_an_alias(void **state)
{
	struct gtd_gotype *a = node(GTD_GO_ALIAS), *s = node(GTD_GO_STRUCT);
	struct gtd_arena arena = { 0 };
	struct gtd_bytes text;
	struct gtd_canon c;
	(void)state;

	a->name = B("A");
	a->pkg = &P;
	a->under = s;
	s->nvars = 1;
	s->vars = vars(1);
	s->vars[0].name = B("F");
	s->vars[0].type = elem(GTD_GO_SLICE, a);
	gtd_canon_init(&c, &arena);
	assert_int_equal(gtd_canon_text(&c, elem(GTD_GO_POINTER, a), &text), GTD_EDATA);
	assert_int_equal(c.why, GTD_CANON_CYCLE);
	assert_true(c.depth == 0 && c.written < 4 * GTD_CANON_INLINE_MAX);
	gtd_canon_free(&c);
	gtd_arena_free(&arena);
}

static int teardown(void **state)
{
	(void)state;
	gtd_arena_free(&A);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic_and_composite),
		cmocka_unit_test(test_signatures),
		cmocka_unit_test(test_structs_qualify_unexported_names),
		cmocka_unit_test(test_interfaces_flatten_and_sort),
		cmocka_unit_test(test_generics_and_aliases),
		cmocka_unit_test(test_object_strings),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_quote_unicode),
		cmocka_unit_test(test_quote_runs),
		cmocka_unit_test(test_exported),
		cmocka_unit_test(test_struct_identity_non_ascii),
		cmocka_unit_test(test_method_order_non_ascii),
		cmocka_unit_test(test_huge_types_have_bounded_strings),
		cmocka_unit_test(test_diamond_method_sets),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_a_cycle_through_an_alias),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
