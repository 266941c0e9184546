/* Running SQL on a read-only connection and printing the rows. */
#ifndef GOTYPEDB_QUERY_H
#define GOTYPEDB_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gotypedb/error.h"
#include "gotypedb/strbuf.h"

enum gtd_format { GTD_FORMAT_TABLE, GTD_FORMAT_CSV, GTD_FORMAT_JSON, GTD_FORMAT_MARKDOWN, GTD_FORMAT_HTML };

struct gtd_query_options {
	enum gtd_format format;
	/* Where the SQL came from, for messages ("q.sql:3:8: no such table"). */
	const char *sql_name;
	/* The table format's line width when out is a terminal: cells are cut
	 * with an ellipsis to fit it.  0: out is not a terminal, never cut. */
	int width;
};

/* Prints the pragmas a query may run, as indented lines of words: those
 * that report on what their argument names, "table_info(X)", then those
 * that take none (with a value they would set it). */
void gtd_query_print_pragmas(FILE *out);

/* -1 if name is not a format. */
int gtd_format_parse(const char *name);

/* Runs every statement of sql against the database at db_path and prints
 * each statement's rows to out.  Nothing is written anywhere else: the
 * connection is read-only, and a statement that would write (to the
 * database, an attached or temporary one, or a setting) is refused before
 * any statement runs (GTD_EUSAGE).  All statements read one snapshot.
 * JSON is printed only when every statement succeeded; table and csv
 * stream.  Errors: GTD_EUSAGE for SQL errors, GTD_EDB when the database is
 * unreadable or damaged, GTD_ENOINPUT when it does not exist. */
int gtd_query_run(const char *db_path, const char *sql, const struct gtd_query_options *o,
		  FILE *out, struct gtd_error *err);

/* A value bound to a named parameter (":min"), never pasted into SQL. */
enum gtd_query_param_type { GTD_QPARAM_INT, GTD_QPARAM_REAL, GTD_QPARAM_TEXT };

struct gtd_query_param {
	const char *name; /* as the SQL writes it: ":min" */
	enum gtd_query_param_type type;
	int64_t i;
	double r;
	const char *text;
};

/* Several statements on one snapshot of a database, each with its own
 * parameters: a read-only connection with the query guard (as
 * gtd_query_run), one read transaction from open to close. */
struct gtd_query_session;

int gtd_query_session_open(const char *db_path, struct gtd_query_session **out, struct gtd_error *err);
/* Two databases, as the schemas "old" and "new" of one session (SQL names
 * old.rtype, new.v_module), on one snapshot of each: what `gotypedb diff`
 * runs on.  Each must be a gotypedb database of this schema version
 * (GTD_EUSAGE naming it if not). */
int gtd_query_session_open_pair(const char *old_path, const char *new_path, struct gtd_query_session **out,
				struct gtd_error *err);
/* Runs one statement (sql_name names it in messages) with params bound,
 * printing its rows to out in format (width: see gtd_query_options).
 * JSON prints the array without a newline after it. */
int gtd_query_session_print(struct gtd_query_session *s, const char *sql, const char *sql_name,
			    const struct gtd_query_param *params, size_t nparams, enum gtd_format format,
			    int width, FILE *out, struct gtd_error *err);
/* Runs one statement whose first row's first column is an integer. */
int gtd_query_session_integer(struct gtd_query_session *s, const char *sql, const char *sql_name,
			      const struct gtd_query_param *params, size_t nparams, int64_t *value,
			      struct gtd_error *err);
/* Runs one statement whose columns are nlevels labels, a number, and the
 * count of the rows before its LIMIT (count(*) OVER ()), and draws its
 * rows with a positive number as an SVG chart (bars for one level, a
 * treemap for more), appended to svg, for an html page; label names the
 * chart.  *drawn: the rects drawn, 0 when no row had a positive number
 * (then nothing is appended); *total: that count. */
int gtd_query_session_chart(struct gtd_query_session *s, const char *sql, const char *sql_name,
			    const struct gtd_query_param *params, size_t nparams, int nlevels, const char *label,
			    struct gtd_strbuf *svg, int *drawn, int64_t *total, struct gtd_error *err);
void gtd_query_session_close(struct gtd_query_session *s);

/* An html page (--format html): self-contained, its style and script
 * inline, every fetch forbidden by its Content-Security-Policy.  Open
 * writes up to the page's <h1>title</h1>; what goes between is the
 * caller's (results printed in GTD_FORMAT_HTML are tables); close adds
 * the script that sorts the tables by a clicked header. */
void gtd_html_page_open(FILE *out, const char *title);
void gtd_html_page_close(FILE *out);
/* s as HTML text, control bytes escaped as the table format does. */
void gtd_html_put_text(FILE *out, const char *s);

/* The offset in sql of the first place it writes name as a whole word
 * (not inside a longer name), outside '...' literals and -- and block
 * comments, or -1: for placing a message at a table, function or
 * parameter name.  Flags: NOCASE (SQL names), IN_IDENTIFIERS (search
 * inside "..." too: a quoted name may be the one; else they are skipped,
 * as a parameter never stands there). */
#define GTD_SQL_FIND_NOCASE 1u
#define GTD_SQL_FIND_IN_IDENTIFIERS 2u
int gtd_sql_find(const char *sql, const char *name, unsigned flags);

/* What one statement gives, found without a database: the describer
 * prepares it on an empty in-memory database of this schema version,
 * under the same guard and settings as a query (so a statement that would
 * write is refused here too).  For checking SQL written ahead of any
 * database, as a report file's. */
struct gtd_query_describer;

struct gtd_query_shape {
	char **columns; /* result column names */
	int ncolumns;
	char **params;  /* parameter names as written (":min"); NULL for "?" */
	int nparams;
	/* On failure: the byte offset in the SQL the error is about, or -1. */
	int error_offset;
	/* On success: where the statement's text ends (before a ';', the
	 * comments and whitespace after it), so that it can be wrapped in
	 * SELECT ... FROM (...). */
	int statement_end;
};

int gtd_query_describer_open(struct gtd_query_describer **out, struct gtd_error *err);
/* The same with the empty schema also as "old" and "new", for SQL that a
 * pair session (gtd_query_session_open_pair) will run. */
int gtd_query_describer_open_pair(struct gtd_query_describer **out, struct gtd_error *err);
/* Exactly one statement (comments and whitespace around it allowed).
 * GTD_EUSAGE with the reason and shape->error_offset when it does not
 * prepare, is not one statement, or would write; GTD_ENOMEM. */
int gtd_query_describe(struct gtd_query_describer *d, const char *sql, struct gtd_query_shape *shape,
		       struct gtd_error *err);
void gtd_query_shape_free(struct gtd_query_shape *shape);
void gtd_query_describer_close(struct gtd_query_describer *d);

#endif
