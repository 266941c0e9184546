#include <stdlib.h>

#include "gotypedb/alloc.h"
#include "gotypedb/ptrmap.h"

/* Fibonacci hashing: the multiply spreads the aligned low bits of an
 * address over the high bits, which index the table. */
static size_t slot_of(const void *key, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;

	return (size_t)(h >> 32) & (cap - 1);
}

static struct gtd_ptrmap_slot *find(struct gtd_ptrmap_slot *slots, size_t cap, const void *key)
{
	for (size_t i = slot_of(key, cap);; i = (i + 1) & (cap - 1))
		if (slots[i].key == key || !slots[i].key)
			return &slots[i];
}

static int grow(struct gtd_ptrmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	struct gtd_ptrmap_slot *slots = gtd_alloc_zeroed(cap, sizeof *slots);

	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find(slots, cap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int gtd_ptrmap_get(const struct gtd_ptrmap *m, const void *key, uint32_t *value)
{
	const struct gtd_ptrmap_slot *s;

	if (!m->cap || !key)
		return 0;
	s = find(m->slots, m->cap, key);
	if (!s->key)
		return 0;
	*value = s->value;
	return 1;
}

int gtd_ptrmap_put(struct gtd_ptrmap *m, const void *key, uint32_t value)
{
	struct gtd_ptrmap_slot *s;

	if (!key || ((m->count + 1) * 2 > m->cap && grow(m)))
		return -1;
	s = find(m->slots, m->cap, key);
	if (!s->key) {
		s->key = key;
		m->count++;
	}
	s->value = value;
	return 0;
}

void gtd_ptrmap_free(struct gtd_ptrmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
