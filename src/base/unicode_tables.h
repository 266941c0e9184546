/* The generated tables behind include/gotypedb/unicode.h. */
#ifndef GOTYPEDB_BASE_UNICODE_TABLES_H
#define GOTYPEDB_BASE_UNICODE_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* Code points lo..hi inclusive.  A table is sorted by lo; its ranges are
 * disjoint and not adjacent (each is a maximal run). */
struct gtd_rune_range {
	uint32_t lo, hi;
};

extern const struct gtd_rune_range gtd_unicode_upper[];
extern const size_t gtd_unicode_upper_len;
extern const struct gtd_rune_range gtd_unicode_print[];
extern const size_t gtd_unicode_print_len;

#endif
