/* A query session (gotypedb/query.h): statements run one at a time, each
 * with its own bound parameters, all inside one read transaction, so a
 * report's rows and its thresholds are counted on the same snapshot. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "gotypedb/query.h"
#include "guard.h"
#include "open.h"

struct gtd_query_session {
	const char *db_path;
	sqlite3 *db;
	struct query_guard guard;
	int in_transaction;
};

static int exec_internal(struct gtd_query_session *s, const char *sql, struct gtd_error *err)
{
	return query_exec_internal(s->db, &s->guard, s->db_path, sql, err);
}

static int session_open(const char *old_path, const char *db_path, struct gtd_query_session **out,
			struct gtd_error *err)
{
	struct gtd_query_session *s = calloc(1, sizeof *s);
	int rc;

	*out = NULL;
	if (!s)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	s->db_path = db_path;
	rc = old_path ? query_open_pair(old_path, db_path, &s->db, err) : query_open(db_path, &s->db, err);
	if (rc == GTD_OK && query_guard_install(s->db, &s->guard) != SQLITE_OK)
		rc = gtd_fail(err, GTD_EDB, "%s: %s", db_path, sqlite3_errmsg(s->db));
	if (rc == GTD_OK && (rc = exec_internal(s, "BEGIN", err)) == GTD_OK)
		s->in_transaction = 1;
	if (rc) {
		gtd_query_session_close(s);
		return rc;
	}
	*out = s;
	return GTD_OK;
}

int gtd_query_session_open(const char *db_path, struct gtd_query_session **out, struct gtd_error *err)
{
	return session_open(NULL, db_path, out, err);
}

int gtd_query_session_open_pair(const char *old_path, const char *new_path, struct gtd_query_session **out,
				struct gtd_error *err)
{
	return session_open(old_path, new_path, out, err);
}

/* The error SQLite reported for sql: the SQL's (GTD_EUSAGE, at its
 * offset) or the database's. */
static int fail_sqlite(struct gtd_query_session *s, int rc, const char *sql, const char *sql_name,
		       struct gtd_error *err)
{
	int code = query_error_code(rc), off = query_error_offset(s->db, sql);

	if (code != GTD_EUSAGE)
		return gtd_fail(err, code, "%s: %s", s->db_path, sqlite3_errmsg(s->db));
	if ((rc & 0xff) == SQLITE_AUTH && s->guard.why[0])
		return gtd_fail(err, code, "%s: %s", sql_name, s->guard.why);
	(void)sql;
	return gtd_fail(err, code, "%s%s%d: %s", sql_name, off >= 0 ? ": offset " : "", off >= 0 ? off : 0,
			sqlite3_errmsg(s->db));
}

static int bind(sqlite3_stmt *st, const struct gtd_query_param *p)
{
	int i = sqlite3_bind_parameter_index(st, p->name);

	if (i == 0)
		return SQLITE_OK; /* this statement does not use it */
	switch (p->type) {
	case GTD_QPARAM_INT: return sqlite3_bind_int64(st, i, p->i);
	case GTD_QPARAM_REAL: return sqlite3_bind_double(st, i, p->r);
	default: return sqlite3_bind_text(st, i, p->text, -1, SQLITE_STATIC);
	}
}

/* One statement, read-only, prepared with params bound. */
static int prepare(struct gtd_query_session *s, const char *sql, const char *sql_name,
		   const struct gtd_query_param *params, size_t nparams, sqlite3_stmt **st,
		   struct gtd_error *err)
{
	const char *tail;
	int rc;

	s->guard.why[0] = '\0';
	*st = NULL;
	rc = sqlite3_prepare_v2(s->db, sql, -1, st, &tail);
	if (rc != SQLITE_OK)
		return fail_sqlite(s, rc, sql, sql_name, err);
	if (!*st)
		return gtd_fail(err, GTD_EUSAGE, "%s: no SQL statement", sql_name);
	if (!sqlite3_stmt_readonly(*st)) {
		sqlite3_finalize(*st);
		*st = NULL;
		return gtd_fail(err, GTD_EUSAGE, "%s: this statement would change the database or its"
				" files: it may only read", sql_name);
	}
	for (size_t i = 0; i < nparams; i++)
		if ((rc = bind(*st, &params[i])) != SQLITE_OK) {
			sqlite3_finalize(*st);
			*st = NULL;
			return fail_sqlite(s, rc, sql, sql_name, err);
		}
	return GTD_OK;
}

int gtd_query_session_print(struct gtd_query_session *s, const char *sql, const char *sql_name,
			    const struct gtd_query_param *params, size_t nparams, enum gtd_format format,
			    int width, FILE *out, struct gtd_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(s, sql, sql_name, params, nparams, &st, err);

	if (rc)
		return rc;
	switch (format) {
	case GTD_FORMAT_CSV: rc = print_csv(st, out); break;
	case GTD_FORMAT_JSON: rc = print_json(st, out); break;
	case GTD_FORMAT_MARKDOWN: rc = print_markdown(st, out); break;
	case GTD_FORMAT_HTML: rc = print_html(st, out); break;
	default: rc = print_table(st, width, out); break;
	}
	rc = rc == SQLITE_DONE ? GTD_OK : fail_sqlite(s, rc, sql, sql_name, err);
	sqlite3_finalize(st);
	if (rc == GTD_OK && ferror(out))
		rc = gtd_fail(err, GTD_EIO, "cannot write the output: %s", strerror(errno));
	return rc;
}

int gtd_query_session_chart(struct gtd_query_session *s, const char *sql, const char *sql_name,
			    const struct gtd_query_param *params, size_t nparams, int nlevels, const char *label,
			    struct gtd_strbuf *svg, int *drawn, int64_t *total, struct gtd_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(s, sql, sql_name, params, nparams, &st, err);

	*drawn = 0;
	*total = 0;
	if (rc)
		return rc;
	if (sqlite3_column_count(st) != nlevels + 2)
		rc = gtd_fail(err, GTD_EINTERNAL, "%s: a chart takes %d columns, not %d", sql_name, nlevels + 2,
			      sqlite3_column_count(st));
	else if ((rc = print_chart(st, nlevels, label, svg, drawn, total)) == SQLITE_DONE)
		rc = svg->oom ? gtd_fail(err, GTD_ENOMEM, "out of memory for a chart") : GTD_OK;
	else
		rc = fail_sqlite(s, rc, sql, sql_name, err);
	sqlite3_finalize(st);
	return rc;
}

int gtd_query_session_integer(struct gtd_query_session *s, const char *sql, const char *sql_name,
			      const struct gtd_query_param *params, size_t nparams, int64_t *value,
			      struct gtd_error *err)
{
	sqlite3_stmt *st;
	int rc = prepare(s, sql, sql_name, params, nparams, &st, err);

	if (rc)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*value = sqlite3_column_int64(st, 0);
		rc = GTD_OK;
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		rc = gtd_fail(err, GTD_EINTERNAL, "%s: no integer result", sql_name);
	} else {
		rc = fail_sqlite(s, rc, sql, sql_name, err);
	}
	sqlite3_finalize(st);
	return rc;
}

void gtd_query_session_close(struct gtd_query_session *s)
{
	struct gtd_error ignored;

	if (!s)
		return;
	if (s->in_transaction)
		exec_internal(s, "COMMIT", &ignored);
	sqlite3_close(s->db);
	free(s);
}
