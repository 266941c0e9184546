/* The memory budget of results in flight (budget.h). */
#include "budget.h"

void budget_init(struct budget *b, uint64_t limit)
{
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv, NULL);
	b->limit = limit;
	b->used = 0;
	b->oldest = 0;
	b->first_waiting = UINT64_MAX;
	b->waiters = 0;
	b->stopped = 0;
}

void budget_destroy(struct budget *b)
{
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->cv);
}

void budget_reserve(struct budget *b, uint64_t seq, uint64_t bytes, uint64_t *held)
{
	pthread_mutex_lock(&b->mu);
	while (b->used + bytes > b->limit && seq != b->oldest && !b->stopped) {
		if (seq < b->first_waiting)
			b->first_waiting = seq;
		b->waiters++;
		pthread_cond_wait(&b->cv, &b->mu);
		b->waiters--;
	}
	b->used += bytes;
	*held += bytes;
	pthread_mutex_unlock(&b->mu);
}

/* Every waiter looks again; those that still do not fit register again. */
static void wake_all(struct budget *b)
{
	b->first_waiting = UINT64_MAX;
	pthread_cond_broadcast(&b->cv);
}

void budget_settle(struct budget *b, uint64_t *held, uint64_t bytes)
{
	pthread_mutex_lock(&b->mu);
	b->used = b->used - *held + bytes;
	if (bytes < *held && b->waiters)
		wake_all(b);
	*held = bytes;
	pthread_mutex_unlock(&b->mu);
}

void budget_release(struct budget *b, uint64_t seq, uint64_t held)
{
	pthread_mutex_lock(&b->mu);
	b->used -= held;
	b->oldest = seq + 1;
	if (b->waiters && (held || b->oldest >= b->first_waiting))
		wake_all(b);
	pthread_mutex_unlock(&b->mu);
}

void budget_stop(struct budget *b)
{
	pthread_mutex_lock(&b->mu);
	b->stopped = 1;
	wake_all(b);
	pthread_mutex_unlock(&b->mu);
}
