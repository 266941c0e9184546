/* Opening a database for a query, and what SQLite's errors mean to gotypedb. */
#ifndef GOTYPEDB_QUERY_OPEN_H
#define GOTYPEDB_QUERY_OPEN_H

#include <sqlite3.h>

#include "gotypedb/error.h"

/* Opens the database at path read-only, hardened for SQL that nobody
 * vetted, its schema read.  On failure *db is NULL. */
int query_open(const char *path, sqlite3 **db, struct gtd_error *err);

/* Two databases side by side, as the schemas "old" and "new" of one
 * connection (pair.c): each opened read-only and checked to be a gotypedb
 * database of this schema version (GTD_EUSAGE naming the path if not), on
 * an empty in-memory main database; hardened as query_open's. */
int query_open_pair(const char *old_path, const char *new_path, sqlite3 **db, struct gtd_error *err);

/* The settings of a connection that runs SQL nobody vetted (open.c): an
 * SQLite result code. */
int query_harden(sqlite3 *db);

/* functions.c: gotypedb's own SQL functions (go_quote) on db. */
int query_register_functions(sqlite3 *db);

/* The gotypedb code for an SQLite result code: GTD_EDB when the database
 * cannot be read (damaged, not a database, I/O, locked), GTD_ENOMEM,
 * else GTD_EUSAGE (the SQL is wrong). */
int query_error_code(int sqlite_rc);

/* The byte offset in sql (the statement SQLite just failed to prepare or
 * run on db) that the error is about, or -1 (erroffset.c). */
int query_error_offset(sqlite3 *db, const char *sql);

#endif
