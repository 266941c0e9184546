/* A hash map from object addresses to 32-bit values: "which record did I
 * make for this node?" during a walk of an in-memory graph.  Keys are not
 * copied and not hashed as bytes (bmap.h does both, for interning), which
 * makes a lookup a multiply and, usually, one probe.  Open addressing with
 * linear probing; the table doubles at 50% load. */
#ifndef GOTYPEDB_PTRMAP_H
#define GOTYPEDB_PTRMAP_H

#include <stddef.h>
#include <stdint.h>

struct gtd_ptrmap_slot {
	const void *key; /* NULL marks an empty slot: NULL is not a valid key */
	uint32_t value;
};

struct gtd_ptrmap {
	struct gtd_ptrmap_slot *slots;
	size_t cap;   /* power of two, or 0 before the first insert */
	size_t count;
};

/* 1 and *value if key is present, else 0. */
int gtd_ptrmap_get(const struct gtd_ptrmap *m, const void *key, uint32_t *value);
/* Sets key's value, inserting it if absent; -1 when out of memory. */
int gtd_ptrmap_put(struct gtd_ptrmap *m, const void *key, uint32_t value);
void gtd_ptrmap_free(struct gtd_ptrmap *m);

#endif
