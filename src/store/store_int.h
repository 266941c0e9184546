/* Internals shared by the store's files; nothing outside src/store sees it. */
#ifndef GOTYPEDB_STORE_INT_H
#define GOTYPEDB_STORE_INT_H

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "gotypedb/bmap.h"
#include "gotypedb/pkgbits.h"
#include "gotypedb/stage.h"
#include "gotypedb/store.h"
#include "gotypedb/strbuf.h"

/* Batched INSERTs for the tables with rows in thousands: a row's values
 * are kept (texts by pointer: into the staged unit, or into batch_texts,
 * valid until the unit's write ends, when every batch is flushed) until
 * its batch is full or flushed; then one INSERT ... SELECT reads the
 * whole batch from a virtual table over these values.  Bound one by one
 * into multi-row INSERTs, the values cost more than SQLite's own work of
 * the insert; a statement's run (step, reset, the VDBE's setup and halt)
 * is paid once per BATCH_ROWS rows.  The statements are INSERT OR FAIL:
 * with the default (ABORT) SQLite copies every page a multi-row statement
 * touches into a statement journal so that it can undo the rows before a
 * failing one; a failure marks the store broken and the content's
 * savepoint undoes the unit anyway.  src/store/batch.c. */
#define BATCH_ROWS 64
#define BATCH_MAX_COLS 28

struct batch_value {
	int type; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_TEXT or SQLITE_BLOB */
	int n;
	int64_t i;
	const void *p;
};

struct store_batch {
	sqlite3_stmt *insert; /* INSERT ... SELECT ... FROM gtd_batch(this batch) */
	int ncols, pending;
	/* When set (the table's name), the first column is its INTEGER
	 * PRIMARY KEY, numbered by the writer as max + 1 like SQLite's own: it
	 * is bound NULL so that SQLite numbers the row itself (appending, where an explicit key costs a b-tree
	 * descent per row to check it is free), and the id SQLite gave the
	 * last row is checked against the writer's (batch.c). */
	const char *auto_id_table;
	struct batch_value *v; /* BATCH_ROWS rows of ncols */
};

enum batch_id { B_STRING, B_TYPEDEF, B_TYPEDEF_PART, B_UIR_DECL, B_RTYPE, B_RNAME, B_RMETHOD, B_RFIELD,
		B_RIMETHOD, B_RPARAM, B_ITAB, B_TYPELINK, B_COUNT };

static inline void bv_int(struct batch_value *v, int64_t i) { v->type = SQLITE_INTEGER; v->i = i; }
static inline void bv_null(struct batch_value *v) { v->type = SQLITE_NULL; }
static inline void bv_text(struct batch_value *v, int type, const void *p, int n)
{
	v->type = type;
	v->p = p;
	v->n = n;
}

enum stmt_id {
	ST_UNIT, ST_UNIT_SECTION,
	ST_CONTENT_INSERT, ST_CONTENT_UPDATE, ST_FILE_INSERT, ST_FILE_UPDATE,
	ST_PACKAGE, ST_UIR_UNIT,
	ST_BINARY, ST_BINARY_DEP, ST_BINARY_SETTING, ST_MODULE,
	ST_COUNT
};


/* A note's size: two paths and a sentence. */
#define GTD_STORE_NOTE_MAX 8400

struct gtd_store {
	sqlite3 *db;
	char *path; /* the database as the user named it, for messages */
	struct gtd_store_options opt;
	/* final_path: the database's path resolved (newdb.c, resolve); NULL
	 * for SQLite's special names, which get neither lock nor rename.
	 * lock_path: final_path.lock, held through lock_fd (lock.c). */
	char *final_path, *lock_path;
	int lock_fd;
	/* A new database is built under tmp_path (NULL: the database exists)
	 * and renamed to final_path when the run finishes, so that a crash
	 * never leaves a half-written database under the real name (and the
	 * load can skip the WAL).  final_empty: final_path held an empty file
	 * (final_st), which the rename replaces if it is still that file. */
	char *tmp_path;
	int final_empty;
	struct stat final_st;
	int published; /* renamed into place */
	int keep_tmp;  /* finished, but not renamed: the user's now */
	int create_schema; /* an empty database: store_schema_create */
	int from_image;    /* a new database written from the schema image */
	int ready;         /* gtd_store_ready has run */
	sqlite3_stmt *stmt[ST_COUNT];
	struct store_batch batch[B_COUNT];
	struct gtd_arena batch_texts; /* texts of batched rows not in the stage */

	struct gtd_bmap strings;   /* text -> string.id */
	int64_t next_string_id;
	struct gtd_bmap contents;  /* hash -> content.id */
	int64_t next_content_id;
	struct gtd_bmap files;     /* path -> index into filev */
	struct gtd_known_file *filev;
	size_t nfiles, capfiles;
	int64_t next_file_id;
	int64_t next_unit_id;
	int64_t next_binary_id, next_module_id;
	struct gtd_bmap packages;  /* package_key(path id, name id) -> package.id */
	int64_t next_package_id;
	struct gtd_bmap decls;     /* uir_decl.hash -> uir_decl.id */
	int64_t next_decl_id;
	int64_t *shape_typeids;    /* the staged unit's types, by shape number */
	size_t cap_shape_typeids;
	struct gtd_bmap typeids;   /* typeid_key(canonical string id) -> typedef.typeid,
				    * | TYPEID_PARTLESS while its parts are unknown */
	int64_t next_typeid;

	/* The content being written (between content_begin and _end). */
	int64_t cur_content;
	uint8_t cur_hash[GTD_CONTENT_HASH_SIZE];
	int cur_hash_known; /* cur_hash holds it (gtd_store_content_hash) */
	uint64_t cur_size;
	const char *cur_kind;
	int cur_replacing;
	int64_t cur_unit;
	int64_t cur_module_base; /* the id of the binary's first module */
	/* What the maps and counters were at content_begin, for
	 * gtd_store_content_undo; cur_typed once the content's types were
	 * written (the type maps change in ways it cannot undo). */
	struct {
		int64_t next_string_id, next_binary_id, next_module_id;
		uint64_t rows, strings_new;
	} cur_start;
	int cur_typed;

	struct gtd_strbuf string_ids; /* the current unit's unit.string_ids */
	struct gtd_strbuf methods;    /* the current object's uir_decl.methods */
	struct gtd_strbuf objects;    /* the current unit's uir_unit.objects */
	int broken; /* a write failed mid-content: no further writes */
	int merging; /* gtd_store_merge has set up its indexes and temp tables */

	uint64_t rows, rows_at_commit, strings_new;
};

/* store.c */
int store_exec(struct gtd_store *st, const char *sql, struct gtd_error *err);
int store_step(struct gtd_store *st, sqlite3_stmt *s, struct gtd_error *err);
/* batch.c: the virtual table the batches are read from, on the store's
 * connection; then each batch's statement, head being "INSERT INTO t(c1,
 * ..., cN)". */
int batch_register(struct gtd_store *st, struct gtd_error *err);
int batch_prepare(struct gtd_store *st, struct store_batch *b, const char *head, int ncols,
		  struct gtd_error *err);
/* The same for a table whose first column is its INTEGER PRIMARY KEY,
 * numbered max + 1 (see store_batch.auto_id_table). */
int batch_prepare_auto_id(struct gtd_store *st, struct store_batch *b, const char *table,
			  const char *head, int ncols, struct gtd_error *err);
/* The next row's values, to be filled, then batch_add. */
static inline struct batch_value *batch_row(struct store_batch *b)
{
	return &b->v[b->pending * b->ncols];
}
int batch_add(struct gtd_store *st, struct store_batch *b, struct gtd_error *err);
int batch_flush(struct gtd_store *st, struct store_batch *b, struct gtd_error *err);
int store_flush_batches(struct gtd_store *st, struct gtd_error *err);
/* Forgets every pending row (a unit failed half-written). */
void store_drop_batches(struct gtd_store *st);
void batch_finalize(struct store_batch *b);
int store_db_error(struct gtd_store *st, struct gtd_error *err, const char *what);
int store_remember_file(struct gtd_store *st, const char *path, const struct gtd_known_file *f,
			struct gtd_error *err);

/* Whether the run was asked to stop (gtd_store_options.interrupt). */
static inline int store_interrupted(const struct gtd_store *st)
{
	return st->opt.interrupt && atomic_load(st->opt.interrupt);
}
void store_note(struct gtd_store *st, const char *message);

/* lock.c: waits for and takes the database's lock; store_unlock drops it. */
int store_lock(struct gtd_store *st, struct gtd_error *err);
void store_unlock(struct gtd_store *st);

/* newdb.c: resolves path, takes the lock, sweeps what earlier runs left,
 * and decides whether the database is new (tmp_path set). */
int store_plan(struct gtd_store *st, const char *path, struct gtd_error *err);
/* Syncs the finished new database (closed), renames it into place, syncs
 * the directory; on failure keeps it (keep_tmp) and says where. */
int store_publish(struct gtd_store *st, struct gtd_error *err);
/* A new database's committed pages start on their way to disk. */
void store_start_writeback(struct gtd_store *st);
/* A new database's temporary file written from the schema image, if the
 * options give one (sets from_image). */
int store_write_image(struct gtd_store *st, struct gtd_error *err);

/* schema.c: checks, before anything is written, that an existing database
 * is gotypedb's of this schema version (sets create_schema if it is empty). */
int store_schema_check(struct gtd_store *st, struct gtd_error *err);
int store_schema_create(struct gtd_store *st, struct gtd_error *err);
int store_schema_indexes(struct gtd_store *st, struct gtd_error *err);

/* semantic_rows.c */
int store_write_semantic(struct gtd_store *st, const struct gtd_stage *stage, struct gtd_error *err);
/* The stage's shapes as typedefs: their typeids in st->shape_typeids. */
int store_write_shapes(struct gtd_store *st, const struct gtd_stage *stage, struct gtd_error *err);
/* runtime_rows.c: a staged binary's rows: first all but its shapes and
 * descriptors (sink.h, records_done; the stage's, or taken out of it:
 * gtd_stage_take_records), then those. */
int store_write_runtime_records(struct gtd_store *st, const struct gtd_stage_runtime *rt,
				struct gtd_error *err);
int store_write_runtime_types(struct gtd_store *st, struct gtd_stage *stage, struct gtd_error *err);

/* intern.c */
int store_intern(struct gtd_store *st, struct gtd_bytes text, uint64_t hash, int64_t *id,
		 struct gtd_error *err);
int store_load_maps(struct gtd_store *st, struct gtd_error *err);




/* The packages map's key: the two string ids' bytes (not text: the
 * writer interns a package for every declaration it stores). */
static inline void package_key(int64_t path_id, int64_t name_id, uint8_t key[16])
{
	memcpy(key, &path_id, 8);
	memcpy(key + 8, &name_id, 8);
}

/* The typeids map's key: the canonical string's id, not its text.  Every
 * canonical string is in the strings map already (typedef.canonical_id),
 * so a type use costs one lookup of its text there and one of 8 bytes
 * here, and the writer holds each canonical string once, not twice. */
static inline void typeid_key(int64_t canonical_id, uint8_t key[8])
{
	memcpy(key, &canonical_id, 8);
}

/* In a typeids map value: the typedef has no parts (yet).  A type's parts
 * are what its canonical string determines, but a source may not know
 * them: a binary's descriptor of a generic instance names its type
 * arguments as text only ("Cache[string,int]").  Such a typedef gets its
 * parts from the first source that has some, whatever came first: a
 * typedef's parts are the union of what its sources gave, the same in
 * every order (see typedef_part in schema/20_semantic.sql). */
#define TYPEID_PARTLESS (UINT64_C(1) << 62)

#endif
