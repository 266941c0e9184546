/* The runtime decoder (rtype.h) on Go binaries written by hand from the
 * formats (testrt.h): names with 2-byte and varint lengths, tags, package
 * paths and both ways of marking an embedded field; a descriptor of every
 * kind, maps in the three layouts, uncommon types with methods (dropped
 * ones too), itabs in both 32-bit layouts and 1.27's type region, on each
 * pointer size and byte order; and hostile binaries, which must fail with
 * the exact message naming where. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/gotype.h"
#include "gotypedb/objfile.h"
#include "gotypedb/rtype.h"
#include "testelf.h"
#include "testlib.h"
#include "testrt.h"
#include "trtsample.h"

/* ---- what the decoder emits, copied ------------------------------------ */

struct rtype {
	struct gtd_rtype_rec r;
	char *string, *name;
};
struct rname {
	struct gtd_rname_rec r;
	char *name, *tag;
};

#define VEC(T) struct { T *v; size_t n, cap; }
#define PUSH(vec, x)                                                                    \
	do {                                                                            \
		if ((vec).n == (vec).cap) {                                             \
			(vec).cap = (vec).cap ? 2 * (vec).cap : 64;                     \
			(vec).v = realloc((vec).v, (vec).cap * sizeof *(vec).v);        \
			assert_non_null((vec).v);                                       \
		}                                                                       \
		(vec).v[(vec).n++] = (x);                                               \
	} while (0)

struct rec {
	int nbinary, nmodule;
	struct gtd_binary_rec bin;
	char *version, *modinfo, *main_path;
	struct gtd_module_rec mod;
	char *layout;
	VEC(char *) shapes;               /* canonical strings by shape */
	VEC(struct rtype) t;
	VEC(struct rname) names;
	VEC(struct gtd_rmethod_rec) methods;
	VEC(struct gtd_rfield_rec) fields;
	VEC(struct gtd_rimethod_rec) imethods;
	VEC(struct gtd_rparam_rec) params;
	VEC(struct gtd_itab_rec) itabs;
	VEC(struct gtd_typelink_rec) typelinks;
	VEC(char *) settings;             /* "key=value" */
};

static char *dup(struct gtd_bytes b)
{
	char *s;

	if (!b.p)
		return NULL;
	s = malloc(b.n + 1);
	assert_non_null(s);
	memcpy(s, b.p, b.n);
	s[b.n] = '\0';
	return s;
}

static int on_shape(void *ctx, const struct gtd_shape_rec *s)
{
	struct rec *r = ctx;

	assert_int_equal(s->idx, r->shapes.n);
	PUSH(r->shapes, dup(s->canonical));
	return 0;
}

static int on_binary(void *ctx, const struct gtd_binary_rec *b)
{
	struct rec *r = ctx;

	r->nbinary++;
	r->bin = *b;
	r->version = dup(b->go_version);
	r->modinfo = dup(b->modinfo);
	r->main_path = dup(b->main_path);
	return 0;
}

static int on_setting(void *ctx, const struct gtd_build_setting_rec *s)
{
	struct rec *r = ctx;
	char *kv = malloc(s->key.n + s->value.n + 2);

	assert_non_null(kv);
	memcpy(kv, s->key.p, s->key.n);
	kv[s->key.n] = '=';
	memcpy(kv + s->key.n + 1, s->value.p, s->value.n);
	kv[s->key.n + 1 + s->value.n] = '\0';
	PUSH(r->settings, kv);
	return 0;
}

static int on_module(void *ctx, const struct gtd_module_rec *m)
{
	struct rec *r = ctx;

	r->nmodule++;
	r->mod = *m;
	r->layout = strdup(m->layout);
	return 0;
}

static int on_rtype(void *ctx, const struct gtd_rtype_rec *t)
{
	struct rec *r = ctx;
	struct rtype x = { *t, dup(t->string), t->name.n ? dup(t->name) : NULL };

	PUSH(r->t, x);
	return 0;
}

static int on_rname(void *ctx, const struct gtd_rname_rec *n)
{
	struct rec *r = ctx;
	struct rname x = { *n, dup(n->name), dup(n->tag) };

	PUSH(r->names, x);
	return 0;
}

#define APPEND(field, T) \
	static int on_##field(void *ctx, const T *x) { PUSH(((struct rec *)ctx)->field, *x); return 0; }
APPEND(methods, struct gtd_rmethod_rec)
APPEND(fields, struct gtd_rfield_rec)
APPEND(imethods, struct gtd_rimethod_rec)
APPEND(params, struct gtd_rparam_rec)
APPEND(itabs, struct gtd_itab_rec)
APPEND(typelinks, struct gtd_typelink_rec)

static void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->shapes.n; i++)
		free(r->shapes.v[i]);
	for (size_t i = 0; i < r->t.n; i++) {
		free(r->t.v[i].string);
		free(r->t.v[i].name);
	}
	for (size_t i = 0; i < r->names.n; i++) {
		free(r->names.v[i].name);
		free(r->names.v[i].tag);
	}
	for (size_t i = 0; i < r->settings.n; i++)
		free(r->settings.v[i]);
	free(r->shapes.v);
	free(r->t.v);
	free(r->names.v);
	free(r->methods.v);
	free(r->fields.v);
	free(r->imethods.v);
	free(r->params.v);
	free(r->itabs.v);
	free(r->typelinks.v);
	free(r->settings.v);
	free(r->version);
	free(r->modinfo);
	free(r->main_path);
	free(r->layout);
	memset(r, 0, sizeof *r);
}

/* ---- decoding a file --------------------------------------------------- */

struct run {
	const struct tbuf *file;
	struct rec *r;
	struct gtd_error err;
	int not_go, rc;
};

/* In a thread with the decoding threads' stack, as `gotypedb index` runs
 * it: the deepest type's recursion needs it. */
static void *run_decode(void *arg)
{
	struct run *x = arg;
	struct gtd_objfile *f;
	struct gtd_sink sink = {
		.ctx = x->r, .shape = on_shape, .binary = on_binary, .build_setting = on_setting,
		.module = on_module, .rtype = on_rtype, .rname = on_rname, .rmethod = on_methods,
		.rfield = on_fields, .rimethod = on_imethods, .rparam = on_params, .itab = on_itabs,
		.typelink = on_typelinks,
	};

	x->rc = gtd_objfile_open(x->file->p, x->file->n, 0, &f, &x->err);
	if (x->rc)
		return NULL;
	x->rc = gtd_rtype_decode(f, &sink, &x->not_go, &x->err);
	gtd_objfile_free(f);
	return NULL;
}

static int decode(const struct tbuf *file, struct rec *r, struct gtd_error *err, int *not_go)
{
	struct run x = { file, r, { 0, "" }, 0, 0 };
	pthread_attr_t attr;
	pthread_t t;

	memset(r, 0, sizeof *r);
	assert_int_equal(pthread_attr_init(&attr), 0);
	assert_int_equal(pthread_attr_setstacksize(&attr, GTD_DECODE_STACK_BYTES), 0);
	assert_int_equal(pthread_create(&t, &attr, run_decode, &x), 0);
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	*err = x.err;
	if (not_go)
		*not_go = x.not_go;
	return x.rc;
}

/* The binary b describes, decoded: it must decode. */
static void decode_ok(const struct trt *b, struct rec *r)
{
	struct tbuf file;
	struct gtd_error err;
	int not_go;

	trt_binary(b, &file);
	if (decode(&file, r, &err, &not_go))
		fail_msg("go1.%u %u-byte %s-endian: %s", b->minor, b->w, b->be ? "big" : "little", err.msg);
	assert_int_equal(not_go, 0);
	tb_free(&file);
}

/* ... or fail with exactly code and message, emitting no module. */
static void decode_fails(const struct trt *b, int code, const char *msg)
{
	struct tbuf file;
	struct gtd_error err;
	struct rec r;
	int rc;

	trt_binary(b, &file);
	rc = decode(&file, &r, &err, NULL);
	if (rc != code || strcmp(err.msg, msg) != 0)
		fail_msg("go1.%u: got %d \"%s\", want %d \"%s\"", b->minor, rc, err.msg, code, msg);
	assert_int_equal(r.t.n, 0);
	rec_free(&r);
	tb_free(&file);
}

/* ---- looking records up ------------------------------------------------- */

static const struct rtype *type_at(const struct rec *r, uint32_t off)
{
	for (size_t i = 0; i < r->t.n; i++)
		if (r->t.v[i].r.off == off)
			return &r->t.v[i];
	fail_msg("no descriptor at %u", off);
	return NULL;
}

static const struct rname *name_at(const struct rec *r, int32_t off)
{
	for (size_t i = 0; i < r->names.n; i++)
		if (r->names.v[i].r.off == off)
			return &r->names.v[i];
	fail_msg("no name at %d", off);
	return NULL;
}

static const char *canonical(const struct rec *r, uint32_t off)
{
	const struct rtype *t = type_at(r, off);

	assert_true(t->r.shape < r->shapes.n);
	return r->shapes.v[t->r.shape];
}

/* The layout names the decoder reports, by release. */
static const char *layout_name(unsigned minor)
{
	return minor <= 17 ? "go1.16" : minor <= 19 ? "go1.18" : minor == 20 ? "go1.20"
	       : minor <= 25 ? "go1.21" : minor == 26 ? "go1.26" : "go1.27";
}

static int has_shape(const struct rec *r, const char *canon)
{
	for (size_t i = 0; i < r->shapes.n; i++)
		if (strcmp(r->shapes.v[i], canon) == 0)
			return 1;
	return 0;
}

static void expect_type(const struct rec *r, uint32_t off, unsigned kind, const char *string,
			const char *name, const char *canon)
{
	const struct rtype *t = type_at(r, off);

	assert_int_equal(t->r.kind, kind);
	assert_string_equal(t->string, string);
	if (name)
		assert_string_equal(t->name, name);
	else
		assert_null(t->name);
	assert_string_equal(canonical(r, off), canon);
}

static void check_sample_types(const struct trt *b, const struct trt_sample *s, const struct rec *r)
{
	expect_type(r, s->Int, TK_INT, "int", "int", "int");
	expect_type(r, s->String, TK_STRING, "string", "string", "string");
	expect_type(r, s->Bool, TK_BOOL, "bool", "bool", "bool");
	expect_type(r, s->T, TK_STRUCT, "main.T", "T", "main.T");
	expect_type(r, s->E, TK_STRUCT, "main.E", "E", "main.E");
	expect_type(r, s->I, TK_INTERFACE, "main.I", "I", "main.I");
	expect_type(r, s->M, TK_MAP, "main.M", "M", "main.M");
	expect_type(r, s->pT, TK_PTR, "*main.T", NULL, "*main.T");
	expect_type(r, s->slice, TK_SLICE, "[]int", NULL, "[]int");
	expect_type(r, s->array, TK_ARRAY, "[4]int", NULL, "[4]int");
	expect_type(r, s->chan, TK_CHAN, "chan<- int", NULL, "chan<- int");
	expect_type(r, s->fnM, TK_FUNC, "func()", NULL, "func()");
	expect_type(r, s->fn, TK_FUNC, "func(int, ...string) bool", NULL, "func(int,...string) bool");
	expect_type(r, s->map, TK_MAP, "map[string]int", NULL, "map[string]int");
	expect_type(r, s->group, TK_STRUCT, "struct {}", NULL, "struct{}");
	expect_type(r, s->sM, TK_SLICE, "[]main.M", NULL, "[]main.M");
	assert_int_equal(r->t.n, 17);
	/* a named type's definition is its descriptor's, not a type of the
	 * dictionary: main.I's underlying interface{M()} and main.T's struct
	 * (a tag of 285 x's) are no shapes, as no descriptor is either;
	 * map[string]int is one, the descriptor s->map */
	assert_false(has_shape(r, "interface{M()}"));
	assert_true(has_shape(r, "map[string]int"));
	{
		char want[512], xs[286];

		memset(xs, 'x', 285);
		xs[285] = '\0';
		snprintf(want, sizeof want, "struct{A int;main.b string \"json:\\\"b\\\" doc:\\\"%s\\\"\";main.E}", xs);
		if (has_shape(r, want))
			fail_msg("a shape %s, main.T's definition (go1.%u)", want, b->minor);
	}
}

static void check_sample_kinds(const struct trt *b, const struct trt_sample *s, const struct rec *r)
{
	const struct rtype *a = type_at(r, s->array), *c = type_at(r, s->chan), *f = type_at(r, s->fn);
	const struct rtype *m = type_at(r, s->M), *p = type_at(r, s->pT);

	assert_int_equal(a->r.len, 4);
	assert_int_equal(a->r.elem_off, s->Int);
	assert_int_equal(c->r.dir, 2);
	assert_int_equal(c->r.elem_off, s->Int);
	assert_int_equal(f->r.in_count, 2);
	assert_int_equal(f->r.out_count, 1);
	assert_int_equal(f->r.variadic, 1);
	assert_int_equal(type_at(r, s->fnM)->r.variadic, 0);
	assert_int_equal(m->r.key_off, s->String);
	assert_int_equal(m->r.elem_off, s->Int);
	assert_int_equal(p->r.elem_off, s->T);
	assert_int_equal(type_at(r, s->T)->r.ptrtothis_off, s->pT);
	/* DescriptorSize: the map's layout, the uncommon type, one method */
	assert_int_equal(m->r.bytes, trt_kind_size(b, TK_MAP) + 16 + 16);
	assert_int_equal(type_at(r, s->T)->r.bytes, trt_kind_size(b, TK_STRUCT) + 16 + 3 * 3 * b->w + 2 * 16);
	/* parameters: in 0 int, in 1 []string; out 0 bool */
	{
		uint32_t want[3][3] = { { 0, 0, s->Int }, { 0, 1, s->sstr }, { 1, 0, s->Bool } };
		size_t k = 0;

		for (size_t i = 0; i < r->params.n; i++) {
			const struct gtd_rparam_rec *pr = &r->params.v[i];

			if (pr->type_off != s->fn)
				continue;
			assert_true(k < 3);
			assert_int_equal(pr->out, want[k][0]);
			assert_int_equal(pr->idx, want[k][1]);
			assert_int_equal(pr->typ_off, want[k][2]);
			k++;
		}
		assert_int_equal(k, 3);
	}
}

/* T's fields: names, tags, offsets, the embedded one; its methods. */
static void check_sample_members(const struct trt *b, const struct trt_sample *s, const struct rec *r)
{
	const struct rtype *T = type_at(r, s->T);
	size_t nf = 0, nm = 0;

	for (size_t i = 0; i < r->fields.n; i++) {
		const struct gtd_rfield_rec *f = &r->fields.v[i];
		static const char *names[] = { "A", "b", "E" };

		if (f->type_off != s->T)
			continue;
		assert_int_equal(f->idx, nf);
		assert_string_equal(name_at(r, f->name_off)->name, names[nf]);
		assert_int_equal(f->offset, nf == 0 ? 0 : nf == 1 ? b->w : 3 * b->w);
		assert_int_equal(f->embedded, nf == 2);
		nf++;
	}
	assert_int_equal(nf, 3);
	assert_string_equal(name_at(r, s->n_b)->tag, s->tag);
	assert_null(name_at(r, s->n_A)->tag);
	assert_int_equal(name_at(r, s->n_E)->r.flags, TN_EXPORTED | (b->minor >= 19 ? TN_EMBEDDED : 0));
	assert_int_equal(T->r.mcount, 2);
	assert_int_equal(T->r.xcount, 1);
	assert_int_equal(T->r.uncommon_pkgpath_off, s->n_main);
	assert_string_equal(name_at(r, s->n_main)->name, "main");
	for (size_t i = 0; i < r->methods.n; i++) {
		const struct gtd_rmethod_rec *m = &r->methods.v[i];

		if (m->type_off != s->T)
			continue;
		assert_int_equal(m->idx, nm);
		assert_int_equal(m->name_off, nm ? s->n_m2 : s->n_M);
		assert_int_equal(m->mtyp_off, nm ? -1 : (int32_t)s->fnM);
		assert_int_equal(m->ifn, nm ? -1 : 0x10);
		assert_int_equal(m->tfn, nm ? -1 : 0x20);
		nm++;
	}
	assert_int_equal(nm, 2);
}

static void check_sample_tables(const struct trt *b, const struct trt_sample *s, const struct rec *r)
{
	const uint32_t linked[] = { s->pT, s->slice, s->array, s->chan, s->fnM, s->fn, s->sstr, s->map, s->sM };

	assert_int_equal(r->imethods.n, 1);
	assert_int_equal(r->imethods.v[0].type_off, s->I);
	assert_int_equal(r->imethods.v[0].name_off, s->n_M);
	assert_int_equal(r->imethods.v[0].typ_off, s->fnM);
	assert_int_equal(r->itabs.n, 1);
	assert_int_equal(r->itabs.v[0].addr, s->itab);
	assert_int_equal(r->itabs.v[0].off, s->itab - TRT_TYPES);
	assert_int_equal(r->itabs.v[0].inter_off, s->I);
	assert_int_equal(r->itabs.v[0].type_off, s->T);
	assert_int_equal(r->itabs.v[0].hash, 0x1234);
	assert_int_equal(r->itabs.v[0].nfun, 1);
	assert_int_equal(r->itabs.v[0].fun0, TRT_TEXT + 0x10);
	assert_int_equal(r->typelinks.n, 9);
	for (size_t i = 0; i < 9; i++)
		assert_int_equal(r->typelinks.v[i].type_off, linked[i]);
	assert_int_equal(r->nbinary, 1);
	assert_int_equal(r->nmodule, 1);
	assert_string_equal(r->layout, layout_name(b->minor));
	assert_string_equal(r->mod.found, "symbol");
	assert_string_equal(r->mod.kind, "exe");
	assert_int_equal(r->mod.types, TRT_TYPES);
	assert_int_equal(r->mod.etypes, TRT_TYPES + b->types.n);
	assert_int_equal(r->mod.ntypelinks, 9);
	assert_int_equal(r->mod.nitabs, 1);
	if (b->minor >= 27) {
		assert_int_equal(r->mod.typedesclen, b->typedesclen);
		assert_int_equal(r->mod.itaboffset, s->itab - TRT_TYPES);
		assert_int_equal(r->mod.itabsize, b->types.n - (s->itab - TRT_TYPES));
	} else {
		assert_true(r->mod.typedesclen == GTD_RT_NONE);
	}
	assert_string_equal(r->version, b->version);
	assert_int_equal(r->bin.ptr_size, b->w);
	assert_int_equal(r->bin.big_endian, b->be);
}

/* Every release 1.16-1.27 (1.24 with and without swiss maps), 64- and
 * 32-bit, little- and big-endian. */
static void test_sample_every_layout(void **state)
{
	static const unsigned sizes[][2] = { { 8, 0 }, { 4, 0 }, { 8, 1 }, { 4, 1 } };

	(void)state;
	for (unsigned minor = 16; minor <= 27; minor++)
		for (unsigned swiss = 0; swiss < (minor == 24 ? 2u : 1u); swiss++)
			for (size_t k = 0; k < 4; k++) {
				struct trt b;
				struct trt_sample s;
				struct rec r;

				trt_init(&b, minor, sizes[k][0], (int)sizes[k][1]);
				if (minor == 24)
					b.swiss = (int)swiss;
				if (minor == 24 && !swiss)
					b.modinfo = "path\tmain\nbuild\tGOEXPERIMENT=noswissmap\n";
				trt_write_sample(&b, &s);
				decode_ok(&b, &r);
				check_sample_types(&b, &s, &r);
				check_sample_kinds(&b, &s, &r);
				check_sample_members(&b, &s, &r);
				check_sample_tables(&b, &s, &r);
				rec_free(&r);
				trt_free(&b);
			}
}

/* Names of each encoding: 2-byte lengths (1.16) and uvarints (1.17+), a
 * tag, a package path of its own (an unexported field of another
 * package), and an embedded field marked in its name (1.19+) or in
 * offsetEmbed (before): struct{ other/pkg.x int; Y int `k:"v"`; int }. */
static void test_names(void **state)
{
	static const unsigned minors[] = { 16, 17, 18, 19, 27 };

	(void)state;
	for (size_t k = 0; k < sizeof minors / sizeof minors[0]; k++) {
		struct trt b;
		struct rec r;
		struct trt_field f[3];
		int32_t other, x, y, e;
		uint32_t S, Int;

		trt_init(&b, minors[k], 8, k % 2);
		S = trt_reserve(&b, &(struct trt_desc){ .kind = TK_STRUCT, .nfields = 3 });
		trt_typelink(&b, S);
		trt_typelinks_end(&b);
		other = trt_name(&b, 0, "other/pkg", NULL, 0);
		x = trt_name(&b, TN_PKGPATH, "x", NULL, other);
		y = trt_name(&b, TN_EXPORTED | TN_TAG, "Y", "k:\"v\"", 0);
		e = trt_name(&b, b.minor >= 19 ? TN_EMBEDDED : 0, "int", NULL, 0);
		Int = trt_type(&b, &(struct trt_desc){ .kind = TK_INT, .size = 8, .tflag = TF_NAMED,
						       .str = trt_name(&b, 0, "int", NULL, 0) });
		f[0] = (struct trt_field){ x, Int, 0, 0 };
		f[1] = (struct trt_field){ y, Int, 8, 0 };
		f[2] = (struct trt_field){ e, Int, 16, 1 };
		trt_fill(&b, S, &(struct trt_desc){ .kind = TK_STRUCT, .size = 24,
						    .str = trt_name(&b, 0, "struct { x int; Y int \"k:\\\"v\\\"\"; int }",
								    NULL, 0),
						    .pkgpath = trt_name(&b, 0, "main", NULL, 0), .fields = f,
						    .nfields = 3 });
		decode_ok(&b, &r);
		assert_string_equal(canonical(&r, S), "struct{other/pkg.x int;Y int \"k:\\\"v\\\"\";int}");
		assert_int_equal(name_at(&r, x)->r.flags, TN_PKGPATH);
		assert_int_equal(name_at(&r, x)->r.pkgpath_off, other);
		assert_true(name_at(&r, y)->r.pkgpath_off == GTD_RT_NONE);
		assert_string_equal(name_at(&r, y)->tag, "k:\"v\"");
		assert_string_equal(name_at(&r, e)->name, "int");
		for (size_t i = 0; i < 3; i++) {
			assert_int_equal(r.fields.v[i].offset, 8 * i);
			assert_int_equal(r.fields.v[i].embedded, i == 2);
		}
		rec_free(&r);
		trt_free(&b);
	}
}

/* ---- rejections -------------------------------------------------------- */

static void test_release_outside(void **state)
{
	struct trt b;

	(void)state;
	trt_init(&b, 16, 8, 0);
	strcpy(b.version, "go1.15.15");
	decode_fails(&b, GTD_EUNSUPPORTED, "Go release go1.15.15: gotypedb reads the type tables of Go "
		     "1.16 to 1.27");
	trt_free(&b);
	trt_init(&b, 27, 8, 0);
	strcpy(b.version, "devel go1.28-0123abcd");
	decode_fails(&b, GTD_EUNSUPPORTED, "Go release devel go1.28-0123abcd: gotypedb reads the type "
		     "tables of Go 1.16 to 1.27");
	trt_free(&b);
}

/* A sample binary (every type's offset in s). */
static void sample(struct trt *b, struct trt_sample *s, unsigned minor, unsigned w, int be)
{
	trt_init(b, minor, w, be);
	trt_write_sample(b, s);
}

static void test_no_moduledata(void **state)
{
	struct trt b;
	struct trt_sample s;
	struct tbuf file;
	struct gtd_error err;
	struct rec r;
	int not_go;

	(void)state;
	/* no symbol, no .go.module, no word pointing at the pclntab */
	sample(&b, &s, 21, 8, 0);
	b.symbol = 0;
	b.no_moduledata = 1;
	decode_fails(&b, GTD_EDATA, "no moduledata: no word in the file's data points at the pclntab "
		     "at 0x600000 and holds together as moduledata");
	/* ... and no pclntab either */
	b.no_pclntab = 1;
	decode_fails(&b, GTD_EDATA, "no moduledata: no runtime.firstmoduledata, no .go.module section "
		     "and no pclntab");
	/* without a Go release too: no Go binary at all */
	b.version[0] = '\0';
	trt_binary(&b, &file);
	assert_int_equal(decode(&file, &r, &err, &not_go), GTD_OK);
	assert_int_equal(not_go, 1);
	assert_int_equal(r.nbinary + r.nmodule, 0);
	tb_free(&file);
	rec_free(&r);
	trt_free(&b);
}

/* A sample binary of go1.minor with moduledata's field set to v: fails so. */
static void md_fails(unsigned minor, const char *field, uint64_t v, const char *version, const char *msg)
{
	struct trt b;
	struct trt_sample s;

	sample(&b, &s, minor, 8, 0);
	trt_md_set(&b, field, v);
	if (version)
		strcpy(b.version, version);
	decode_fails(&b, GTD_EDATA, msg);
	trt_free(&b);
}

static void test_moduledata_inconsistent(void **state)
{
	const char *region = "moduledata at 0x710000: not as go1.21 writes it: types and etypes are no "
			     "region of the file";
	const char *order = "moduledata at 0x710000: not as go1.21 writes it: text, minpc, maxpc, etext "
			    "out of order";
	const char *slice = "moduledata at 0x710000: not as go1.21 writes it: a table's length is not "
			    "its capacity";
	const char *past = "moduledata at 0x710000: not as go1.27 writes it: typedesclen or the itabs "
			   "run past etypes";

	(void)state;
	md_fails(21, "etypes", TRT_TYPES, NULL, region);
	md_fails(21, "etypes", TRT_TYPES - 8, NULL, region);
	md_fails(21, "types", 0x900000, NULL, region);
	md_fails(21, "minpc", TRT_TEXT - 1, NULL, order);
	md_fails(21, "maxpc", TRT_ETEXT + 1, NULL, order);
	md_fails(21, "hasmain", 2, NULL, "moduledata at 0x710000: not as go1.21 writes it: hasmain is "
		 "neither 0 nor 1");
	md_fails(21, "typelinks.cap", 100, NULL, slice);
	md_fails(21, "itablinks.len", 0, NULL, slice);
	md_fails(21, "pcHeader", TRT_TYPES, NULL, "moduledata at 0x710000: not as go1.21 writes it: the "
		 "pclntab's magic is another release's");
	md_fails(21, "pcHeader", 0x12345678, NULL, "moduledata at 0x710000: not as go1.21 writes it: its "
		 "pcHeader is not in the file");
	/* a go1.16 moduledata in a binary that says go1.18 */
	md_fails(16, "types", TRT_TYPES, "go1.18.1", "moduledata at 0x710000: not as go1.18 writes it: the "
		 "pclntab's magic is another release's");
	md_fails(27, "typedesclen", 0x100000, NULL, past);
	md_fails(27, "itabsize", 0x100000, NULL, past);
	md_fails(27, "itaboffset", 0xffffffffffffff00, NULL, past);
	/* without a release: no layout fits */
	md_fails(21, "etypes", TRT_TYPES, "", "moduledata at 0x710000: no layout of Go 1.16-1.27 fits it");
}

/* Where a descriptor's fields lie (the format's, as testrt.c writes them). */
static uint32_t str_at(const struct trt *b, uint32_t t) { return t + 4 * b->w + 8; }
static uint32_t ptrtothis_at(const struct trt *b, uint32_t t) { return t + 4 * b->w + 12; }
static uint32_t kind_at(const struct trt *b, uint32_t t) { return t + trt_header_size(b); }
static uint32_t uncommon_at(const struct trt *b, uint32_t t, uint8_t kind)
{
	return t + trt_kind_size(b, kind);
}

/* A sample binary being damaged: its types' offsets, and their addresses
 * for the messages. */
struct damaged {
	struct trt b;
	struct trt_sample s;
};

static void damage(struct damaged *d, unsigned minor, unsigned w, int be)
{
	sample(&d->b, &d->s, minor, w, be);
}

static unsigned A(uint64_t off)
{
	return (unsigned)(TRT_TYPES + off);
}

/* The end of the types region, as the messages give it. */
static unsigned etypes(const struct damaged *d)
{
	return A(d->b.types.n);
}

/* The damaged binary must fail with code and the message fmt says. */
__attribute__((format(printf, 3, 4)))
static void fails(struct damaged *d, int code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	decode_fails(&d->b, code, msg);
	trt_free(&d->b);
}

/* T's method i, field i; I's interface method 0 (after their uncommon
 * types: the fields' or imethods' array, then the methods). */
static uint32_t T_method(const struct damaged *d, unsigned i)
{
	return uncommon_at(&d->b, d->s.T, TK_STRUCT) + 16 + 3 * 3 * d->b.w + 16 * i;
}
static uint32_t T_field(const struct damaged *d, unsigned i)
{
	return uncommon_at(&d->b, d->s.T, TK_STRUCT) + 16 + 3 * d->b.w * i;
}
static uint32_t I_imethod(const struct damaged *d)
{
	return uncommon_at(&d->b, d->s.I, TK_INTERFACE) + 16;
}

/* NameOffs and TypeOffs, and pointers, outside what they may name. */
static void test_offsets_outside(void **state)
{
	const char *outside = "outside the module's types";
	struct damaged d;

	(void)state;
	damage(&d, 21, 8, 0);
	trt_put(&d.b, str_at(&d.b, d.s.slice), 4, 0x7ffffff0);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: name at 0x%x: not in the file's bytes", A(d.s.slice),
	      A(0x7ffffff0));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, str_at(&d.b, d.s.slice), 4, (uint32_t)-0x100000);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: name at 0x%x: not in the file's bytes", A(d.s.slice),
	      TRT_TYPES - 0x100000);
	/* 1.27: names lie before types, in another section */
	damage(&d, 27, 8, 0);
	trt_put(&d.b, str_at(&d.b, d.s.slice), 4, (uint32_t)-0x100);
	fails(&d, GTD_EDATA, "typelinked descriptor 1: type at 0x%x: name at 0x%x: not in the file's bytes",
	      A(d.s.slice), TRT_TYPES - 0x100);
	damage(&d, 21, 8, 0);
	trt_put(&d.b, ptrtothis_at(&d.b, d.s.T), 4, 0x7ffffff0);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: PtrToThis: type at 0x%x: %s 0x%x-0x%x", A(d.s.T),
	      A(0x7ffffff0), outside, TRT_TYPES, etypes(&d));
	damage(&d, 21, 4, 1);
	trt_put(&d.b, ptrtothis_at(&d.b, d.s.T), 4, (uint32_t)-8);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: PtrToThis: TypeOff -8: before the module's types",
	      A(d.s.T));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, T_method(&d, 0) + 4, 4, (uint32_t)-8);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: method 0: TypeOff -8: before the module's types",
	      A(d.s.T));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, T_method(&d, 1), 4, 0x40000000);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: method 1: name at 0x%x: not in the file's bytes",
	      A(d.s.T), A(0x40000000));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, I_imethod(&d) + 4, 4, 0x100000);
	fails(&d, GTD_EDATA, "itab 0: type at 0x%x: interface method 0: type at 0x%x: %s 0x%x-0x%x", A(d.s.I),
	      A(0x100000), outside, TRT_TYPES, etypes(&d));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, I_imethod(&d), 4, 0x7fffffff);
	fails(&d, GTD_EDATA, "itab 0: type at 0x%x: interface method 0: name at 0x%x: not in the file's "
	      "bytes", A(d.s.I), A(0x7fffffff));
	/* (a name that lands in the pclntab reads as one whose length runs past it) */
	damage(&d, 21, 8, 0);
	trt_put(&d.b, uncommon_at(&d.b, d.s.T, TK_STRUCT), 4, 0x100000);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: uncommon type's package path: name at 0x%x: its "
	      "lengths run past section .gopclntab", A(d.s.T), TRT_PCLNTAB);
	damage(&d, 21, 8, 0);
	trt_put(&d.b, kind_at(&d.b, d.s.slice), 8, TRT_TYPES - 8);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: type pointer 0x%x: %s 0x%x-0x%x", A(d.s.slice),
	      TRT_TYPES - 8, outside, TRT_TYPES, etypes(&d));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, kind_at(&d.b, d.s.slice), 8, 0);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: type pointer 0x0: %s 0x%x-0x%x", A(d.s.slice),
	      outside, TRT_TYPES, etypes(&d));
	damage(&d, 21, 4, 0);
	trt_put(&d.b, T_field(&d, 1) + 4, 4, 0x12345678);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: field 1: type at 0x12345678: %s 0x%x-0x%x", A(d.s.T),
	      outside, TRT_TYPES, etypes(&d));
	damage(&d, 21, 8, 1);
	trt_put(&d.b, T_field(&d, 0), 8, TRT_ETEXT);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: field 0: name at 0x%x: not in the file's bytes",
	      A(d.s.T), TRT_ETEXT);
	/* an itab's Type past etypes (1.16's layout) */
	damage(&d, 16, 8, 0);
	telf_put(&d.b.types, d.s.itab - TRT_TYPES + 8, 8, A(d.b.types.n), 0);
	fails(&d, GTD_EDATA, "itab 0: type at 0x%x: %s 0x%x-0x%x", etypes(&d), outside, TRT_TYPES, etypes(&d));
}

/* Counts whose arrays would run past their section, and an impossible
 * exported-method count. */
static void test_counts_past_section(void **state)
{
	const char *past = "run past its section";
	struct damaged d;

	(void)state;
	damage(&d, 21, 8, 0);
	trt_put(&d.b, kind_at(&d.b, d.s.T) + 2 * 8, 8, (uint64_t)1 << 40);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: fields at 0x%x: 1099511627776 entries of 24 bytes %s",
	      A(d.s.T), A(T_field(&d, 0)), past);
	damage(&d, 21, 4, 0);
	trt_put(&d.b, kind_at(&d.b, d.s.I) + 2 * 4, 4, 0xffffffff);
	fails(&d, GTD_EDATA, "itab 0: type at 0x%x: interface methods at 0x%x: 4294967295 entries of 8 "
	      "bytes %s", A(d.s.I), A(I_imethod(&d)), past);
	damage(&d, 21, 8, 0);
	trt_put(&d.b, kind_at(&d.b, d.s.fn), 2, 0xffff);
	fails(&d, GTD_EDATA, "typelink 5: type at 0x%x: parameters at 0x%x: 65536 entries of 8 bytes %s",
	      A(d.s.fn), A(d.s.fn + trt_kind_size(&d.b, TK_FUNC)), past);
	damage(&d, 21, 8, 0);
	trt_put(&d.b, uncommon_at(&d.b, d.s.T, TK_STRUCT) + 4, 2, 0xffff);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: methods at 0x%x: 65535 entries of 16 bytes %s",
	      A(d.s.T), A(T_method(&d, 0)), past);
	damage(&d, 21, 8, 0);
	trt_put(&d.b, uncommon_at(&d.b, d.s.T, TK_STRUCT) + 6, 2, 3);
	fails(&d, GTD_EDATA, "typelink 0: type at 0x%x: uncommon type: 3 exported methods of 2", A(d.s.T));
	damage(&d, 21, 8, 0);
	trt_md_set(&d.b, "typelinks.len", (uint64_t)1 << 40);
	trt_md_set(&d.b, "typelinks.cap", (uint64_t)1 << 40);
	fails(&d, GTD_EDATA, "typelinks at 0x%x: 1099511627776 entries of 4 bytes %s", TRT_TYPELINK, past);
	damage(&d, 21, 4, 0);
	trt_md_set(&d.b, "itablinks.len", 0x40000000);
	trt_md_set(&d.b, "itablinks.cap", 0x40000000);
	fails(&d, GTD_EDATA, "itablinks at 0x%x: 1073741824 entries of 4 bytes %s", TRT_ITABLINK, past);
	/* 1.27: itabsize leaves less than an itab at its end */
	damage(&d, 27, 8, 0);
	trt_md_set(&d.b, "itabsize", 24);
	fails(&d, GTD_EDATA, "itab at 0x%x: 24 bytes left of the itabs, fewer than one", (unsigned)d.s.itab);
}

/* The linker aligns every descriptor to a pointer. */
static void test_unaligned(void **state)
{
	struct damaged d;

	(void)state;
	damage(&d, 21, 8, 0);
	telf_put(&d.b.typelinks, 4, 4, d.s.slice + 4, 0);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: not aligned to 8 bytes", A(d.s.slice + 4));
	damage(&d, 21, 4, 1);
	telf_put(&d.b.typelinks, 4, 4, d.s.slice + 2, 1);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: not aligned to 4 bytes", A(d.s.slice + 2));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, kind_at(&d.b, d.s.slice), 8, A(d.s.Int + 1));
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: type at 0x%x: not aligned to 8 bytes", A(d.s.slice),
	      A(d.s.Int + 1));
}

/* Kinds and values no linker writes. */
static void test_bad_values(void **state)
{
	struct damaged d;

	(void)state;
	damage(&d, 21, 8, 0);
	trt_put(&d.b, d.s.slice + 2 * 8 + 7, 1, 0x20); /* kind 0 with KindDirectIface */
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: kind 0, not 1-26", A(d.s.slice));
	damage(&d, 26, 4, 1);
	trt_put(&d.b, d.s.slice + 2 * 4 + 7, 1, 27);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: kind 27, not 1-26", A(d.s.slice));
	damage(&d, 21, 8, 0);
	trt_put(&d.b, kind_at(&d.b, d.s.chan) + 8, 8, 0);
	fails(&d, GTD_EDATA, "typelink 3: type at 0x%x: channel direction 0, not 1-3", A(d.s.chan));
	damage(&d, 21, 8, 0);
	telf_put(&d.b.types, d.s.itab - TRT_TYPES, 8, A(d.s.T), 0);
	fails(&d, GTD_EDATA, "itab 0: Inter 0x%x: a descriptor of another kind, not an interface", A(d.s.T));
	/* an interface method whose type is an int */
	damage(&d, 21, 8, 0);
	trt_put(&d.b, I_imethod(&d) + 4, 4, d.s.Int);
	fails(&d, GTD_EDATA, "interface at 0x%x: method 0's type is no func", A(d.s.I));
	/* a name whose length runs past the end of its section */
	damage(&d, 21, 8, 0);
	trt_put(&d.b, str_at(&d.b, d.s.slice), 4, (uint32_t)d.b.types.n);
	tb_u8(&d.b.types, 0);
	tb_u8(&d.b.types, 0x90);
	tb_u8(&d.b.types, 0x03);
	fails(&d, GTD_EDATA, "typelink 1: type at 0x%x: name at 0x%x: its lengths run past section .rodata",
	      A(d.s.slice), etypes(&d) - 3);
}

/* A go1.21 64-bit binary whose one typelink is what build writes. */
static void one_typelink(struct trt *b, uint32_t (*build)(struct trt *))
{
	trt_init(b, 21, 8, 0);
	trt_typelink(b, build(b));
	trt_typelinks_end(b);
}

static void test_unnamed_cycles(void **state)
{
	struct trt b;

	(void)state;
	one_typelink(&b, trt_struct_in_itself);
	decode_fails(&b, GTD_EDATA, "type at 0x500008: contains itself through unnamed types, a cycle no "
		     "named type closes");
	trt_free(&b);
	one_typelink(&b, trt_pointer_to_itself);
	decode_fails(&b, GTD_EDATA, "type at 0x500008: contains itself through unnamed types, a cycle no "
		     "named type closes");
	trt_free(&b);
}

/* ... but a map's bucket struct of go1.16 closes its own cycle: decoded,
 * named in the universe by its string (esbuild 0.11 holds hundreds). */
static void test_map_bucket_cycle(void **state)
{
	struct trt b;
	struct rec r;

	(void)state;
	trt_init(&b, 16, 8, 0);
	trt_typelink(&b, trt_map_bucket(&b));
	trt_typelinks_end(&b);
	decode_ok(&b, &r);
	assert_int_equal(r.t.n, 2);
	assert_string_equal(r.shapes.v[r.t.v[0].r.shape], "map.bucket[string]int");
	rec_free(&r);
	trt_free(&b);
}

/* Types nest at most GTD_MAX_TYPE_DEPTH levels (int and 9999 pointers);
 * one more is past gotypedb's limit, not corrupt. */
static void test_deep(void **state)
{
	struct trt b;
	struct rec r;
	char msg[128];
	uint32_t top;

	(void)state;
	trt_init(&b, 21, 8, 0);
	trt_typelink(&b, trt_deep_pointers(&b, GTD_MAX_TYPE_DEPTH - 1));
	decode_ok(&b, &r);
	assert_int_equal(r.t.n, GTD_MAX_TYPE_DEPTH);
	rec_free(&r);
	trt_free(&b);
	trt_init(&b, 21, 8, 0);
	/* the message names the descriptor by its address and its string */
	trt_typelink(&b, top = trt_deep_pointers(&b, GTD_MAX_TYPE_DEPTH));
	snprintf(msg, sizeof msg, "type at 0x%x (*p): unsupported: type nesting deeper than 10000", TRT_TYPES + top);
	decode_fails(&b, GTD_ELIMIT, msg);
	trt_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_every_layout),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_release_outside),
		cmocka_unit_test(test_no_moduledata),
		cmocka_unit_test(test_moduledata_inconsistent),
		cmocka_unit_test(test_offsets_outside),
		cmocka_unit_test(test_counts_past_section),
		cmocka_unit_test(test_unaligned),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_unnamed_cycles),
		cmocka_unit_test(test_map_bucket_cycle),
		cmocka_unit_test(test_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
