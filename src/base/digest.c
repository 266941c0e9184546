#include <nettle/md5.h>
#include <nettle/sha2.h>
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
	XXH128_canonical_t canon;

	XXH128_canonicalFromHash(&canon, XXH3_128bits(data, len));
	for (int i = 0; i < GTD_CONTENT_HASH_SIZE; i++)
		out[i] = canon.digest[i];
}

uint64_t gtd_hash64(const void *data, size_t len)
{
	return XXH3_64bits(data, len);
}
