/* Hashing (src/base/digest.c): the hash tables' hash is keyed by a secret
 * drawn per process, so keys built to collide under XXH3's public secret
 * spread out; GOTYPEDB_HASH_SEED fixes the secret; the identity of
 * contents and declarations is SHA-256. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "gotypedb/bmap.h"
#include "gotypedb/digest.h"
#include "testlib.h"

/* Keys that all share one home slot of a 2048-slot table under XXH3-64
 * with its public default secret: a flood, if the tables used it.  The
 * slot is the low bits of the 32-bit fold the table keeps (bmap.c). */
enum { FLOOD_KEYS = 1000, FLOOD_CAP = 2048 };

static uint32_t public_home_slot(const char *key, size_t n)
{
	uint64_t h = XXH3_64bits(key, n);

	return (uint32_t)(h ^ (h >> 32)) & (FLOOD_CAP - 1);
}

/* The longest run of occupied slots: what a lookup may have to probe. */
static size_t longest_run(const struct gtd_bmap *m)
{
	size_t best = 0, run = 0;

	for (size_t i = 0; i < 2 * m->cap; i++) { /* twice round: a run may wrap */
		run = m->slots[i & (m->cap - 1)].entry ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best < m->cap ? best : m->cap;
}

static void test_keys_built_to_collide_spread_out(void **state)
{
	struct gtd_bmap m = { 0 };
	char key[32];
	uint64_t *slot;
	int inserted, found = 0;
	(void)state;

	for (unsigned i = 0; found < FLOOD_KEYS; i++) {
		int n = snprintf(key, sizeof key, "flood%u", i);

		if (public_home_slot(key, (size_t)n) != 0)
			continue;
		assert_int_equal(gtd_bmap_upsert(&m, key, (size_t)n, &slot, &inserted), 0);
		assert_true(inserted);
		found++;
	}
	assert_int_equal(m.cap, FLOOD_CAP);
	/* At this load, runs of random keys stay in the tens; one pile of
	 * every key would be a run of FLOOD_KEYS. */
	if (longest_run(&m) > 100)
		fail_msg("%d keys built to share a slot under the public secret still form a run of %zu",
			 FLOOD_KEYS, longest_run(&m));
	gtd_bmap_free(&m);
}

/* gtd_hash64("gotypedb") as a process started with seed (NULL: none) sees it. */
static unsigned long long hash_in_process(const char *seed)
{
	char cmd[256];
	unsigned long long h = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "%s%s%s /proc/%d/exe --print-hash",
		 seed ? "GOTYPEDB_HASH_SEED='" : "env -u GOTYPEDB_HASH_SEED", seed ? seed : "",
		 seed ? "'" : "", (int)getpid());
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%llx", &h), 1);
	assert_int_equal(pclose(p), 0);
	return h;
}

static void test_secret_per_process(void **state)
{
	(void)state;
	assert_true(hash_in_process("a") == hash_in_process("a"));
	assert_true(hash_in_process("a") != hash_in_process("b"));
	/* getrandom: two runs, two secrets */
	assert_true(hash_in_process(NULL) != hash_in_process(NULL));
	assert_true(hash_in_process(NULL) != XXH3_64bits("gotypedb", 8));
}

static void test_content_hash_is_sha256(void **state)
{
	static const uint8_t abc[32] = { /* FIPS 180-2, SHA-256("abc") */
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	struct gtd_content_hasher h;
	uint8_t out[GTD_CONTENT_HASH_SIZE];
	(void)state;

	assert_int_equal(GTD_CONTENT_HASH_SIZE, 32);
	gtd_content_hash((const uint8_t *)"abc", 3, out);
	assert_memory_equal(out, abc, 32);
	gtd_content_hash_init(&h);
	gtd_content_hash_add(&h, (const uint8_t *)"a", 1);
	gtd_content_hash_add(&h, (const uint8_t *)"bc", 2);
	gtd_content_hash_done(&h, out);
	assert_memory_equal(out, abc, 32);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_built_to_collide_spread_out),
		cmocka_unit_test(test_secret_per_process),
		cmocka_unit_test(test_content_hash_is_sha256),
	};

	if (argc == 2 && strcmp(argv[1], "--print-hash") == 0) {
		printf("%016llx\n", (unsigned long long)gtd_hash64("gotypedb", 8));
		return 0;
	}
	return cmocka_run_group_tests_name("hash", tests, NULL, NULL) ? 1 : 0;
}
