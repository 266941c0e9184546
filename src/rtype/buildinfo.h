/* A binary's Go release and build information (buildinfo.c). */
#ifndef GOTYPEDB_RTYPE_BUILDINFO_H
#define GOTYPEDB_RTYPE_BUILDINFO_H

#include "gotypedb/bytes.h"
#include "gotypedb/error.h"
#include "gotypedb/objfile.h"
#include "gotypedb/sink.h"

struct rt_buildinfo {
	struct gtd_bytes version;  /* "go1.26.8"; n 0: none found */
	struct gtd_bytes modinfo;  /* the module text without its frame; n 0: none */
	const char *source;        /* "buildinfo", "runtime.buildVersion" or NULL */
	unsigned minor;            /* 26 for go1.26.8; 0 when not known */
};

/* Fills bi (all empty when the binary holds neither); an error only for a
 * blob that is there and malformed. */
int rt_buildinfo_read(const struct gtd_objfile *f, struct rt_buildinfo *bi, struct gtd_error *err);
/* Its mod, dep and => lines and build settings, as records. */
int rt_buildinfo_emit(const struct rt_buildinfo *bi, const struct gtd_sink *sink);
/* The first line's field of a kind ("path": its value; "build" with a
 * key: the setting's value); n 0 if none. */
struct gtd_bytes rt_buildinfo_field(const struct rt_buildinfo *bi, const char *kind, const char *key);

#endif
