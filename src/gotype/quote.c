/* strconv.Quote, for struct tags and string constants as go/types and
 * go/constant print them. */
#include <stdio.h>

#include "gotypedb/gotype.h"
#include "gotypedb/utf8.h"

/* unicode.IsPrint for the runes that occur in practice: ASCII graphic
 * characters and space, and non-ASCII letters and symbols.  The non-ASCII
 * exclusions are the format, separator and special characters Go escapes. */
static int is_print(uint32_t r)
{
	if (r < 0x80)
		return r >= 0x20 && r < 0x7f;
	if (r < 0xa0 || r == 0xad || (r >= 0x2000 && r <= 0x200f) || (r >= 0x2028 && r <= 0x202f) ||
	    (r >= 0x205f && r <= 0x206f) || r == 0x3000 || r == 0xfeff || (r >= 0xfff9 && r <= 0xfffb) ||
	    (r >= 0xd800 && r <= 0xdfff) || (r & 0xfffe) == 0xfffe)
		return 0;
	return 1;
}

void gtd_go_quote(struct gtd_strbuf *b, struct gtd_bytes s)
{
	char tmp[16];

	gtd_strbuf_putc(b, '"');
	for (size_t i = 0; i < s.n;) {
		uint32_t r;
		size_t w = gtd_utf8_decode(s.p + i, s.n - i, &r);

		if (w == 0) { /* invalid: one byte, escaped */
			snprintf(tmp, sizeof tmp, "\\x%02x", s.p[i]);
			gtd_strbuf_puts(b, tmp);
			i++;
			continue;
		}
		if (r == '"' || r == '\\') {
			gtd_strbuf_putc(b, '\\');
			gtd_strbuf_putc(b, (char)r);
		} else if (is_print(r)) {
			gtd_strbuf_putn(b, s.p + i, w);
		} else {
			switch (r) {
			case '\a': gtd_strbuf_puts(b, "\\a"); break;
			case '\b': gtd_strbuf_puts(b, "\\b"); break;
			case '\f': gtd_strbuf_puts(b, "\\f"); break;
			case '\n': gtd_strbuf_puts(b, "\\n"); break;
			case '\r': gtd_strbuf_puts(b, "\\r"); break;
			case '\t': gtd_strbuf_puts(b, "\\t"); break;
			case '\v': gtd_strbuf_puts(b, "\\v"); break;
			default:
				if (r < ' ' || r == 0x7f)
					snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)r);
				else if (r < 0x10000)
					snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)r);
				else
					snprintf(tmp, sizeof tmp, "\\U%08x", (unsigned)r);
				gtd_strbuf_puts(b, tmp);
			}
		}
		i += w;
	}
	gtd_strbuf_putc(b, '"');
}
