/* A chunked bump allocator for many small, long-lived copies (interned
 * strings, paths, decoded type nodes) freed all at once.
 *
 * The bump itself is inline: the decoders allocate a node or a copy half a
 * million times per thousand units, and most of a call was the call (and,
 * for calloc, a memset of a size known only in the caller). */
#ifndef GOTYPEDB_ARENA_H
#define GOTYPEDB_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct gtd_arena_chunk;

struct gtd_arena {
	struct gtd_arena_chunk *head;
	char *next;   /* the first free byte in head */
	size_t left;  /* free bytes from next to the end of head */
	size_t total; /* bytes handed out, for accounting */
	size_t chunk_bytes; /* bytes of the chunks, what the arena holds of the heap */
	size_t grow;  /* the next chunk's size (0: the first) */
};

#define GTD_ARENA_ALIGN sizeof(max_align_t)

/* n rounded up to the alignment; less than n when that wraps. */
static inline size_t gtd_arena_round(size_t n)
{
	return (n + GTD_ARENA_ALIGN - 1) & ~(GTD_ARENA_ALIGN - 1);
}

/* A new chunk, then n bytes of it; NULL when out of memory. */
void *gtd_arena_alloc_slow(struct gtd_arena *a, size_t n);
void gtd_arena_free(struct gtd_arena *a);

/* NULL when out of memory. */
static inline void *gtd_arena_alloc(struct gtd_arena *a, size_t n)
{
	size_t need = gtd_arena_round(n);
	void *p;

	if (need < n || need > a->left) /* wrapped, or past the head chunk */
		return gtd_arena_alloc_slow(a, n);
	p = a->next;
	a->next += need;
	a->left -= need;
	a->total += n;
	return p;
}

/* n zeroed items of size bytes; NULL when out of memory or n * size
 * overflows (n == 0 gives a valid, empty allocation). */
static inline void *gtd_arena_calloc(struct gtd_arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	if ((p = gtd_arena_alloc(a, n * size > 0 ? n * size : 1)))
		memset(p, 0, n * size);
	return p;
}

static inline void *gtd_arena_dup(struct gtd_arena *a, const void *p, size_t n)
{
	void *q = gtd_arena_alloc(a, n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

#endif
