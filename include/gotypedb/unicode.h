/* Go's unicode.IsUpper and unicode.IsPrint, from tables generated from Go's
 * unicode package (src/base/unicode_tables.c names the Go release and the
 * Unicode version), so that exportedness (go/token.IsExported) and quoting
 * (strconv.Quote) agree with Go for every code point, not only ASCII. */
#ifndef GOTYPEDB_UNICODE_H
#define GOTYPEDB_UNICODE_H

#include <stdint.h>

/* The tables' answers for r >= 0x80 (binary searches). */
int gtd_unicode_is_upper_nonascii(uint32_t r);
int gtd_unicode_is_print_nonascii(uint32_t r);

/* unicode.IsUpper(r): category Lu (not Lt: U+01C5 'ǅ' is not upper).
 * Inline for ASCII, which nearly every identifier starts with. */
static inline int gtd_unicode_is_upper(uint32_t r)
{
	return r < 0x80 ? r >= 'A' && r <= 'Z' : gtd_unicode_is_upper_nonascii(r);
}

/* unicode.IsPrint(r), which is strconv.IsPrint: letters, marks, numbers,
 * punctuation, symbols and U+0020; not U+00A0 or any other space.  Inline
 * for ASCII, which most quoted strings are. */
static inline int gtd_unicode_is_print(uint32_t r)
{
	return r < 0x80 ? r >= 0x20 && r < 0x7f : gtd_unicode_is_print_nonascii(r);
}

#endif
