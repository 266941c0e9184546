/* Running a query: every statement is prepared (and so checked) before
 * any runs, then all run inside one read transaction, so that they read
 * one snapshot and a refused statement has printed nothing.
 *
 * Several statements: table and csv print each statement's result in
 * turn, a blank line between; JSON is one document, the one statement's
 * array of objects, or with several (or none) an array of those arrays,
 * one per statement that has result columns; html is one page, each
 * statement's SQL above its table.  JSON and html are printed only when
 * every statement ran (a half page or document is no use). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "gotypedb/query.h"
#include "guard.h"
#include "open.h"
#include "spool.h"

struct statement {
	sqlite3_stmt *s;
	const char *sql; /* where its text starts, for messages */
};

struct run {
	const char *db_path;
	const char *sql;
	const struct gtd_query_options *o;
	sqlite3 *db;
	struct query_guard guard;
	struct statement *st;
	size_t n, cap;
};

int gtd_format_parse(const char *name)
{
	if (strcmp(name, "table") == 0)
		return GTD_FORMAT_TABLE;
	if (strcmp(name, "csv") == 0)
		return GTD_FORMAT_CSV;
	if (strcmp(name, "json") == 0)
		return GTD_FORMAT_JSON;
	if (strcmp(name, "markdown") == 0)
		return GTD_FORMAT_MARKDOWN;
	if (strcmp(name, "html") == 0)
		return GTD_FORMAT_HTML;
	return -1;
}

/* "NAME:LINE:COL" of the SQL at p. */
static void locate(const struct run *r, const char *p, char *buf, size_t size)
{
	unsigned line = 1, col = 1;

	for (const char *q = r->sql; q < p && *q; q++) {
		col = *q == '\n' ? 1 : col + 1;
		line += *q == '\n';
	}
	snprintf(buf, size, "%s:%u:%u", r->o->sql_name ? r->o->sql_name : "query", line, col);
}

/* The error SQLite reported for the statement at sql: the SQL's fault
 * (GTD_EUSAGE, at NAME:LINE:COL) or the database's (at its path). */
static int fail_sqlite(const struct run *r, int rc, const char *sql, struct gtd_error *err)
{
	int code = query_error_code(rc), off = query_error_offset(r->db, sql);
	char where[512];

	if (code != GTD_EUSAGE)
		return gtd_fail(err, code, "%s: %s", r->db_path, sqlite3_errmsg(r->db));
	locate(r, off >= 0 ? sql + off : sql + strspn(sql, " \t\r\n"), where, sizeof where);
	if ((rc & 0xff) == SQLITE_AUTH && r->guard.why[0])
		return gtd_fail(err, code, "%s: %s", where, r->guard.why);
	return gtd_fail(err, code, "%s: %s", where, sqlite3_errmsg(r->db));
}

static int push(struct run *r, sqlite3_stmt *s, const char *sql)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 8;
		struct statement *st = realloc(r->st, cap * sizeof *st);

		if (!st)
			return -1;
		r->st = st;
		r->cap = cap;
	}
	r->st[r->n].s = s;
	r->st[r->n++].sql = sql;
	return 0;
}

/* Prepares every statement; the guard refuses what would write while
 * SQLite prepares it, and sqlite3_stmt_readonly() what the guard has no
 * action for (VACUUM, a checkpoint). */
static int prepare_all(struct run *r, struct gtd_error *err)
{
	const char *tail = r->sql;

	while (*tail) {
		const char *start = tail;
		sqlite3_stmt *s = NULL;
		int rc;

		r->guard.why[0] = '\0';
		rc = sqlite3_prepare_v2(r->db, start, -1, &s, &tail);
		if (rc != SQLITE_OK)
			return fail_sqlite(r, rc, start, err);
		if (!s) /* whitespace or a comment */
			continue;
		if (!sqlite3_stmt_readonly(s)) {
			char where[512];

			sqlite3_finalize(s);
			locate(r, start + strspn(start, " \t\r\n"), where, sizeof where);
			return gtd_fail(err, GTD_EUSAGE, "%s: this statement would change the database"
					" or its files: gotypedb query only reads", where);
		}
		if (push(r, s, start) != 0) {
			sqlite3_finalize(s);
			return gtd_fail(err, GTD_ENOMEM, "query: no memory for the statements");
		}
	}
	return GTD_OK;
}

/* gotypedb's own BEGIN and COMMIT, which the guard refuses from users. */
static int exec_internal(struct run *r, const char *sql, struct gtd_error *err)
{
	return query_exec_internal(r->db, &r->guard, r->db_path, sql, err);
}

static int print_statement(const struct run *r, sqlite3_stmt *s, FILE *out)
{
	int rc;

	if (sqlite3_column_count(s) == 0) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		return rc;
	}
	switch (r->o->format) {
	case GTD_FORMAT_CSV: return print_csv(s, out);
	case GTD_FORMAT_JSON: return print_json(s, out);
	case GTD_FORMAT_MARKDOWN: return print_markdown(s, out);
	case GTD_FORMAT_HTML: return print_html(s, out);
	default: return print_table(s, r->o->width, out);
	}
}

static size_t result_statements(const struct run *r)
{
	size_t k = 0;

	for (size_t i = 0; i < r->n; i++)
		k += sqlite3_column_count(r->st[i].s) > 0;
	return k;
}

/* What goes before a result, after results, and between two. */
struct separators {
	const char *open, *between, *close;
};

static struct separators separators_of(const struct run *r)
{
	static const struct separators lines = { "", "\n", "" }, one = { "", "", "\n" },
					 several = { "[\n", ",\n", "\n]\n" };

	if (r->o->format != GTD_FORMAT_JSON)
		return lines;
	return result_statements(r) == 1 ? one : several;
}

/* html: one page, each statement's SQL above its table. */
static int run_all_html(struct run *r, FILE *out, struct gtd_error *err)
{
	const char *name = r->o->sql_name && strcmp(r->o->sql_name, "query") != 0 ? r->o->sql_name : NULL;
	char title[512];

	snprintf(title, sizeof title, "gotypedb query%s%s", name ? ": " : "", name ? name : "");
	gtd_html_page_open(out, title);
	for (size_t i = 0; i < r->n; i++) {
		int rc;

		if (sqlite3_column_count(r->st[i].s) > 0) {
			const char *sql = sqlite3_sql(r->st[i].s);

			fputs("<pre class=\"sql\">", out);
			gtd_html_put_text(out, sql + strspn(sql, " \t\r\n"));
			fputs("</pre>\n", out);
		}
		if ((rc = print_statement(r, r->st[i].s, out)) != SQLITE_DONE)
			return fail_sqlite(r, rc, r->st[i].sql, err);
	}
	gtd_html_page_close(out);
	return GTD_OK;
}

/* Runs the statements, printing to out, with the separators of the
 * format (see the top of this file). */
static int run_all(struct run *r, FILE *out, struct gtd_error *err)
{
	struct separators sep = separators_of(r);
	size_t printed = 0;

	for (size_t i = 0; i < r->n; i++) {
		int rc;

		if (sqlite3_column_count(r->st[i].s) > 0)
			fputs(printed++ ? sep.between : sep.open, out);
		if ((rc = print_statement(r, r->st[i].s, out)) != SQLITE_DONE)
			return fail_sqlite(r, rc, r->st[i].sql, err);
	}
	/* no result at all is an empty JSON array */
	fputs(printed || r->o->format != GTD_FORMAT_JSON ? sep.close : "[]\n", out);
	return GTD_OK;
}

/* Runs into a spool and copies it to out only when all went well. */
static int run_spooled(struct run *r, FILE *out, struct gtd_error *err)
{
	struct spool sp;
	int rc = spool_open(&sp, err);

	if (rc == GTD_OK)
		rc = r->o->format == GTD_FORMAT_HTML ? run_all_html(r, sp.f, err) : run_all(r, sp.f, err);
	if (rc == GTD_OK)
		rc = spool_copy(&sp, out, err);
	spool_close(&sp);
	return rc;
}

static int run_statements(struct run *r, FILE *out, struct gtd_error *err)
{
	int rc = exec_internal(r, "BEGIN", err);

	if (rc == GTD_OK)
		rc = r->o->format == GTD_FORMAT_JSON || r->o->format == GTD_FORMAT_HTML ? run_spooled(r, out, err)
											   : run_all(r, out, err);
	if (rc == GTD_OK)
		rc = exec_internal(r, "COMMIT", err);
	if (rc == GTD_OK && (fflush(out) != 0 || ferror(out)))
		rc = gtd_fail(err, GTD_EIO, "query: cannot write the output: %s", strerror(errno));
	return rc;
}

int gtd_query_run(const char *db_path, const char *sql, const struct gtd_query_options *o,
		  FILE *out, struct gtd_error *err)
{
	struct run r = { .db_path = db_path, .sql = sql, .o = o };
	int rc = query_open(db_path, &r.db, err);

	if (rc == GTD_OK && query_guard_install(r.db, &r.guard) != SQLITE_OK)
		rc = gtd_fail(err, GTD_EDB, "%s: %s", db_path, sqlite3_errmsg(r.db));
	if (rc == GTD_OK)
		rc = prepare_all(&r, err);
	if (rc == GTD_OK)
		rc = run_statements(&r, out, err);
	for (size_t i = 0; i < r.n; i++)
		sqlite3_finalize(r.st[i].s);
	free(r.st);
	sqlite3_close(r.db);
	return rc;
}
