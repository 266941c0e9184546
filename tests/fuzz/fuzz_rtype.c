/* libFuzzer target: a whole input file through the object-file layer and
 * the runtime decoder, as `gotypedb index` runs them on a binary: every
 * slice opened (objfile.h) and its Go tables decoded (rtype.h) into a sink
 * that checks what it is given holds together (rtsink.h).  A decode that
 * succeeds must leave no record naming what was not emitted; one that
 * fails must say why.  Each input is decoded in a thread with the decoding
 * threads' stack (GTD_DECODE_STACK_BYTES), as fuzz_unit.c does.
 *
 *   make fuzz-rtype FUZZ_SECONDS=600
 * builds build/fuzz/fuzz_rtype and runs it from the crafted binaries of
 * tests/data/rtype and small real Go binaries built then
 * (tests/fuzz/rtype_seeds.sh). */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "gotypedb/gotype.h"
#include "gotypedb/objfile.h"
#include "gotypedb/rtype.h"
#include "rtsink.h"

#include "decode_thread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void finding(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_rtype: %s: %s\n", what, detail);
	abort();
}

static void decode_object(const uint8_t *data, const struct gtd_obj_slice *sl)
{
	struct gtd_objfile *f;
	struct gtd_error err = { 0, "" };
	struct rtsink k;
	const char *broken;
	int not_go = 0, rc;

	if (gtd_objfile_open(data + sl->off, sl->size, sl->off, &f, &err))
		return;
	/* (the order of a sink that takes records early: the ingest's) */
	rtsink_init(&k, 1);
	rc = gtd_rtype_decode(f, &k.sink, &not_go, &err);
	broken = rc == GTD_OK ? rtsink_finish(&k) : k.broken;
	if (broken)
		finding("an invariant of the records failed", broken);
	if (rc != GTD_OK && (!err.msg[0] || (rc != GTD_EDATA && rc != GTD_EUNSUPPORTED && rc != GTD_ELIMIT)))
		finding("a failure without a message, or of an unexpected kind", err.msg);
	if (rc == GTD_OK && not_go && k.nbinary)
		finding("records for what is no Go binary", "");
	rtsink_free(&k);
	gtd_objfile_free(f);
}

static void *decode_thread(void *arg)
{
	const struct input *in = arg;
	struct gtd_obj_slice s[GTD_OBJ_MAX_SLICES];
	struct gtd_error err;
	size_t n;

	if (gtd_objfile_slices(in->data, in->size, s, &n, &err))
		return NULL;
	for (size_t i = 0; i < n; i++)
		decode_object(in->data, &s[i]);
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run_in_decode_thread(decode_thread, data, size);
	return 0;
}
