/* The semantic builder on hand-written units: package p's constant as
 * go/types shows it on every version, and hostile units (type cycles,
 * out-of-range type parameters and derived slots, a non-type used as a
 * type, a struct whose fields share one long tag) refused with a clear
 * error instead of a crash, a wrong row or a cost out of proportion. */
#include <string.h>
#include <sys/resource.h>

#include "gotypedb/uirsem.h"
#include "testlib.h"

struct built {
	struct tbuf blob;
	struct gtd_error err;
	struct gtd_cursor c;
	struct gtd_pkgbits pb;
	struct gtd_uir_model m;
	struct gtd_uir_semantic s;
	int rc;
};

static void build(struct tunit *u, struct built *b)
{
	memset(b, 0, sizeof *b);
	tu_blob(u, &b->blob);
	tu_free(u);
	gtd_cursor_init(&b->c, b->blob.p, b->blob.n, 0, &b->err);
	assert_int_equal(gtd_pkgbits_open(&b->c, &b->pb), GTD_OK);
	assert_int_equal(gtd_uir_model_decode(&b->pb, &b->m), GTD_OK);
	b->rc = gtd_uir_semantic_build(&b->m, &b->s);
}

static void done(struct built *b)
{
	gtd_uir_semantic_free(&b->s);
	gtd_uir_model_free(&b->m);
	tb_free(&b->blob);
}

/* Element idx of section, emptied for rewriting. */
static struct telem *rewrite(struct tunit *u, unsigned section, unsigned idx)
{
	struct telem *e = &u->elems[section][idx];
	const struct tlayout *lay = e->lay;
	int sync = e->sync;

	tb_free(&e->data);
	memset(e, 0, sizeof *e);
	e->lay = lay;
	e->sync = sync;
	return e;
}

static void test_package_p_every_version(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= 5; v++) {
		struct gtd_strbuf sb = { 0 };
		struct tunit u;
		struct built b;

		tu_package_p(&u, v, v == 0);
		build(&u, &b);
		assert_int_equal(b.rc, GTD_OK);
		assert_int_equal(b.s.nobjs, 1);
		gtd_go_object_string(&sb, GTD_GOOBJ_CONST, b.s.objs[0].pkg, b.s.objs[0].name,
				     b.s.objs[0].type);
		assert_string_equal(sb.p, "const example.com/p.C untyped int");
		gtd_strbuf_reset(&sb);
		assert_int_equal(gtd_uir_value_string(&b.m, b.s.objs[0].value, &sb, &b.err), 0);
		assert_string_equal(sb.p, "1");
		assert_non_null(b.s.types[0]);
		gtd_strbuf_reset(&sb);
		assert_int_equal(gtd_go_canonical(&sb, b.s.types[0]), 0);
		assert_string_equal(sb.p, "untyped int");
		gtd_strbuf_free(&sb);
		done(&b);
	}
}

/* Type 0 replaced by code and one typInfo (derived?, idx). */
static void hostile_type(unsigned version, unsigned code, int derived, unsigned idx,
			 const char *want)
{
	struct tunit u;
	struct built b;
	struct telem *e;

	tu_package_p(&u, version, 0);
	e = rewrite(&u, GTD_SEC_TYPE, 0);
	te_code(e, GTD_SYNC_TYPE, code);
	if (code == 11) {          /* TypeParam: Len index */
		te_len(e, idx);
	} else if (code == 1) {    /* Named: an object use */
		te_objuse(e, idx, 0, NULL);
	} else {                   /* Pointer, Slice: a typInfo */
		te_sync(e, GTD_SYNC_TYPE);
		te_bool(e, derived);
		if (derived)
			te_len(e, idx);
		else
			te_reloc(e, GTD_SEC_TYPE, idx);
	}
	build(&u, &b);
	assert_int_not_equal(b.rc, GTD_OK);
	if (!strstr(b.err.msg, want))
		fail_msg("V%u: \"%s\" does not say \"%s\"", version, b.err.msg, want);
	assert_int_equal(b.s.nobjs, 0); /* nothing half-built survives */
	done(&b);
}

static void test_a_type_that_contains_itself(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= 5; v++)
		hostile_type(v, 2 /* Pointer */, 0, 0, "contains itself");
}

static void test_type_parameter_out_of_range(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= 5; v++)
		hostile_type(v, 11, 0, 7, "type parameter 7 is out of range");
}

static void test_derived_slot_out_of_range(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= 5; v++)
		hostile_type(v, 3 /* Slice */, 1, 4, "derived type 4: Obj 0's dictionary has 0");
}

static void test_a_constant_used_as_a_type(void **state)
{
	(void)state;
	for (unsigned v = 0; v <= 5; v++)
		hostile_type(v, 1 /* Named */, 0, 0, "is not a type name");
}

static int no_shape(void *ctx, const struct gtd_shape_rec *r) { (void)ctx; (void)r; return GTD_OK; }
static int no_object(void *ctx, const struct gtd_object_rec *r) { (void)ctx; (void)r; return GTD_OK; }
static int no_method(void *ctx, const struct gtd_method_rec *r) { (void)ctx; (void)r; return GTD_OK; }
static int no_type(void *ctx, const struct gtd_type_rec *r) { (void)ctx; (void)r; return GTD_OK; }

static long peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* var V struct{F int "<8 KiB>"; F int "<8 KiB>"; ... 100000 times}: the
 * unit holds the tag once and each field in a few bytes, the canonical
 * string would be 800 MB.  The canonical builder stops at the unit's
 * budget (gtd_uir_semantic_budget), having written about that much. */
static void test_a_tag_shared_by_many_fields(void **state)
{
	enum { NFIELDS = 100000, TAGLEN = 8192 };
	const struct gtd_sink sink = { .shape = no_shape, .object = no_object, .method = no_method,
				       .type = no_type };
	static char tag[TAGLEN + 1];
	unsigned s_tag, s_f, t_int;
	struct telem *e;
	struct tunit u;
	struct built b;
	long before;
	(void)state;

	memset(tag, 'x', TAGLEN);
	tu_package_p(&u, 2, 0);
	s_tag = tu_string(&u, tag);
	s_f = tu_string(&u, "F");
	e = rewrite(&u, GTD_SEC_NAME, 0);
	te_ident(e, GTD_SYNC_SYM, 0, tu_string(&u, "V"));
	te_code(e, GTD_SYNC_CODE_OBJ, 4); /* ObjVar */
	e = rewrite(&u, GTD_SEC_OBJ, 0);
	te_pos(e, 3, 5);
	te_typeinfo(e, TTI(0));
	e = tu_elem(&u, GTD_SEC_TYPE, &t_int);
	te_code(e, GTD_SYNC_TYPE, 0); /* TypeBasic */
	te_len(e, 2);                 /* int */
	e = rewrite(&u, GTD_SEC_TYPE, 0);
	te_code(e, GTD_SYNC_TYPE, 8); /* TypeStruct */
	te_len(e, NFIELDS);
	for (unsigned i = 0; i < NFIELDS; i++) {
		te_pos(e, 3, 14);
		te_ident(e, GTD_SYNC_SELECTOR, 0, s_f);
		te_typeinfo(e, TTI(t_int));
		te_string(e, s_tag);
		te_bool(e, 0);
	}
	build(&u, &b);
	assert_int_equal(b.rc, GTD_OK);
	before = peak_rss_kb();
	assert_int_equal(gtd_uir_emit_semantic(&b.s, &sink, &b.err), GTD_ELIMIT);
	assert_non_null(strstr(b.err.msg, "unsupported: the unit's types take more than"));
	/* the budget is 16 MiB and 32 bytes a byte of export data (about
	 * 50 MiB here); written out the type would take 800 MB */
	if (peak_rss_kb() - before > 200 * 1024)
		fail_msg("%ld KiB more at the peak", peak_rss_kb() - before);
	done(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_package_p_every_version),
		cmocka_unit_test(test_a_type_that_contains_itself),
		cmocka_unit_test(test_type_parameter_out_of_range),
		cmocka_unit_test(test_derived_slot_out_of_range),
		cmocka_unit_test(test_a_constant_used_as_a_type),
		cmocka_unit_test(test_a_tag_shared_by_many_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
