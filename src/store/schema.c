/* Creating and checking the schema: the schema/ directory, embedded at build time. */
#include <stdio.h>
#include <string.h>

#include "gotypedb/embedded.h"
#include "schema_ddl.h"
#include "store_int.h"

/* The single integer a query returns. */
static int query_int(struct gtd_store *st, const char *sql, int64_t *out, struct gtd_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? GTD_OK : store_db_error(st, err, sql);
}

static int pragma_int(struct gtd_store *st, const char *pragma, int64_t *out, struct gtd_error *err)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA %s", pragma);
	return query_int(st, sql, out, err);
}

int store_schema_create(struct gtd_store *st, struct gtd_error *err)
{
	const char *file;

	if (store_schema_ddl(st->db, &file) == SQLITE_OK)
		return GTD_OK;
	store_db_error(st, err, NULL);
	return file ? gtd_context(err, "schema/%s", file) : err->code;
}

/* A file that SQLite cannot read as a database is no gotypedb database
 * either: refused as one, untouched. */
static int read_failed(struct gtd_store *st, const char *what, struct gtd_error *err)
{
	if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
		return gtd_fail(err, GTD_EUSAGE, "%s: not a gotypedb database (%s)", st->path,
				sqlite3_errmsg(st->db));
	return store_db_error(st, err, what);
}

/* Reads only (no PRAGMA here writes), so a database that is refused is
 * left byte for byte as it was: the journal mode and the rest of
 * configure() come after this check. */
int store_schema_check(struct gtd_store *st, struct gtd_error *err)
{
	int64_t app, version, objects;

	if (pragma_int(st, "application_id", &app, err) || pragma_int(st, "user_version", &version, err) ||
	    query_int(st, "SELECT count(*) FROM sqlite_schema", &objects, err))
		return read_failed(st, "reading the schema", err);
	if (objects == 0 && app == 0) {
		st->create_schema = 1;
		return GTD_OK;
	}
	if (app != GTD_APPLICATION_ID)
		return gtd_fail(err, GTD_EUSAGE, "%s: not a gotypedb database (application_id %lld)",
				st->path, (long long)app);
	if (version != GTD_SCHEMA_VERSION)
		return gtd_fail(err, GTD_EUSAGE,
				"%s: schema version %lld, but this gotypedb writes version %d; "
				"index into a new database", st->path, (long long)version, GTD_SCHEMA_VERSION);
	return GTD_OK;
}

int store_schema_indexes(struct gtd_store *st, struct gtd_error *err)
{
	for (const struct gtd_embedded *f = gtd_schema_files; f->name; f++)
		if (strcmp(f->name, STORE_INDEX_FILE) == 0)
			return store_exec(st, f->text, err) ? gtd_context(err, "schema/%s", f->name) : GTD_OK;
	return GTD_OK;
}
