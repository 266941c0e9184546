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
 * later one, as `struct{ next *T }` in T's declaration needs).  A shape's
 * parts are what its canonical string determines (src/gotype/shapes.c). */
enum gtd_part_role {
	GTD_PART_ELEM, GTD_PART_KEY, GTD_PART_TARG, GTD_PART_TERM, GTD_PART_EMBEDDED,
	GTD_PART_BOUND, GTD_PART_FIELD, GTD_PART_PARAM, GTD_PART_RESULT,
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

/* The runtime side (rtype.h): a Go binary, its build information, its
 * modules and every type descriptor, name, method, field, interface
 * method, parameter, itab and typelink the walk from a module's tables
 * reaches.  Offsets are as the binary holds them: "off" is from the
 * module's types, "_off" fields NameOffs and TypeOffs (from types), ifn
 * and tfn TextOffs (from text); -1 (or GTD_RT_NONE) where there is none.
 * A module's shapes (each a gtd_shape_rec) come before its descriptors
 * (gtd_rtype_rec), whose shape gives their typeid; its other records (names,
 * methods, fields, parameters, interface methods, itabs, typelinks) come
 * after its module record, and in a sink with records_done before the
 * shapes, then records_done, else after the shapes. */
#define GTD_RT_NONE INT64_MIN

struct gtd_binary_rec {
	const char *format, *goos, *goarch, *image; /* image: exec, pie or library */
	unsigned ptr_size;
	int big_endian;
	struct gtd_bytes go_version;    /* "go1.26.8"; n 0: none found */
	const char *version_source;     /* "buildinfo", "runtime.buildVersion" or NULL */
	struct gtd_bytes main_path;     /* the build info's "path" line; n 0: none */
	struct gtd_bytes modinfo;       /* the build info's module text, verbatim; n 0: none */
};

/* A line of the build info's module text: 'mod' (the main module), 'dep'
 * or, for the line after one of those, '=>' (its replacement). */
struct gtd_build_dep_rec {
	uint32_t idx;
	const char *kind;
	struct gtd_bytes path, version, sum;
};

struct gtd_build_setting_rec {
	uint32_t idx;
	struct gtd_bytes key, value;
};

struct gtd_module_rec {
	uint32_t ordinal;
	const char *kind;               /* exe, pie, c-shared, plugin */
	const char *found;              /* symbol, section or scan: how moduledata was found */
	const char *layout;             /* the moduledata layout read ("go1.26") */
	struct gtd_bytes path;          /* pluginpath, else modulename; n 0: none */
	uint64_t addr;                  /* of moduledata */
	uint64_t types, etypes, text, etext;
	int64_t typedesclen, itaboffset, itabsize; /* 1.27; GTD_RT_NONE before */
	uint32_t ntypelinks, nitabs;
};

struct gtd_rtype_rec {
	uint32_t off;
	uint32_t shape;                 /* its Go type, for the typeid */
	uint64_t size, ptrdata;
	uint32_t hash;
	uint8_t tflag, align, fieldalign, kind_byte, kind;
	int32_t str_off, ptrtothis_off;
	uint32_t bytes;                 /* the descriptor's bytes: kind struct, uncommon, arrays, methods */
	struct gtd_bytes string;        /* reflect's String() */
	struct gtd_bytes name;          /* reflect's Name(); n 0: unnamed */
	int64_t uncommon_pkgpath_off;   /* GTD_RT_NONE: no uncommon type */
	uint32_t mcount, xcount, moff;
	int64_t kind_pkgpath_off;       /* struct, interface: their PkgPath name; GTD_RT_NONE: none */
	int64_t elem_off, key_off;      /* from types; GTD_RT_NONE where the kind has none */
	int64_t len;                    /* array; GTD_RT_NONE otherwise */
	int64_t dir;                    /* chan: 1 recv, 2 send, 3 both */
	int64_t in_count, out_count;    /* func */
	int variadic;
};

struct gtd_rname_rec {
	int32_t off;
	uint8_t flags;
	struct gtd_bytes name;
	struct gtd_bytes tag;           /* p NULL: none */
	int64_t pkgpath_off;            /* GTD_RT_NONE: none */
};

struct gtd_rmethod_rec {
	uint32_t type_off, idx;
	int32_t name_off, mtyp_off, ifn, tfn;
};

struct gtd_rfield_rec {
	uint32_t type_off, idx;
	int32_t name_off;
	uint32_t typ_off;
	uint64_t offset;
	int embedded;
};

struct gtd_rimethod_rec {
	uint32_t type_off, idx;
	int32_t name_off, typ_off;
};

struct gtd_rparam_rec {
	uint32_t type_off, idx;
	int out;
	uint32_t typ_off;
};

struct gtd_itab_rec {
	uint32_t idx;
	uint64_t addr;
	int64_t off;                    /* from types; GTD_RT_NONE outside */
	uint32_t inter_off, type_off;
	uint32_t hash, nfun;
	uint64_t fun0;
};

struct gtd_typelink_rec {
	uint32_t idx, type_off;
};

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
	/* The runtime side's records (NULL for a decoder of export data). */
	int (*binary)(void *ctx, const struct gtd_binary_rec *b);
	int (*build_dep)(void *ctx, const struct gtd_build_dep_rec *d);
	int (*build_setting)(void *ctx, const struct gtd_build_setting_rec *s);
	int (*module)(void *ctx, const struct gtd_module_rec *m);
	int (*rtype)(void *ctx, const struct gtd_rtype_rec *t);
	int (*rname)(void *ctx, const struct gtd_rname_rec *n);
	int (*rmethod)(void *ctx, const struct gtd_rmethod_rec *m);
	int (*rfield)(void *ctx, const struct gtd_rfield_rec *f);
	int (*rimethod)(void *ctx, const struct gtd_rimethod_rec *m);
	int (*rparam)(void *ctx, const struct gtd_rparam_rec *p);
	int (*itab)(void *ctx, const struct gtd_itab_rec *i);
	int (*typelink)(void *ctx, const struct gtd_typelink_rec *t);
	/* A module's records but its shapes and descriptors are all there
	 * (what is still to come needs the Go types, the longer part of the
	 * decode); NULL: not wanted (the shapes come first). */
	int (*records_done)(void *ctx);
};

#endif
