/* Rendering one value.  Integers stay raw in every format; BLOBs print as
 * the SQL hex literal x'...'; the printers decide about NULL. */
#include <stdio.h>
#include <stdlib.h>

#include "format.h"
#include "gotypedb/utf8.h"

static const char hex_digits[] = "0123456789abcdef";

size_t value_put_real(char *buf, size_t size, double d)
{
	int n = 0;

	/* the fewest digits (15 to 17) that read back as d */
	for (int digits = 15; digits <= 17; digits++) {
		n = snprintf(buf, size, "%.*g", digits, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return (size_t)n;
}

void value_get(sqlite3_stmt *s, int i, struct value *v)
{
	v->type = sqlite3_column_type(s, i);
	v->p = (const unsigned char *)v->num;
	v->n = 0;
	switch (v->type) {
	case SQLITE_INTEGER:
		v->n = (size_t)snprintf(v->num, sizeof v->num, "%lld",
					(long long)sqlite3_column_int64(s, i));
		break;
	case SQLITE_FLOAT:
		v->n = value_put_real(v->num, sizeof v->num, sqlite3_column_double(s, i));
		break;
	case SQLITE_TEXT:
		/* text first, then bytes: the order SQLite documents */
		v->p = sqlite3_column_text(s, i);
		v->n = (size_t)sqlite3_column_bytes(s, i);
		break;
	case SQLITE_BLOB:
		v->p = sqlite3_column_blob(s, i);
		v->n = (size_t)sqlite3_column_bytes(s, i);
		break;
	}
	if (!v->p) /* an empty BLOB, or no memory for the text */
		v->p = (const unsigned char *)"";
}

void value_put_hex(struct gtd_strbuf *b, const unsigned char *p, size_t n)
{
	gtd_strbuf_reserve(b, 2 * n + 3);
	gtd_strbuf_puts(b, "x'");
	for (size_t i = 0; i < n; i++) {
		gtd_strbuf_putc(b, hex_digits[p[i] >> 4]);
		gtd_strbuf_putc(b, hex_digits[p[i] & 15]);
	}
	gtd_strbuf_putc(b, '\'');
}

static void put_ascii(struct gtd_strbuf *b, unsigned char c)
{
	char esc[5] = { '\\', 'x', hex_digits[c >> 4], hex_digits[c & 15], 0 };

	if (c >= 0x20 && c != 0x7f)
		gtd_strbuf_putc(b, (char)c);
	else if (c == '\n')
		gtd_strbuf_puts(b, "\\n");
	else if (c == '\t')
		gtd_strbuf_puts(b, "\\t");
	else if (c == '\r')
		gtd_strbuf_puts(b, "\\r");
	else
		gtd_strbuf_puts(b, esc);
}

void value_put_escaped(struct gtd_strbuf *b, const unsigned char *p, size_t n)
{
	size_t i = 0, w;
	uint32_t r;

	while (i < n) {
		if (p[i] < 0x80) {
			put_ascii(b, p[i++]);
		} else if ((w = gtd_utf8_decode(p + i, n - i, &r)) == 0) {
			char esc[5] = { '\\', 'x', hex_digits[p[i] >> 4], hex_digits[p[i] & 15], 0 };

			gtd_strbuf_puts(b, esc);
			i++;
		} else if (r < 0xa0) { /* C1 controls: some terminals act on them */
			char esc[7] = { '\\', 'u', '0', '0', hex_digits[r >> 4], hex_digits[r & 15], 0 };

			gtd_strbuf_puts(b, esc);
			i += w;
		} else {
			gtd_strbuf_putn(b, p + i, w);
			i += w;
		}
	}
}
