/* The memory budget of results in flight (src/ingest/budget.c): a worker
 * waits while its reservation does not fit, the oldest result in flight
 * never waits (the writer waits for it: the pipeline cannot stall), and a
 * release or a smaller settlement wakes the waiters. */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "../../src/ingest/budget.h"
#include "testlib.h"

struct waiter {
	struct budget *b;
	uint64_t seq, bytes, held;
	volatile int done;
};

static void *reserve_thread(void *arg)
{
	struct waiter *w = arg;

	budget_reserve(w->b, w->seq, w->bytes, &w->held);
	w->done = 1;
	return NULL;
}

static void test_waits_until_released(void **state)
{
	struct budget b;
	struct waiter w = { &b, 1, 10, 0, 0 };
	uint64_t held0 = 0;
	pthread_t t;
	(void)state;

	budget_init(&b, 64);
	budget_reserve(&b, 0, 60, &held0);
	assert_int_equal(pthread_create(&t, NULL, reserve_thread, &w), 0);
	usleep(50000);
	assert_false(w.done); /* 60 + 10 > 64, and seq 1 is not the oldest */
	budget_release(&b, 0, held0);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_true(w.done);
	assert_int_equal(b.used, 10);
	assert_int_equal(w.held, 10);
	budget_destroy(&b);
}

static void test_oldest_never_waits(void **state)
{
	struct budget b;
	uint64_t held = 0;
	(void)state;

	budget_init(&b, 64);
	budget_reserve(&b, 0, 1000, &held); /* over the limit, but the oldest */
	assert_int_equal(b.used, 1000);
	budget_settle(&b, &held, 30); /* decoded: it keeps less */
	assert_int_equal(b.used, 30);
	assert_int_equal(held, 30);
	budget_release(&b, 0, held);
	assert_int_equal(b.used, 0);
	assert_int_equal(b.oldest, 1);
	budget_destroy(&b);
}

static void test_settling_wakes(void **state)
{
	struct budget b;
	struct waiter w = { &b, 2, 40, 0, 0 };
	uint64_t held0 = 0;
	pthread_t t;
	(void)state;

	budget_init(&b, 64);
	budget_reserve(&b, 0, 50, &held0);
	assert_int_equal(pthread_create(&t, NULL, reserve_thread, &w), 0);
	usleep(50000);
	assert_false(w.done);
	budget_settle(&b, &held0, 20); /* 20 + 40 fits */
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(b.used, 60);
	budget_destroy(&b);
}

static void test_stop_wakes(void **state)
{
	struct budget b;
	struct waiter w = { &b, 5, 100, 0, 0 };
	pthread_t t;
	(void)state;

	budget_init(&b, 64);
	assert_int_equal(pthread_create(&t, NULL, reserve_thread, &w), 0);
	usleep(50000);
	assert_false(w.done);
	budget_stop(&b);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_true(w.done);
	budget_destroy(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_waits_until_released),
		cmocka_unit_test(test_oldest_never_waits),
		cmocka_unit_test(test_settling_wakes),
		cmocka_unit_test(test_stop_wakes),
	};
	alarm(60); /* a reservation that never returns fails the test, not the run */
	return cmocka_run_group_tests_name("budget", tests, NULL, NULL) ? 1 : 0;
}
