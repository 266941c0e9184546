/* A chunked bump allocator for many small, long-lived copies (interned
 * strings, paths) freed all at once. */
#ifndef GOTYPEDB_ARENA_H
#define GOTYPEDB_ARENA_H

#include <stddef.h>

struct gtd_arena_chunk;

struct gtd_arena {
	struct gtd_arena_chunk *head;
	size_t used, cap; /* in head */
	size_t total;     /* bytes handed out, for accounting */
};

/* NULL when out of memory. */
void *gtd_arena_alloc(struct gtd_arena *a, size_t n);
/* n zeroed items of size bytes; NULL when out of memory or n * size
 * overflows (n == 0 gives a valid, empty allocation). */
void *gtd_arena_calloc(struct gtd_arena *a, size_t n, size_t size);
void *gtd_arena_dup(struct gtd_arena *a, const void *p, size_t n);
void gtd_arena_free(struct gtd_arena *a);

#endif
