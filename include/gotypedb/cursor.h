/* The one bounded reader for all input bytes.
 *
 * A cursor is a view [data, data+len) with a read position.  Every read checks
 * the bounds and, on failure, returns GTD_EDATA with a message naming the
 * absolute file offset (base + pos), so no decoder indexes a raw pointer and
 * every error says where in the file it happened.
 *
 * Example: a cursor over the pkgbits blob of an archive whose 'u' byte is at
 * file offset 0xd2 has base 0xd3; a short read at pos 4 reports "offset 0xd7". */
#ifndef GOTYPEDB_CURSOR_H
#define GOTYPEDB_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#include "gotypedb/error.h"

struct gtd_cursor {
	const uint8_t *data;
	size_t len;
	size_t pos;
	uint64_t base; /* file offset of data[0], only for messages */
	struct gtd_error *err;
};

void gtd_cursor_init(struct gtd_cursor *c, const uint8_t *data, size_t len,
		     uint64_t base, struct gtd_error *err);

/* A cursor over [off, off+len) of c's view, at position 0. */
int gtd_cursor_sub(const struct gtd_cursor *c, size_t off, size_t len,
		   struct gtd_cursor *sub);

static inline size_t gtd_cursor_left(const struct gtd_cursor *c)
{
	return c->len - c->pos;
}

static inline uint64_t gtd_cursor_offset(const struct gtd_cursor *c)
{
	return c->base + c->pos;
}

int gtd_cursor_seek(struct gtd_cursor *c, size_t pos);
int gtd_cursor_skip(struct gtd_cursor *c, size_t n);
int gtd_cursor_bytes(struct gtd_cursor *c, size_t n, const uint8_t **out);

int gtd_cursor_u8(struct gtd_cursor *c, uint8_t *out);
int gtd_cursor_u16le(struct gtd_cursor *c, uint16_t *out);
int gtd_cursor_u16be(struct gtd_cursor *c, uint16_t *out);
int gtd_cursor_u32le(struct gtd_cursor *c, uint32_t *out);
int gtd_cursor_u32be(struct gtd_cursor *c, uint32_t *out);
int gtd_cursor_u64le(struct gtd_cursor *c, uint64_t *out);
int gtd_cursor_u64be(struct gtd_cursor *c, uint64_t *out);

/* LEB128 as Go's encoding/binary.Uvarint: at most 10 bytes, and the 10th may
 * only be 0 or 1, else the value overflows 64 bits. */
int gtd_cursor_uvarint_slow(struct gtd_cursor *c, uint64_t *out);

/* A varint of one or two bytes at the cursor, without consuming it and
 * without failing: its length (1 or 2) with *v, or 0 when the next bytes are
 * anything else (a longer varint, or too few bytes left).  Most varints of
 * export data (reference slots, lengths, codes, indices) are this short:
 * the fast paths test with it, the full readers handle the rest. */
static inline unsigned gtd_cursor_peek_short_uvarint(const struct gtd_cursor *c, uint32_t *v)
{
	size_t left = c->len - c->pos;
	const uint8_t *p = c->data + c->pos;

	if (left >= 1 && p[0] < 0x80) {
		*v = p[0];
		return 1;
	}
	if (left >= 2 && p[1] < 0x80) {
		*v = (uint32_t)(p[0] & 0x7f) | (uint32_t)p[1] << 7;
		return 2;
	}
	return 0;
}

static inline int gtd_cursor_uvarint(struct gtd_cursor *c, uint64_t *out)
{
	uint32_t v;
	unsigned n = gtd_cursor_peek_short_uvarint(c, &v);

	if (n) {
		c->pos += n;
		*out = v;
		return 0;
	}
	return gtd_cursor_uvarint_slow(c, out);
}
/* Zig-zag signed varint as encoding/binary.Varint. */
int gtd_cursor_varint(struct gtd_cursor *c, int64_t *out);

#endif
