#include <stdlib.h>
#include <string.h>

#include "gotypedb/bmap.h"
#include "gotypedb/digest.h"

static uint64_t key_hash(const void *key, size_t len)
{
	uint64_t h = gtd_hash64(key, len);
	return h ? h : 1;
}

static struct gtd_bmap_slot *find(const struct gtd_bmap_slot *slots, size_t cap, uint64_t h,
				  const void *key, size_t len)
{
	size_t i = (size_t)h & (cap - 1);

	for (;; i = (i + 1) & (cap - 1)) {
		const struct gtd_bmap_slot *s = &slots[i];

		if (s->hash == 0 || (s->hash == h && s->len == len &&
				     (len == 0 || memcmp(s->key, key, len) == 0)))
			return (struct gtd_bmap_slot *)s;
	}
}

static int grow(struct gtd_bmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	struct gtd_bmap_slot *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].hash)
			*find(slots, cap, m->slots[i].hash, m->slots[i].key, m->slots[i].len) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int gtd_bmap_get(const struct gtd_bmap *m, const void *key, size_t len, uint64_t *value)
{
	const struct gtd_bmap_slot *s;

	if (!m->cap)
		return 0;
	s = find(m->slots, m->cap, key_hash(key, len), key, len);
	if (!s->hash)
		return 0;
	*value = s->value;
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
	uint64_t h = hash ? hash : 1; /* as key_hash: 0 marks empty slots */
	struct gtd_bmap_slot *s;

	if ((m->count + 1) * 2 > m->cap && grow(m))
		return -1;
	s = find(m->slots, m->cap, h, key, len);
	*inserted = s->hash == 0;
	if (*inserted) {
		const uint8_t *copy = gtd_arena_dup(&m->keys, key, len);

		if (!copy)
			return -1;
		s->hash = h;
		s->key = copy;
		s->len = len;
		s->value = 0;
		m->count++;
	}
	*slot_value = &s->value;
	return 0;
}

void gtd_bmap_prefetch(const struct gtd_bmap *m, uint64_t hash)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[(size_t)(hash ? hash : 1) & (m->cap - 1)]);
}

void gtd_bmap_free(struct gtd_bmap *m)
{
	free(m->slots);
	gtd_arena_free(&m->keys);
	memset(m, 0, sizeof *m);
}
