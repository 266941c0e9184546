/* strconv.Quote, for struct tags and string constants as go/types and
 * go/constant print them: a byte that does not start a well-formed rune
 * (utf8.DecodeRune's RuneError of width 1) is \xNN, a rune that
 * strconv.IsPrint accepts is kept, any other is escaped. */
#include <stdio.h>
#include <string.h>

#include "gotypedb/gotype.h"
#include "gotypedb/unicode.h"
#include "gotypedb/utf8.h"

/* A rune strconv.IsPrint rejects, as appendEscapedRune writes it. */
static void escape_rune(struct gtd_strbuf *b, uint32_t r)
{
	char tmp[16];

	switch (r) {
	case '\a': gtd_strbuf_puts(b, "\\a"); return;
	case '\b': gtd_strbuf_puts(b, "\\b"); return;
	case '\f': gtd_strbuf_puts(b, "\\f"); return;
	case '\n': gtd_strbuf_puts(b, "\\n"); return;
	case '\r': gtd_strbuf_puts(b, "\\r"); return;
	case '\t': gtd_strbuf_puts(b, "\\t"); return;
	case '\v': gtd_strbuf_puts(b, "\\v"); return;
	}
	if (r < ' ' || r == 0x7f)
		snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)r);
	else if (r < 0x10000)
		snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)r);
	else
		snprintf(tmp, sizeof tmp, "\\U%08x", (unsigned)r);
	gtd_strbuf_puts(b, tmp);
}

void gtd_go_quote(struct gtd_strbuf *b, struct gtd_bytes s)
{
	char tmp[8];

	gtd_strbuf_putc(b, '"');
	for (size_t i = 0; i < s.n;) {
		uint32_t r;
		size_t w, run = i;

		/* printable ASCII but for '"' and '\\' is kept: copied a run at a time */
		while (run < s.n && s.p[run] >= 0x20 && s.p[run] < 0x7f && s.p[run] != '"' &&
		       s.p[run] != '\\')
			run++;
		if (run > i) {
			gtd_strbuf_putn(b, s.p + i, run - i);
			i = run;
			continue;
		}
		w = gtd_utf8_decode(s.p + i, s.n - i, &r);

		if (w == 0) { /* ill-formed: one byte, escaped */
			snprintf(tmp, sizeof tmp, "\\x%02x", s.p[i]);
			gtd_strbuf_puts(b, tmp);
			i++;
			continue;
		}
		if (r == '"' || r == '\\') {
			gtd_strbuf_putc(b, '\\');
			gtd_strbuf_putc(b, (char)r);
		} else if (gtd_unicode_is_print(r)) {
			gtd_strbuf_putn(b, s.p + i, w);
		} else {
			escape_rune(b, r);
		}
		i += w;
	}
	gtd_strbuf_putc(b, '"');
}

/* The width of the unit at s.p[i]: a well-formed rune's bytes, else 1. */
static size_t unit_width(struct gtd_bytes s, size_t i)
{
	uint32_t r;
	size_t w = gtd_utf8_decode(s.p + i, s.n - i, &r);

	return w ? w : 1;
}

static void put_segment(struct gtd_strbuf *b, int *segments, struct gtd_bytes s)
{
	if ((*segments)++)
		gtd_strbuf_puts(b, " + ");
	gtd_go_quote(b, s);
}

void gtd_go_quote_runs(struct gtd_strbuf *b, struct gtd_bytes s)
{
	size_t i = 0, lit = 0;
	int segments = 0;

	while (i < s.n) {
		size_t w = unit_width(s, i), j = i + w, count = 1;

		while (j + w <= s.n && memcmp(s.p + j, s.p + i, w) == 0 && unit_width(s, j) == w) {
			j += w;
			count++;
		}
		if (count >= GTD_QUOTE_RUN_MIN) {
			if (lit < i)
				put_segment(b, &segments, gtd_bytes_of(s.p + lit, i - lit));
			put_segment(b, &segments, gtd_bytes_of(s.p + i, w));
			gtd_strbuf_puts(b, "\xc3\x97"); /* × */
			gtd_strbuf_putu(b, count);
			lit = j;
		}
		i = j;
	}
	if (lit < s.n || !segments)
		put_segment(b, &segments, gtd_bytes_of(s.p + lit, s.n - lit));
}
