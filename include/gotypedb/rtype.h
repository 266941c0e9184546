/* The runtime side: the type tables a Go linker writes into a binary
 * (moduledata, type descriptors, names, methods, itabs), read through an
 * objfile and emitted as records (sink.h) that the store turns into the
 * runtime layer of the schema, with each descriptor's Go type in the one
 * dictionary of types (its shape).  Go 1.16 to 1.27. */
#ifndef GOTYPEDB_RTYPE_H
#define GOTYPEDB_RTYPE_H

#include "gotypedb/error.h"
#include "gotypedb/objfile.h"
#include "gotypedb/sink.h"

/* The oldest and newest Go 1.x releases whose tables gotypedb reads. */
#define GTD_RT_FIRST_MINOR 16
#define GTD_RT_LAST_MINOR 27

/* Decodes the one module of an executable, PIE or c-shared library.
 * Returns GTD_OK with *not_go set (and nothing emitted) for a file that
 * holds no Go build information, version or moduledata: no Go binary.
 * Errors: GTD_EUNSUPPORTED for a Go release outside 1.16-1.27 (named),
 * GTD_EDATA naming the address of what is malformed, GTD_ELIMIT,
 * GTD_ENOMEM; or a sink's code. */
int gtd_rtype_decode(const struct gtd_objfile *f, const struct gtd_sink *sink, int *not_go,
		     struct gtd_error *err);

#endif
