/* The memory budget of results in flight: the bytes the decoding workers
 * hold for the writer, bounded in total whatever the number of workers.
 *
 * A worker reserves a unit's cost before reading it (an estimate that
 * covers its decoding), settles it to what the result keeps once decoded
 * (the member and the staged rows), and the writer releases it once the
 * result is written.  The result the writer waits for, the oldest in
 * flight, never waits: it may take the total over the limit by one unit,
 * and so the pipeline never stalls on the budget. */
#ifndef GOTYPEDB_INGEST_BUDGET_H
#define GOTYPEDB_INGEST_BUDGET_H

#include <pthread.h>
#include <stdint.h>

struct budget {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	uint64_t limit;
	uint64_t used;   /* bytes counted for the results in flight */
	uint64_t oldest; /* seq of the oldest result not yet written */
	/* The lowest seq waiting since the last wake-up: a result written
	 * wakes the waiters only when it frees bytes or makes one the oldest
	 * (most results are skipped files that hold nothing). */
	uint64_t first_waiting;
	int waiters, stopped;
};

void budget_init(struct budget *b, uint64_t limit);
void budget_destroy(struct budget *b);

/* Counts bytes for result seq, once they fit (or seq is the oldest, or
 * the run is stopping); *held is what the result counts. */
void budget_reserve(struct budget *b, uint64_t seq, uint64_t bytes, uint64_t *held);

/* Changes what a result counts from *held to bytes, without waiting. */
void budget_settle(struct budget *b, uint64_t *held, uint64_t bytes);

/* The writer is done with result seq, which counted held bytes. */
void budget_release(struct budget *b, uint64_t seq, uint64_t held);

/* Wakes every waiter for good: the run is stopping. */
void budget_stop(struct budget *b);

#endif
