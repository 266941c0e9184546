/* The element reader: reference table, sync markers, primitives.
 * Each primitive follows internal/pkgbits' Decoder exactly, including the
 * sync marker that precedes it when the unit has them. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/pkgbits.h"

void gtd_reloc_buf_free(struct gtd_reloc_buf *rb)
{
	free(rb->v);
	rb->v = NULL;
	rb->cap = 0;
}

static int reloc_buf_reserve(struct gtd_reloc_buf *rb, uint32_t n, struct gtd_error *err)
{
	struct gtd_reloc *v;
	uint32_t cap = rb->cap ? rb->cap : 64;

	if (n <= rb->cap)
		return GTD_OK;
	while (cap < n)
		cap = cap > UINT32_MAX / 2 ? n : cap * 2;
	v = realloc(rb->v, (size_t)cap * sizeof *v);
	if (!v)
		return gtd_fail(err, GTD_ENOMEM, "out of memory for a %u-entry reference table", n);
	rb->v = v;
	rb->cap = cap;
	return GTD_OK;
}

/* The marker each element starts with after its reference table
 * (NewDecoder's marker argument); 0 where none is known. */
static enum gtd_sync element_marker(unsigned section, uint32_t idx)
{
	switch (section) {
	case GTD_SEC_META: return idx == 0 ? GTD_SYNC_PUBLIC : idx == 1 ? GTD_SYNC_PRIVATE : 0;
	case GTD_SEC_POSBASE: return GTD_SYNC_POSBASE;
	case GTD_SEC_PKG: return GTD_SYNC_PKGDEF;
	case GTD_SEC_NAME: case GTD_SEC_OBJ: case GTD_SEC_OBJEXT: case GTD_SEC_OBJDICT:
		return GTD_SYNC_OBJECT1;
	case GTD_SEC_TYPE: return GTD_SYNC_TYPEIDX;
	case GTD_SEC_BODY: return 0; /* FuncBody's ID is compiler-private */
	}
	return 0;
}

/* Sync(m): markerID, frame count, frames.  m == 0 accepts any marker.
 * Frames index this element's reference table. */
static int read_sync_marker(struct gtd_elem *e, enum gtd_sync want, uint32_t nrelocs)
{
	uint64_t have, nframes, frame, at = gtd_cursor_offset(&e->c);

	if (gtd_cursor_uvarint(&e->c, &have))
		return gtd_context(e->c.err, "sync marker");
	if (want && have != (uint64_t)want)
		return gtd_fail(e->c.err, GTD_EDATA,
				"offset 0x%llx: sync marker %llu where marker %d was expected",
				(unsigned long long)at, (unsigned long long)have, (int)want);
	if (gtd_cursor_uvarint(&e->c, &nframes))
		return gtd_context(e->c.err, "sync marker frame count");
	if (nframes > gtd_cursor_left(&e->c))
		return gtd_fail(e->c.err, GTD_EDATA,
				"offset 0x%llx: sync marker claims %llu frames in %zu bytes",
				(unsigned long long)at, (unsigned long long)nframes, gtd_cursor_left(&e->c));
	for (uint64_t i = 0; i < nframes; i++) {
		if (gtd_cursor_uvarint(&e->c, &frame))
			return gtd_context(e->c.err, "sync marker frame");
		if (frame >= nrelocs)
			return gtd_fail(e->c.err, GTD_EDATA,
					"offset 0x%llx: sync frame names reference %llu of %u",
					(unsigned long long)at, (unsigned long long)frame, nrelocs);
	}
	return GTD_OK;
}

/* Every primitive starts with this check: keep the common case (no sync
 * markers, since V1) a load and a branch. */
static inline int sync_marker(struct gtd_elem *e, enum gtd_sync want, uint32_t nrelocs)
{
	return e->pb->sync ? read_sync_marker(e, want, nrelocs) : GTD_OK;
}

int gtd_elem_sync_full(struct gtd_elem *e, enum gtd_sync m)
{
	return sync_marker(e, m, e->nrelocs);
}

static int raw_len_slow(struct gtd_elem *e, uint64_t max, uint64_t *out)
{
	uint64_t at = gtd_cursor_offset(&e->c);

	if (sync_marker(e, GTD_SYNC_UINT64, e->nrelocs) || gtd_cursor_uvarint(&e->c, out))
		return e->c.err->code;
	if (*out > max)
		return gtd_fail(e->c.err, GTD_EDATA, "offset 0x%llx: length %llu exceeds the limit %llu",
				(unsigned long long)at, (unsigned long long)*out,
				(unsigned long long)max);
	return GTD_OK;
}

/* A length, count or reference slot.  Without sync markers most are short
 * and within the limit: that case inline (it is most of what reading an
 * element does), the checks and messages out of line. */
static inline int raw_len(struct gtd_elem *e, uint64_t max, uint64_t *out)
{
	uint32_t v;
	unsigned n = gtd_elem_short(e, &v);

	if (n && v <= max) {
		e->c.pos += n;
		*out = v;
		return GTD_OK;
	}
	return raw_len_slow(e, max, out);
}

static int read_reloc_entry(struct gtd_elem *e, uint32_t count, struct gtd_reloc *r)
{
	uint64_t section, idx, at = gtd_cursor_offset(&e->c);

	if (sync_marker(e, GTD_SYNC_RELOC, count) ||
	    raw_len(e, UINT32_MAX, &section) || raw_len(e, UINT32_MAX, &idx))
		return e->c.err->code;
	if (section >= GTD_NUM_SECTIONS)
		return gtd_fail(e->c.err, GTD_EDATA,
				"offset 0x%llx: reference to section %llu; sections are 0-9",
				(unsigned long long)at, (unsigned long long)section);
	if (idx >= gtd_pkgbits_elems(e->pb, (unsigned)section))
		return gtd_fail(e->c.err, GTD_EDATA,
				"offset 0x%llx: reference to %s %llu, but the unit has %u",
				(unsigned long long)at, gtd_section_name((unsigned)section),
				(unsigned long long)idx, gtd_pkgbits_elems(e->pb, (unsigned)section));
	r->section = (uint32_t)section;
	r->idx = (uint32_t)idx;
	return GTD_OK;
}

/* The common entry, inline: no sync markers, a section and an index that
 * are short varints and valid.  Anything else (and every error) is left to
 * read_reloc_entry; returns 1 when the entry was read. */
static inline int short_reloc_entry(struct gtd_elem *e, struct gtd_reloc *r)
{
	struct gtd_cursor after = e->c;
	uint32_t section, idx;
	unsigned n;

	if (!(n = gtd_elem_short(e, &section)) || section >= GTD_NUM_SECTIONS)
		return 0;
	after.pos += n;
	if (!(n = gtd_cursor_peek_short_uvarint(&after, &idx)) ||
	    idx >= gtd_pkgbits_elems(e->pb, section))
		return 0;
	r->section = section;
	r->idx = idx;
	e->c.pos = after.pos + n;
	return 1;
}

static int read_relocs(struct gtd_elem *e, struct gtd_reloc_buf *rb)
{
	uint64_t count;

	/* Each entry takes at least two bytes, which bounds the count. */
	if (sync_marker(e, GTD_SYNC_RELOCS, 0) ||
	    raw_len(e, gtd_cursor_left(&e->c) / 2, &count))
		return gtd_context(e->c.err, "reference table");
	if (reloc_buf_reserve(rb, (uint32_t)count, e->c.err))
		return e->c.err->code;
	for (uint32_t i = 0; i < count; i++)
		if (!short_reloc_entry(e, &rb->v[i]) && read_reloc_entry(e, (uint32_t)count, &rb->v[i]))
			return gtd_context(e->c.err, "reference table entry %u", i);
	e->relocs = rb->v;
	e->nrelocs = (uint32_t)count;
	return GTD_OK;
}

int gtd_elem_context(const struct gtd_elem *e)
{
	return gtd_context(e->c.err, "%s %u", gtd_section_name(e->section), e->idx);
}

int gtd_elem_open(const struct gtd_pkgbits *pb, unsigned section, uint32_t idx,
		  struct gtd_reloc_buf *rb, struct gtd_elem *e)
{
	const struct gtd_elem_tables *t = pb->tables;
	uint32_t abs, off, len;

	assert(section > GTD_SEC_STRING && section < GTD_NUM_SECTIONS);
	e->pb = pb;
	e->section = section;
	e->idx = idx;
	e->relocs = NULL;
	e->nrelocs = 0;
	if (idx >= gtd_pkgbits_elems(pb, section))
		return gtd_fail(pb->err, GTD_EDATA, "%s %u does not exist (the unit has %u)",
				gtd_section_name(section), idx, gtd_pkgbits_elems(pb, section));
	abs = gtd_pkgbits_section_start(pb, section) + idx;
	gtd_pkgbits_elem_range(pb, abs, &off, &len);
	if (gtd_cursor_sub(&pb->data, off, len, &e->c))
		return gtd_elem_context(e);
	if (t && abs < t->done) {
		e->relocs = t->relocs + t->first[abs];
		e->nrelocs = t->first[abs + 1] - t->first[abs];
		e->c.pos = t->body[abs];
		return GTD_OK;
	}
	if (read_relocs(e, rb) || sync_marker(e, element_marker(section, idx), e->nrelocs))
		return gtd_elem_context(e);
	return GTD_OK;
}

int gtd_elem_tables_init(struct gtd_elem_tables *t, const struct gtd_pkgbits *pb)
{
	memset(t, 0, sizeof *t);
	t->first = malloc(((size_t)pb->nelems + 1) * sizeof *t->first);
	t->body = malloc(((size_t)pb->nelems + 1) * sizeof *t->body);
	if (!t->first || !t->body)
		return gtd_fail(pb->err, GTD_ENOMEM, "out of memory for %u elements' tables", pb->nelems);
	/* Strings come first and have no tables. */
	for (uint32_t abs = 0; abs <= gtd_pkgbits_elems(pb, GTD_SEC_STRING); abs++)
		t->first[abs] = 0, t->body[abs] = 0;
	t->done = gtd_pkgbits_elems(pb, GTD_SEC_STRING);
	return GTD_OK;
}

int gtd_elem_tables_add(struct gtd_elem_tables *t, const struct gtd_elem *e, struct gtd_error *err)
{
	uint32_t n = e->nrelocs;

	if (n > t->cap - t->nrelocs) {
		uint32_t cap = t->cap ? t->cap : 1024;
		struct gtd_reloc *v;

		while (cap - t->nrelocs < n) {
			if (cap > UINT32_MAX / 2)
				return gtd_fail(err, GTD_ENOMEM, "more than 2^31 references in one unit");
			cap *= 2;
		}
		if (!(v = realloc(t->relocs, (size_t)cap * sizeof *v)))
			return gtd_fail(err, GTD_ENOMEM, "out of memory for %u references", cap);
		t->relocs = v;
		t->cap = cap;
	}
	for (uint32_t i = 0; i < n; i++) /* a few entries: no memcpy call */
		t->relocs[t->nrelocs + i] = e->relocs[i];
	t->nrelocs += n;
	t->body[t->done] = (uint32_t)e->c.pos;
	t->first[++t->done] = t->nrelocs;
	return GTD_OK;
}

void gtd_elem_tables_free(struct gtd_elem_tables *t)
{
	free(t->relocs);
	free(t->first);
	free(t->body);
	memset(t, 0, sizeof *t);
}

int gtd_elem_bool_full(struct gtd_elem *e, int *out)
{
	uint64_t at;
	uint8_t b;

	if (sync_marker(e, GTD_SYNC_BOOL, e->nrelocs))
		return e->c.err->code;
	at = gtd_cursor_offset(&e->c);
	if (gtd_cursor_u8(&e->c, &b))
		return e->c.err->code;
	if (b > 1)
		return gtd_fail(e->c.err, GTD_EDATA, "offset 0x%llx: bool byte is %u, not 0 or 1",
				(unsigned long long)at, b);
	*out = b;
	return GTD_OK;
}

int gtd_elem_uint64(struct gtd_elem *e, uint64_t *out)
{
	if (sync_marker(e, GTD_SYNC_UINT64, e->nrelocs))
		return e->c.err->code;
	return gtd_cursor_uvarint(&e->c, out);
}

int gtd_elem_int64(struct gtd_elem *e, int64_t *out)
{
	if (sync_marker(e, GTD_SYNC_INT64, e->nrelocs))
		return e->c.err->code;
	return gtd_cursor_varint(&e->c, out);
}

int gtd_elem_len_full(struct gtd_elem *e, uint64_t max, uint64_t *out)
{
	return raw_len(e, max, out);
}

int gtd_elem_code_full(struct gtd_elem *e, enum gtd_sync m, uint64_t *out)
{
	if (sync_marker(e, m, e->nrelocs))
		return e->c.err->code;
	return raw_len(e, UINT32_MAX, out);
}

int gtd_elem_reloc_full(struct gtd_elem *e, unsigned section, uint32_t *out)
{
	uint64_t i, at = gtd_cursor_offset(&e->c);

	if (sync_marker(e, GTD_SYNC_USE_RELOC, e->nrelocs) || raw_len(e, UINT32_MAX, &i))
		return e->c.err->code;
	if (i >= e->nrelocs)
		return gtd_fail(e->c.err, GTD_EDATA,
				"offset 0x%llx: use of reference %llu, but the table has %u entries",
				(unsigned long long)at, (unsigned long long)i, e->nrelocs);
	if (e->relocs[i].section != section)
		return gtd_fail(e->c.err, GTD_EDATA,
				"offset 0x%llx: reference %llu is to %s where %s was expected",
				(unsigned long long)at, (unsigned long long)i,
				gtd_section_name(e->relocs[i].section), gtd_section_name(section));
	*out = e->relocs[i].idx;
	return GTD_OK;
}

int gtd_elem_string(struct gtd_elem *e, struct gtd_bytes *out)
{
	uint32_t idx;

	if (sync_marker(e, GTD_SYNC_STRING, e->nrelocs) || gtd_elem_reloc(e, GTD_SEC_STRING, &idx))
		return e->c.err->code;
	return gtd_pkgbits_string(e->pb, idx, out);
}
