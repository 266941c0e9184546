/* Records: what decoders emit, as plain C values, knowing nothing of SQLite.
 *
 * A decoder calls the sink's functions in order: unit first, then the
 * unit's sections, strings, elements and references.  Byte ranges in the
 * records borrow the decoder's input and are valid only during the call;
 * a sink that keeps them must copy (ingest/batch does, store interns).
 * A non-zero return stops the decoder, which returns that code. */
#ifndef GOTYPEDB_SINK_H
#define GOTYPEDB_SINK_H

#include <stdint.h>

#include "gotypedb/bytes.h"

/* One Unified IR export-data blob and the "go object" header around it. */
struct gtd_unit_rec {
	struct gtd_bytes header;        /* the header lines before "$$B", verbatim */
	struct gtd_bytes goos, goarch, go_version, arch_variant, experiments, build_id;
	int is_main;
	uint64_t export_off;            /* file offset of the blob (after the 'u') */
	uint64_t export_size;           /* blob bytes, up to the "\n$$\n" marker */
	unsigned version;               /* pkgbits version, 0-5 */
	uint32_t flags;                 /* header flags word (0 in V0, which has none) */
	int sync_markers;
	uint8_t fingerprint[8];
	const char *fingerprint_hash;   /* "md5" or "sha256": the one that matched; NULL if unchecked */
	struct gtd_bytes pkg_path;      /* the public root's self package path */
	uint32_t elems;                 /* N, all sections */
	uint32_t data_bytes;            /* E, the element data area */
};

struct gtd_sink {
	void *ctx;
	int (*unit)(void *ctx, const struct gtd_unit_rec *u);
	int (*section)(void *ctx, unsigned section, uint32_t elems, uint32_t bytes);
	int (*string)(void *ctx, uint32_t idx, struct gtd_bytes text);
	int (*element)(void *ctx, unsigned section, uint32_t idx, uint32_t off, uint32_t len);
	int (*ref)(void *ctx, unsigned section, uint32_t idx, uint32_t slot,
		   unsigned ref_section, uint32_t ref_idx);
};

#endif
