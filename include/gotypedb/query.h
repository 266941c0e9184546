/* Running SQL on a read-only connection and printing the rows. */
#ifndef GOTYPEDB_QUERY_H
#define GOTYPEDB_QUERY_H

#include <stdio.h>

#include "gotypedb/error.h"

enum gtd_format { GTD_FORMAT_TABLE, GTD_FORMAT_CSV, GTD_FORMAT_JSON };

/* -1 if name is not a format. */
int gtd_format_parse(const char *name);

/* Runs every statement of sql against the database at db_path, opened
 * read-only, and prints each statement's rows to out. */
int gtd_query_run(const char *db_path, const char *sql, enum gtd_format fmt, FILE *out,
		  struct gtd_error *err);

#endif
