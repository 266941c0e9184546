/* What both libFuzzer targets do with an input: decode it in a thread
 * with the stack the indexer's decoding threads get (GTD_DECODE_STACK_BYTES),
 * so that the recursion limits are tried where they hold. */
#ifndef GOTYPEDB_FUZZ_DECODE_THREAD_H
#define GOTYPEDB_FUZZ_DECODE_THREAD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "gotypedb/gotype.h"

struct input {
	const uint8_t *data;
	size_t size;
};

/* Runs fn(&input) in a thread of the decoders' stack and waits for it. */
static inline void run_in_decode_thread(void *(*fn)(void *), const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	pthread_attr_t attr;
	pthread_t t;

	if (pthread_attr_init(&attr) || pthread_attr_setstacksize(&attr, GTD_DECODE_STACK_BYTES) ||
	    pthread_create(&t, &attr, fn, &in))
		abort(); /* the harness itself failed: not a finding */
	pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
}

#endif
