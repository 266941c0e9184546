/* Describing a statement without a database (gotypedb/query.h): an
 * in-memory database gets the embedded schema (tables and views, no rows),
 * then the settings and the guard of a query connection, then the
 * statements to describe.  Preparing is all that happens to them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/embedded.h"
#include "gotypedb/query.h"
#include "guard.h"
#include "open.h"

struct gtd_query_describer {
	sqlite3 *db;
	struct query_guard guard;
};

static int fail_db(struct gtd_query_describer *d, const char *what, struct gtd_error *err)
{
	int rc = sqlite3_errcode(d->db);

	return gtd_fail(err, rc == SQLITE_NOMEM ? GTD_ENOMEM : GTD_EINTERNAL, "%s: %s", what,
			sqlite3_errmsg(d->db));
}

/* The main database's schema, copied into an attached in-memory one named
 * schema (sqlite3_serialize and _deserialize: DDL cannot be pointed at
 * another schema). */
static int copy_schema(struct gtd_query_describer *d, const char *schema)
{
	sqlite3_int64 n = 0;
	unsigned char *bytes = sqlite3_serialize(d->db, "main", &n, 0);
	char sql[64];
	int rc;

	if (!bytes)
		return SQLITE_NOMEM;
	snprintf(sql, sizeof sql, "ATTACH ':memory:' AS %s", schema);
	rc = sqlite3_exec(d->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_free(bytes);
		return rc;
	}
	/* FREEONCLOSE: SQLite owns bytes from here, even on failure */
	return sqlite3_deserialize(d->db, schema, bytes, n, n,
				   SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
}

static int describer_open(int pair, struct gtd_query_describer **out, struct gtd_error *err)
{
	struct gtd_query_describer *d = calloc(1, sizeof *d);

	*out = NULL;
	if (!d)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	if (sqlite3_open_v2(":memory:", &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) != SQLITE_OK) {
		gtd_fail(err, GTD_ENOMEM, "an in-memory database: %s", sqlite3_errmsg(d->db));
		gtd_query_describer_close(d);
		return err->code;
	}
	for (const struct gtd_embedded *f = gtd_schema_files; f->name; f++)
		if (sqlite3_exec(d->db, f->text, NULL, NULL, NULL) != SQLITE_OK) {
			fail_db(d, f->name, err);
			gtd_query_describer_close(d);
			return err->code;
		}
	if (pair && (sqlite3_limit(d->db, SQLITE_LIMIT_ATTACHED, 2), copy_schema(d, "old") != SQLITE_OK ||
		     copy_schema(d, "new") != SQLITE_OK)) {
		fail_db(d, "the schema's database", err);
		gtd_query_describer_close(d);
		return err->code;
	}
	if (query_harden(d->db) != SQLITE_OK || query_register_functions(d->db) != SQLITE_OK ||
	    sqlite3_exec(d->db, "PRAGMA query_only = 1", NULL, NULL, NULL) != SQLITE_OK ||
	    query_guard_install(d->db, &d->guard) != SQLITE_OK) {
		fail_db(d, "the schema's database", err);
		gtd_query_describer_close(d);
		return err->code;
	}
	*out = d;
	return GTD_OK;
}

int gtd_query_describer_open(struct gtd_query_describer **out, struct gtd_error *err)
{
	return describer_open(0, out, err);
}

int gtd_query_describer_open_pair(struct gtd_query_describer **out, struct gtd_error *err)
{
	return describer_open(1, out, err);
}

/* The first byte of text that is neither whitespace nor an SQL comment,
 * or NULL. */
static const char *more_sql(const char *p)
{
	for (;;) {
		p += strspn(p, " \t\r\n\f\v");
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");

			if (!end)
				return NULL; /* SQLite takes an open comment to the end */
			p = end + 2;
		} else {
			return *p ? p : NULL;
		}
	}
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int shape_of(sqlite3_stmt *s, struct gtd_query_shape *shape, struct gtd_error *err)
{
	int nc = sqlite3_column_count(s), np = sqlite3_bind_parameter_count(s);

	shape->columns = calloc((size_t)nc + 1, sizeof *shape->columns);
	shape->params = calloc((size_t)np + 1, sizeof *shape->params);
	if (!shape->columns || !shape->params)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	for (int i = 0; i < nc; i++, shape->ncolumns++)
		if (!(shape->columns[i] = strdup(sqlite3_column_name(s, i))))
			return gtd_fail(err, GTD_ENOMEM, "out of memory");
	for (int i = 0; i < np; i++, shape->nparams++) {
		const char *name = sqlite3_bind_parameter_name(s, i + 1);

		if (name && !(shape->params[i] = dup_or_null(name)))
			return gtd_fail(err, GTD_ENOMEM, "out of memory");
	}
	return GTD_OK;
}

int gtd_query_describe(struct gtd_query_describer *d, const char *sql, struct gtd_query_shape *shape,
		       struct gtd_error *err)
{
	const char *start = more_sql(sql), *tail = NULL;
	sqlite3_stmt *s = NULL;
	int rc;

	memset(shape, 0, sizeof *shape);
	shape->error_offset = -1;
	if (!start)
		return gtd_fail(err, GTD_EUSAGE, "no SQL statement");
	d->guard.why[0] = '\0';
	rc = sqlite3_prepare_v2(d->db, start, -1, &s, &tail);
	if (rc != SQLITE_OK) {
		int off = query_error_offset(d->db, start);

		shape->error_offset = off >= 0 ? (int)(start - sql) + off : (int)(start - sql);
		if (rc == SQLITE_NOMEM)
			return gtd_fail(err, GTD_ENOMEM, "out of memory");
		if ((rc & 0xff) == SQLITE_AUTH && d->guard.why[0])
			return gtd_fail(err, GTD_EUSAGE, "%s", d->guard.why);
		return gtd_fail(err, GTD_EUSAGE, "%s", sqlite3_errmsg(d->db));
	}
	if (!s) /* only semicolons */
		return gtd_fail(err, GTD_EUSAGE, "no SQL statement");
	shape->statement_end = (int)(tail - sql);
	while (shape->statement_end > 0 && strchr(" \t\r\n\f\v;", sql[shape->statement_end - 1]))
		shape->statement_end--;
	if (tail && (tail = more_sql(tail))) {
		sqlite3_finalize(s);
		shape->error_offset = (int)(tail - sql);
		return gtd_fail(err, GTD_EUSAGE, "a second statement: a report is one statement");
	}
	if (!sqlite3_stmt_readonly(s)) {
		sqlite3_finalize(s);
		shape->error_offset = (int)(start - sql);
		return gtd_fail(err, GTD_EUSAGE, "this statement would change the database or its files:"
				" it may only read");
	}
	rc = shape_of(s, shape, err);
	sqlite3_finalize(s);
	if (rc)
		gtd_query_shape_free(shape);
	return rc;
}

void gtd_query_shape_free(struct gtd_query_shape *shape)
{
	for (int i = 0; shape->columns && i < shape->ncolumns; i++)
		free(shape->columns[i]);
	for (int i = 0; shape->params && i < shape->nparams; i++)
		free(shape->params[i]);
	free(shape->columns);
	free(shape->params);
	shape->columns = shape->params = NULL;
	shape->ncolumns = shape->nparams = 0;
}

void gtd_query_describer_close(struct gtd_query_describer *d)
{
	if (!d)
		return;
	sqlite3_close(d->db);
	free(d);
}
