#include <errno.h>
#include <nettle/md5.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "gotypedb/digest.h"

void gtd_md5(const uint8_t *data, size_t len, uint8_t out[16])
{
	struct md5_ctx ctx;

	md5_init(&ctx);
	md5_update(&ctx, len, data);
	md5_digest(&ctx, MD5_DIGEST_SIZE, out);
}

void gtd_sha256(const uint8_t *data, size_t len, uint8_t out[32])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void gtd_content_hash(const uint8_t *data, size_t len, uint8_t out[GTD_CONTENT_HASH_SIZE])
{
	gtd_sha256(data, len, out);
}

void gtd_content_hash_init(struct gtd_content_hasher *h)
{
	sha256_init(&h->ctx);
}

void gtd_content_hash_add(struct gtd_content_hasher *h, const uint8_t *data, size_t len)
{
	sha256_update(&h->ctx, len, data);
}

void gtd_content_hash_done(struct gtd_content_hasher *h, uint8_t out[GTD_CONTENT_HASH_SIZE])
{
	sha256_digest(&h->ctx, SHA256_DIGEST_SIZE, out);
}

/* ---- the hash tables' secret ----------------------------------------------
 * XXH3 with a secret of random bytes (xxhash.h: a secret must be at least
 * XXH3_SECRET_SIZE_MIN bytes of high entropy).  Its 64-bit seeded variant
 * keeps XXH3's fixed secret for short keys and lets a chosen pair of keys
 * collide for about 2^-10 of seeds; under a random secret, about 2^-27
 * (xxHash issue #1127). */
#define SECRET_SIZE 192

static uint8_t hash_secret[SECRET_SIZE];

/* The secret from text: SHA-256 of (counter, text), block by block. */
static void secret_from_text(const char *text)
{
	for (unsigned i = 0; i < SECRET_SIZE / SHA256_DIGEST_SIZE; i++) {
		struct sha256_ctx ctx;
		uint8_t counter = (uint8_t)i;

		sha256_init(&ctx);
		sha256_update(&ctx, 1, &counter);
		sha256_update(&ctx, strlen(text), (const uint8_t *)text);
		sha256_digest(&ctx, SHA256_DIGEST_SIZE, hash_secret + i * SHA256_DIGEST_SIZE);
	}
}

static int secret_from_getrandom(void)
{
	size_t done = 0;

	while (done < SECRET_SIZE) {
		ssize_t k = getrandom(hash_secret + done, SECRET_SIZE - done, 0);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		done += (size_t)k;
	}
	return 0;
}

/* Without getrandom (a kernel older than 3.17, a seccomp filter): what
 * differs between runs, which is still no constant an input can target. */
static void secret_from_clock(void)
{
	struct timespec ts[2];
	char text[128];

	clock_gettime(CLOCK_REALTIME, &ts[0]);
	clock_gettime(CLOCK_MONOTONIC, &ts[1]);
	snprintf(text, sizeof text, "%lld.%ld %lld.%ld %ld %p",
		 (long long)ts[0].tv_sec, ts[0].tv_nsec, (long long)ts[1].tv_sec, ts[1].tv_nsec,
		 (long)getpid(), (void *)&ts);
	secret_from_text(text);
}

__attribute__((constructor)) static void seed_hash_tables(void)
{
	const char *seed = getenv("GOTYPEDB_HASH_SEED");

	if (seed && *seed)
		secret_from_text(seed);
	else if (secret_from_getrandom())
		secret_from_clock();
}

uint64_t gtd_hash64(const void *data, size_t len)
{
	return XXH3_64bits_withSecret(data, len, hash_secret, SECRET_SIZE);
}
