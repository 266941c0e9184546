/* The semantic builder on hand-written units: package p's constant as
 * go/types shows it on every version, and hostile units (type cycles,
 * out-of-range type parameters and derived slots, a non-type used as a
 * type) refused with a clear error instead of a crash or a wrong row. */
#include <string.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_package_p_every_version),
		cmocka_unit_test(test_a_type_that_contains_itself),
		cmocka_unit_test(test_type_parameter_out_of_range),
		cmocka_unit_test(test_derived_slot_out_of_range),
		cmocka_unit_test(test_a_constant_used_as_a_type),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
