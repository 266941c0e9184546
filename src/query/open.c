/* Opening the database for a query: read-only, hardened as SQLite's
 * "Defense Against the Dark Arts" advises for SQL and database files that
 * nobody vetted, and still readable where nothing can be written.
 *
 * A WAL database is read through its -shm file, which the first reader
 * creates.  Where that cannot be done (a read-only directory or file
 * system), the database is opened immutable: SQLite then takes no locks
 * and ignores any -wal file, which is exact while nothing writes the
 * database.  Its directory being read-only, no `gotypedb index` can be
 * writing it there (a writer needs the directory for its own -wal) — but a
 * writer that sees the same directory writable (a read-only bind mount of
 * it) can, and the query may then see a half-written state or report the
 * database malformed.  A non-empty -wal holds changes not yet in the
 * database, which immutable reading would silently leave out: that is an
 * error instead. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "gotypedb/strbuf.h"
#include "gotypedb/uri.h"
#include "open.h"

/* Settings that need no access to the file.  DEFENSIVE: no SQL can corrupt
 * the file or write sqlite_master; no extension loading, no fts3_tokenizer
 * pointers, no triggers, no writable schema; no attached database (ATTACH,
 * and the target of VACUUM INTO).
 *
 * TRUSTED_SCHEMA stays on: SQLite 3.40 does not mark the -> and ->>
 * operators innocuous, and the schema's own views use them.  What it would
 * guard against, a view of a foreign database calling a function with
 * effects, the authorizer refuses anyway: it is asked about every function
 * a view calls. */
int query_harden(sqlite3 *db)
{
	static const int off[] = {
		SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER,
		SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_WRITABLE_SCHEMA,
	};
	int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);

	for (size_t i = 0; rc == SQLITE_OK && i < sizeof off / sizeof off[0]; i++)
		rc = sqlite3_db_config(db, off[i], 0, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_extended_result_codes(db, 1);
	return sqlite3_busy_timeout(db, 10000);
}

/* Opens, hardens, and reads the schema: where a WAL database needs a -shm
 * file that cannot be made, this is where it fails. */
static int connect(const char *path, int immutable, sqlite3 **db)
{
	struct gtd_strbuf uri = { 0 };
	int rc;

	gtd_strbuf_put_ro_uri(&uri, path, immutable);
	if (uri.oom)
		rc = SQLITE_NOMEM;
	else
		rc = sqlite3_open_v2(uri.p, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	gtd_strbuf_free(&uri);
	if (rc == SQLITE_OK)
		rc = query_harden(*db);
	if (rc == SQLITE_OK)
		rc = query_register_functions(*db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL);
	/* query_only: the last word should anything get past the guard;
	 * cell_size_check and no mmap: a damaged file is an error, not a
	 * crash (as SQLite advises for database files from elsewhere). */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(*db, "PRAGMA query_only = 1; PRAGMA cell_size_check = 1;"
				       " PRAGMA mmap_size = 0", NULL, NULL, NULL);
	return rc;
}

/* 1 if the database cannot be read for want of a writable place for its
 * -shm file. */
static int shm_impossible(int rc)
{
	return (rc & 0xff) == SQLITE_CANTOPEN || rc == SQLITE_READONLY_CANTINIT ||
	       rc == SQLITE_READONLY_DIRECTORY;
}

/* 1 if PATH-wal holds frames (changes not yet in the database file). */
static int wal_pending(const char *path)
{
	struct gtd_strbuf wal = { 0 };
	struct stat st;
	int pending;

	gtd_strbuf_puts(&wal, path);
	gtd_strbuf_puts(&wal, "-wal");
	pending = !wal.oom && stat(wal.p, &st) == 0 && st.st_size > 0;
	gtd_strbuf_free(&wal);
	return pending;
}

/* The file exists (query_open checked): a file SQLite cannot open is an
 * input that cannot be opened, EX_NOINPUT, as a missing one. */
static int fail_open(sqlite3 **db, int rc, const char *path, struct gtd_error *err)
{
	int code = (rc & 0xff) == SQLITE_CANTOPEN ? GTD_ENOINPUT : query_error_code(rc);
	int sys = *db ? sqlite3_system_errno(*db) : 0;

	gtd_fail(err, code, "%s: %s%s%s%s", path, *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc),
		 sys ? " (" : "", sys ? strerror(sys) : "", sys ? ")" : "");
	sqlite3_close(*db);
	*db = NULL;
	return code;
}

int query_open(const char *path, sqlite3 **db, struct gtd_error *err)
{
	struct stat st;
	int rc;

	*db = NULL;
	if (stat(path, &st) != 0)
		return gtd_fail(err, GTD_ENOINPUT, "%s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return gtd_fail(err, GTD_ENOINPUT, "%s: is a directory, not a database", path);
	rc = connect(path, 0, db);
	if (rc != SQLITE_OK && shm_impossible(rc)) {
		if (wal_pending(path)) {
			sqlite3_close(*db);
			*db = NULL;
			return gtd_fail(err, GTD_EDB,
					"%s: cannot be read here: its -wal file holds changes not yet in the"
					" database, and no -shm file can be made beside it to read them"
					" (read-only directory or file system)", path);
		}
		sqlite3_close(*db);
		*db = NULL;
		rc = connect(path, 1, db);
	}
	return rc == SQLITE_OK ? GTD_OK : fail_open(db, rc, path, err);
}
