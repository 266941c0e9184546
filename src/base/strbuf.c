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

void gtd_strbuf_puts(struct gtd_strbuf *b, const char *s)
{
	size_t n = strlen(s);

	if (reserve(b, n))
		return;
	memcpy(b->p + b->n, s, n + 1);
	b->n += n;
}

void gtd_strbuf_putn(struct gtd_strbuf *b, const void *p, size_t n)
{
	if (reserve(b, n))
		return;
	if (n)
		memcpy(b->p + b->n, p, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void gtd_strbuf_putu(struct gtd_strbuf *b, uint64_t v)
{
	char tmp[21];
	size_t i = sizeof tmp;

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (reserve(b, sizeof tmp - i))
		return;
	memcpy(b->p + b->n, tmp + i, sizeof tmp - i);
	b->n += sizeof tmp - i;
	b->p[b->n] = '\0';
}

void gtd_strbuf_reserve(struct gtd_strbuf *b, size_t more)
{
	reserve(b, more);
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
