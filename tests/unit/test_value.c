/* Constant values (src/uir/value_string.c) on hand-written units: big
 * integers, fractions and floats at the limits of what cmd/compile writes
 * are printed as go/constant's ExactString does, and one bit or one digit
 * past them is refused as corrupt, however big (a 1 MB magnitude costs
 * nothing but a length check). */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/uirsem.h"
#include "testlib.h"

enum { VAL_BIGINT = 3, VAL_BIGRAT = 4, VAL_BIGFLOAT = 5 };

struct built {
	struct tbuf blob;
	struct gtd_error err;
	struct gtd_cursor c;
	struct gtd_pkgbits pb;
	struct gtd_uir_model m;
	struct gtd_uir_semantic s;
};

/* A String element of raw bytes (tu_string takes C strings). */
static unsigned string_bytes(struct tunit *u, const void *p, size_t n)
{
	unsigned i = u->nelems[0]++;

	assert_true(i < T_MAX_ELEMS);
	tb_bytes(&u->strings[i], p, n);
	return i;
}

/* package p with const C whose value is written by put_value. */
static void unit_with_value(struct tunit *u, void (*put_value)(struct tunit *, struct telem *))
{
	struct telem *e;
	int sync;

	tu_package_p(u, 2, 0);
	e = &u->elems[GTD_SEC_OBJ][0];
	sync = e->sync;
	tb_free(&e->data);
	memset(e, 0, sizeof *e);
	e->sync = sync;
	te_sync(e, GTD_SYNC_POS);
	te_bool(e, 1);
	te_reloc(e, GTD_SEC_POSBASE, 0);
	te_uint64(e, 3);
	te_uint64(e, 7);
	te_sync(e, GTD_SYNC_TYPE);
	te_bool(e, 0);
	te_reloc(e, GTD_SEC_TYPE, 0);
	te_sync(e, GTD_SYNC_VALUE);
	put_value(u, e);
}

/* The value's ExactString, or NULL with b->err set. */
static char *value_of(void (*put_value)(struct tunit *, struct telem *), struct built *b)
{
	struct gtd_strbuf sb = { 0 };
	struct tunit u;

	memset(b, 0, sizeof *b);
	unit_with_value(&u, put_value);
	tu_blob(&u, &b->blob);
	tu_free(&u);
	gtd_cursor_init(&b->c, b->blob.p, b->blob.n, 0, &b->err);
	assert_int_equal(gtd_pkgbits_open(&b->c, &b->pb), GTD_OK);
	assert_int_equal(gtd_uir_model_decode(&b->pb, &b->m), GTD_OK);
	assert_int_equal(gtd_uir_semantic_build(&b->m, &b->s), GTD_OK);
	assert_int_equal(b->s.nobjs, 1);
	if (gtd_uir_value_string(&b->m, b->s.objs[0].value, &sb, &b->err)) {
		gtd_strbuf_free(&sb);
		return NULL;
	}
	return sb.p;
}

static void done(struct built *b)
{
	gtd_uir_semantic_free(&b->s);
	gtd_uir_model_free(&b->m);
	tb_free(&b->blob);
}

static void want_value(void (*put_value)(struct tunit *, struct telem *), const char *want)
{
	struct built b;
	char *got = value_of(put_value, &b);

	if (!got)
		fail_msg("want %s, got the error \"%s\"", want, b.err.msg);
	assert_string_equal(got, want);
	free(got);
	done(&b);
}

static void want_error(void (*put_value)(struct tunit *, struct telem *), const char *want)
{
	struct built b;
	char *got = value_of(put_value, &b);

	if (got)
		fail_msg("want the error \"%s\", got the value %.60s", want, got);
	assert_int_equal(b.err.code, GTD_EDATA);
	if (!strstr(b.err.msg, want))
		fail_msg("\"%s\" does not say \"%s\"", b.err.msg, want);
	done(&b);
}

/* ---- big integers --------------------------------------------------------- */

/* A magnitude: first byte, then n - 1 bytes of fill. */
static unsigned magnitude(struct tunit *u, uint8_t first, size_t n, uint8_t fill)
{
	uint8_t *p = malloc(n);
	unsigned idx;

	assert_non_null(p);
	memset(p, fill, n);
	p[0] = first;
	idx = string_bytes(u, p, n);
	free(p);
	return idx;
}

static void bigint(struct telem *e, unsigned mag, int neg)
{
	te_bool(e, 0);
	te_code(e, GTD_SYNC_VAL, VAL_BIGINT);
	te_string(e, mag);
	te_bool(e, neg);
}

static void int_512_bits(struct tunit *u, struct telem *e) { bigint(e, magnitude(u, 0xff, 64, 0xff), 0); }
static void int_512_bits_neg(struct tunit *u, struct telem *e) { bigint(e, magnitude(u, 0xff, 64, 0xff), 1); }
static void int_513_bits(struct tunit *u, struct telem *e) { bigint(e, magnitude(u, 0x01, 65, 0x00), 0); }
static void int_1mb(struct tunit *u, struct telem *e) { bigint(e, magnitude(u, 0xff, 1 << 20, 0xff), 0); }
static void int_leading_zero(struct tunit *u, struct telem *e) { bigint(e, magnitude(u, 0x00, 2, 0x01), 0); }

static void test_bigint_limit(void **state)
{
	(void)state;
	want_value(int_512_bits, "1340780792994259709957402499820584612747936582059239337772356144372176"
				   "4030073546976801874298166903427690031858186486050853753882811946569946"
				   "433649006084095");
	want_value(int_512_bits_neg, "-134078079299425970995740249982058461274793658205923933777235614437217"
				       "64030073546976801874298166903427690031858186486050853753882811946569"
				       "946433649006084095");
	want_error(int_513_bits, "integer constant of 513 bits: cmd/compile writes at most 512");
	want_error(int_1mb, "integer constant of 8388608 bits: cmd/compile writes at most 512");
	want_error(int_leading_zero, "a 2-byte magnitude with a leading zero byte");
}

/* ---- fractions ------------------------------------------------------------ */

static void bigrat(struct telem *e, unsigned num, int num_neg, unsigned den, int den_neg)
{
	te_bool(e, 0);
	te_code(e, GTD_SYNC_VAL, VAL_BIGRAT);
	te_string(e, num);
	te_bool(e, num_neg);
	te_string(e, den);
	te_bool(e, den_neg);
}

/* 2^4095 - 1: 4095 bits, the most go/constant keeps as a fraction. */
static unsigned max_rat_part(struct tunit *u) { return magnitude(u, 0x7f, 512, 0xff); }

static void rat_4095_bits(struct tunit *u, struct telem *e)
{
	bigrat(e, max_rat_part(u), 1, string_bytes(u, "\x03", 1), 0);
}
static void rat_4095_bits_den(struct tunit *u, struct telem *e)
{
	bigrat(e, string_bytes(u, "\x03", 1), 0, max_rat_part(u), 0);
}
static void rat_4096_bits_num(struct tunit *u, struct telem *e)
{
	bigrat(e, magnitude(u, 0xff, 512, 0xff), 0, string_bytes(u, "\x03", 1), 0);
}
static void rat_4096_bits_den(struct tunit *u, struct telem *e)
{
	bigrat(e, string_bytes(u, "\x03", 1), 0, magnitude(u, 0xff, 512, 0xff), 0);
}
static void rat_unreduced(struct tunit *u, struct telem *e) /* 6/-4: big.Rat.SetFrac makes -3/2 */
{
	bigrat(e, string_bytes(u, "\x06", 1), 0, string_bytes(u, "\x04", 1), 1);
}
static void rat_whole(struct tunit *u, struct telem *e) /* 12/4 = 3 */
{
	bigrat(e, string_bytes(u, "\x0c", 1), 0, string_bytes(u, "\x04", 1), 0);
}
static void rat_zero_den(struct tunit *u, struct telem *e)
{
	bigrat(e, string_bytes(u, "\x01", 1), 0, string_bytes(u, "", 0), 0);
}

static void test_bigrat_limit(void **state)
{
	struct built b;
	char *got;

	(void)state;
	got = value_of(rat_4095_bits, &b);
	assert_non_null(got);
	assert_int_equal(strlen(got), 1 + 1233 + 2);
	assert_memory_equal(got, "-52219444070657625334", 21);
	assert_string_equal(got + strlen(got) - 22, "02354170201577095167/3");
	free(got);
	done(&b);
	got = value_of(rat_4095_bits_den, &b);
	assert_non_null(got);
	assert_int_equal(strlen(got), 2 + 1233);
	free(got);
	done(&b);
	want_error(rat_4096_bits_num, "fraction numerator of 4096 bits: cmd/compile writes at most 4095");
	want_error(rat_4096_bits_den, "fraction denominator of 4096 bits: cmd/compile writes at most 4095");
	want_value(rat_unreduced, "-3/2");
	want_value(rat_whole, "3");
	want_error(rat_zero_den, "a fraction with denominator 0");
}

/* ---- floats --------------------------------------------------------------- */

static const char *float_text;

static void bigfloat(struct tunit *u, struct telem *e)
{
	te_bool(e, 0);
	te_code(e, GTD_SYNC_VAL, VAL_BIGFLOAT);
	te_string(e, string_bytes(u, float_text, strlen(float_text)));
}

static void want_float(const char *text, int ok)
{
	float_text = text;
	if (ok)
		want_value(bigfloat, text);
	else
		want_error(bigfloat, "is not big.Float.Text('p') of a 512-bit mantissa and an int32 exponent");
}

static void test_bigfloat_limit(void **state)
{
	char mant[200];

	(void)state;
	want_float("0", 1);
	want_float("0x.8p+2147483647", 1);  /* const M = 0x1p2147483646 */
	want_float("-0x.8p-2147483648", 1);
	want_float("0x.e054e092d5b1ee7p+332193", 1);
	want_float("0x.8p+2147483648", 0);  /* past int32 */
	want_float("0x.8p-2147483649", 0);
	want_float("0x.8p+01", 0);          /* strconv.AppendInt writes no leading zero */
	want_float("0x.1p+3", 0);           /* not normalized */
	want_float("0x.80p+3", 0);          /* a trailing zero */
	want_float("0x.8p3", 0);
	want_float("0x.8P+3", 0);
	want_float("-0", 0);
	want_float("+Inf", 0);
	memset(mant, 'f', sizeof mant);
	memcpy(mant, "0x.", 3);
	memcpy(mant + 3 + 128, "p+1", 4);
	want_float(mant, 1);                /* 128 hex digits: 512 bits */
	memset(mant + 3, 'f', 129);
	memcpy(mant + 3 + 129, "p+1", 4);
	want_float(mant, 0);
}

static void complex_big_real(struct tunit *u, struct telem *e)
{
	te_bool(e, 1);
	te_code(e, GTD_SYNC_VAL, VAL_BIGINT);
	te_string(e, magnitude(u, 0x01, 65, 0x00));
	te_bool(e, 0);
	te_code(e, GTD_SYNC_VAL, 2);
	te_int64(e, 1);
}

static void test_complex_part_named(void **state)
{
	(void)state;
	want_error(complex_big_real, "real part: integer constant of 513 bits");
}

/* Through the semantic emitter: the object names itself in the message. */
static int no_shape(void *ctx, const struct gtd_shape_rec *r) { (void)ctx; (void)r; return GTD_OK; }
static int no_object(void *ctx, const struct gtd_object_rec *r) { (void)ctx; (void)r; return GTD_OK; }
static int no_method(void *ctx, const struct gtd_method_rec *r) { (void)ctx; (void)r; return GTD_OK; }
static int no_type(void *ctx, const struct gtd_type_rec *r) { (void)ctx; (void)r; return GTD_OK; }

static void test_emitter_reports_the_object(void **state)
{
	const struct gtd_sink sink = { .shape = no_shape, .object = no_object, .method = no_method,
				       .type = no_type };
	struct built b;
	char *got;

	(void)state;
	got = value_of(int_1mb, &b);
	assert_null(got);
	gtd_error_clear(&b.err);
	assert_int_equal(gtd_uir_emit_semantic(&b.s, &sink, &b.err), GTD_EDATA);
	assert_string_equal(b.err.msg, "Obj 0: its constant value: integer constant of 8388608 bits: "
				       "cmd/compile writes at most 512");
	done(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bigint_limit),
		cmocka_unit_test(test_bigrat_limit),
		cmocka_unit_test(test_bigfloat_limit),
		cmocka_unit_test(test_complex_part_named),
		cmocka_unit_test(test_emitter_reports_the_object),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
