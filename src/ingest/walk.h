#ifndef GOTYPEDB_WALK_H
#define GOTYPEDB_WALK_H

#include <stdint.h>

#include "gotypedb/error.h"

struct walk_visitor {
	void *ctx;
	/* A regular file, or (error != 0) a path the walk could not read. */
	int (*file)(void *ctx, const char *path, int64_t size, int64_t mtime_ns, int error);
};

/* Resolves paths to absolute roots (NULL-terminated), dropping duplicates
 * and roots inside other roots so that no file is visited twice. */
int walk_roots(const char *const *paths, int n, char ***roots, struct gtd_error *err);
void walk_free_roots(char **roots);

/* Visits every file under roots in a stable order.  Stops at the first
 * non-zero return of a visitor function and returns it. */
int walk(char *const *roots, const struct walk_visitor *v, struct gtd_error *err);

#endif
