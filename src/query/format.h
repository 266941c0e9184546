/* Printers for result rows; one per output format. */
#ifndef GOTYPEDB_QUERY_FORMAT_H
#define GOTYPEDB_QUERY_FORMAT_H

#include <sqlite3.h>
#include <stdio.h>

#include "gotypedb/query.h"

/* Steps s to the end, printing its rows in fmt.  Returns the final
 * sqlite3_step code (SQLITE_DONE on success). */
int format_rows(sqlite3_stmt *s, enum gtd_format fmt, FILE *out);

#endif
