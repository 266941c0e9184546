/* Output kept back until a query has succeeded, so that a failure prints
 * nothing rather than half a JSON document.  Memory stays bounded: past
 * SPOOL_MEMORY bytes the output goes to an unnamed temporary file. */
#ifndef GOTYPEDB_QUERY_SPOOL_H
#define GOTYPEDB_QUERY_SPOOL_H

#include <stdio.h>

#include "gotypedb/error.h"

struct spool {
	char *mem;
	size_t n;
	int fd;	   /* the temporary file, or -1 */
	int error; /* errno of a failed write, or 0 */
	FILE *f;
};

/* Opens sp->f, a stream into the spool. */
int spool_open(struct spool *sp, struct gtd_error *err);
/* Writes everything spooled to out. */
int spool_copy(struct spool *sp, FILE *out, struct gtd_error *err);
/* Discards the spool; its temporary file never had a name. */
void spool_close(struct spool *sp);

#endif
