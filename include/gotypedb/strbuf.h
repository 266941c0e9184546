/* A growable text buffer, for building JSON arrays and messages. */
#ifndef GOTYPEDB_STRBUF_H
#define GOTYPEDB_STRBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gotypedb/bytes.h"

struct gtd_strbuf {
	char *p;
	size_t n, cap;
	int oom; /* an append failed: the content is incomplete */
};

void gtd_strbuf_putc_slow(struct gtd_strbuf *b, char c);
/* Appends c; inline, as JSON arrays are built a character at a time. */
static inline void gtd_strbuf_putc(struct gtd_strbuf *b, char c)
{
	if (b->n + 2 <= b->cap) {
		b->p[b->n++] = c;
		b->p[b->n] = '\0';
		return;
	}
	gtd_strbuf_putc_slow(b, c);
}
void gtd_strbuf_putn_slow(struct gtd_strbuf *b, const void *p, size_t n);
/* Appends n bytes; inline for the same reason (type strings and
 * declaration keys are built from many short pieces). */
static inline void gtd_strbuf_putn(struct gtd_strbuf *b, const void *p, size_t n)
{
	if (b->n + n + 1 <= b->cap) {
		if (n)
			memcpy(b->p + b->n, p, n);
		b->n += n;
		b->p[b->n] = '\0';
		return;
	}
	gtd_strbuf_putn_slow(b, p, n);
}
/* Appends a C string; inline so that a literal's length is known at compile
 * time (most calls append Go syntax such as "func(" or "struct{"). */
static inline void gtd_strbuf_puts(struct gtd_strbuf *b, const char *s)
{
	gtd_strbuf_putn(b, s, strlen(s));
}
void gtd_strbuf_putu(struct gtd_strbuf *b, uint64_t v);
/* Appends "[x,y]", after a comma unless first. */
void gtd_strbuf_put_pair(struct gtd_strbuf *b, int comma, uint64_t x, uint64_t y);
/* Appends "x,y" (two items of a flat JSON array), after a comma unless first. */
void gtd_strbuf_put_items2(struct gtd_strbuf *b, int comma, uint64_t x, uint64_t y);
/* Appends s as a JSON string (quotes, backslashes and control characters
 * escaped; other bytes as they are). */
void gtd_strbuf_put_json_string(struct gtd_strbuf *b, struct gtd_bytes s);
/* Makes room for more bytes at once (sets oom on failure). */
void gtd_strbuf_reserve(struct gtd_strbuf *b, size_t more);
void gtd_strbuf_reset(struct gtd_strbuf *b);
void gtd_strbuf_free(struct gtd_strbuf *b);

#endif
