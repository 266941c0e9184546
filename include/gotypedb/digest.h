/* Hashes the formats themselves use (MD5, SHA-256: nettle) and the content
 * hash that keys the database (XXH3-128: libxxhash). */
#ifndef GOTYPEDB_DIGEST_H
#define GOTYPEDB_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define GTD_CONTENT_HASH_SIZE 16

void gtd_md5(const uint8_t *data, size_t len, uint8_t out[16]);
void gtd_sha256(const uint8_t *data, size_t len, uint8_t out[32]);

/* XXH3-128 of data, big-endian (canonical) byte order: the content key. */
void gtd_content_hash(const uint8_t *data, size_t len, uint8_t out[GTD_CONTENT_HASH_SIZE]);

/* XXH3-64, for in-memory hash tables. */
uint64_t gtd_hash64(const void *data, size_t len);

#endif
