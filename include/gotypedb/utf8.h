#ifndef GOTYPEDB_UTF8_H
#define GOTYPEDB_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* 1 if p[0:n] is well-formed UTF-8 (no overlongs, surrogates or values
 * above U+10FFFF), as Go's utf8.Valid. */
int gtd_utf8_valid(const uint8_t *p, size_t n);
/* Decodes the rune at p[0:n] (n > 0): its width, or 0 if ill-formed. */
size_t gtd_utf8_decode(const uint8_t *p, size_t n, uint32_t *rune);

#endif
