#include <string.h>

#include <sqlite3.h>

#include "format.h"

int gtd_format_parse(const char *name)
{
	if (strcmp(name, "table") == 0)
		return GTD_FORMAT_TABLE;
	if (strcmp(name, "csv") == 0)
		return GTD_FORMAT_CSV;
	if (strcmp(name, "json") == 0)
		return GTD_FORMAT_JSON;
	return -1;
}

/* Read-only twice over: the open flag, and query_only for anything that
 * would write through an attached database. */
static int open_readonly(const char *path, sqlite3 **db, struct gtd_error *err)
{
	if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		gtd_fail(err, GTD_ENOINPUT, "%s: cannot open database: %s", path, sqlite3_errmsg(*db));
		return GTD_ENOINPUT;
	}
	sqlite3_busy_timeout(*db, 10000);
	if (sqlite3_exec(*db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK)
		return gtd_fail(err, GTD_EDB, "%s: %s", path, sqlite3_errmsg(*db));
	return GTD_OK;
}

int gtd_query_run(const char *db_path, const char *sql, enum gtd_format fmt, FILE *out,
		  struct gtd_error *err)
{
	const char *tail = sql;
	sqlite3 *db = NULL;
	int rc = GTD_OK, printed = 0;

	if (open_readonly(db_path, &db, err)) {
		sqlite3_close(db);
		return err->code;
	}
	while (rc == GTD_OK && tail && *tail) {
		sqlite3_stmt *s = NULL;

		if (sqlite3_prepare_v2(db, tail, -1, &s, &tail) != SQLITE_OK) {
			rc = gtd_fail(err, GTD_EUSAGE, "query: %s", sqlite3_errmsg(db));
			break;
		}
		if (!s) /* whitespace or a comment */
			continue;
		if (sqlite3_column_count(s) > 0 && printed++ && fmt != GTD_FORMAT_JSON)
			fputc('\n', out);
		if (format_rows(s, fmt, out) != SQLITE_DONE)
			rc = gtd_fail(err, GTD_EUSAGE, "query: %s", sqlite3_errmsg(db));
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return rc;
}
