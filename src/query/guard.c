/* The authorizer of a query connection.  It allows what reads and denies
 * everything else, so an action SQLite adds later is denied until allowed
 * here: writes to any database (main, temp, attached), schema changes,
 * ATTACH and DETACH, transactions (gotypedb holds one read transaction
 * around all statements), pragmas other than those that only report, and
 * the functions that change the connection.  SQLite asks while it prepares
 * a statement, so nothing of a refused statement has run; it asks again
 * for the statements a pragma_* table runs inside a SELECT.
 *
 * VACUUM has no authorizer action: sqlite3_stmt_readonly() refuses it
 * (run.c), and with no database attachable VACUUM INTO cannot open its
 * target. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "gotypedb/query.h"
#include "guard.h"
#include "open.h"

/* Pragmas that report and take an argument naming what to report on
 * (PRAGMA table_info(unit)). */
static const char *const report_with_argument[] = {
	"table_info", "table_xinfo", "table_list", "index_info", "index_xinfo", "index_list",
	"foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", NULL,
};

/* Pragmas that report without an argument: with one they set (PRAGMA
 * user_version = 5). */
static const char *const report_only[] = {
	"application_id", "user_version", "schema_version", "data_version", "page_size",
	"page_count", "freelist_count", "encoding", "auto_vacuum", "compile_options",
	"collation_list", "database_list", "function_list", "module_list", "pragma_list", NULL,
};

/* SQLite 3.40 prepares, and never runs, an UPDATE of these columns of
 * sqlite_master when it sets up a virtual table such as pragma_table_info
 * or dbstat (sqlite3_declare_vtab parses a CREATE TABLE), and fails the
 * query if that is refused.  Allowing it opens nothing: SQL cannot write
 * sqlite_master under SQLITE_DBCONFIG_DEFENSIVE, and a statement that
 * would write is refused by sqlite3_stmt_readonly() before it runs. */
static const char *const schema_update_columns[] = {
	"type", "name", "tbl_name", "rootpage", "sql", NULL,
};

/* Functions with effects beyond their result. */
static const char *const effect_functions[] = { "load_extension", "fts3_tokenizer", NULL };

static int listed(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcasecmp(*list, name) == 0)
			return 1;
	return 0;
}

static const char *action_name(int action)
{
	static const char *const names[] = {
		[SQLITE_CREATE_INDEX] = "CREATE INDEX",
		[SQLITE_CREATE_TABLE] = "CREATE TABLE",
		[SQLITE_CREATE_TEMP_INDEX] = "CREATE TEMP INDEX",
		[SQLITE_CREATE_TEMP_TABLE] = "CREATE TEMP TABLE",
		[SQLITE_CREATE_TEMP_TRIGGER] = "CREATE TEMP TRIGGER",
		[SQLITE_CREATE_TEMP_VIEW] = "CREATE TEMP VIEW",
		[SQLITE_CREATE_TRIGGER] = "CREATE TRIGGER",
		[SQLITE_CREATE_VIEW] = "CREATE VIEW",
		[SQLITE_DELETE] = "DELETE",
		[SQLITE_DROP_INDEX] = "DROP INDEX",
		[SQLITE_DROP_TABLE] = "DROP TABLE",
		[SQLITE_DROP_TEMP_INDEX] = "DROP TEMP INDEX",
		[SQLITE_DROP_TEMP_TABLE] = "DROP TEMP TABLE",
		[SQLITE_DROP_TEMP_TRIGGER] = "DROP TEMP TRIGGER",
		[SQLITE_DROP_TEMP_VIEW] = "DROP TEMP VIEW",
		[SQLITE_DROP_TRIGGER] = "DROP TRIGGER",
		[SQLITE_DROP_VIEW] = "DROP VIEW",
		[SQLITE_INSERT] = "INSERT",
		[SQLITE_UPDATE] = "UPDATE",
		[SQLITE_ATTACH] = "ATTACH",
		[SQLITE_DETACH] = "DETACH",
		[SQLITE_ALTER_TABLE] = "ALTER TABLE",
		[SQLITE_REINDEX] = "REINDEX",
		[SQLITE_ANALYZE] = "ANALYZE",
		[SQLITE_CREATE_VTABLE] = "CREATE VIRTUAL TABLE",
		[SQLITE_DROP_VTABLE] = "DROP VIRTUAL TABLE",
	};

	if (action >= 0 && action < (int)(sizeof names / sizeof names[0]) && names[action])
		return names[action];
	return "this statement";
}

static int deny(struct query_guard *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int deny(struct query_guard *g, const char *fmt, ...)
{
	va_list ap;

	if (g->why[0]) /* the first refusal says why; SQLite may ask on */
		return SQLITE_DENY;
	va_start(ap, fmt);
	vsnprintf(g->why, sizeof g->why, fmt, ap);
	va_end(ap);
	return SQLITE_DENY;
}

static int authorize_pragma(struct query_guard *g, const char *name, const char *arg)
{
	if (listed(report_with_argument, name) || (listed(report_only, name) && !arg))
		return SQLITE_OK;
	if (listed(report_only, name))
		return deny(g, "PRAGMA %s = %s is not allowed: gotypedb query only reads", name, arg);
	return deny(g, "PRAGMA %s is not allowed: gotypedb query only reads"
		       " (gotypedb query --help lists the pragmas that report)", name);
}

static int authorize(void *ctx, int action, const char *a1, const char *a2, const char *db,
		     const char *trigger)
{
	struct query_guard *g = ctx;

	(void)trigger;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		if (listed(effect_functions, a2))
			return deny(g, "%s() is not allowed: it changes the connection", a2);
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		return authorize_pragma(g, a1, a2);
	case SQLITE_UPDATE:
		if (strcmp(a1, "sqlite_master") == 0 && db && strcmp(db, "main") == 0 &&
		    listed(schema_update_columns, a2))
			return SQLITE_OK;
		return deny(g, "UPDATE of %s is not allowed: gotypedb query only reads", a1);
	case SQLITE_INSERT:
	case SQLITE_DELETE:
		if (strcmp(a1, "sqlite_master") == 0 || strcmp(a1, "sqlite_temp_master") == 0)
			return deny(g, "changing the schema of %s is not allowed: gotypedb query only"
				       " reads", db ? db : "main");
		return deny(g, "%s %s %s is not allowed: gotypedb query only reads",
			    action_name(action), action == SQLITE_INSERT ? "into" : "from", a1);
	case SQLITE_TRANSACTION:
		if (g->internal)
			return SQLITE_OK;
		return deny(g, "%s is not allowed: all statements run in one read transaction", a1);
	case SQLITE_SAVEPOINT:
		return deny(g, "SAVEPOINT is not allowed: all statements run in one read transaction");
	default:
		return deny(g, "%s is not allowed: gotypedb query only reads", action_name(action));
	}
}

int query_guard_install(sqlite3 *db, struct query_guard *g)
{
	g->internal = 0;
	g->why[0] = '\0';
	return sqlite3_set_authorizer(db, authorize, g);
}

/* Prints the names of list, each with suffix, as words of lines no wider
 * than 78 columns indented by two; *col is the current line's width. */
static void print_list(const char *const *list, const char *suffix, int *col, FILE *out)
{
	for (; *list; list++) {
		int w = (int)(strlen(*list) + strlen(suffix));

		if (*col + 1 + w > 78) {
			fputc('\n', out);
			*col = 0;
		}
		*col += fprintf(out, "%s%s%s", *col ? " " : "  ", *list, suffix);
	}
}

void gtd_query_print_pragmas(FILE *out)
{
	int col = 0;

	print_list(report_with_argument, "(X)", &col, out);
	print_list(report_only, "", &col, out);
	fputc('\n', out);
}

int query_exec_internal(sqlite3 *db, struct query_guard *g, const char *db_path, const char *sql,
			struct gtd_error *err)
{
	int rc;

	g->internal = 1;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	g->internal = 0;
	if (rc == SQLITE_OK)
		return GTD_OK;
	return gtd_fail(err, query_error_code(rc) == GTD_ENOMEM ? GTD_ENOMEM : GTD_EDB, "%s: %s: %s", db_path,
			sql, sqlite3_errmsg(db));
}
