/* A batch records one content's decoded records in memory, so that a worker
 * thread can decode while the single writer stores, and so that a decode
 * error leaves nothing behind: the batch is simply dropped.
 * Byte ranges stay borrowed from the input, which must stay mapped until
 * the batch is replayed. */
#ifndef GOTYPEDB_BATCH_H
#define GOTYPEDB_BATCH_H

#include "gotypedb/error.h"
#include "gotypedb/sink.h"

struct gtd_batch_element { uint32_t idx, off, len; uint8_t section; };
struct gtd_batch_ref { uint32_t idx, slot, ref_idx; uint8_t section, ref_section; };
struct gtd_batch_section { uint32_t elems, bytes; };

struct gtd_batch {
	int has_unit;
	struct gtd_unit_rec unit;
	struct gtd_batch_section sections[16];
	unsigned nsections;
	struct gtd_bytes *strings; size_t nstrings, capstrings;
	struct gtd_batch_element *elements; size_t nelements, capelements;
	struct gtd_batch_ref *refs; size_t nrefs, caprefs;
	struct gtd_sink sink;       /* records into this batch */
	struct gtd_error *err;      /* where ENOMEM is reported */
};

void gtd_batch_init(struct gtd_batch *b, struct gtd_error *err);
void gtd_batch_free(struct gtd_batch *b);
/* Number of rows the batch will write. */
uint64_t gtd_batch_rows(const struct gtd_batch *b);
/* Calls to's functions in sink order; stops at the first non-zero return. */
int gtd_batch_replay(const struct gtd_batch *b, const struct gtd_sink *to);

#endif
