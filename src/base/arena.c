#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/arena.h"

#define CHUNK_SIZE (1u << 20)

struct gtd_arena_chunk {
	struct gtd_arena_chunk *next;
	max_align_t data[];
};

void *gtd_arena_alloc(struct gtd_arena *a, size_t n)
{
	size_t align = sizeof(max_align_t), need = (n + align - 1) / align * align;
	struct gtd_arena_chunk *c;
	void *p;

	if (!a->head || a->cap - a->used < need) {
		size_t cap = need > CHUNK_SIZE ? need : CHUNK_SIZE;

		c = malloc(sizeof *c + cap);
		if (!c)
			return NULL;
		c->next = a->head;
		a->head = c;
		a->used = 0;
		a->cap = cap;
	}
	p = (char *)a->head->data + a->used;
	a->used += need;
	a->total += n;
	return p;
}

void *gtd_arena_dup(struct gtd_arena *a, const void *p, size_t n)
{
	void *q = gtd_arena_alloc(a, n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
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

void *gtd_arena_calloc(struct gtd_arena *a, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	if ((p = gtd_arena_alloc(a, n * size > 0 ? n * size : 1)))
		memset(p, 0, n * size);
	return p;
}
