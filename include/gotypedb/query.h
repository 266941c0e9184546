/* Running SQL on a read-only connection and printing the rows. */
#ifndef GOTYPEDB_QUERY_H
#define GOTYPEDB_QUERY_H

#include <stdio.h>

#include "gotypedb/error.h"

enum gtd_format { GTD_FORMAT_TABLE, GTD_FORMAT_CSV, GTD_FORMAT_JSON };

struct gtd_query_options {
	enum gtd_format format;
	/* Where the SQL came from, for messages ("q.sql:3:8: no such table"). */
	const char *sql_name;
	/* The table format's line width when out is a terminal: cells are cut
	 * with an ellipsis to fit it.  0: out is not a terminal, never cut. */
	int width;
};

/* Prints the pragmas a query may run, as indented lines of words: those
 * that report on what their argument names, "table_info(X)", then those
 * that take none (with a value they would set it). */
void gtd_query_print_pragmas(FILE *out);

/* -1 if name is not a format. */
int gtd_format_parse(const char *name);

/* Runs every statement of sql against the database at db_path and prints
 * each statement's rows to out.  Nothing is written anywhere else: the
 * connection is read-only, and a statement that would write (to the
 * database, an attached or temporary one, or a setting) is refused before
 * any statement runs (GTD_EUSAGE).  All statements read one snapshot.
 * JSON is printed only when every statement succeeded; table and csv
 * stream.  Errors: GTD_EUSAGE for SQL errors, GTD_EDB when the database is
 * unreadable or damaged, GTD_ENOINPUT when it does not exist. */
int gtd_query_run(const char *db_path, const char *sql, const struct gtd_query_options *o,
		  FILE *out, struct gtd_error *err);

#endif
