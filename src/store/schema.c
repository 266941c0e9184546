/* Creating and checking the schema: the schema/ directory, embedded at build time. */
#include <stdio.h>
#include <string.h>

#include "gotypedb/embedded.h"
#include "store_int.h"

#define INDEX_FILE "90_indexes.sql"

static int pragma_int(struct gtd_store *st, const char *pragma, int64_t *out, struct gtd_error *err)
{
	sqlite3_stmt *s;
	char sql[64];
	int rc;

	snprintf(sql, sizeof sql, "PRAGMA %s", pragma);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? GTD_OK : store_db_error(st, err, sql);
}

static int create_schema(struct gtd_store *st, struct gtd_error *err)
{
	char sql[128];

	for (const struct gtd_embedded *f = gtd_schema_files; f->name; f++)
		if (strcmp(f->name, INDEX_FILE) != 0 && store_exec(st, f->text, err))
			return gtd_context(err, "schema/%s", f->name);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		 GTD_SCHEMA_VERSION, GTD_APPLICATION_ID);
	return store_exec(st, sql, err);
}

/* A new database gets the schema without its secondary indexes; an existing
 * one must be ours and of this schema version. */
int store_schema_prepare(struct gtd_store *st, const char *path, struct gtd_error *err)
{
	int64_t app, version, objects = 0;
	sqlite3_stmt *s;

	if (pragma_int(st, "application_id", &app, err) || pragma_int(st, "user_version", &version, err))
		return err->code;
	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, "reading sqlite_schema");
	if (sqlite3_step(s) == SQLITE_ROW)
		objects = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (objects == 0 && app == 0)
		return create_schema(st, err);
	if (app != GTD_APPLICATION_ID)
		return gtd_fail(err, GTD_EUSAGE, "%s: not a gotypedb database (application_id %lld)",
				path, (long long)app);
	if (version != GTD_SCHEMA_VERSION)
		return gtd_fail(err, GTD_EUSAGE,
				"%s: schema version %lld, but this gotypedb writes version %d; "
				"index into a new database", path, (long long)version, GTD_SCHEMA_VERSION);
	return GTD_OK;
}

int store_schema_indexes(struct gtd_store *st, struct gtd_error *err)
{
	for (const struct gtd_embedded *f = gtd_schema_files; f->name; f++)
		if (strcmp(f->name, INDEX_FILE) == 0)
			return store_exec(st, f->text, err) ? gtd_context(err, "schema/%s", f->name) : GTD_OK;
	return GTD_OK;
}
