#include <string.h>

#include "gotypedb/cursor.h"

void gtd_cursor_init(struct gtd_cursor *c, const uint8_t *data, size_t len,
		     uint64_t base, struct gtd_error *err)
{
	c->data = data;
	c->len = len;
	c->pos = 0;
	c->base = base;
	c->err = err;
}

static int short_read(const struct gtd_cursor *c, size_t need)
{
	return gtd_fail(c->err, GTD_EDATA,
			"offset 0x%llx: unexpected end of data (need %zu bytes, %zu left)",
			(unsigned long long)gtd_cursor_offset(c), need, gtd_cursor_left(c));
}

int gtd_cursor_sub(const struct gtd_cursor *c, size_t off, size_t len,
		   struct gtd_cursor *sub)
{
	if (off > c->len || len > c->len - off)
		return gtd_fail(c->err, GTD_EDATA,
				"offset 0x%llx: range of %zu bytes at +%zu is outside the %zu-byte view",
				(unsigned long long)c->base, len, off, c->len);
	gtd_cursor_init(sub, c->data + off, len, c->base + off, c->err);
	return GTD_OK;
}

int gtd_cursor_seek(struct gtd_cursor *c, size_t pos)
{
	if (pos > c->len)
		return gtd_fail(c->err, GTD_EDATA,
				"offset 0x%llx: position %zu is beyond the %zu-byte view",
				(unsigned long long)c->base, pos, c->len);
	c->pos = pos;
	return GTD_OK;
}

int gtd_cursor_skip(struct gtd_cursor *c, size_t n)
{
	if (n > gtd_cursor_left(c))
		return short_read(c, n);
	c->pos += n;
	return GTD_OK;
}

int gtd_cursor_bytes(struct gtd_cursor *c, size_t n, const uint8_t **out)
{
	if (n > gtd_cursor_left(c))
		return short_read(c, n);
	*out = c->data + c->pos;
	c->pos += n;
	return GTD_OK;
}

int gtd_cursor_u8(struct gtd_cursor *c, uint8_t *out)
{
	if (gtd_cursor_left(c) < 1)
		return short_read(c, 1);
	*out = c->data[c->pos++];
	return GTD_OK;
}

/* Fixed-width reads assemble bytes explicitly: no alignment or host-order
 * assumptions. */
static int fixed(struct gtd_cursor *c, size_t n, int big_endian, uint64_t *out)
{
	const uint8_t *p;
	uint64_t v = 0;
	size_t i;

	if (n > gtd_cursor_left(c))
		return short_read(c, n);
	p = c->data + c->pos;
	for (i = 0; i < n; i++) {
		size_t k = big_endian ? i : n - 1 - i;
		v = (v << 8) | p[k];
	}
	c->pos += n;
	*out = v;
	return GTD_OK;
}

int gtd_cursor_u16le(struct gtd_cursor *c, uint16_t *out)
{
	uint64_t v = 0;
	int rc = fixed(c, 2, 0, &v);

	if (rc == GTD_OK)
		*out = (uint16_t)v;
	return rc;
}

int gtd_cursor_u16be(struct gtd_cursor *c, uint16_t *out)
{
	uint64_t v = 0;
	int rc = fixed(c, 2, 1, &v);

	if (rc == GTD_OK)
		*out = (uint16_t)v;
	return rc;
}

int gtd_cursor_u32le(struct gtd_cursor *c, uint32_t *out)
{
	uint64_t v = 0;
	int rc = fixed(c, 4, 0, &v);

	if (rc == GTD_OK)
		*out = (uint32_t)v;
	return rc;
}

int gtd_cursor_u32be(struct gtd_cursor *c, uint32_t *out)
{
	uint64_t v = 0;
	int rc = fixed(c, 4, 1, &v);

	if (rc == GTD_OK)
		*out = (uint32_t)v;
	return rc;
}

int gtd_cursor_u64le(struct gtd_cursor *c, uint64_t *out)
{
	return fixed(c, 8, 0, out);
}

int gtd_cursor_u64be(struct gtd_cursor *c, uint64_t *out)
{
	return fixed(c, 8, 1, out);
}

int gtd_cursor_uvarint_slow(struct gtd_cursor *c, uint64_t *out)
{
	uint64_t v = 0;
	size_t start = c->pos;
	uint8_t b;

	/* Bytes 1-9 carry 7 bits each; the 10th may only be 0 or 1. */
	for (unsigned i = 0;; i++) {
		if (c->pos >= c->len) {
			c->pos = start;
			return gtd_fail(c->err, GTD_EDATA,
					"offset 0x%llx: varint runs past the end of data",
					(unsigned long long)(c->base + start));
		}
		b = c->data[c->pos++];
		if (i == 9 && b > 1) {
			c->pos = start;
			return gtd_fail(c->err, GTD_EDATA,
					"offset 0x%llx: varint overflows 64 bits",
					(unsigned long long)(c->base + start));
		}
		v |= (uint64_t)(b & 0x7f) << (7 * i);
		if (b < 0x80)
			break;
	}
	*out = v;
	return GTD_OK;
}

int gtd_cursor_varint(struct gtd_cursor *c, int64_t *out)
{
	uint64_t u;
	int rc = gtd_cursor_uvarint(c, &u);

	if (rc)
		return rc;
	/* Go: x := int64(ux >> 1); if ux&1 != 0 { x = ^x } */
	*out = (u & 1) ? (int64_t)~(u >> 1) : (int64_t)(u >> 1);
	return GTD_OK;
}
