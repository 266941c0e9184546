/* What a query may do: an authorizer that allows reading and nothing else. */
#ifndef GOTYPEDB_QUERY_GUARD_H
#define GOTYPEDB_QUERY_GUARD_H

#include <sqlite3.h>

struct query_guard {
	/* Set while gotypedb runs its own statements (the read transaction
	 * around the user's), which the guard would refuse from the user. */
	int internal;
	/* Why the last statement was refused; empty if it was not. */
	char why[256];
};

/* Installs the guard as db's authorizer (an SQLite result code); g must
 * outlive db. */
int query_guard_install(sqlite3 *db, struct query_guard *g);

#endif
