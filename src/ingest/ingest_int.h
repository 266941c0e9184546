/* Internals of the ingest pipeline. */
#ifndef GOTYPEDB_INGEST_INT_H
#define GOTYPEDB_INGEST_INT_H

#include <pthread.h>

#include "gotypedb/bmap.h"
#include "gotypedb/ingest.h"
#include "gotypedb/stage.h"
#include "budget.h"

/* What became of one file. */
enum outcome {
	OUT_SKIPPED,    /* not Go output: skip reason */
	OUT_UNREADABLE, /* the OS refused to read it: retried on the next run */
	OUT_NO_MEMORY,  /* memory ran out reading or decoding it: retried on the next run */
	OUT_DUPLICATE,  /* content known: in the store, or decoded by an earlier file of this run */
	OUT_DECODED,    /* stage holds the unit */
	OUT_REJECTED,   /* Go export data we do not decode: reject reason */
	OUT_ERROR,      /* corrupt: message */
};

struct job {
	uint64_t seq;  /* walk order; results are written in this order */
	char *path;
	int64_t size, mtime_ns;
	int walk_errno; /* the walk could not stat or read this path */
};

struct result {
	struct job job;
	enum outcome outcome;
	enum gtd_skip skip;
	enum gtd_reject reject;
	uint8_t hash[GTD_CONTENT_HASH_SIZE];
	uint64_t content_size;
	const char *kind;     /* content.kind */
	struct gtd_error err; /* for REJECTED, ERROR, UNREADABLE, NO_MEMORY */
	int claimed;          /* this file claimed the content (claim()) */
	struct gtd_stage stage;
	uint8_t *bytes;       /* the content bytes the stage borrows from */
	const uint8_t *map;   /* a binary, mapped: what its stage borrows from */
	size_t map_len;
	uint64_t bytes_read;
	uint64_t budgeted;    /* what the result counts in the budget (budget.h) */
	/* A binary whose records the writer may take before its decode ends
	 * (records_publish): published, set by the worker, and records, out
	 * of the stage, records_bytes their heap bytes (all guarded by the
	 * pipeline's lock until the result is done).  The writer's: records_taken, content_begun once it began
	 * the content with them. */
	int published;
	struct gtd_stage_runtime records;
	uint64_t records_bytes;
	int records_taken, content_begun;
	int begun_unhashed;   /* content_begun before the hash was known */
	int64_t content_id;   /* the writer's, once content_begun */
};

/* Content claims: which file of this run decodes which content.  A content
 * is decoded by the first file (lowest seq) that has it; others get
 * OUT_DUPLICATE, so the rows are the same for any number of threads.
 * A claim whose file ran out of memory is CLAIM_FAILED for the rest of the
 * run: every other file of that content is then not read either, and all
 * are retried on the next run. */
#define CLAIM_WRITTEN UINT64_MAX
#define CLAIM_FAILED (UINT64_MAX - 1)

struct ingest {
	struct gtd_store *st;
	const struct gtd_ingest_options *opt;
	pthread_mutex_t mu;   /* guards claims and the store's maps across threads */
	struct gtd_bmap claims; /* content hash -> seq of the claiming file, CLAIM_WRITTEN or _FAILED */
	struct budget budget;   /* bytes of the results in flight */
};

/* process.c: reads, classifies, hashes and (if claimed) decodes one file. */
void process_file(struct ingest *in, struct result *r);
/* Whether this file decodes its content (r->hash): see process.c. */
int claim(struct ingest *in, struct result *r);
/* pipeline.c: a binary's records but its types, taken out of r's stage
 * (gtd_stage_take_records), for the writer to take from now on.  Into a
 * new database r's hash and claim are still to come (binary.c); into an
 * existing one they came before the decode. */
void records_publish(struct ingest *in, struct result *r, const struct gtd_stage_runtime *records);
/* binary.c: a binary's runtime tables. */
void process_binary(struct ingest *in, struct result *r, int fd);
void result_release(struct result *r);

#endif
