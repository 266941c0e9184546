/* Two databases on one connection (open.h, query_open_pair): what
 * `gotypedb diff` reads.  The main database is an empty one in memory;
 * OLD and NEW are attached read-only as the schemas "old" and "new", so
 * that SQL names old.rtype and new.rtype (a view of either reads its own
 * schema's tables).  Each must be a gotypedb database of this schema
 * version: a diff across schema versions would compare columns that mean
 * different things.  The attachments are made here, before the caller
 * installs the query guard, which refuses ATTACH from SQL. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "gotypedb/store.h"
#include "gotypedb/uri.h"
#include "open.h"

static int pragma_int(sqlite3 *db, const char *sql, sqlite3_int64 *v)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* Attaches path as schema and checks it is a database of ours. */
static int attach(sqlite3 *db, const char *schema, const char *path, struct gtd_error *err)
{
	struct gtd_strbuf uri = { 0 }, sql = { 0 };
	sqlite3_stmt *st = NULL;
	sqlite3_int64 app = 0, version = 0;
	struct stat sb;
	int rc;

	if (stat(path, &sb) != 0)
		return gtd_fail(err, GTD_ENOINPUT, "%s: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return gtd_fail(err, GTD_ENOINPUT, "%s: is a directory, not a database", path);
	gtd_strbuf_put_ro_uri(&uri, path, 0);
	gtd_strbuf_puts(&sql, "ATTACH ? AS ");
	gtd_strbuf_puts(&sql, schema);
	if (uri.oom || sql.oom) {
		rc = SQLITE_NOMEM;
	} else if ((rc = sqlite3_prepare_v2(db, sql.p, -1, &st, NULL)) == SQLITE_OK &&
		   (rc = sqlite3_bind_text(st, 1, uri.p, -1, SQLITE_STATIC)) == SQLITE_OK) {
		rc = sqlite3_step(st);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	gtd_strbuf_reset(&sql);
	gtd_strbuf_puts(&sql, "PRAGMA ");
	gtd_strbuf_puts(&sql, schema);
	gtd_strbuf_puts(&sql, ".application_id");
	if (rc == SQLITE_OK)
		rc = sql.oom ? SQLITE_NOMEM : pragma_int(db, sql.p, &app);
	gtd_strbuf_reset(&sql);
	gtd_strbuf_puts(&sql, "PRAGMA ");
	gtd_strbuf_puts(&sql, schema);
	gtd_strbuf_puts(&sql, ".user_version");
	if (rc == SQLITE_OK)
		rc = sql.oom ? SQLITE_NOMEM : pragma_int(db, sql.p, &version);
	gtd_strbuf_free(&uri);
	gtd_strbuf_free(&sql);
	if (rc != SQLITE_OK) {
		int code = (rc & 0xff) == SQLITE_CANTOPEN ? GTD_ENOINPUT : query_error_code(rc);

		return gtd_fail(err, code == GTD_EUSAGE ? GTD_EDB : code, "%s: %s", path, sqlite3_errmsg(db));
	}
	if (app != GTD_APPLICATION_ID)
		return gtd_fail(err, GTD_EUSAGE, "%s: not a gotypedb database (application_id %lld)", path,
				(long long)app);
	if (version != GTD_SCHEMA_VERSION)
		return gtd_fail(err, GTD_EUSAGE, "%s: schema version %lld, and this gotypedb reads %d: index"
				" its inputs again with this gotypedb", path, (long long)version,
				GTD_SCHEMA_VERSION);
	return GTD_OK;
}

int query_open_pair(const char *old_path, const char *new_path, sqlite3 **db, struct gtd_error *err)
{
	int rc = sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_URI, NULL);

	if (rc == SQLITE_OK && (rc = query_harden(*db)) == SQLITE_OK)
		rc = query_register_functions(*db);
	if (rc != SQLITE_OK) {
		gtd_fail(err, GTD_ENOMEM, "an in-memory database: %s", *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc));
	} else {
		sqlite3_limit(*db, SQLITE_LIMIT_ATTACHED, 2);
		if ((rc = attach(*db, "old", old_path, err)) == GTD_OK &&
		    (rc = attach(*db, "new", new_path, err)) == GTD_OK) {
			sqlite3_limit(*db, SQLITE_LIMIT_ATTACHED, 0);
			if (sqlite3_exec(*db, "PRAGMA query_only = 1; PRAGMA old.cell_size_check = 1;"
					      " PRAGMA new.cell_size_check = 1; PRAGMA old.mmap_size = 0;"
					      " PRAGMA new.mmap_size = 0", NULL, NULL, NULL) == SQLITE_OK)
				return GTD_OK;
			rc = gtd_fail(err, GTD_EDB, "%s", sqlite3_errmsg(*db));
		}
	}
	sqlite3_close(*db);
	*db = NULL;
	return err->code ? err->code : GTD_EDB;
}
