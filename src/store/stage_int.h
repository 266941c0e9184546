/* What stage.c and stage_runtime.c share. */
#ifndef GOTYPEDB_STAGE_INT_H
#define GOTYPEDB_STAGE_INT_H

#include <stddef.h>

#include "gotypedb/stage.h"

/* The next capacity of a staged vector that is full: doubling while it is
 * small, then a quarter more, so that the largest units' vectors (a big
 * binary's descriptors, fields, methods, types), which wait for the
 * writer at their full size, hold at most a quarter unused (realloc moves
 * them rarely: most are big enough to be mapped on their own). */
static inline size_t stage_next_cap(size_t cap)
{
	return cap < 4096 ? (cap ? cap * 2 : 64) : cap + cap / 4;
}

/* Installs the runtime records' functions in s->sink. */
void stage_runtime_sink(struct gtd_stage *s);

#endif
