#include <string.h>

#include "gotypedb/utf8.h"

size_t gtd_utf8_decode(const uint8_t *p, size_t n, uint32_t *rune)
{
	uint8_t b = p[0];
	size_t need;
	uint32_t cp, min;

	if (b < 0x80) {
		*rune = b;
		return 1;
	}
	if ((b & 0xe0) == 0xc0) {
		need = 1; cp = b & 0x1f; min = 0x80;
	} else if ((b & 0xf0) == 0xe0) {
		need = 2; cp = b & 0x0f; min = 0x800;
	} else if ((b & 0xf8) == 0xf0) {
		need = 3; cp = b & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n - 1 < need)
		return 0;
	for (size_t k = 1; k <= need; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*rune = cp;
	return need + 1;
}

int gtd_utf8_valid(const uint8_t *p, size_t n)
{
	uint32_t r;
	size_t i = 0;

	/* Go's names are ASCII but for a few: 8 bytes a step while no byte
	 * has its high bit set, rune by rune from the first that has */
	for (uint64_t w8; i + 8 <= n; i += 8) {
		memcpy(&w8, p + i, 8);
		if (w8 & 0x8080808080808080u)
			break;
	}
	for (size_t w; i < n; i += w)
		if ((w = gtd_utf8_decode(p + i, n - i, &r)) == 0)
			return 0;
	return 1;
}
