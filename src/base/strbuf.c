#include <stdlib.h>
#include <string.h>

#include "gotypedb/strbuf.h"

static int reserve(struct gtd_strbuf *b, size_t more)
{
	char *p;
	size_t cap;

	if (b->n + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->n + more + 1)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void gtd_strbuf_putc_slow(struct gtd_strbuf *b, char c)
{
	if (reserve(b, 1))
		return;
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}

void gtd_strbuf_putn_slow(struct gtd_strbuf *b, const void *p, size_t n)
{
	if (reserve(b, n))
		return;
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

/* Decimal digits of v ending at end; returns where they start.  Two digits
 * per division: the JSON arrays of the raw layer are mostly numbers. */
static char *format_u64(char *end, uint64_t v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char *p = end;

	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		p -= 2;
		p[0] = pairs[2 * r];
		p[1] = pairs[2 * r + 1];
	}
	if (v >= 10) {
		p -= 2;
		p[0] = pairs[2 * v];
		p[1] = pairs[2 * v + 1];
	} else {
		*--p = (char)('0' + v);
	}
	return p;
}

/* Formatted numbers are built backwards in a scratch buffer that ends
 * SHORT_MAX bytes before its own end, then appended with one fixed-size
 * copy (a few vector moves, no call): the bytes past the text are copied
 * too and overwritten by the next append. */
#define SHORT_MAX 48

static void put_short(struct gtd_strbuf *b, const char *p, const char *end)
{
	if (reserve(b, SHORT_MAX))
		return;
	memcpy(b->p + b->n, p, SHORT_MAX);
	b->n += (size_t)(end - p);
	b->p[b->n] = '\0';
}

void gtd_strbuf_put_pair(struct gtd_strbuf *b, int comma, uint64_t x, uint64_t y)
{
	char tmp[2 * SHORT_MAX], *end = tmp + SHORT_MAX, *p;

	*--end = ']';
	p = format_u64(end, y);
	*--p = ',';
	p = format_u64(p, x);
	*--p = '[';
	if (comma)
		*--p = ',';
	put_short(b, p, end + 1);
}

void gtd_strbuf_put_items2(struct gtd_strbuf *b, int comma, uint64_t x, uint64_t y)
{
	char tmp[2 * SHORT_MAX], *end = tmp + SHORT_MAX, *p;

	p = format_u64(end, y);
	*--p = ',';
	p = format_u64(p, x);
	if (comma)
		*--p = ',';
	put_short(b, p, end);
}

void gtd_strbuf_putu(struct gtd_strbuf *b, uint64_t v)
{
	char tmp[2 * SHORT_MAX], *end = tmp + SHORT_MAX;

	put_short(b, format_u64(end, v), end);
}

void gtd_strbuf_reserve(struct gtd_strbuf *b, size_t more)
{
	reserve(b, more);
}

void gtd_strbuf_put_json_string(struct gtd_strbuf *b, struct gtd_bytes s)
{
	static const char hex[] = "0123456789abcdef";

	gtd_strbuf_putc(b, '"');
	for (size_t i = 0; i < s.n; i++) {
		uint8_t c = s.p[i];

		if (c == '"' || c == '\\') {
			gtd_strbuf_putc(b, '\\');
			gtd_strbuf_putc(b, (char)c);
		} else if (c == '\n') {
			gtd_strbuf_puts(b, "\\n");
		} else if (c == '\t') {
			gtd_strbuf_puts(b, "\\t");
		} else if (c < 0x20) {
			char esc[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };

			gtd_strbuf_puts(b, esc);
		} else {
			gtd_strbuf_putc(b, (char)c);
		}
	}
	gtd_strbuf_putc(b, '"');
}

void gtd_strbuf_reset(struct gtd_strbuf *b)
{
	b->n = 0;
	b->oom = 0;
	if (b->p)
		b->p[0] = '\0';
}

void gtd_strbuf_free(struct gtd_strbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}
