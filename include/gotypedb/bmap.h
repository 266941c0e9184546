/* A hash map from byte strings to 64-bit values, keys copied into an arena.
 * Open addressing with linear probing; the table doubles at 50% load.
 * Used for interning (string text -> id), content hashes and paths, so a
 * bulk load never asks SQLite "does this exist?". */
#ifndef GOTYPEDB_BMAP_H
#define GOTYPEDB_BMAP_H

#include <stddef.h>
#include <stdint.h>

#include "gotypedb/arena.h"

struct gtd_bmap_slot {
	uint64_t hash;       /* 0 marks an empty slot (real hashes are forced non-zero) */
	const uint8_t *key;
	size_t len;
	uint64_t value;
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
 * (valid until the next insert); *inserted tells which.  -1 on ENOMEM. */
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
void gtd_bmap_free(struct gtd_bmap *m);

#endif
