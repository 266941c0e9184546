#include <stdlib.h>
#include <string.h>

#include "gotypedb/alloc.h"
#include "gotypedb/bmap.h"
#include "gotypedb/digest.h"

/* The slot tag: both halves of the hash folded, so that the home slot
 * (its low bits) depends on all 64. */
static uint32_t tag_of(uint64_t hash)
{
	return (uint32_t)(hash ^ (hash >> 32));
}

static struct gtd_bmap_slot *find(const struct gtd_bmap_slot *slots, size_t cap, uint32_t tag,
				  const void *key, size_t len)
{
	size_t i = (size_t)tag & (cap - 1);

	for (;; i = (i + 1) & (cap - 1)) {
		const struct gtd_bmap_slot *s = &slots[i];

		if (!s->entry || (s->tag == tag && s->len == len &&
				  (len == 0 || memcmp(s->entry + 1, key, len) == 0)))
			return (struct gtd_bmap_slot *)s;
	}
}

/* Past this many slots (16 MiB of table) the table fills to 3/4 before it
 * doubles, not to 1/2: a probe then reads a few more slots of the lines
 * it loads anyway, and the largest maps (a store's strings over a
 * thousand binaries) take half the memory, and never hold the old table
 * and a new one 4x its use at once. */
#define BMAP_DENSE_SLOTS ((size_t)1 << 20)

static int full(const struct gtd_bmap *m)
{
	size_t n = m->count + 1;

	return m->cap < BMAP_DENSE_SLOTS ? n * 2 > m->cap : n * 4 > m->cap * 3;
}

/* Doubles the table.  Keys are distinct, so each entry goes to the first
 * empty slot from its home: no comparisons. */
static int grow(struct gtd_bmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	struct gtd_bmap_slot *slots = gtd_alloc_zeroed(cap, sizeof *slots);

	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		const struct gtd_bmap_slot *old = &m->slots[i];
		size_t j = (size_t)old->tag & (cap - 1);

		if (!old->entry)
			continue;
		while (slots[j].entry)
			j = (j + 1) & (cap - 1);
		slots[j] = *old;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int gtd_bmap_get(const struct gtd_bmap *m, const void *key, size_t len, uint64_t *value)
{
	const struct gtd_bmap_slot *s;

	if (!m->cap || len > UINT32_MAX)
		return 0;
	s = find(m->slots, m->cap, tag_of(gtd_hash64(key, len)), key, len);
	if (!s->entry)
		return 0;
	*value = *s->entry;
	return 1;
}

int gtd_bmap_upsert(struct gtd_bmap *m, const void *key, size_t len,
		    uint64_t **slot_value, int *inserted)
{
	return gtd_bmap_upsert_hashed(m, key, len, gtd_hash64(key, len), slot_value, inserted);
}

int gtd_bmap_upsert_hashed(struct gtd_bmap *m, const void *key, size_t len, uint64_t hash,
			   uint64_t **slot_value, int *inserted)
{
	uint32_t tag = tag_of(hash);
	struct gtd_bmap_slot *s;

	if (len > UINT32_MAX)
		return -1;
	if (full(m) && grow(m))
		return -1;
	s = find(m->slots, m->cap, tag, key, len);
	*inserted = s->entry == NULL;
	if (*inserted) {
		uint64_t *entry = gtd_arena_alloc(&m->keys, sizeof *entry + len);

		if (!entry)
			return -1;
		*entry = 0;
		if (len)
			memcpy(entry + 1, key, len);
		s->tag = tag;
		s->len = (uint32_t)len;
		s->entry = entry;
		m->count++;
	}
	*slot_value = s->entry;
	return 0;
}

void gtd_bmap_prefetch(const struct gtd_bmap *m, uint64_t hash)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[(size_t)tag_of(hash) & (m->cap - 1)]);
}

/* Empties slot i, moving back the entries of its cluster that probed
 * past it (linear probing without tombstones): an entry at j stays if its
 * home is cyclically in (i, j]. */
static void remove_at(struct gtd_bmap *m, size_t i)
{
	size_t mask = m->cap - 1, j = i;

	for (;;) {
		size_t home;

		j = (j + 1) & mask;
		if (!m->slots[j].entry)
			break;
		home = (size_t)m->slots[j].tag & mask;
		if (i <= j ? i < home && home <= j : i < home || home <= j)
			continue;
		m->slots[i] = m->slots[j];
		i = j;
	}
	memset(&m->slots[i], 0, sizeof m->slots[i]);
	m->count--;
}

/* A slot emptied at i is filled again from later in its cluster, so i is
 * looked at again; what moves into a slot already passed comes from one
 * already passed too (the cluster wrapping round), kept. */
void gtd_bmap_remove_values_from(struct gtd_bmap *m, uint64_t min)
{
	for (size_t i = 0; i < m->cap; i++)
		while (m->slots[i].entry && *m->slots[i].entry >= min)
			remove_at(m, i);
}

void gtd_bmap_free(struct gtd_bmap *m)
{
	free(m->slots);
	gtd_arena_free(&m->keys);
	memset(m, 0, sizeof *m);
}
