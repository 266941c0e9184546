#include <string.h>

#include "gotypedb/keysort.h"

void gtd_keysort(uint64_t *v, uint64_t *tmp, size_t n)
{
	uint64_t *from = v, *to = tmp, *swap;

	for (unsigned shift = 32; shift < 64; shift += 8) {
		size_t count[256] = { 0 }, at = 0;

		for (size_t i = 0; i < n; i++)
			count[(from[i] >> shift) & 0xff]++;
		/* a byte all keys share (the high ones of small offsets)
		 * orders nothing */
		if (n && count[(from[0] >> shift) & 0xff] == n)
			continue;
		for (unsigned d = 0; d < 256; d++) {
			size_t c = count[d];

			count[d] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
}
