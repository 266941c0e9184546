/* Sorting 32-bit keys that carry a 32-bit value: the records of a module
 * put in the order of their offsets (emit.c), a file's relocations in the
 * order of their addresses (relocs.c), thousands at a time.  An LSD
 * radix sort, a byte-wide pass per byte in which the keys differ: no
 * comparison function called per pair, as qsort would, and stable. */
#ifndef GOTYPEDB_KEYSORT_H
#define GOTYPEDB_KEYSORT_H

#include <stddef.h>
#include <stdint.h>

/* A key in the high 32 bits, its value in the low ones. */
static inline uint64_t gtd_keysort_item(uint32_t key, uint32_t value)
{
	return (uint64_t)key << 32 | value;
}

/* Sorts the n items of v by key, ties in their order; tmp has room for n.
 * The sorted items end in v. */
void gtd_keysort(uint64_t *v, uint64_t *tmp, size_t n);

#endif
