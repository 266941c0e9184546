/* Allocation that faults its pages in by writing. */
#ifndef GOTYPEDB_ALLOC_H
#define GOTYPEDB_ALLOC_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* calloc, but the zeros are written.  calloc leaves fresh pages untouched;
 * a hash table's probes then read them first, which maps the kernel's zero
 * page, and the first store into each page costs a second, copy-on-write
 * fault with a TLB flush on every core running one of our threads.  (GCC
 * turns malloc + memset into calloc: the empty asm hides the pointer's
 * origin from it.) */
static inline void *gtd_alloc_zeroed(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		return NULL;
	if (!(p = malloc(n * size)))
		return NULL;
	__asm__ volatile("" : "+r"(p));
	memset(p, 0, n * size);
	return p;
}

#endif
