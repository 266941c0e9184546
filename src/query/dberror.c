/* SQLite's result codes sorted by whose fault they are: the SQL's (exit
 * 64) or the database's (exit 74). */
#include "open.h"

int query_error_code(int sqlite_rc)
{
	switch (sqlite_rc & 0xff) {
	case SQLITE_NOMEM:
		return GTD_ENOMEM;
	case SQLITE_IOERR:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CANTOPEN:
	case SQLITE_FULL:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_PROTOCOL:
	case SQLITE_PERM:
	case SQLITE_SCHEMA:
		return GTD_EDB;
	case SQLITE_READONLY:
		/* Plain: the SQL tried to write.  Extended (READONLY_CANTINIT,
		 * _RECOVERY, ...): the database's files cannot be set up. */
		return sqlite_rc == SQLITE_READONLY ? GTD_EUSAGE : GTD_EDB;
	default:
		return GTD_EUSAGE;
	}
}
