/* What stage.c and stage_runtime.c share. */
#ifndef GOTYPEDB_STAGE_INT_H
#define GOTYPEDB_STAGE_INT_H

#include "gotypedb/stage.h"

/* Installs the runtime records' functions in s->sink. */
void stage_runtime_sink(struct gtd_stage *s);
uint64_t stage_runtime_bytes(const struct gtd_stage_runtime *rt);
void stage_runtime_free(struct gtd_stage_runtime *rt);

#endif
