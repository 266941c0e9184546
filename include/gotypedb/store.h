/* The only SQLite writer.
 *
 * One connection, prepared statements, large transactions, and in-memory
 * maps for everything a bulk load would otherwise look up row by row
 * (string text -> id, content hash -> id, path -> file).  Ids are assigned
 * here, in the order rows arrive, so a run gives the same ids whatever the
 * number of decoding threads. */
#ifndef GOTYPEDB_STORE_H
#define GOTYPEDB_STORE_H

#include <stdatomic.h>
#include <stdint.h>

#include "gotypedb/digest.h"
#include "gotypedb/error.h"
#include "gotypedb/stage.h"

#define GTD_SCHEMA_VERSION 7
#define GTD_APPLICATION_ID 0x67746462 /* "gtdb" */

struct gtd_store;

/* A new database's file as the schema's DDL leaves it (tables and views,
 * schema version, application id; scripts/schema_image.c makes it at build
 * time): size bytes, zero but for the runs.  A new database written from
 * it is the one the DDL would make, without SQLite parsing and writing
 * every CREATE again in each run. */
struct gtd_schema_image_run {
	uint32_t off, len;
};
struct gtd_schema_image {
	uint64_t size;
	size_t nruns;
	const struct gtd_schema_image_run *runs;
	const uint8_t *bytes; /* the runs' bytes, one after the other */
};
/* build/gen/schema_image.c, which the command line links (libgotypedb
 * does not: the build makes the image with it) */
extern const struct gtd_schema_image gtd_schema_image;

/* file.skip_reason of a path that could not be read this time: the
 * operating system refused it (permission, I/O error), or memory ran out
 * reading or decoding it.  Nothing about its bytes is known, so the next
 * run reads it again whatever its size and mtime. */
#define GTD_FILE_UNREADABLE "unreadable"
#define GTD_FILE_NO_MEMORY "out-of-memory"

/* What the database already knows about a path. */
struct gtd_known_file {
	int64_t id;
	int64_t size;
	int64_t mtime_ns;
	int retry; /* it could not be read last time (GTD_FILE_UNREADABLE, _NO_MEMORY) */
};

struct gtd_store_stats {
	uint64_t rows;    /* rows inserted or updated in this session */
	uint64_t strings; /* new strings interned in this session */
};

struct gtd_store_options {
	/* Seconds to wait while another index run holds the database: < 0 as
	 * long as it takes, 0 not at all (then GTD_EBUSY). */
	double lock_wait;
	/* Set asynchronously (by a signal handler) to stop the run: writes
	 * stop at the next content, SQLite's work in progress is interrupted,
	 * and what was not committed is rolled back (GTD_EINTR).  May be NULL. */
	const atomic_int *interrupt;
	/* What is worth saying but is no error: the run waits for another one;
	 * files of earlier runs were removed or are left for the user.  The
	 * message names the file; may be NULL. */
	void (*on_note)(void *ctx, const char *message);
	void *ctx;
	/* What a new database file starts as; NULL: its schema is made by
	 * the DDL (a special name such as ":memory:" always is). */
	const struct gtd_schema_image *schema_image;
};

/* Opens or creates the database at path and, if it has rows, loads its
 * interning maps (see gtd_store_ready for the rest).
 * Holds the database's lock (path.lock, see src/store/lock.c) until
 * gtd_store_close.  A new database is built next to path under a temporary
 * name and appears at path only when gtd_store_finish succeeds.  o may be
 * NULL: wait as long as it takes, no interruption, no notes. */
int gtd_store_open(const char *path, const struct gtd_store_options *o, struct gtd_store **out,
		   struct gtd_error *err);
/* Finishes opening: a new database's schema and the prepared statements.
 * The writing calls below do it first if it was not done; a caller with
 * other work to start (the walk, the decoders) calls it once that runs,
 * so the two overlap. */
int gtd_store_ready(struct gtd_store *st, struct gtd_error *err);
/* Releases everything; without a successful gtd_store_finish, rolls back
 * what was not committed and removes a new database's temporary file (but
 * not one that gtd_store_finish kept after a failed rename). */
void gtd_store_close(struct gtd_store *st);
/* 1 if this run builds a new database: nothing is at path until finish. */
int gtd_store_is_new(const struct gtd_store *st);

/* 1 and *f if path was indexed before. */
int gtd_store_known_file(const struct gtd_store *st, const char *path, struct gtd_known_file *f);
/* 1 and *content_id if a content with this hash exists. */
int gtd_store_known_content(const struct gtd_store *st, const uint8_t hash[GTD_CONTENT_HASH_SIZE],
			    int64_t *content_id);

/* One content, written atomically: begin, then either its staged unit
 * (status 'indexed') or nothing, then end with its status.  On any error
 * in between, gtd_store_content_abort leaves no rows of it (and no
 * further writes).
 * replace: the content exists (--force); its old rows are deleted first. */
int gtd_store_content_begin(struct gtd_store *st, const uint8_t hash[GTD_CONTENT_HASH_SIZE],
			    uint64_t size, const char *kind, int64_t *content_id,
			    struct gtd_error *err);
/* The current content's hash, where gtd_store_content_begin had none
 * (hash NULL: allowed in a new database only, whose contents are this
 * run's, and a copy of one of them is found by the caller's own means);
 * given before gtd_store_content_end. */
void gtd_store_content_hash(struct gtd_store *st, const uint8_t hash[GTD_CONTENT_HASH_SIZE]);
/* Writes a finished stage as the current content's unit.  A binary's stage
 * loses its types once they are written (gtd_stage_drop_shapes): free it
 * after. */
int gtd_store_write_stage(struct gtd_store *st, struct gtd_stage *stage,
			  struct gtd_error *err);
/* A binary's records but its shapes and descriptors, taken out of its
 * stage (gtd_stage_take_records) before the stage is finished: then
 * gtd_store_write_stage writes the rest, or gtd_store_content_undo drops
 * them. */
int gtd_store_write_records(struct gtd_store *st, const struct gtd_stage_runtime *rt,
			    struct gtd_error *err);
int gtd_store_content_end(struct gtd_store *st, const char *status, const char *reason,
			  const char *message, struct gtd_error *err);
void gtd_store_content_abort(struct gtd_store *st);
/* Drops what was written of the current content, the store going on as
 * if it had not begun: after gtd_store_write_records only (its stage
 * failed afterwards).  Otherwise, or if SQLite cannot roll back, it is
 * gtd_store_content_abort. */
void gtd_store_content_undo(struct gtd_store *st);

/* Records a path: with its content, or skipped (content_id 0) with a reason. */
int gtd_store_file(struct gtd_store *st, const char *path, int64_t size, int64_t mtime_ns,
		   int64_t content_id, const char *skip_reason, struct gtd_error *err);

/* Commits when enough rows have accumulated since the last commit, so a
 * long run shows progress to readers and a crash loses little. */
int gtd_store_checkpoint(struct gtd_store *st, struct gtd_error *err);
/* Commits, builds missing indexes, updates statistics and closes the
 * connection.  A new database is then synced, renamed into place only if
 * nothing appeared at its path meanwhile, and its directory synced; if that
 * fails, the finished database stays under its temporary name, which the
 * message names. */
int gtd_store_finish(struct gtd_store *st, struct gtd_error *err);

void gtd_store_stats(const struct gtd_store *st, struct gtd_store_stats *out);

/* What one input of a merge added. */
struct gtd_merge_stats {
	uint64_t contents, files, strings;
};

/* Adds the rows of the database at path (another gotypedb database of
 * this schema version, GTD_EUSAGE if not; opened read-only) to the
 * store's, matched by what identifies them and not by ids: all of them,
 * committed, or on failure none (src/store/merge.c).  Not to be mixed
 * with the content writes above in one session. */
int gtd_store_merge(struct gtd_store *st, const char *path, struct gtd_merge_stats *stats, struct gtd_error *err);
/* Whether path could be merged (exists, is a gotypedb database of this
 * schema version), read-only: for checking every input before any is
 * merged.  GTD_ENOINPUT, GTD_EUSAGE or GTD_EDB with the reason. */
int gtd_store_merge_check(const char *path, struct gtd_error *err);

#endif
