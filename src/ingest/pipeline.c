/* The pipeline: one walker thread, N decoding workers, and the calling
 * thread as the only writer.
 *
 * Jobs get a sequence number in walk order.  The walker puts them in a
 * queue (seq % QUEUE_JOBS) and runs ahead of the others by up to that many
 * jobs: a job is a path and a stat.  A worker takes the next job only when
 * its result has room in the window of WINDOW result slots (slot = seq %
 * WINDOW); before reading a unit it reserves the unit's cost in the budget
 * of results in flight (budget.h), IN_FLIGHT_BUDGET bytes for all workers
 * together; the writer takes results strictly in seq order and releases
 * what each held.  So memory is bounded whatever the cache size and the
 * number of workers, and the database comes out the same for any number
 * of workers.  The window is wide because most cache files are tiny (and
 * their results hold nothing) and a big archive at the head of the line
 * must not starve the workers behind it.  A waiting thread is woken when a
 * good part of what it waits for is there, not for each job: most jobs are
 * tiny, and a wake per job cost two context switches each.
 *
 * A binary's result is taken in two steps: the worker publishes its
 * records that need no Go type (SLOT_RECORDS, records_publish) and the
 * writer writes them while the worker builds the types; the rest when it
 * is done, or, if the decode failed after all (or the content turned out
 * another file's), the first step undone.
 *
 * The writer is the one serial stage, so it runs first: the workers lower
 * their own priority (see yield_to_writer).  With even shares, three busy
 * threads on two cores gave the writer two thirds of a core; it fell behind
 * during the run and caught up alone at its end, one core idle. */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gotypedb/gotype.h"
#include "ingest_int.h"
#include "walk.h"

/* SLOT_RECORDS: a binary still decoding whose records but its types the
 * writer may take (records_publish) */
enum slot_state { SLOT_EMPTY, SLOT_BUSY, SLOT_RECORDS, SLOT_DONE };

/* Result slots, for any number of workers: a slot is a few KiB, and what
 * its result holds is counted in the budget. */
#define WINDOW 1024
#define QUEUE_JOBS 8192
/* The bytes results in flight may hold, for all workers together: the
 * members, their staged rows, and the estimated peak of the decodes under
 * way.  Peak RSS of a go1.26 std cmd index, and of a gigabyte of binaries
 * whose largest decodes beside the writer's maps, stays under 256 MiB at
 * any -j with the rest (SQLite's caches, the interning maps, the threads);
 * a smaller budget costs the binaries a little of their overlap, the
 * archives' small units nothing measurable. */
#define IN_FLIGHT_BUDGET (32u << 20)
/* A result that held this much hands its pages back to the system once
 * freed (malloc_trim): the decoders' and the writer's allocations share
 * the heap, where a large result's freed middle would otherwise stay
 * resident under the smaller ones allocated after it. */
#define TRIM_AFTER_BYTES ((uint64_t)16 << 20)

struct pipeline {
	struct ingest in;
	char **roots;
	struct result *slots;
	enum slot_state *state;
	pthread_mutex_t qmu;
	struct job *queue;   /* walked, not yet taken: queue[seq % QUEUE_JOBS] */
	pthread_cond_t cv_job;   /* workers: a job was queued (or the walk ended) */
	pthread_cond_t cv_room;  /* workers: result slots were freed */
	pthread_cond_t cv_done;  /* the writer: the next result is done */
	pthread_cond_t cv_space; /* the walker: the queue has room */
	int walker_waiting, takers_waiting;
	uint64_t next_seq;   /* assigned by the walker */
	uint64_t next_take;  /* next job a worker takes */
	uint64_t next_write; /* next result the writer writes */
	int walk_done, stop;
	struct gtd_error walk_err;
	int walk_rc;
	uint64_t files, unchanged; /* walker counts, under qmu */
};

const char *gtd_reject_name(enum gtd_reject r)
{
	static const char *const names[GTD_REJECT_COUNT] = {
		[GTD_REJECT_FORMAT_INDEXED] = "format-indexed",
		[GTD_REJECT_FORMAT_OLD_BINARY] = "format-old-binary",
		[GTD_REJECT_FORMAT_TEXTUAL] = "format-textual",
		[GTD_REJECT_FORMAT_PROTOTYPE] = "format-unified-prototype",
		[GTD_REJECT_FORMAT_UNKNOWN] = "format-unknown",
		[GTD_REJECT_VERSION] = "version-unsupported",
		[GTD_REJECT_LIMIT] = "limit-exceeded",
	};
	return r < GTD_REJECT_COUNT ? names[r] : "?";
}

static double clock_seconds(clockid_t clock)
{
	struct timespec ts;

	if (clock_gettime(clock, &ts))
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

/* CPU time of the calling thread: the writer's share of the run, the part
 * that one SQLite database cannot spread over cores. */
static double thread_cpu(void)
{
	return clock_seconds(CLOCK_THREAD_CPUTIME_ID);
}

/* ---- walker ------------------------------------------------------------ */

static int unchanged(struct pipeline *p, const char *path, int64_t size, int64_t mtime_ns)
{
	struct gtd_known_file f;
	int same;

	if (p->in.opt->force)
		return 0;
	pthread_mutex_lock(&p->in.mu);
	same = gtd_store_known_file(p->in.st, path, &f) && !f.retry && f.size == size &&
	       f.mtime_ns == mtime_ns;
	pthread_mutex_unlock(&p->in.mu);
	return same;
}

static int on_walk_file(void *ctx, const char *path, int64_t size, int64_t mtime_ns, int error)
{
	struct pipeline *p = ctx;
	struct job job = { 0, strdup(path), size, mtime_ns, error };
	int is_unchanged = !error && unchanged(p, path, size, mtime_ns);

	if (!job.path)
		return gtd_fail(&p->walk_err, GTD_ENOMEM, "out of memory");
	pthread_mutex_lock(&p->qmu);
	p->files++;
	if (is_unchanged) {
		p->unchanged++;
		pthread_mutex_unlock(&p->qmu);
		free(job.path);
		return GTD_OK;
	}
	while (p->next_seq - p->next_take >= QUEUE_JOBS && !p->stop) {
		p->walker_waiting = 1;
		pthread_cond_wait(&p->cv_space, &p->qmu);
	}
	p->walker_waiting = 0;
	if (p->stop) {
		pthread_mutex_unlock(&p->qmu);
		free(job.path);
		return GTD_EUSAGE; /* the writer gave up; its error is the one reported */
	}
	job.seq = p->next_seq++;
	p->queue[job.seq % QUEUE_JOBS] = job;
	pthread_cond_signal(&p->cv_job);
	pthread_mutex_unlock(&p->qmu);
	return GTD_OK;
}

static void *walker_main(void *arg)
{
	struct pipeline *p = arg;
	struct walk_visitor v = { p, on_walk_file };
	int rc = walk(p->roots, &v, &p->walk_err);

	pthread_mutex_lock(&p->qmu);
	p->walk_rc = rc;
	p->walk_done = 1;
	pthread_cond_broadcast(&p->cv_job);
	pthread_cond_broadcast(&p->cv_done);
	pthread_mutex_unlock(&p->qmu);
	return NULL;
}

/* ---- workers ----------------------------------------------------------- */

/* Whether the next job's result has a slot. */
static int result_room(const struct pipeline *p)
{
	return p->next_take - p->next_write < WINDOW;
}

/* A worker's nice value above the writer's.  Linux gives each thread its
 * own nice value; raising it needs no privilege.  Measured on a go build
 * std cmd cache on two cores, medians of interleaved runs: -j 2 0.53 s ->
 * 0.47 s, -j 1 0.585 -> 0.555, -j 8 0.60 -> 0.56; deltas 2, 5, 10 and 19
 * alike.  Under autogroup scheduling (Linux's default for a session) it
 * only shares out this process's own time, not the machine's. */
#define WORKER_NICE_DELTA 5

static void yield_to_writer(void)
{
	pid_t self = gettid();
	int nice;

	errno = 0;
	nice = getpriority(PRIO_PROCESS, (id_t)self);
	if (errno != 0 || nice >= 19)
		return;
	nice = nice + WORKER_NICE_DELTA > 19 ? 19 : nice + WORKER_NICE_DELTA;
	(void)setpriority(PRIO_PROCESS, (id_t)self, nice); /* only a hint if it fails */
}

static void *worker_main(void *arg);

/* A decoding thread, with a stack its deepest recursion fits whatever
 * `ulimit -s` says (the default thread stack follows it); 0 or an error
 * number, as pthread_create. */
static int start_worker(pthread_t *t, struct pipeline *p)
{
	pthread_attr_t attr;
	int rc = pthread_attr_init(&attr);

	if (rc)
		return rc;
	if (!(rc = pthread_attr_setstacksize(&attr, GTD_DECODE_STACK_BYTES)))
		rc = pthread_create(t, &attr, worker_main, p);
	pthread_attr_destroy(&attr);
	return rc;
}

static void *worker_main(void *arg)
{
	struct pipeline *p = arg;

	yield_to_writer();
	pthread_mutex_lock(&p->qmu);
	for (;;) {
		struct result *r;
		uint64_t seq;

		while (!p->stop) {
			if (p->next_take == p->next_seq) {
				if (p->walk_done)
					break;
				pthread_cond_wait(&p->cv_job, &p->qmu);
			} else if (!result_room(p)) {
				p->takers_waiting++;
				pthread_cond_wait(&p->cv_room, &p->qmu);
				p->takers_waiting--;
			} else {
				break;
			}
		}
		if (p->stop || p->next_take == p->next_seq)
			break;
		seq = p->next_take++;
		r = &p->slots[seq % WINDOW];
		memset(r, 0, sizeof *r);
		r->job = p->queue[seq % QUEUE_JOBS];
		p->state[seq % WINDOW] = SLOT_BUSY;
		if (p->walker_waiting && p->next_seq - p->next_take <= QUEUE_JOBS / 2)
			pthread_cond_signal(&p->cv_space);
		pthread_mutex_unlock(&p->qmu);
		process_file(&p->in, &p->slots[seq % WINDOW]);
		pthread_mutex_lock(&p->qmu);
		p->state[seq % WINDOW] = SLOT_DONE;
		/* only this result can be what the writer waits for */
		if (seq == p->next_write)
			pthread_cond_signal(&p->cv_done);
	}
	pthread_mutex_unlock(&p->qmu);
	return NULL;
}

void records_publish(struct ingest *in, struct result *r, const struct gtd_stage_runtime *records)
{
	struct pipeline *p = (struct pipeline *)in; /* in is its first member */
	uint64_t seq = r->job.seq;

	pthread_mutex_lock(&p->qmu);
	r->records = *records;
	r->records_bytes = gtd_stage_runtime_bytes(records);
	r->published = 1;
	p->state[seq % WINDOW] = SLOT_RECORDS;
	if (seq == p->next_write)
		pthread_cond_signal(&p->cv_done);
	pthread_mutex_unlock(&p->qmu);
}

/* ---- writer ------------------------------------------------------------ */

static int write_file_row(struct pipeline *p, const struct result *r, int64_t content_id,
			  const char *skip, struct gtd_error *err)
{
	int rc;

	pthread_mutex_lock(&p->in.mu);
	rc = gtd_store_file(p->in.st, r->job.path, r->job.size, r->job.mtime_ns, content_id, skip, err);
	pthread_mutex_unlock(&p->in.mu);
	return rc;
}

/* The claim on r's content: a seq, CLAIM_WRITTEN, CLAIM_FAILED, or 0
 * when the content was never claimed. */
static uint64_t claim_of(struct pipeline *p, const struct result *r)
{
	uint64_t v;

	pthread_mutex_lock(&p->in.mu);
	if (!gtd_bmap_get(&p->in.claims, r->hash, sizeof r->hash, &v))
		v = 0;
	pthread_mutex_unlock(&p->in.mu);
	return v;
}

/* A result whose content this run has written already (a later-claimed
 * duplicate that decoded in parallel) is recorded as a duplicate. */
static int already_written(struct pipeline *p, const struct result *r)
{
	return claim_of(p, r) == CLAIM_WRITTEN;
}

/* The store has r's content (written by an earlier file of this run). */
static int content_known(struct pipeline *p, const struct result *r)
{
	int64_t id;
	int known;

	pthread_mutex_lock(&p->in.mu);
	known = gtd_store_known_content(p->in.st, r->hash, &id);
	pthread_mutex_unlock(&p->in.mu);
	return known;
}

/* A file not read this time (the OS refused it, or memory ran out): its
 * row says so, and the next run reads it again (gtd_known_file.retry).
 * No content row: nothing is known about its bytes. */
static int write_not_read(struct pipeline *p, const struct result *r, const char *message,
			  struct gtd_ingest_stats *s, struct gtd_error *err)
{
	int no_memory = r->outcome != OUT_UNREADABLE;

	s->errors++;
	if (no_memory)
		s->no_memory++;
	else
		s->unreadable++;
	p->in.opt->on_error(p->in.opt->ctx, r->job.path, message);
	return write_file_row(p, r, 0, no_memory ? GTD_FILE_NO_MEMORY : GTD_FILE_UNREADABLE, err);
}

/* Memory ran out for a content this file claimed: every other file of it
 * is left unread too (CLAIM_FAILED), to be retried with it. */
static int write_no_memory(struct pipeline *p, const struct result *r, struct gtd_ingest_stats *s,
			   struct gtd_error *err)
{
	uint64_t *slot;
	int inserted;

	if (r->claimed) {
		pthread_mutex_lock(&p->in.mu);
		if (gtd_bmap_upsert(&p->in.claims, r->hash, sizeof r->hash, &slot, &inserted) == 0)
			*slot = CLAIM_FAILED;
		pthread_mutex_unlock(&p->in.mu);
	}
	return write_not_read(p, r, r->err.msg, s, err);
}

/* A binary's records (r's, moved to *records by the caller), while its
 * decode goes on (SLOT_RECORDS) or once done: its content begun and they
 * written, unless the content is written already (the result is then a
 * duplicate, known when it is done).  Into a new database, before the
 * decode is done, the hash is still to come (records_publish): the
 * content begins without it.  The records are freed. */
static int take_records(struct pipeline *p, struct result *r, struct gtd_stage_runtime *records,
			int done, struct gtd_error *err)
{
	struct gtd_store *st = p->in.st;
	int rc = GTD_OK, hash_known = done || !gtd_store_is_new(st);

	r->records_taken = 1;
	if (hash_known && already_written(p, r))
		goto done;
	if ((rc = gtd_store_content_begin(st, hash_known ? r->hash : NULL, r->content_size, r->kind,
					  &r->content_id, err)))
		goto done;
	r->content_begun = 1;
	r->begun_unhashed = !hash_known;
	if ((rc = gtd_store_write_records(st, records, err)))
		gtd_store_content_abort(st);
done:
	gtd_stage_runtime_free(records);
	return rc;
}

/* r's records, moved out (the caller holds the lock if the worker may
 * still be running). */
static struct gtd_stage_runtime move_records(struct result *r)
{
	struct gtd_stage_runtime records = r->records;

	memset(&r->records, 0, sizeof r->records);
	return records;
}

static int write_content(struct pipeline *p, struct result *r, struct gtd_ingest_stats *s,
			 struct gtd_error *err)
{
	struct gtd_store *st = p->in.st;
	const char *status = "indexed", *reason = NULL, *message = NULL;
	uint64_t *slot;
	int inserted, rc;

	if (!r->content_begun &&
	    gtd_store_content_begin(st, r->hash, r->content_size, r->kind, &r->content_id, err))
		return err->code;
	if (r->content_begun)
		gtd_store_content_hash(st, r->hash);
	if (r->outcome == OUT_DECODED && gtd_store_write_stage(st, &r->stage, err)) {
		gtd_store_content_abort(st);
		return err->code;
	}
	if (r->outcome == OUT_REJECTED) {
		status = "rejected";
		reason = gtd_reject_name(r->reject);
		message = r->err.msg;
	} else if (r->outcome == OUT_ERROR) {
		status = "error";
		reason = "corrupt";
		message = r->err.msg;
	}
	pthread_mutex_lock(&p->in.mu);
	rc = gtd_store_content_end(st, status, reason, message, err);
	if (rc == GTD_OK && gtd_bmap_upsert(&p->in.claims, r->hash, sizeof r->hash, &slot, &inserted) == 0)
		*slot = CLAIM_WRITTEN;
	pthread_mutex_unlock(&p->in.mu);
	if (rc)
		return rc;
	if (r->outcome == OUT_DECODED && r->stage.has_unit) {
		s->units++;
	} else if (r->outcome == OUT_DECODED) {
		s->binaries++;
	} else if (r->outcome == OUT_REJECTED) {
		s->rejected[r->reject]++;
	} else {
		s->errors++;
		p->in.opt->on_error(p->in.opt->ctx, r->job.path, r->err.msg);
	}
	return write_file_row(p, r, r->content_id, NULL, err);
}

static int write_duplicate(struct pipeline *p, const struct result *r, struct gtd_ingest_stats *s,
			   struct gtd_error *err)
{
	int64_t content_id;
	int known;

	pthread_mutex_lock(&p->in.mu);
	known = gtd_store_known_content(p->in.st, r->hash, &content_id);
	pthread_mutex_unlock(&p->in.mu);
	if (!known && claim_of(p, r) == CLAIM_FAILED)
		return write_not_read(p, r, "out of memory decoding another file with the same content "
				      "(both are read again on the next run)", s, err);
	if (!known) /* claims guarantee an earlier result wrote it */
		return gtd_fail(err, GTD_EINTERNAL, "%s: a duplicate of a content never written",
				r->job.path);
	s->duplicates++;
	return write_file_row(p, r, content_id, NULL, err);
}

static int write_result(struct pipeline *p, struct result *r, struct gtd_ingest_stats *s,
			struct gtd_error *err)
{
	/* records published after the writer last looked (the worker is
	 * done, the hash known); those of a decode that failed are dropped
	 * with the result */
	if (r->outcome == OUT_DECODED && r->published && !r->records_taken) {
		struct gtd_stage_runtime records = move_records(r);
		int rc = take_records(p, r, &records, 1, err);

		if (rc)
			return rc;
	}
	/* begun before the hash was known: a content written meanwhile
	 * (its claim could not be remembered) is dealt with as if the hash
	 * had been known, from scratch */
	if (r->content_begun && r->begun_unhashed && r->outcome == OUT_DECODED && content_known(p, r)) {
		gtd_store_content_undo(p->in.st);
		r->content_begun = 0;
	}
	s->bytes += r->bytes_read;
	if (r->content_begun && r->outcome != OUT_DECODED) {
		/* its records were written, then its decode failed */
		gtd_store_content_undo(p->in.st);
		r->content_begun = 0;
	}
	switch (r->outcome) {
	case OUT_SKIPPED:
		s->skipped[r->skip]++;
		return write_file_row(p, r, 0, gtd_skip_name(r->skip), err);
	case OUT_UNREADABLE:
		return write_not_read(p, r, r->err.msg, s, err);
	case OUT_NO_MEMORY:
		if (r->claimed && already_written(p, r))
			return write_duplicate(p, r, s, err);
		return write_no_memory(p, r, s, err);
	case OUT_DUPLICATE:
		return write_duplicate(p, r, s, err);
	default:
		if (!r->content_begun && already_written(p, r))
			return write_duplicate(p, r, s, err);
		return write_content(p, r, s, err);
	}
}

static void snapshot(struct pipeline *p, struct gtd_ingest_stats *s, double t0)
{
	struct gtd_store_stats ss;

	pthread_mutex_lock(&p->qmu);
	s->files = p->files;
	s->unchanged = p->unchanged;
	pthread_mutex_unlock(&p->qmu);
	gtd_store_stats(p->in.st, &ss);
	s->rows = ss.rows;
	s->seconds = now() - t0;
	s->writer_cpu_seconds = thread_cpu();
}

/* Takes results in seq order until the walk is done and drained. */
static int writer_loop(struct pipeline *p, struct gtd_ingest_stats *s, double t0,
		       struct gtd_error *err)
{
	double last = now();
	int rc = GTD_OK;

	for (;;) {
		struct result *r;
		uint64_t seq, held;
		size_t i;

		pthread_mutex_lock(&p->qmu);
		seq = p->next_write;
		i = seq % WINDOW;
		r = &p->slots[i];
		while (!(p->next_write < p->next_seq &&
			 (p->state[i] == SLOT_DONE || (p->state[i] == SLOT_RECORDS && !r->records_taken))) &&
		       !(p->walk_done && p->next_write == p->next_seq))
			pthread_cond_wait(&p->cv_done, &p->qmu);
		if (p->next_write == p->next_seq) {
			pthread_mutex_unlock(&p->qmu);
			break;
		}
		if (p->state[i] == SLOT_RECORDS) {
			struct gtd_stage_runtime records = move_records(r);

			pthread_mutex_unlock(&p->qmu);
			if ((rc = take_records(p, r, &records, 0, err)))
				break;
			continue;
		}
		pthread_mutex_unlock(&p->qmu);
		rc = write_result(p, r, s, err);
		if (rc == GTD_OK)
			rc = gtd_store_checkpoint(p->in.st, err);
		held = r->budgeted;
		result_release(r);
		if (held >= TRIM_AFTER_BYTES)
			malloc_trim(0);
		budget_release(&p->in.budget, seq, held);
		pthread_mutex_lock(&p->qmu);
		p->state[i] = SLOT_EMPTY;
		p->next_write++;
		if (p->takers_waiting && p->next_take - p->next_write <= WINDOW - WINDOW / 8)
			pthread_cond_broadcast(&p->cv_room);
		pthread_mutex_unlock(&p->qmu);
		if (rc)
			break;
		if (p->in.opt->on_progress && now() - last >= 0.1) {
			last = now();
			snapshot(p, s, t0);
			p->in.opt->on_progress(p->in.opt->ctx, s, 0);
		}
	}
	return rc;
}

/* ---- setup ------------------------------------------------------------- */

static int pipeline_init(struct pipeline *p, struct gtd_store *st, const struct gtd_ingest_options *o,
			 struct gtd_error *err)
{
	memset(p, 0, sizeof *p);
	p->in.st = st;
	p->in.opt = o;
	p->slots = calloc(WINDOW, sizeof *p->slots);
	p->state = calloc(WINDOW, sizeof *p->state);
	p->queue = calloc(QUEUE_JOBS, sizeof *p->queue);
	if (!p->slots || !p->state || !p->queue)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	pthread_mutex_init(&p->in.mu, NULL);
	budget_init(&p->in.budget, IN_FLIGHT_BUDGET);
	pthread_mutex_init(&p->qmu, NULL);
	pthread_cond_init(&p->cv_job, NULL);
	pthread_cond_init(&p->cv_room, NULL);
	pthread_cond_init(&p->cv_done, NULL);
	pthread_cond_init(&p->cv_space, NULL);
	return walk_roots(o->paths, o->npaths, &p->roots, err);
}

static void pipeline_free(struct pipeline *p)
{
	/* only the taken, unwritten jobs' slots hold results: the window's
	 * other pages were never touched, and stay so */
	for (uint64_t seq = p->next_write; seq < p->next_take && p->slots; seq++)
		result_release(&p->slots[seq % WINDOW]);
	for (uint64_t seq = p->next_take; seq < p->next_seq && p->queue; seq++)
		free(p->queue[seq % QUEUE_JOBS].path);
	free(p->slots);
	free(p->state);
	free(p->queue);
	walk_free_roots(p->roots);
	gtd_bmap_free(&p->in.claims);
	pthread_mutex_destroy(&p->in.mu);
	budget_destroy(&p->in.budget);
	pthread_mutex_destroy(&p->qmu);
	pthread_cond_destroy(&p->cv_job);
	pthread_cond_destroy(&p->cv_room);
	pthread_cond_destroy(&p->cv_done);
	pthread_cond_destroy(&p->cv_space);
}

static void stop_all(struct pipeline *p)
{
	pthread_mutex_lock(&p->qmu);
	p->stop = 1;
	pthread_cond_broadcast(&p->cv_job);
	pthread_cond_broadcast(&p->cv_room);
	pthread_cond_broadcast(&p->cv_space);
	pthread_mutex_unlock(&p->qmu);
	budget_stop(&p->in.budget);
}

/* The signals that stop a run (SIGINT, SIGTERM, SIGHUP) are blocked in
 * the pipeline's threads, which inherit the mask they are created with: a
 * handler the caller installed then runs on the calling (writer) thread,
 * the one that stops the run, and two of them one after the other.  *old:
 * the caller's mask, to restore once the threads are started. */
static void block_stop_signals(sigset_t *old)
{
	sigset_t stop;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, old);
}

/* The walker and up to jobs workers (*started); fewer workers than asked
 * for are fine, none is not. */
static int start_threads(struct pipeline *p, pthread_t *walker, pthread_t *workers, int jobs,
			 int *started, struct gtd_error *err)
{
	int rc = pthread_create(walker, NULL, walker_main, p);

	if (rc)
		return gtd_fail(err, GTD_ENOMEM, "cannot start the thread that walks the inputs: %s",
				strerror(rc));
	for (; *started < jobs; (*started)++)
		if ((rc = start_worker(&workers[*started], p)))
			break;
	if (*started > 0)
		return GTD_OK;
	stop_all(p);
	pthread_join(*walker, NULL);
	return gtd_fail(err, GTD_ENOMEM, "cannot start a decoding thread: %s", strerror(rc));
}

int gtd_ingest(struct gtd_store *st, const struct gtd_ingest_options *o,
	       struct gtd_ingest_stats *s, struct gtd_error *err)
{
	int jobs = o->jobs > 0 ? o->jobs : 1, started = 0, rc;
	pthread_t walker, *workers = calloc((size_t)jobs, sizeof *workers);
	sigset_t mask;
	struct pipeline p;
	double t0 = now();

	memset(s, 0, sizeof *s);
	if (!workers)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	if ((rc = pipeline_init(&p, st, o, err))) {
		pipeline_free(&p);
		free(workers);
		return rc;
	}
	block_stop_signals(&mask);
	rc = start_threads(&p, &walker, workers, jobs, &started, err);
	pthread_sigmask(SIG_SETMASK, &mask, NULL);
	if (rc) {
		pipeline_free(&p);
		free(workers);
		return rc;
	}
	/* a new database's schema while the walk and the first decodes run */
	rc = gtd_store_ready(st, err);
	if (rc == GTD_OK)
		rc = writer_loop(&p, s, t0, err);
	if (rc)
		stop_all(&p);
	pthread_join(walker, NULL);
	for (int i = 0; i < started; i++)
		pthread_join(workers[i], NULL);
	if (rc == GTD_OK && p.walk_rc) {
		*err = p.walk_err;
		rc = p.walk_rc;
	}
	if (rc == GTD_OK) {
		double t_index = now();

		rc = gtd_store_finish(st, err);
		s->index_seconds = now() - t_index;
	}
	snapshot(&p, s, t0);
	if (o->on_progress)
		o->on_progress(o->ctx, s, 1);
	pipeline_free(&p);
	free(workers);
	return rc;
}
