/* Records: what decoders emit, as plain C values, knowing nothing of SQLite.
 *
 * A decoder calls the sink's functions in order: unit first, then the
 * unit's sections, strings, elements and references.  Byte ranges in the
 * records borrow the decoder's input and are valid only during the call;
 * a sink that keeps them must copy (ingest/batch does, store interns).
 * A non-zero return stops the decoder, which returns that code. */
#ifndef GOTYPEDB_SINK_H
#define GOTYPEDB_SINK_H

#include <stdint.h>

#include "gotypedb/bytes.h"

/* One Unified IR export-data blob and the "go object" header around it. */
struct gtd_unit_rec {
	struct gtd_bytes header;        /* the header lines before "$$B", verbatim */
	struct gtd_bytes goos, goarch, go_version, arch_variant, experiments, build_id;
	int is_main;
	uint64_t export_off;            /* file offset of the blob (after the 'u') */
	uint64_t export_size;           /* blob bytes, up to the "\n$$\n" marker */
	unsigned version;               /* pkgbits version, 0-5 */
	uint32_t flags;                 /* header flags word (0 in V0, which has none) */
	int sync_markers;
	uint8_t fingerprint[8];
	const char *fingerprint_hash;   /* "md5" or "sha256": the one that matched; NULL if unchecked */
	struct gtd_bytes pkg_path;      /* the public root's self package path */
	uint32_t elems;                 /* N, all sections */
	uint32_t data_bytes;            /* E, the element data area */
};

/* The semantic layer (uirsem.h).  First every distinct Go type the unit's
 * rows mention, with its parts, each once ("shapes", numbered from 0 in
 * emission order; a part names another shape of the same unit, possibly a
 * later one, as `type T struct{ next *T }` needs). */
enum gtd_part_role {
	GTD_PART_ELEM, GTD_PART_KEY, GTD_PART_TARG, GTD_PART_TERM, GTD_PART_EMBEDDED,
	GTD_PART_UNDERLYING, GTD_PART_BOUND, GTD_PART_FIELD, GTD_PART_PARAM, GTD_PART_RESULT,
	GTD_PART_METHOD, GTD_PART_NROLES
};

struct gtd_shape_part {
	enum gtd_part_role role;
	uint32_t idx;                   /* position among the parts of its role */
	uint32_t shape;                 /* the part's type */
	struct gtd_bytes name;          /* field, method */
	struct gtd_bytes pkg_path;      /* an unexported field's or method's package; n 0 otherwise */
	struct gtd_bytes tag;           /* field */
	uint8_t flag;                   /* field: embedded; term: tilde */
};

struct gtd_shape_rec {
	uint32_t idx;
	const char *kind;               /* typedef.kind */
	struct gtd_bytes canonical;
	struct gtd_bytes pkg_path, pkg_name, name; /* a named type's; pkg_path.p NULL: universe or unnamed */
	uint64_t len;                   /* array */
	uint32_t dir;                   /* chan: 0 both, 1 send, 2 receive */
	uint8_t variadic;               /* func */
	const struct gtd_shape_part *parts;
	uint32_t nparts;
};

/* Then one package-scope object as go/types'
 * importer sees it, with its strings rendered as go1.26.8's go/types does. */
struct gtd_object_rec {
	uint32_t idx;                   /* Obj element */
	const char *kind;               /* const, type, alias, func or var */
	struct gtd_bytes pkg_path, pkg_name, name;
	struct gtd_bytes object_string; /* types.ObjectString(obj, pkg path) */
	struct gtd_bytes value;         /* constant.Value.ExactString(); p NULL: not a constant */
	uint32_t shape;                 /* the object's type */
	uint32_t under_shape;           /* a Type's underlying type; GTD_NO_SHAPE otherwise */
	struct gtd_bytes file;          /* position: PosBase file name; n 0: none */
	uint32_t line, col;
};

/* A method of a package-scope type: declared (Named.Method(i)) or, for an
 * interface type, of its complete method set (Interface.Method(i)). */
struct gtd_method_rec {
	uint32_t obj_idx;               /* the type's Obj element */
	int interface_set;              /* 0 declared, 1 interface */
	uint32_t index;                 /* i, in go/types' order */
	struct gtd_bytes name, object_string;
};

/* A global (non-derived) Type element and the type it denotes. */
struct gtd_type_rec {
	uint32_t idx;
	uint32_t shape;
};

#define GTD_NO_SHAPE UINT32_MAX

struct gtd_sink {
	void *ctx;
	int (*unit)(void *ctx, const struct gtd_unit_rec *u);
	int (*section)(void *ctx, unsigned section, uint32_t elems, uint32_t bytes);
	int (*string)(void *ctx, uint32_t idx, struct gtd_bytes text);
	int (*element)(void *ctx, unsigned section, uint32_t idx, uint32_t off, uint32_t len);
	int (*ref)(void *ctx, unsigned section, uint32_t idx, uint32_t slot,
		   unsigned ref_section, uint32_t ref_idx);
	/* Semantic records, after every raw one; NULL: not wanted (the
	 * semantic layer is then not built). */
	int (*shape)(void *ctx, const struct gtd_shape_rec *s);
	int (*object)(void *ctx, const struct gtd_object_rec *o);
	int (*method)(void *ctx, const struct gtd_method_rec *m);
	int (*type)(void *ctx, const struct gtd_type_rec *t);
};

#endif
