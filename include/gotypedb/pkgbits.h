/* pkgbits, the Unified IR bitstream: versions, the unit header and the
 * element reader.
 *
 * Mirrors the two scopes of Go's internal/pkgbits: struct gtd_pkgbits owns the
 * file-level tables (PkgDecoder), struct gtd_elem reads one element
 * (Decoder): its reference table, then primitives.  Version differences are
 * data: gtd_uir_has(version, FIELD) is the only way code asks about them.
 *
 * Blob layout (all header integers little-endian uint32):
 *   version | flags (V1+) | section_end[10] | elem_end[N] | data[E] | fingerprint[8]
 * where N = section_end[9] and E = elem_end[N-1].  Section k holds absolute
 * element indices [section_end[k-1], section_end[k]) (0 for k = 0); element
 * I's bytes are data[elem_end[I-1] : elem_end[I]] (start 0 for I = 0). */
#ifndef GOTYPEDB_PKGBITS_H
#define GOTYPEDB_PKGBITS_H

#include <assert.h>
#include <stdint.h>

#include "gotypedb/bytes.h"
#include "gotypedb/cursor.h"

/* ---- versions -------------------------------------------------------- */

#define GTD_UIR_MAX_VERSION 5 /* newer versions are rejected, never guessed */

enum gtd_uir_field {
	GTD_FIELD_FLAGS,                  /* V1+: header flags word (V0: sync markers always on) */
	GTD_FIELD_PKG_HEIGHT,             /* V0 only: Pkg element has a height after its name */
	GTD_FIELD_HAS_INIT,               /* V0-V1: public root bool */
	GTD_FIELD_DERIVED_FUNC_INSTANCE,  /* V0-V1: bool at the start of every object use */
	GTD_FIELD_DERIVED_INFO_NEEDED,    /* V0-V1: bool after each ObjDict derived reloc */
	GTD_FIELD_ALIAS_TYPE_PARAM_NAMES, /* V2+: ObjAlias has type-parameter names */
	GTD_FIELD_COMPACT_COMP_LITERALS,  /* V3+: Body-only change */
	GTD_FIELD_GENERIC_METHODS,        /* V4+: generic methods are Obj elements */
	GTD_FIELD_PRESERVE_METHOD_ORDER,  /* V5+: methods carry their source index */
	GTD_NUM_FIELDS
};

int gtd_uir_has(unsigned version, enum gtd_uir_field f);

/* ---- sections and sync markers --------------------------------------- */

enum gtd_section {
	GTD_SEC_STRING, GTD_SEC_META, GTD_SEC_POSBASE, GTD_SEC_PKG, GTD_SEC_NAME,
	GTD_SEC_TYPE, GTD_SEC_OBJ, GTD_SEC_OBJEXT, GTD_SEC_OBJDICT, GTD_SEC_BODY,
	GTD_NUM_SECTIONS
};

const char *gtd_section_name(unsigned section);

/* The public markers, IDs 1-29 ("known to go/types importers").  IDs above
 * 29 are compiler-private and differ between releases. */
enum gtd_sync {
	GTD_SYNC_EOF = 1, GTD_SYNC_BOOL, GTD_SYNC_INT64, GTD_SYNC_UINT64, GTD_SYNC_STRING,
	GTD_SYNC_VALUE, GTD_SYNC_VAL, GTD_SYNC_RELOCS, GTD_SYNC_RELOC, GTD_SYNC_USE_RELOC,
	GTD_SYNC_PUBLIC, GTD_SYNC_POS, GTD_SYNC_POSBASE, GTD_SYNC_OBJECT, GTD_SYNC_OBJECT1,
	GTD_SYNC_PKG, GTD_SYNC_PKGDEF, GTD_SYNC_METHOD, GTD_SYNC_TYPE, GTD_SYNC_TYPEIDX,
	GTD_SYNC_TYPE_PARAM_NAMES, GTD_SYNC_SIGNATURE, GTD_SYNC_PARAMS, GTD_SYNC_PARAM,
	GTD_SYNC_CODE_OBJ, GTD_SYNC_SYM, GTD_SYNC_LOCAL_IDENT, GTD_SYNC_SELECTOR,
	GTD_SYNC_PRIVATE,
};

/* ---- the unit (PkgDecoder) ------------------------------------------- */

#define GTD_FINGERPRINT_SIZE 8
#define GTD_FLAG_SYNC_MARKERS 1u

enum gtd_fingerprint_hash { GTD_FP_MD5, GTD_FP_SHA256 };

struct gtd_elem_tables;

struct gtd_pkgbits {
	unsigned version;
	uint32_t flags;
	int sync;                                /* sync markers are present */
	uint32_t section_end[GTD_NUM_SECTIONS];  /* cumulative element counts */
	uint32_t nelems;                         /* N = section_end[9] */
	const uint8_t *elem_end;                 /* N little-endian uint32s, validated */
	struct gtd_cursor data;                  /* the E bytes of element data */
	const uint8_t *fingerprint;              /* the last 8 bytes of the blob */
	struct gtd_bytes hashed;                 /* version .. end of data: what the fingerprint hashes */
	const struct gtd_elem_tables *tables;    /* every element's table, once read (or NULL) */
	struct gtd_error *err;
};

/* Reads and validates the header, element table and total length. */
int gtd_pkgbits_open(const struct gtd_cursor *blob, struct gtd_pkgbits *pb);

/* Reads the little-endian uint32 at file offset off (an error names it). */
typedef int (*gtd_read_le32_fn)(void *ctx, uint64_t off, uint32_t *v, struct gtd_error *err);

/* The blob's length as its header states it, before the blob is read: the
 * fixed header (version, flags, section ends) from head, a cursor on the
 * blob's first GTD_PKGBITS_FIXED_HEADER_MAX bytes (or all of it, if
 * shorter), and the last element end, elem_end[N-1], through read_le32 (it
 * may lie far past head).  Fails as gtd_pkgbits_open would on the same
 * bytes (a version above GTD_UIR_MAX_VERSION is GTD_EUNSUPPORTED); the
 * element ends between are checked only when the blob is opened. */
#define GTD_PKGBITS_FIXED_HEADER_MAX (4 + 4 + 4 * GTD_NUM_SECTIONS)
int gtd_pkgbits_blob_size(const struct gtd_cursor *head, gtd_read_le32_fn read_le32, void *ctx,
			  uint64_t *size);

/* 1 if the fingerprint equals the first 8 bytes of hash(version..data). */
int gtd_pkgbits_fingerprint_ok(const struct gtd_pkgbits *pb, enum gtd_fingerprint_hash h);

static inline uint32_t gtd_pkgbits_section_start(const struct gtd_pkgbits *pb, unsigned s)
{
	return s == 0 ? 0 : pb->section_end[s - 1];
}

static inline uint32_t gtd_pkgbits_elems(const struct gtd_pkgbits *pb, unsigned s)
{
	return pb->section_end[s] - gtd_pkgbits_section_start(pb, s);
}

/* A little-endian uint32 of the header tables (already bounds-checked). */
static inline uint32_t gtd_pkgbits_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Byte range of absolute element abs in the data area.  elem_end was read
 * through the bounded reader and validated by gtd_pkgbits_open; callers pass
 * abs < nelems (an invariant of the code, not a property of the input).
 * Inline: every element open starts with it. */
static inline void gtd_pkgbits_elem_range(const struct gtd_pkgbits *pb, uint32_t abs,
					  uint32_t *off, uint32_t *len)
{
	uint32_t start = abs == 0 ? 0 : gtd_pkgbits_le32(pb->elem_end + 4 * ((size_t)abs - 1));

	assert(abs < pb->nelems);
	*off = start;
	*len = gtd_pkgbits_le32(pb->elem_end + 4 * (size_t)abs) - start;
}

/* The raw bytes of String element idx (section-local). */
int gtd_pkgbits_string(const struct gtd_pkgbits *pb, uint32_t idx, struct gtd_bytes *out);

/* ---- one element (Decoder) ------------------------------------------- */

struct gtd_reloc {
	uint32_t section;
	uint32_t idx; /* section-local, < gtd_pkgbits_elems(pb, section) */
};

/* Growable scratch for reference tables, reused across elements. */
struct gtd_reloc_buf {
	struct gtd_reloc *v;
	uint32_t cap;
};

void gtd_reloc_buf_free(struct gtd_reloc_buf *rb);

struct gtd_elem {
	const struct gtd_pkgbits *pb;
	unsigned section;
	uint32_t idx;                 /* section-local */
	struct gtd_cursor c;          /* the element's bytes */
	const struct gtd_reloc *relocs;
	uint32_t nrelocs;
};

/* Opens element idx of section (not String): reads its reference table into
 * rb and checks the element's own sync marker.  With pb->tables set and the
 * element in them, takes both from there instead. */
int gtd_elem_open(const struct gtd_pkgbits *pb, unsigned section, uint32_t idx,
		  struct gtd_reloc_buf *rb, struct gtd_elem *e);

/* Every element's reference table as one walk over all of them read it, so
 * that a second open of an element (the semantic decoder opens most of them
 * after the raw layer's walk) is a lookup.  Elements are added in absolute
 * order; those below `done` are in.  Attach with pb->tables once complete. */
struct gtd_elem_tables {
	struct gtd_reloc *relocs; /* every table, back to back */
	uint32_t *first;          /* element abs's table: relocs[first[abs] .. first[abs+1]) */
	uint32_t *body;           /* where element abs's body starts, after table and marker */
	uint32_t nrelocs, cap, done;
};

/* Allocates for pb's elements and adds its Strings (raw bytes, no tables). */
int gtd_elem_tables_init(struct gtd_elem_tables *t, const struct gtd_pkgbits *pb);
/* Adds element `done`, just opened as e. */
int gtd_elem_tables_add(struct gtd_elem_tables *t, const struct gtd_elem *e, struct gtd_error *err);
void gtd_elem_tables_free(struct gtd_elem_tables *t);

int gtd_elem_uint64(struct gtd_elem *e, uint64_t *out);
int gtd_elem_int64(struct gtd_elem *e, int64_t *out);
int gtd_elem_string(struct gtd_elem *e, struct gtd_bytes *out);

/* The primitives every element is mostly made of.  Each has an inline path
 * for the common case (no sync markers, a short value that is valid) and
 * the full reader out of line, which checks everything and says what is
 * wrong: they read and reject exactly the same bytes. */
int gtd_elem_sync_full(struct gtd_elem *e, enum gtd_sync m);
int gtd_elem_bool_full(struct gtd_elem *e, int *out);
int gtd_elem_len_full(struct gtd_elem *e, uint64_t max, uint64_t *out);
int gtd_elem_code_full(struct gtd_elem *e, enum gtd_sync m, uint64_t *out);
int gtd_elem_reloc_full(struct gtd_elem *e, unsigned section, uint32_t *out);

/* The short varint at the cursor when it can be the whole value: no sync
 * marker may precede it (gtd_cursor_peek_short_uvarint says the rest). */
static inline unsigned gtd_elem_short(const struct gtd_elem *e, uint32_t *v)
{
	return e->pb->sync ? 0 : gtd_cursor_peek_short_uvarint(&e->c, v);
}

static inline int gtd_elem_sync(struct gtd_elem *e, enum gtd_sync m)
{
	return e->pb->sync ? gtd_elem_sync_full(e, m) : 0;
}

/* A bool is one byte, 0 or 1. */
static inline int gtd_elem_bool(struct gtd_elem *e, int *out)
{
	uint32_t v;

	if (gtd_elem_short(e, &v) == 1 && v <= 1) {
		e->c.pos++;
		*out = (int)v;
		return 0;
	}
	return gtd_elem_bool_full(e, out);
}

/* A Len: a uint64 that is also a count, bounded by the element's bytes left
 * unless the caller passes a tighter max. */
static inline int gtd_elem_len(struct gtd_elem *e, uint64_t max, uint64_t *out)
{
	uint32_t v;
	unsigned n = gtd_elem_short(e, &v);

	if (n && v <= max) {
		e->c.pos += n;
		*out = v;
		return 0;
	}
	return gtd_elem_len_full(e, max, out);
}

static inline int gtd_elem_code(struct gtd_elem *e, enum gtd_sync m, uint64_t *out)
{
	uint32_t v;
	unsigned n = gtd_elem_short(e, &v);

	if (n) {
		e->c.pos += n;
		*out = v;
		return 0;
	}
	return gtd_elem_code_full(e, m, out);
}

/* Reloc(section): a use of the reference table; returns the target's
 * section-local index after checking that the entry's section matches. */
static inline int gtd_elem_reloc(struct gtd_elem *e, unsigned section, uint32_t *out)
{
	uint32_t i;
	unsigned n = gtd_elem_short(e, &i);

	if (n && i < e->nrelocs && e->relocs[i].section == section) {
		e->c.pos += n;
		*out = e->relocs[i].idx;
		return 0;
	}
	return gtd_elem_reloc_full(e, section, out);
}

/* Context for an error inside e: "Type 12 (offset 0x1a2)". */
int gtd_elem_context(const struct gtd_elem *e);

#endif
