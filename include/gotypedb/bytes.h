/* A borrowed byte range: points into a mapped input or an arena, never owns. */
#ifndef GOTYPEDB_BYTES_H
#define GOTYPEDB_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct gtd_bytes {
	const uint8_t *p;
	size_t n;
};

static inline struct gtd_bytes gtd_bytes_of(const void *p, size_t n)
{
	struct gtd_bytes b = { (const uint8_t *)p, n };
	return b;
}

static inline int gtd_bytes_eq_str(struct gtd_bytes b, const char *s)
{
	size_t n = strlen(s);
	return b.n == n && (n == 0 || memcmp(b.p, s, n) == 0);
}

static inline int gtd_bytes_has_prefix(struct gtd_bytes b, const char *s)
{
	size_t n = strlen(s);
	return b.n >= n && memcmp(b.p, s, n) == 0;
}

#endif
