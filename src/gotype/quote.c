/* strconv.Quote, for struct tags and string constants as go/types and
 * go/constant print them: a byte that does not start a well-formed rune
 * (utf8.DecodeRune's RuneError of width 1) is \xNN, a rune that
 * strconv.IsPrint accepts is kept, any other is escaped. */
#include <stdio.h>

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
