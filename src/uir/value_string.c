/* Constants as go/constant's ExactString prints what the importer makes of
 * them (pkgbits Decoder.Value, then constant.Make): integers in decimal,
 * fractions as num/den, floats in the 'p' form they are stored in, strings
 * quoted, complex values as "(re + imi)".
 *
 * Big numbers are only what cmd/compile can write (go1.26.8's types2 and
 * go/constant); anything bigger is corrupt, refused before any arithmetic,
 * so that no unit costs more than a few microseconds per constant:
 *   - an integer (big.Int) has at most 512 bits: types2's Checker.overflow
 *     rejects a bigger untyped constant ("constant overflow"), and typed
 *     ones fit 64 bits;
 *   - a fraction (big.Rat) keeps numerator and denominator under 4096 bits
 *     (go/constant's makeRat and smallInt, maxExp = 4 << 10): a bigger one
 *     becomes a big.Float;
 *   - a big.Float has a 512-bit mantissa (go/constant's prec) and an int32
 *     exponent, and is written by Float.Text('p', -1);
 *   - magnitudes are big.Int.Bytes(): no leading zero byte.
 * The decimal conversion is GMP's (mpz_get_str); with these bounds its
 * allocations are a few hundred bytes (GMP aborts when one fails). */
#include <gmp.h>
#include <stdint.h>
#include <string.h>

#include "gotypedb/uirsem.h"

#define INT_MAX_BITS 512      /* types2: untyped integer constants */
#define RAT_MAX_BITS 4095     /* go/constant: smallInt is BitLen < 4096 */
#define FLOAT_MAX_HEX_DIGITS 128 /* a 512-bit mantissa */
/* Decimal digits of a RAT_MAX_BITS-bit number: 4095 * log10(2) < 1233. */
#define MAX_DIGITS 1233

/* The magnitude's bit length, after checking it is big.Int.Bytes() output. */
static int magnitude_bits(struct gtd_bytes mag, uint64_t *bits, struct gtd_error *err)
{
	unsigned top;

	if (mag.n == 0) {
		*bits = 0;
		return GTD_OK;
	}
	if (mag.p[0] == 0)
		return gtd_fail(err, GTD_EDATA,
				"a %zu-byte magnitude with a leading zero byte (big.Int.Bytes never writes one)",
				mag.n);
	for (top = 8; !(mag.p[0] & (1u << (top - 1))); top--)
		;
	*bits = (uint64_t)(mag.n - 1) * 8 + top;
	return GTD_OK;
}

/* The magnitude into z; fails for more than max_bits. */
static int import_magnitude(mpz_t z, struct gtd_bytes mag, uint64_t max_bits, const char *what,
			    struct gtd_error *err)
{
	uint64_t bits = 0;

	if (magnitude_bits(mag, &bits, err))
		return err->code;
	if (bits > max_bits)
		return gtd_fail(err, GTD_EDATA,
				"%s of %llu bits: cmd/compile writes at most %llu", what,
				(unsigned long long)bits, (unsigned long long)max_bits);
	mpz_import(z, mag.n, 1, 1, 0, 0, mag.p);
	return GTD_OK;
}

/* z in decimal, '-' first when negative.  z has at most RAT_MAX_BITS bits
 * (import_magnitude); GMP wants mpz_sizeinbase + 2 bytes, and
 * mpz_sizeinbase is exact or one too big. */
static void put_decimal(struct gtd_strbuf *b, const mpz_t z)
{
	char digits[MAX_DIGITS + 3];

	gtd_strbuf_puts(b, mpz_get_str(digits, 10, z));
}

static int put_bigint(struct gtd_strbuf *b, struct gtd_bytes mag, int neg, struct gtd_error *err)
{
	mpz_t z;
	int rc;

	mpz_init(z);
	rc = import_magnitude(z, mag, INT_MAX_BITS, "integer constant", err);
	if (rc == GTD_OK) {
		if (neg)
			mpz_neg(z, z);
		put_decimal(b, z);
	}
	mpz_clear(z);
	return rc;
}

/* As big.Rat.SetFrac and ratVal.ExactString: the fraction in lowest terms,
 * the sign in front, "num" alone when the denominator is 1. */
static int put_bigrat(struct gtd_strbuf *b, struct gtd_bytes num, int num_neg, struct gtd_bytes den,
		      int den_neg, struct gtd_error *err)
{
	mpq_t q;
	int rc;

	mpq_init(q);
	rc = import_magnitude(mpq_numref(q), num, RAT_MAX_BITS, "fraction numerator", err);
	if (rc == GTD_OK)
		rc = import_magnitude(mpq_denref(q), den, RAT_MAX_BITS, "fraction denominator", err);
	if (rc == GTD_OK && mpz_sgn(mpq_denref(q)) == 0)
		rc = gtd_fail(err, GTD_EDATA, "a fraction with denominator 0");
	if (rc == GTD_OK) {
		mpq_canonicalize(q);
		if (num_neg != den_neg)
			mpq_neg(q, q);
		put_decimal(b, mpq_numref(q));
		if (mpz_cmp_ui(mpq_denref(q), 1) != 0) {
			gtd_strbuf_putc(b, '/');
			put_decimal(b, mpq_denref(q));
		}
	}
	mpq_clear(q);
	return rc;
}

static int is_hex(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* A decimal int32 after its sign, as strconv.AppendInt writes it. */
static int is_exponent(const uint8_t *p, size_t n, int neg)
{
	uint64_t v = 0;

	if (n == 0 || n > 10 || (p[0] == '0' && n > 1))
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	return v <= (neg ? (uint64_t)INT32_MAX + 1 : (uint64_t)INT32_MAX);
}

/* Float.Text('p', -1): "0", or [-]0x.MANTp(+|-)EXP with the mantissa's
 * first hex digit 8-f (normalized), no trailing zero, at most 128 digits. */
static int check_float_text(struct gtd_bytes s, struct gtd_error *err)
{
	const uint8_t *p = s.p, *end = s.p + s.n;
	const uint8_t *mant;

	if (s.n == 1 && p[0] == '0')
		return GTD_OK;
	if (p < end && *p == '-')
		p++;
	if (end - p < 3 || memcmp(p, "0x.", 3) != 0)
		goto bad;
	mant = p += 3;
	while (p < end && is_hex(*p))
		p++;
	if (p == mant || mant[0] < '8' || p[-1] == '0' || p - mant > FLOAT_MAX_HEX_DIGITS)
		goto bad;
	if (end - p < 3 || p[0] != 'p' || (p[1] != '+' && p[1] != '-') ||
	    !is_exponent(p + 2, (size_t)(end - p - 2), p[1] == '-'))
		goto bad;
	return GTD_OK;
bad:
	return gtd_fail(err, GTD_EDATA,
			"a %zu-byte float constant that is not big.Float.Text('p') of a 512-bit "
			"mantissa and an int32 exponent", s.n);
}

static int scalar(const struct gtd_uir_model *m, const struct gtd_scalar *v, struct gtd_strbuf *b,
		  struct gtd_error *err)
{
	struct gtd_bytes s, den;

	switch (v->code) {
	case GTD_VAL_BOOL:
		gtd_strbuf_puts(b, v->b ? "true" : "false");
		return GTD_OK;
	case GTD_VAL_INT64:
		if (v->i64 < 0) {
			gtd_strbuf_putc(b, '-');
			gtd_strbuf_putu(b, (uint64_t)0 - (uint64_t)v->i64);
		} else {
			gtd_strbuf_putu(b, (uint64_t)v->i64);
		}
		return GTD_OK;
	case GTD_VAL_STRING:
		if (gtd_pkgbits_string(m->pb, v->str, &s))
			return m->pb->err->code;
		gtd_go_quote(b, s);
		return GTD_OK;
	case GTD_VAL_BIGINT:
		if (gtd_pkgbits_string(m->pb, v->str, &s))
			return m->pb->err->code;
		return put_bigint(b, s, v->b, err);
	case GTD_VAL_BIGRAT:
		if (gtd_pkgbits_string(m->pb, v->str, &s) || gtd_pkgbits_string(m->pb, v->den, &den))
			return m->pb->err->code;
		return put_bigrat(b, s, v->b, den, v->den_neg, err);
	case GTD_VAL_BIGFLOAT:
		/* Stored as big.Float.Text('p'), which ExactString prints again. */
		if (gtd_pkgbits_string(m->pb, v->str, &s))
			return m->pb->err->code;
		if (check_float_text(s, err))
			return err->code;
		gtd_strbuf_putn(b, s.p, s.n);
		return GTD_OK;
	default:
		return gtd_fail(err, GTD_EDATA, "constant kind %u is not 0-5", (unsigned)v->code);
	}
}

int gtd_uir_value_string(const struct gtd_uir_model *m, const struct gtd_value *v,
			 struct gtd_strbuf *b, struct gtd_error *err)
{
	if (!v->is_complex) {
		if (scalar(m, &v->re, b, err))
			return err->code;
	} else {
		gtd_strbuf_putc(b, '(');
		if (scalar(m, &v->re, b, err))
			return gtd_context(err, "real part");
		gtd_strbuf_puts(b, " + ");
		if (scalar(m, &v->im, b, err))
			return gtd_context(err, "imaginary part");
		gtd_strbuf_puts(b, "i)");
	}
	return b->oom ? gtd_fail(err, GTD_ENOMEM, "out of memory for a constant's value") : GTD_OK;
}
