/* Each report's SQL, checked without a database: its text (inline, from
 * sql_file, or a built-in query) is prepared by the query describer on an
 * empty database of this schema version; then its parameters must be the
 * declared ones, named (bound by name, so that a value is never pasted
 * into SQL), and every column a threshold, `columns` or `sort` names must
 * be one of its result columns.  Problems are located where they are: an
 * SQL error at its line and column in the YAML (or in the sql_file). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/embedded.h"
#include "gotypedb/query.h"
#include "report_int.h"

struct checker {
	struct gtd_report_file *f;
	struct gtd_strbuf *diags;
	struct gtd_query_describer *d;
	int problems;
};

static void problem(struct checker *c, const char *path, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void problem(struct checker *c, const char *path, int line, int col, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report_diag(c->diags, path, line, col, msg);
	c->problems++;
}

/* A sql_file's path: as written if absolute, else beside the report file. */
static char *sql_file_path(const char *report_path, const char *name)
{
	const char *slash = strrchr(report_path, '/');
	size_t dir = name[0] == '/' || !slash ? 0 : (size_t)(slash - report_path) + 1;
	char *p = malloc(dir + strlen(name) + 1);

	if (p) {
		memcpy(p, report_path, dir);
		strcpy(p + dir, name);
	}
	return p;
}

/* The line and column of byte off of text, counted from (line, col). */
static void locate(const char *text, int off, int indent, int *line, int *col)
{
	for (int i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = indent + 1;
		} else {
			(*col)++;
		}
	}
}

/* Loads the report's SQL into r->sql; its origin for messages into
 * sql_origin (the file's path, or NULL for the YAML itself). */
static int load_sql(struct checker *c, struct gtd_report *r)
{
	enum report_read_failure why;
	const char *text;
	size_t n;

	if (r->sql_file) {
		char *path = sql_file_path(c->f->path, r->sql_file);

		if (!path)
			return -1;
		if (!(r->sql = report_read_text(path, &n, &why))) {
			if (why == READ_NO_MEMORY) {
				free(path);
				return -1;
			}
			problem(c, c->f->path, r->sql_line, r->sql_col, "sql_file: %s: %s", path,
				why == READ_MISSING || why == READ_FAILED ? strerror(errno)
									  : report_read_failure_text(why));
			free(path);
			return 0;
		}
		if (strlen(r->sql) != n) {
			problem(c, c->f->path, r->sql_line, r->sql_col, "sql_file: %s: it holds a NUL byte",
				path);
			free(path);
			return 0;
		}
		r->sql_origin = path;
		return 1;
	}
	if (r->builtin) {
		if (!(text = gtd_embedded_query(r->builtin))) {
			struct gtd_strbuf names = { 0 };

			for (const struct gtd_embedded *q = gtd_query_files; q->name; q++) {
				gtd_strbuf_puts(&names, q == gtd_query_files ? "" : ", ");
				gtd_strbuf_putn(&names, q->name, strlen(q->name) - 4); /* no .sql */
			}
			problem(c, c->f->path, r->sql_line, r->sql_col,
				"builtin: no built-in query \"%s\" (there are: %s)", r->builtin,
				names.oom ? "?" : names.p);
			gtd_strbuf_free(&names);
			return 0;
		}
		if (!(r->sql = strdup(text)) || !(r->sql_origin = malloc(strlen(r->builtin) + 32)))
			return -1;
		sprintf(r->sql_origin, "queries/%s.sql", r->builtin);
		return 1;
	}
	return r->sql != NULL;
}

/* Where an error at byte off of the SQL is: in the YAML or the sql_file. */
static void sql_problem(struct checker *c, const struct gtd_report *r, int off, const char *what,
			const char *msg)
{
	int line = r->sql_line, col = r->sql_col;
	const char *path = c->f->path;

	if (r->builtin) {
		int qline = 1, qcol = 1;

		locate(r->sql, off, 0, &qline, &qcol);
		problem(c, path, line, col, "builtin %s: %s:%d:%d: %s", r->builtin, r->sql_origin, qline,
			qcol, msg);
		return;
	}
	if (r->sql_origin) {
		path = r->sql_origin;
		line = col = 1;
		locate(r->sql, off, 0, &line, &col);
	} else if (off >= 0) {
		locate(r->sql, off, r->sql_block_indent, &line, &col);
	}
	problem(c, path, line, col, "%s%s%s", what, what[0] ? ": " : "", msg);
}

static int has_column(const struct gtd_query_shape *s, const char *name)
{
	for (int i = 0; i < s->ncolumns; i++)
		if (strcmp(s->columns[i], name) == 0)
			return 1;
	return 0;
}

static void check_column(struct checker *c, const struct gtd_report *r, const struct gtd_query_shape *s,
			 const char *what, const char *name, int line, int col)
{
	if (name && !has_column(s, name))
		problem(c, c->f->path, line, col, "%s: \"%s\" is not a column of report %s's result", what,
			name, r->id ? r->id : "?");
}

/* A problem with the SQL's parameter name: at its use. */
static void param_problem(struct checker *c, const struct gtd_report *r, const char *name, const char *msg)
{
	sql_problem(c, r, gtd_sql_find(r->sql, name, 0), r->sql_origin ? "" : "sql", msg);
}

static void check_params(struct checker *c, const struct gtd_report *r, const struct gtd_query_shape *s)
{
	char msg[256];

	for (int i = 0; i < s->nparams; i++) {
		const char *name = s->params[i];
		size_t j;

		if (!name || strchr(":@$", name[0]) == NULL) {
			param_problem(c, r, name ? name : "?", "an unnamed parameter: name it (:name) and"
				      " declare it under params");
			continue;
		}
		for (j = 0; j < r->nparams; j++)
			if (r->params[j].name && strcmp(r->params[j].name, name + 1) == 0)
				break;
		if (j == r->nparams) {
			snprintf(msg, sizeof msg, "parameter %s is not declared under params", name);
			param_problem(c, r, name, msg);
		}
	}
	for (size_t j = 0; j < r->nparams; j++) {
		int used = 0;

		for (int i = 0; r->params[j].name && i < s->nparams; i++)
			used |= s->params[i] && strcmp(s->params[i] + 1, r->params[j].name) == 0;
		if (r->params[j].name && !used)
			problem(c, c->f->path, r->params[j].line, r->params[j].col,
				"params: \"%s\" is declared but the SQL never uses :%s", r->params[j].name,
				r->params[j].name);
	}
}

static int check_report(struct checker *c, struct gtd_report *r)
{
	struct gtd_query_shape s;
	struct gtd_error e = { 0 };
	int rc = !!r->sql + !!r->sql_file + !!r->builtin == 1 ? load_sql(c, r) : 0;

	if (rc <= 0)
		return rc;
	if ((rc = gtd_query_describe(c->d, r->sql, &s, &e)) != GTD_OK) {
		if (rc == GTD_ENOMEM)
			return -1;
		sql_problem(c, r, s.error_offset, r->sql_origin ? "" : "sql", e.msg);
		return 0;
	}
	r->statement_len = (size_t)s.statement_end;
	check_params(c, r, &s);
	if (r->warn.set)
		check_column(c, r, &s, "warn", r->warn.column, r->warn.line, r->warn.col);
	if (r->error.set)
		check_column(c, r, &s, "error", r->error.column, r->error.line, r->error.col);
	for (size_t i = 0; i < r->ncolumns; i++)
		check_column(c, r, &s, "columns", r->columns[i].column, r->columns[i].line, r->columns[i].col);
	for (size_t i = 0; i < r->nsort; i++)
		check_column(c, r, &s, "sort", r->sort[i].column, r->sort[i].line, r->sort[i].col);
	if (r->chart.set)
		check_column(c, r, &s, "chart value", r->chart.value.column, r->chart.value.line,
			     r->chart.value.col);
	for (size_t i = 0; i < r->chart.nby; i++)
		check_column(c, r, &s, "chart by", r->chart.by[i].column, r->chart.by[i].line, r->chart.by[i].col);
	gtd_query_shape_free(&s);
	return 0;
}

int report_check_sql(struct gtd_report_file *f, struct gtd_strbuf *diags, struct gtd_error *err)
{
	struct checker c = { f, diags, NULL, 0 };

	if (f->nreports == 0)
		return 0;
	if ((f->pair ? gtd_query_describer_open_pair : gtd_query_describer_open)(&c.d, err))
		return -1;
	for (size_t i = 0; i < f->nreports; i++)
		if (check_report(&c, &f->reports[i]) < 0) {
			gtd_query_describer_close(c.d);
			return gtd_fail(err, GTD_ENOMEM, "out of memory"), -1;
		}
	gtd_query_describer_close(c.d);
	return c.problems;
}
