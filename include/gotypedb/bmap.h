/* A hash map from byte strings to 64-bit values, keys copied into an arena.
 * Open addressing with linear probing; the table doubles at 50% load (75%
 * once it has 2^20 slots).
 * Used for interning (string text -> id), content hashes and paths, so a
 * bulk load never asks SQLite "does this exist?". */
#ifndef GOTYPEDB_BMAP_H
#define GOTYPEDB_BMAP_H

#include <stddef.h>
#include <stdint.h>

#include "gotypedb/arena.h"

/* 16 bytes, so that the table is half the memory (and the cache misses) it
 * would be with the whole hash, key pointer, length and value in the slot:
 * the value sits in front of the key's copy instead, on the cache line the
 * key comparison loads anyway. */
struct gtd_bmap_slot {
	uint32_t tag;    /* 32 bits of the hash: the home slot and a first filter */
	uint32_t len;    /* the key's length */
	uint64_t *entry; /* the value, then the key's bytes; NULL marks an empty slot */
};

struct gtd_bmap {
	struct gtd_bmap_slot *slots;
	size_t cap;   /* power of two, or 0 before the first insert */
	size_t count;
	struct gtd_arena keys;
};

/* 1 and *value if key is present, else 0. */
int gtd_bmap_get(const struct gtd_bmap *m, const void *key, size_t len, uint64_t *value);

/* Inserts or, if present, finds key.  *slot_value points at the stored value
 * (valid until gtd_bmap_free), which the map's copy of the key follows
 * (slot_value + 1, not NUL-terminated); *inserted tells which.  -1 on ENOMEM or a key
 * of 4 GiB or more. */
int gtd_bmap_upsert(struct gtd_bmap *m, const void *key, size_t len,
		    uint64_t **slot_value, int *inserted);

/* The same, with hash = gtd_hash64(key, len) computed by the caller
 * (possibly in another thread). */
int gtd_bmap_upsert_hashed(struct gtd_bmap *m, const void *key, size_t len, uint64_t hash,
			   uint64_t **slot_value, int *inserted);

/* Starts loading the slot a lookup of this hash will probe first: the
 * writer knows the next strings' hashes (computed by the workers) and hides
 * the cache misses of a large table behind the current lookups. */
void gtd_bmap_prefetch(const struct gtd_bmap *m, uint64_t hash);
/* Removes every key whose value is min or more (the ids a failed write
 * gave out); their copies stay in the arena until gtd_bmap_free. */
void gtd_bmap_remove_values_from(struct gtd_bmap *m, uint64_t min);
void gtd_bmap_free(struct gtd_bmap *m);

#endif
