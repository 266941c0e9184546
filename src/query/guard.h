/* What a query may do: an authorizer that allows reading and nothing else. */
#ifndef GOTYPEDB_QUERY_GUARD_H
#define GOTYPEDB_QUERY_GUARD_H

#include <sqlite3.h>

#include "gotypedb/error.h"

struct query_guard {
	/* Set while gotypedb runs its own statements (the read transaction
	 * around the user's), which the guard would refuse from the user. */
	int internal;
	/* Why the last statement was refused; empty if it was not. */
	char why[256];
};

/* Runs gotypedb's own statements (BEGIN, COMMIT), which the guard
 * refuses from users; db_path names the database in messages. */
int query_exec_internal(sqlite3 *db, struct query_guard *g, const char *db_path, const char *sql,
			struct gtd_error *err);

/* Installs the guard as db's authorizer (an SQLite result code); g must
 * outlive db. */
int query_guard_install(sqlite3 *db, struct query_guard *g);

#endif
