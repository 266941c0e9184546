/* Lookups in the generated Unicode tables (unicode_tables.c). */
#include "gotypedb/unicode.h"
#include "unicode_tables.h"

/* Whether r lies in one of the sorted, disjoint ranges t[0:n]. */
static int in_ranges(const struct gtd_rune_range *t, size_t n, uint32_t r)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r < t[mid].lo)
			hi = mid;
		else if (r > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int gtd_unicode_is_upper_nonascii(uint32_t r)
{
	return in_ranges(gtd_unicode_upper, gtd_unicode_upper_len, r);
}

int gtd_unicode_is_print_nonascii(uint32_t r)
{
	return in_ranges(gtd_unicode_print, gtd_unicode_print_len, r);
}
