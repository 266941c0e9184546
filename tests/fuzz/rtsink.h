/* A sink for the runtime decoder (rtype.h) that checks what it is given
 * holds together, whatever the input: records in sink.h's order (with
 * records_done: the module's members, names, itabs and typelinks, then
 * records_done, its shapes and descriptors; without: the shapes, then the
 * module, members, names, itabs, typelinks and descriptors), every
 * descriptor's shape among the shapes emitted before it, every field,
 * parameter, method, interface method, itab and typelink naming a
 * descriptor (and every NameOff a name) that was emitted, every offset
 * within the module's types region.  Used by the fuzz target
 * (fuzz_rtype.c) and the bad-input driver (tests/badinput/rtcheck.c). */
#ifndef GOTYPEDB_RTSINK_H
#define GOTYPEDB_RTSINK_H

#include <stddef.h>
#include <stdint.h>

#include "gotypedb/sink.h"

struct rtsink {
	struct gtd_sink sink;
	const char *broken;     /* the first invariant that failed; NULL: none */
	int in_module, nbinary, records_done;
	const int *order;       /* the phases in the order sink.h gives (rtsink.c) */
	int phase;              /* where the records are in it */
	struct gtd_module_rec mod;
	uint32_t nshapes, nitabs, ntypelinks;
	int64_t max_part;       /* the largest shape a part names */
	int64_t last_off, last_name, last_member;
	/* what later records must name: emitted descriptors and names */
	uint32_t *types;        /* their offsets, ascending as emitted */
	uint8_t *kinds;
	size_t ntypes, captypes;
	int32_t *names;
	size_t nnames, capnames;
	int64_t *wanted_types, *wanted_names; /* named before their record came */
	size_t nwt, capwt, nwn, capwn;
};

/* early: a sink with records_done (the members before the shapes). */
void rtsink_init(struct rtsink *k, int early);
/* After a decode that returned GTD_OK: the references that could only be
 * checked at the end.  Returns k->broken (NULL: all held). */
const char *rtsink_finish(struct rtsink *k);
void rtsink_free(struct rtsink *k);

#endif
