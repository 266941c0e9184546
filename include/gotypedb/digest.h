/* Hashes: the ones the formats themselves use (MD5, SHA-256: nettle), the
 * identity of contents and declarations (SHA-256), and the in-memory hash
 * tables' hash (XXH3-64 under a per-process random secret: libxxhash). */
#ifndef GOTYPEDB_DIGEST_H
#define GOTYPEDB_DIGEST_H

#include <nettle/sha2.h>
#include <stddef.h>
#include <stdint.h>

/* content.hash and uir_decl.hash: SHA-256, so that no file can be crafted
 * to take the identity of another content or declaration (which would
 * then be skipped as known, or stand in for it in every unit). */
#define GTD_CONTENT_HASH_SIZE SHA256_DIGEST_SIZE

void gtd_md5(const uint8_t *data, size_t len, uint8_t out[16]);
void gtd_sha256(const uint8_t *data, size_t len, uint8_t out[32]);

/* The identity of bytes (SHA-256), at once or in pieces. */
void gtd_content_hash(const uint8_t *data, size_t len, uint8_t out[GTD_CONTENT_HASH_SIZE]);
struct gtd_content_hasher {
	struct sha256_ctx ctx;
};
void gtd_content_hash_init(struct gtd_content_hasher *h);
void gtd_content_hash_add(struct gtd_content_hasher *h, const uint8_t *data, size_t len);
void gtd_content_hash_done(struct gtd_content_hasher *h, uint8_t out[GTD_CONTENT_HASH_SIZE]);

/* The hash of the in-memory tables keyed by input bytes (bmap.h).  Keyed
 * by a secret drawn once per process before main runs (no thread and no
 * table exist yet), so that an input cannot be crafted to pile its keys
 * into one slot; nothing stored depends on it.  The environment variable
 * GOTYPEDB_HASH_SEED, for tests, derives the secret from its text. */
uint64_t gtd_hash64(const void *data, size_t len);

#endif
