/* Helpers for the unit tests: a byte-buffer writer and a pkgbits unit
 * builder that encodes exactly as Go's internal/pkgbits Encoder does, so
 * tests can state hand-written vectors at the level of the format.
 *
 * What each version's bitstream holds is written down here once per
 * version (t_layouts), from the Go release that wrote it, and never asked
 * of the version table under test (gtd_uir_has): a wrong entry there then
 * makes the decoder misread a unit written from its layout. */
#ifndef GOTYPEDB_TESTLIB_H
#define GOTYPEDB_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

struct tbuf {
	uint8_t *p;
	size_t n, cap;
};

void tb_bytes(struct tbuf *b, const void *p, size_t n);
void tb_str(struct tbuf *b, const char *s);
void tb_u8(struct tbuf *b, uint8_t v);
void tb_u32le(struct tbuf *b, uint32_t v);
void tb_uvarint(struct tbuf *b, uint64_t v);
void tb_free(struct tbuf *b);

/* What one pkgbits version's bitstream holds beyond the primitives, as
 * the Go release that wrote it encodes it (testlib.c cites the code).
 * Each member is one version-dependent piece of the layout; 1 = present. */
struct tlayout {
	unsigned version;
	const char *writer;          /* the release the row was read from */
	uint8_t flags_word;          /* header: a flags uint32 after the version */
	uint8_t sync_always;         /* sync markers whatever the flags (V0 has none) */
	uint8_t sha256;              /* fingerprint: SHA-256, else MD5 (a release's, not a version's) */
	uint8_t private_root;        /* final export data: Meta 1, the private root */
	uint8_t root_has_init;       /* public root: Bool hasInit after the package */
	uint8_t objuse_dfi;          /* object use: Bool derivedFuncInstance first */
	uint8_t pkg_height;          /* Pkg: Len height after the name */
	uint8_t dict_needed;         /* ObjDict: Bool needed after each derived type */
	uint8_t dict_tail_go121;     /* ObjDict tail: go1.21+'s shape lists, else go1.19's funcs and itabs */
	uint8_t alias_tparams;       /* ObjAlias: its type-parameter names */
	uint8_t compact_comp_literals; /* Body: composite-literal element lists (public sections unchanged) */
	uint8_t generic_methods;     /* ObjDict receivers, ObjFunc Bool, ObjType generic-method list */
	uint8_t method_index;        /* method records and generic methods: Len source index */
};

#define T_NUM_VERSIONS 6
extern const struct tlayout t_layouts[T_NUM_VERSIONS];

/* One element being written: its reference table and its payload. */
#define T_MAX_RELOCS 64
struct telem {
	const struct tlayout *lay; /* the unit's version (copied from the unit) */
	int sync;          /* write sync markers (copied from the unit) */
	unsigned nrelocs;
	unsigned reloc_section[T_MAX_RELOCS], reloc_idx[T_MAX_RELOCS];
	struct tbuf data;  /* payload after the reference table */
};

void te_sync(struct telem *e, unsigned marker);
void te_bool(struct telem *e, int v);
void te_uint64(struct telem *e, uint64_t v);
void te_len(struct telem *e, uint64_t v);
void te_int64(struct telem *e, int64_t v);
/* Reloc(section, idx): adds (or reuses) a table entry and writes its use. */
void te_reloc(struct telem *e, unsigned section, unsigned idx);
void te_string(struct telem *e, unsigned string_idx);
void te_code(struct telem *e, unsigned marker, uint64_t v);

/* The composite pieces of the public sections (uir-format.md §4), each as
 * Go's noder/writer.go writes it, the version-dependent parts from e->lay.
 * Positions are in PosBase 0, the unit's one file. */
struct tti {               /* a type use (typInfo) */
	int derived;
	unsigned idx;      /* derived: slot of the dictionary; else Type element */
};
struct tvar {              /* a parameter or result (param) */
	unsigned line, col, pkg, name; /* name: String element */
	struct tti type;
};
#define TTI(i) ((struct tti){ 0, (i) })
#define TDERIVED(i) ((struct tti){ 1, (i) })

void te_pos(struct telem *e, unsigned line, unsigned col);
void te_pkgref(struct telem *e, unsigned pkg);
/* selector, localIdent, qualifiedIdent: [Sync(marker)] pkgRef String */
void te_ident(struct telem *e, unsigned marker, unsigned pkg, unsigned name);
void te_typeinfo(struct telem *e, struct tti t);
void te_objuse(struct telem *e, unsigned obj, unsigned ntargs, const struct tti *targs);
/* Type-parameter names: Sync(TypeParamNames) {Pos localIdent}; vars'
 * types are not written. */
void te_tparam_names(struct telem *e, unsigned n, const struct tvar *names);
void te_param(struct telem *e, const struct tvar *v);
void te_signature(struct telem *e, unsigned np, const struct tvar *params, unsigned nr,
		  const struct tvar *results, int variadic);
/* A method: a record of an ObjType element (writer.go method), or a
 * generic method's own Obj element (V4+, writer.go doObj). */
struct tmethod {
	unsigned source_index;       /* its place among the type's methods in the source */
	unsigned line, col, pkg, name;
	unsigned nrtparams, ntparams;
	const struct tvar *rtparams; /* the receiver's type parameters */
	const struct tvar *tparams;  /* a generic method's own */
	struct tvar recv;
	unsigned np, nr;
	const struct tvar *params, *results;
};
void te_method(struct telem *e, const struct tmethod *m);
void te_generic_method(struct telem *e, const struct tmethod *m);
/* An ObjDict element (writer.go objDict) with empty compiler-private
 * lists; every bound is `any` (IsMethodSet true). */
void te_objdict(struct telem *e, unsigned nreceivers, const struct tti *rbounds, unsigned nexplicits,
		const struct tti *bounds, unsigned nderived, const unsigned *derived);

#define T_MAX_ELEMS 64
struct tunit {
	const struct tlayout *lay;
	unsigned version;
	uint32_t flags;
	int sync;
	int sha256;                     /* fingerprint hash: SHA-256, else MD5 */
	unsigned nelems[10];
	struct tbuf strings[T_MAX_ELEMS];   /* section 0: raw bytes */
	struct telem elems[10][T_MAX_ELEMS];
};

/* version's layout; sync asks for sync markers where the flags word can
 * say so (V0 always has them). */
void tu_init(struct tunit *u, unsigned version, int sync);
/* Adds a string element unless present (as PkgEncoder.StringIdx); returns
 * its index. */
unsigned tu_string(struct tunit *u, const char *s);
/* Appends an element of section (not String) and returns it; tu_blob
 * writes its reference table and element marker before its payload. */
struct telem *tu_elem(struct tunit *u, unsigned section, unsigned *idx);
/* Serialises the blob: header, element ends, data, fingerprint. */
void tu_blob(const struct tunit *u, struct tbuf *out);
void tu_free(struct tunit *u);
/* An object's four elements, which share one index (writer.go objIdx):
 * Name, Obj, ObjExt (left empty: compiler-private) and ObjDict. */
unsigned tu_object(struct tunit *u, struct telem **name, struct telem **obj, struct telem **dict);

/* Meta 0 listing Obj 0 to n-1 of package self, and Meta 1 where the
 * version has it. */
void tu_roots(struct tunit *u, unsigned self, unsigned n);
/* A Pkg element importing nothing; name NULL for builtin and unsafe. */
void tu_pkg(struct tunit *u, const char *path, const char *name);
/* A PosBase element for a file. */
void tu_posbase(struct tunit *u, const char *file);

/* A minimal "package p" unit (see testlib.c), written as Go would. */
void tu_package_p(struct tunit *u, unsigned version, int sync);
/* A blob wrapped as a __.PKGDEF member and ar archive. */
void t_archive(const struct tbuf *blob, const char *goversion, struct tbuf *out);

/* Reads a file into *b; 0 on success. */
int t_read_file(const char *path, struct tbuf *b);

#endif
