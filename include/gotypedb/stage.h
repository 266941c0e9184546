/* A staged content: one unit's records, turned into the rows the store will
 * write, in memory and without SQLite.
 *
 * Staging runs in the decoding threads (a stage is the sink the decoder
 * writes to), so that the single writer thread only interns and inserts:
 * the JSON arrays of unit_section and the hashes of the strings are built
 * here, in parallel.  A decode error simply drops the stage, so a bad
 * content leaves no rows.  Strings stay borrowed from the decoder's input,
 * which must outlive the stage. */
#ifndef GOTYPEDB_STAGE_H
#define GOTYPEDB_STAGE_H

#include "gotypedb/arena.h"
#include "gotypedb/bmap.h"
#include "gotypedb/digest.h"
#include "gotypedb/error.h"
#include "gotypedb/pkgbits.h"
#include "gotypedb/sink.h"
#include "gotypedb/strbuf.h"

struct gtd_stage_section {
	uint32_t elems, bytes;
	struct gtd_strbuf elements; /* unit_section.elements: [[off,len],...] */
	struct gtd_strbuf refs;     /* unit_section.refs: [[section,idx,section,idx,...],...] */
	uint32_t ref_lists;         /* elements whose reference list is open or done */
	int ref_list_empty;         /* the open list has no entry yet */
};

struct gtd_stage_string {
	struct gtd_bytes text;
	uint64_t hash; /* gtd_hash64(text), for interning */
};

/* A rendered string owned by the stage, hashed for interning. */
struct gtd_stage_text {
	struct gtd_bytes text;
	uint64_t hash;
};

struct gtd_stage_part {
	uint8_t role, flag;
	uint32_t idx, shape;
	/* p NULL: none.  Not hashed (no gtd_stage_text): only a typedef new to
	 * the store needs them, and the store hashes them then. */
	struct gtd_bytes name, pkg_path, tag;
};

/* A distinct type of the unit (sink.h, gtd_shape_rec). */
struct gtd_stage_shape {
	const char *kind;
	struct gtd_stage_text canonical, pkg_path, pkg_name, name; /* pkg_path.text.p NULL: none */
	uint64_t len;
	uint32_t dir;
	uint8_t variadic;
	struct gtd_stage_part *parts;
	uint32_t nparts;
};

struct gtd_stage_object {
	/* SHA-256 of every fact below and of the object's methods: the same
	 * declaration seen again (in another unit) is stored once. */
	uint8_t decl_hash[GTD_CONTENT_HASH_SIZE];
	uint32_t idx, line, col;
	uint32_t shape, under_shape;
	const char *kind;
	struct gtd_stage_text pkg_path, pkg_name, name, object_string, file;
	struct gtd_stage_text value; /* text.p NULL: not a constant */
};

struct gtd_stage_method {
	uint32_t obj_idx, index;
	int interface_set;
	struct gtd_stage_text name, object_string;
};

struct gtd_stage_type {
	uint32_t idx, shape;
};

/* Runtime records, each with the binary or module it belongs to (its
 * position among the stage's binaries or modules). */
#define GTD_STAGE_VEC(name, type) \
	struct { type *v; size_t n, cap; } name
struct gtd_stage_dep { uint32_t binary; struct gtd_build_dep_rec r; };
struct gtd_stage_setting { uint32_t binary; struct gtd_build_setting_rec r; };
struct gtd_stage_module { uint32_t binary; struct gtd_module_rec r; };
struct gtd_stage_rtype { uint32_t module; struct gtd_rtype_rec r; };
struct gtd_stage_rname { uint32_t module; struct gtd_rname_rec r; };
struct gtd_stage_rmethod { uint32_t module; struct gtd_rmethod_rec r; };
struct gtd_stage_rfield { uint32_t module; struct gtd_rfield_rec r; };
struct gtd_stage_rimethod { uint32_t module; struct gtd_rimethod_rec r; };
struct gtd_stage_rparam { uint32_t module; struct gtd_rparam_rec r; };
struct gtd_stage_itab { uint32_t module; struct gtd_itab_rec r; };
struct gtd_stage_typelink { uint32_t module; struct gtd_typelink_rec r; };

struct gtd_stage_runtime {
	GTD_STAGE_VEC(binaries, struct gtd_binary_rec);
	GTD_STAGE_VEC(deps, struct gtd_stage_dep);
	GTD_STAGE_VEC(settings, struct gtd_stage_setting);
	GTD_STAGE_VEC(modules, struct gtd_stage_module);
	GTD_STAGE_VEC(rtypes, struct gtd_stage_rtype);
	GTD_STAGE_VEC(rnames, struct gtd_stage_rname);
	GTD_STAGE_VEC(rmethods, struct gtd_stage_rmethod);
	GTD_STAGE_VEC(rfields, struct gtd_stage_rfield);
	GTD_STAGE_VEC(rimethods, struct gtd_stage_rimethod);
	GTD_STAGE_VEC(rparams, struct gtd_stage_rparam);
	GTD_STAGE_VEC(itabs, struct gtd_stage_itab);
	GTD_STAGE_VEC(typelinks, struct gtd_stage_typelink);
	/* A binary's shapes are numbered from 0 by its decoder: the stage
	 * numbers them on from the shapes of the binaries before it. */
	uint32_t shape_base;
};

struct gtd_stage {
	int has_unit;
	struct gtd_unit_rec unit;
	struct gtd_stage_section sec[GTD_NUM_SECTIONS];
	struct gtd_stage_string *strings;
	size_t nstrings, capstrings;
	struct gtd_stage_shape *shapes;
	size_t nshapes, capshapes;
	struct gtd_stage_object *objects;
	size_t nobjects, capobjects;
	struct gtd_stage_method *methods;
	size_t nmethods, capmethods;
	struct gtd_stage_type *types;
	size_t ntypes, captypes;
	struct gtd_stage_runtime rt; /* a binary's records (has_unit 0) */
	struct gtd_arena texts;  /* the semantic records' strings */
	struct gtd_bmap shared;  /* the strings parts repeat, each once (stage.c keep_shared) */
	struct gtd_strbuf decl_key; /* the facts of the object being staged, serialized */
	struct gtd_sink sink;  /* what the decoder writes to */
	/* gtd_stage_on_records_done's */
	int (*records_done)(void *ctx);
	void *records_done_ctx;
	/* the records went out through gtd_stage_take_records: the store
	 * writes only the stage's types */
	int records_taken;
	struct gtd_error *err; /* where out-of-memory is reported */
};

void gtd_stage_init(struct gtd_stage *s, struct gtd_error *err);
/* Closes the JSON arrays; call once the decoder has returned GTD_OK. */
int gtd_stage_finish(struct gtd_stage *s);
void gtd_stage_free(struct gtd_stage *s);
/* fn(ctx) is called when a binary's records but its shapes and
 * descriptors are staged (sink.h, records_done): fn may take them out of
 * the stage (gtd_stage_take_records) for the writer, while the decoder
 * stages the rest.  A non-zero return stops the decoder.  Without it,
 * the decoder stages its types first (and frees what built them before
 * the records). */
void gtd_stage_on_records_done(struct gtd_stage *s, int (*fn)(void *ctx), void *ctx);
/* Moves the records staged into *out: the members (names, methods,
 * fields, interface methods, parameters), itabs and typelinks, and a copy
 * of the binaries, their build lines and modules, which the stage keeps
 * (its descriptors name their module by position).  The store writes
 * *out (gtd_store_write_records); the stage's own write is then of its
 * types only.  Once per stage; free *out with gtd_stage_runtime_free. */
int gtd_stage_take_records(struct gtd_stage *s, struct gtd_stage_runtime *out);
void gtd_stage_runtime_free(struct gtd_stage_runtime *rt);
/* The heap bytes records taken out of a stage hold. */
uint64_t gtd_stage_runtime_bytes(const struct gtd_stage_runtime *rt);
/* A binary's stage (has_unit 0) whose types the writer has (their typeids
 * in the store) and whose rows that borrowed their strings have run: the
 * shapes, their strings and parts are freed (nshapes stays, the count the
 * records' shape numbers are checked against); the runtime records, whose
 * strings are the file's, stay. */
void gtd_stage_drop_shapes(struct gtd_stage *s);
/* The heap bytes the stage holds (what a staged unit costs while it waits
 * for the writer). */
uint64_t gtd_stage_bytes(const struct gtd_stage *s);

#endif
