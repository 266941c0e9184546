/* Indexing paths into a store: walk, classify, deduplicate by content,
 * decode in worker threads, write from one thread, in walk order. */
#ifndef GOTYPEDB_INGEST_H
#define GOTYPEDB_INGEST_H

#include <stdint.h>

#include "gotypedb/classify.h"
#include "gotypedb/store.h"

/* Why Go export data was recorded but not decoded (content.reason). */
enum gtd_reject {
	GTD_REJECT_FORMAT_INDEXED,
	GTD_REJECT_FORMAT_OLD_BINARY,
	GTD_REJECT_FORMAT_TEXTUAL,
	GTD_REJECT_FORMAT_PROTOTYPE,
	GTD_REJECT_FORMAT_UNKNOWN,
	GTD_REJECT_VERSION,
	GTD_REJECT_LIMIT,   /* past a limit of gotypedb's: nesting depth, size (GTD_ELIMIT) */
	GTD_REJECT_COUNT
};

const char *gtd_reject_name(enum gtd_reject r);

struct gtd_ingest_stats {
	uint64_t files;             /* regular files seen */
	uint64_t unchanged;         /* skipped: same path, size and mtime as last time */
	uint64_t duplicates;        /* content already indexed under another path */
	uint64_t units;             /* units decoded and stored */
	uint64_t binaries;          /* Go binaries decoded and stored (contents) */
	uint64_t skipped[GTD_SKIP_COUNT];
	uint64_t rejected[GTD_REJECT_COUNT];
	uint64_t errors;            /* corrupt, unreadable or out-of-memory files */
	uint64_t unreadable;        /* of which the OS refused to read (retried next run) */
	uint64_t no_memory;         /* of which memory ran out for (retried next run) */
	uint64_t bytes;             /* bytes read from files */
	uint64_t rows;              /* rows written */
	double seconds;             /* wall time so far, index build included */
	double index_seconds;       /* wall time of the end-of-run index build */
	double writer_cpu_seconds;  /* CPU time of the writer (calling) thread */
};

struct gtd_ingest_options {
	const char *const *paths;
	int npaths;
	int jobs;    /* decoding threads, >= 1 */
	int force;   /* re-read unchanged files and re-decode known contents */
	/* Called from the writer thread for each bad file: path and "where: what". */
	void (*on_error)(void *ctx, const char *path, const char *message);
	/* Called from the writer thread about every 100 ms, and once at the end. */
	void (*on_progress)(void *ctx, const struct gtd_ingest_stats *s, int done);
	void *ctx;
};

/* Fails only for what stops the whole run (a path that does not exist, a
 * database write); bad files are counted, reported and recorded. */
int gtd_ingest(struct gtd_store *st, const struct gtd_ingest_options *o,
	       struct gtd_ingest_stats *stats, struct gtd_error *err);

#endif
