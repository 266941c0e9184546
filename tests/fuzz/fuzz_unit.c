/* libFuzzer target: a whole input file through classification, the
 * __.PKGDEF header, the pkgbits decoder and staging, as `gotypedb index`
 * runs them (the semantic layer included: the stage wants its records), and
 * the model decoder of every public element.  The fingerprint check is off:
 * random mutations would almost never get past it, and the structural
 * decoders are what must hold.
 *
 * Each input is decoded in a thread with the stack `gotypedb index` gives
 * its decoding threads (GTD_DECODE_STACK_BYTES): the main thread's would
 * not hold the recursion of a type nested as deep as gotypedb supports.
 *
 *   make fuzz && mkdir -p build/fuzz/corpus &&
 *   build/fuzz/fuzz_unit -max_total_time=60 build/fuzz/corpus tests/fuzz/seeds */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "gotypedb/classify.h"
#include "gotypedb/exportdata.h"
#include "gotypedb/gotype.h"
#include "gotypedb/stage.h"
#include "gotypedb/uir.h"
#include "gotypedb/uirmodel.h"

#include "decode_thread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void decode(const uint8_t *data, size_t size)
{
	struct gtd_uir_options opt = { 1 };
	struct gtd_classified cl;
	struct gtd_exportdata ed;
	struct gtd_cursor file, member;
	struct gtd_stage stage;
	struct gtd_uir_model model;
	struct gtd_pkgbits pb;
	struct gtd_error err;

	gtd_cursor_init(&file, data, size, 0, &err);
	if (gtd_classify(&file, size, &cl) || cl.kind == GTD_FILE_SKIP)
		return;
	if (gtd_cursor_sub(&file, cl.member_off, cl.member_size, &member) ||
	    gtd_exportdata_parse(&member, &ed) || ed.format != GTD_EXPORT_UNIFIED)
		return;
	gtd_stage_init(&stage, &err);
	if (gtd_uir_decode_unit(&ed, &opt, &stage.sink, &err) == GTD_OK)
		gtd_stage_finish(&stage);
	gtd_stage_free(&stage);
	if (gtd_pkgbits_open(&ed.blob, &pb) == GTD_OK) {
		gtd_uir_model_decode(&pb, &model);
		gtd_uir_model_free(&model);
	}
}

static void *decode_thread(void *arg)
{
	const struct input *in = arg;

	decode(in->data, in->size);
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	run_in_decode_thread(decode_thread, data, size);
	return 0;
}
