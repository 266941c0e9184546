/* The unit reader: header, section and element tables, fingerprint. */
#include <assert.h>
#include <string.h>

#include "gotypedb/digest.h"
#include "gotypedb/pkgbits.h"

static int read_section_ends(struct gtd_cursor *c, struct gtd_pkgbits *pb)
{
	uint32_t prev = 0;

	for (unsigned k = 0; k < GTD_NUM_SECTIONS; k++) {
		uint64_t at = gtd_cursor_offset(c);

		if (gtd_cursor_u32le(c, &pb->section_end[k]))
			return gtd_context(c->err, "section end %u (%s)", k, gtd_section_name(k));
		if (pb->section_end[k] < prev)
			return gtd_fail(c->err, GTD_EDATA,
					"offset 0x%llx: section end %u (%s) is %u, below the previous %u",
					(unsigned long long)at, k, gtd_section_name(k),
					pb->section_end[k], prev);
		prev = pb->section_end[k];
	}
	return GTD_OK;
}

/* Element ends must be non-decreasing; the last one is the data size. */
static int read_elem_ends(struct gtd_cursor *c, struct gtd_pkgbits *pb)
{
	uint32_t prev = 0;
	const uint8_t *ends;

	pb->nelems = pb->section_end[GTD_NUM_SECTIONS - 1];
	if ((size_t)pb->nelems > gtd_cursor_left(c) / 4)
		return gtd_fail(c->err, GTD_EDATA,
				"offset 0x%llx: %u elements need a %llu-byte end table, but only %zu bytes remain",
				(unsigned long long)gtd_cursor_offset(c), pb->nelems,
				4ull * pb->nelems, gtd_cursor_left(c));
	gtd_cursor_bytes(c, 4 * (size_t)pb->nelems, &ends);
	for (uint32_t i = 0; i < pb->nelems; i++) {
		uint32_t end = gtd_pkgbits_le32(ends + 4 * (size_t)i);

		if (end < prev)
			return gtd_fail(c->err, GTD_EDATA,
					"offset 0x%llx: element end %u is %u, below the previous %u",
					(unsigned long long)(c->base + (size_t)(ends - c->data) + 4 * (size_t)i),
					i, end, prev);
		prev = end;
	}
	pb->elem_end = ends;
	return GTD_OK;
}

static int read_flags(struct gtd_cursor *c, struct gtd_pkgbits *pb)
{
	if (!gtd_uir_has(pb->version, GTD_FIELD_FLAGS)) {
		pb->flags = 0;
		pb->sync = 1; /* V0 always wrote sync markers */
		return GTD_OK;
	}
	if (gtd_cursor_u32le(c, &pb->flags))
		return gtd_context(c->err, "flags");
	if (pb->flags & ~GTD_FLAG_SYNC_MARKERS)
		return gtd_fail(c->err, GTD_EUNSUPPORTED,
				"offset 0x%llx: unknown pkgbits flags 0x%x (only bit 0, sync markers, is defined)",
				(unsigned long long)(gtd_cursor_offset(c) - 4), pb->flags);
	pb->sync = (pb->flags & GTD_FLAG_SYNC_MARKERS) != 0;
	return GTD_OK;
}

/* version, flags (V1+) and section ends: the fixed part of the header. */
static int read_fixed_header(struct gtd_cursor *c, struct gtd_pkgbits *pb)
{
	uint32_t version;

	if (gtd_cursor_u32le(c, &version))
		return gtd_context(c->err, "pkgbits version");
	if (version > GTD_UIR_MAX_VERSION)
		return gtd_fail(c->err, GTD_EUNSUPPORTED,
				"offset 0x%llx: pkgbits version %u is newer than the newest this gotypedb "
				"decodes (V%d)", (unsigned long long)c->base, version, GTD_UIR_MAX_VERSION);
	pb->version = version;
	return read_flags(c, pb) || read_section_ends(c, pb) ? c->err->code : GTD_OK;
}

int gtd_pkgbits_blob_size(const struct gtd_cursor *head, gtd_read_le32_fn read_le32, void *ctx,
			  uint64_t *size)
{
	struct gtd_cursor c = *head;
	struct gtd_pkgbits pb;
	uint32_t nelems, data_len = 0;
	uint64_t ends_off;

	memset(&pb, 0, sizeof pb);
	c.pos = 0;
	if (read_fixed_header(&c, &pb))
		return c.err->code;
	nelems = pb.section_end[GTD_NUM_SECTIONS - 1];
	ends_off = gtd_cursor_offset(&c);
	if (nelems && read_le32(ctx, ends_off + 4 * ((uint64_t)nelems - 1), &data_len, c.err))
		return gtd_context(c.err, "element end %u", nelems - 1);
	*size = c.pos + 4 * (uint64_t)nelems + data_len + GTD_FINGERPRINT_SIZE;
	return GTD_OK;
}

int gtd_pkgbits_open(const struct gtd_cursor *blob, struct gtd_pkgbits *pb)
{
	struct gtd_cursor c = *blob;
	uint32_t data_len;
	size_t header_len;

	memset(pb, 0, sizeof *pb);
	pb->err = c.err;
	c.pos = 0;
	if (read_fixed_header(&c, pb) || read_elem_ends(&c, pb))
		return c.err->code;
	header_len = c.pos;
	data_len = pb->nelems ? gtd_pkgbits_le32(pb->elem_end + 4 * ((size_t)pb->nelems - 1)) : 0;
	if (gtd_cursor_left(&c) != (size_t)data_len + GTD_FINGERPRINT_SIZE)
		return gtd_fail(c.err, GTD_EDATA,
				"offset 0x%llx: element data of %u bytes plus an 8-byte fingerprint "
				"should fill the remaining %zu bytes",
				(unsigned long long)gtd_cursor_offset(&c), data_len, gtd_cursor_left(&c));
	gtd_cursor_sub(&c, header_len, data_len, &pb->data);
	pb->fingerprint = c.data + header_len + data_len;
	pb->hashed = gtd_bytes_of(c.data, header_len + data_len);
	return GTD_OK;
}

int gtd_pkgbits_fingerprint_ok(const struct gtd_pkgbits *pb, enum gtd_fingerprint_hash h)
{
	uint8_t sum[32];

	if (h == GTD_FP_MD5)
		gtd_md5(pb->hashed.p, pb->hashed.n, sum);
	else
		gtd_sha256(pb->hashed.p, pb->hashed.n, sum);
	return memcmp(sum, pb->fingerprint, GTD_FINGERPRINT_SIZE) == 0;
}

int gtd_pkgbits_string(const struct gtd_pkgbits *pb, uint32_t idx, struct gtd_bytes *out)
{
	uint32_t off, len;

	if (idx >= gtd_pkgbits_elems(pb, GTD_SEC_STRING))
		return gtd_fail(pb->err, GTD_EDATA, "String %u does not exist (the unit has %u)",
				idx, gtd_pkgbits_elems(pb, GTD_SEC_STRING));
	gtd_pkgbits_elem_range(pb, idx, &off, &len);
	*out = gtd_bytes_of(pb->data.data + off, len);
	return GTD_OK;
}
