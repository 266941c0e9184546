/* Constants as go/constant's ExactString prints what the importer makes of
 * them (pkgbits Decoder.Value, then constant.Make): integers in decimal,
 * fractions as num/den, floats in the 'p' form they are stored in, strings
 * quoted, complex values as "(re + imi)". */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/uirsem.h"

/* A big-endian magnitude in decimal: repeated division by 10^9. */
static int put_magnitude(struct gtd_strbuf *b, struct gtd_bytes mag)
{
	size_t nlimbs = (mag.n + 3) / 4, n = 0, ndig = 0;
	uint32_t *limbs, *digits;

	while (mag.n && mag.p[0] == 0) {
		mag.p++;
		mag.n--;
	}
	if (mag.n == 0) {
		gtd_strbuf_putc(b, '0');
		return 0;
	}
	nlimbs = (mag.n + 3) / 4;
	limbs = calloc(nlimbs, sizeof *limbs);
	digits = calloc(nlimbs * 2 + 1, sizeof *digits); /* 10^9 groups: at most 32/29.9 per limb */
	if (!limbs || !digits) {
		free(limbs);
		free(digits);
		return -1;
	}
	for (size_t i = 0; i < mag.n; i++) { /* most significant limb first */
		size_t bit = (mag.n - 1 - i) * 8;

		limbs[nlimbs - 1 - bit / 32] |= (uint32_t)mag.p[i] << (bit % 32);
	}
	n = nlimbs;
	while (n) {
		uint64_t rem = 0;

		for (size_t i = 0; i < n; i++) {
			uint64_t cur = rem << 32 | limbs[i];

			limbs[i] = (uint32_t)(cur / 1000000000u);
			rem = cur % 1000000000u;
		}
		digits[ndig++] = (uint32_t)rem;
		while (n && limbs[0] == 0) {
			memmove(limbs, limbs + 1, (n - 1) * sizeof *limbs);
			n--;
		}
	}
	gtd_strbuf_putu(b, digits[ndig - 1]);
	for (size_t i = ndig - 1; i-- > 0;) {
		char group[10];

		for (int k = 8; k >= 0; k--) {
			group[k] = (char)('0' + digits[i] % 10);
			digits[i] /= 10;
		}
		group[9] = '\0';
		gtd_strbuf_puts(b, group);
	}
	free(limbs);
	free(digits);
	return 0;
}

static int is_one(struct gtd_bytes mag)
{
	size_t i = 0;

	while (i + 1 < mag.n && mag.p[i] == 0)
		i++;
	return mag.n && i == mag.n - 1 && mag.p[i] == 1;
}

static int is_zero(struct gtd_bytes mag)
{
	for (size_t i = 0; i < mag.n; i++)
		if (mag.p[i])
			return 0;
	return 1;
}

static int scalar(const struct gtd_uir_model *m, const struct gtd_scalar *v, struct gtd_strbuf *b)
{
	struct gtd_bytes s, den;

	switch (v->code) {
	case GTD_VAL_BOOL:
		gtd_strbuf_puts(b, v->b ? "true" : "false");
		return 0;
	case GTD_VAL_INT64:
		if (v->i64 < 0) {
			gtd_strbuf_putc(b, '-');
			gtd_strbuf_putu(b, (uint64_t)0 - (uint64_t)v->i64);
		} else {
			gtd_strbuf_putu(b, (uint64_t)v->i64);
		}
		return 0;
	case GTD_VAL_STRING:
		if (gtd_pkgbits_string(m->pb, v->str, &s))
			return -1;
		gtd_go_quote(b, s);
		return 0;
	case GTD_VAL_BIGINT:
		if (gtd_pkgbits_string(m->pb, v->str, &s))
			return -1;
		if (v->b && !is_zero(s))
			gtd_strbuf_putc(b, '-');
		return put_magnitude(b, s);
	case GTD_VAL_BIGRAT:
		/* big.Rat SetFrac: the sign is the product of the two; the writer
		 * stores the fraction in lowest terms (big.Rat is normalized). */
		if (gtd_pkgbits_string(m->pb, v->str, &s) || gtd_pkgbits_string(m->pb, v->den, &den))
			return -1;
		if ((v->b ^ v->den_neg) && !is_zero(s))
			gtd_strbuf_putc(b, '-');
		if (put_magnitude(b, s))
			return -1;
		if (!is_one(den)) {
			gtd_strbuf_putc(b, '/');
			return put_magnitude(b, den);
		}
		return 0;
	case GTD_VAL_BIGFLOAT:
		/* Stored as big.Float.Text('p'), which ExactString prints again. */
		if (gtd_pkgbits_string(m->pb, v->str, &s))
			return -1;
		gtd_strbuf_putn(b, s.p, s.n);
		return 0;
	default:
		return -1;
	}
}

int gtd_uir_value_string(const struct gtd_uir_model *m, const struct gtd_value *v,
			 struct gtd_strbuf *b)
{
	if (!v->is_complex)
		return scalar(m, &v->re, b);
	gtd_strbuf_putc(b, '(');
	if (scalar(m, &v->re, b))
		return -1;
	gtd_strbuf_puts(b, " + ");
	if (scalar(m, &v->im, b))
		return -1;
	gtd_strbuf_puts(b, "i)");
	return b->oom ? -1 : 0;
}
