#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/arena.h"

/* Chunks double from CHUNK_MIN to CHUNK_MAX: a unit's decoding uses a
 * handful of arenas (model, semantic layer, shapes, stage, the keys of its
 * maps), most of them small, and the memory a unit holds while it waits
 * for the writer must be what it needs, not a megabyte per arena. */
#define CHUNK_MIN (4u << 10)
#define CHUNK_MAX (1u << 20)

struct gtd_arena_chunk {
	struct gtd_arena_chunk *next;
	max_align_t data[];
};

/* The rest of the head chunk is abandoned: allocations are small next to
 * a chunk, and a bigger one gets a chunk of its own size. */
void *gtd_arena_alloc_slow(struct gtd_arena *a, size_t n)
{
	size_t need = gtd_arena_round(n);
	size_t cap;
	struct gtd_arena_chunk *c;

	if (need < n || need > SIZE_MAX - sizeof *c)
		return NULL;
	if (a->grow < CHUNK_MIN)
		a->grow = CHUNK_MIN;
	cap = need > a->grow ? need : a->grow;
	if (!(c = malloc(sizeof *c + cap)))
		return NULL;
	if (a->grow < CHUNK_MAX)
		a->grow *= 2;
	a->chunk_bytes += sizeof *c + cap;
	c->next = a->head;
	a->head = c;
	a->next = (char *)c->data + need;
	a->left = cap - need;
	a->total += n;
	return c->data;
}

void gtd_arena_free(struct gtd_arena *a)
{
	struct gtd_arena_chunk *c = a->head;

	while (c) {
		struct gtd_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	memset(a, 0, sizeof *a);
}
