/* Report files: YAML that names reports over the database (README,
 * "Reports").  A file is read whole and checked whole before any report
 * runs: every problem is listed as "FILE:LINE:COL: message" (GNU style,
 * 1-based), not only the first. */
#ifndef GOTYPEDB_REPORT_H
#define GOTYPEDB_REPORT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "gotypedb/error.h"
#include "gotypedb/strbuf.h"

/* The version of the file format this gotypedb reads (`version: 1`). */
#define GTD_REPORT_FILE_VERSION 1

enum gtd_param_type { GTD_PARAM_INT, GTD_PARAM_REAL, GTD_PARAM_TEXT };

/* A value of a declared type: i for INT, r for REAL, text for TEXT. */
struct gtd_param_value {
	int64_t i;
	double r;
	char *text;
};

/* A parameter the SQL names as :name, bound (never pasted into the SQL)
 * with its default or a --param override. */
struct gtd_report_param {
	char *name;
	enum gtd_param_type type;
	int has_default;
	struct gtd_param_value def;
	int line, col;
};

enum gtd_cmp { GTD_CMP_GT, GTD_CMP_GE, GTD_CMP_LT, GTD_CMP_LE, GTD_CMP_EQ, GTD_CMP_NE };

/* A threshold crossed when any row's column compares true with value
 * ("bytes_saved > 100000": some row saves more than 100000). */
struct gtd_threshold {
	int set;
	char *column;
	enum gtd_cmp op;
	double value;
	int line, col;
};

/* A result column named by `columns` or `sort`, where it is named. */
struct gtd_column_ref {
	char *column;
	int desc; /* sort only: descending */
	int line, col;
};

/* The chart an html report draws of a report's result: the number in
 * column value by the label columns of by (one: bars; more: a treemap,
 * the first the outermost group), of the limit rows with the largest
 * positive values. */
#define GTD_CHART_MAX_LEVELS 4
#define GTD_CHART_MAX_ROWS 10000
#define GTD_CHART_BAR_ROWS 30     /* the default limit of bars */
#define GTD_CHART_TREEMAP_ROWS 300 /* and of a treemap's leaves */

struct gtd_chart {
	int set;
	struct gtd_column_ref value;
	struct gtd_column_ref *by;
	size_t nby;
	int64_t limit;
	int line, col;
};

struct gtd_report {
	char *id, *title, *description;
	/* Exactly one of the three was given; sql holds the statement in
	 * every case (the file's or the built-in query's text after load),
	 * sql_origin where it came from, for messages. */
	char *sql, *sql_file, *builtin;
	char *sql_origin;
	size_t statement_len; /* sql's statement without a final ';' and comments */
	/* Where the statement's text starts in the YAML file (an inline sql:
	 * its first character; a block scalar: its first content line) and
	 * the block's indentation, so an SQLite error offset maps back to a
	 * line and column of the file; 0 for a file or built-in. */
	int sql_line, sql_col, sql_block_indent;
	struct gtd_report_param *params;
	size_t nparams;
	struct gtd_threshold warn, error;
	struct gtd_column_ref *columns; /* shown, in this order; none: all of the statement's */
	size_t ncolumns;
	struct gtd_column_ref *sort;
	size_t nsort;
	int64_t limit; /* 0: no limit */
	struct gtd_chart chart;
	int line, col;
};

struct gtd_report_file {
	char *path;
	/* 1: the reports compare two databases, named in SQL as the schemas
	 * "old" and "new" (gotypedb diff); checked and run that way. */
	int pair;
	int version;
	struct gtd_report *reports;
	size_t nreports;
};

/* Reads and checks the report file at path: its YAML, its keys and types,
 * and every report's SQL, prepared against an empty database of this
 * schema version (so that a statement that does not prepare, writes, or
 * does not give a column a threshold, `columns` or `sort` names is caught
 * without a database).  Returns the number of problems found, each
 * appended to diags as a "PATH:LINE:COL: message\n" line; 0 and *out
 * filled if none (then free it with gtd_report_file_free).  -1 with err
 * set when the check itself could not run (memory). */
int gtd_report_file_load(const char *path, struct gtd_report_file *out, struct gtd_strbuf *diags,
			 struct gtd_error *err);
/* The same for a file's text held in memory; path names it in messages
 * (and sql_file paths are relative to its directory). */
int gtd_report_file_parse(const char *path, const char *text, size_t len, struct gtd_report_file *out,
			  struct gtd_strbuf *diags, struct gtd_error *err);
/* The same for a file whose reports compare two databases (old.TABLE,
 * new.TABLE): checked against the empty schema as both. */
int gtd_report_file_load_pair(const char *path, struct gtd_report_file *out, struct gtd_strbuf *diags,
			      struct gtd_error *err);
int gtd_report_file_parse_pair(const char *path, const char *text, size_t len, struct gtd_report_file *out,
			       struct gtd_strbuf *diags, struct gtd_error *err);
void gtd_report_file_free(struct gtd_report_file *f);

/* A --param NAME=VALUE: for every report that declares NAME, read as its
 * type. */
struct gtd_report_override {
	const char *name, *value;
};

struct gtd_report_run_options {
	int format;    /* enum gtd_format (gotypedb/query.h) */
	int width;     /* the table format's terminal width, or 0 */
	const struct gtd_report_override *overrides;
	size_t noverrides;
	FILE *out;     /* the reports */
	FILE *notes;   /* thresholds crossed: "gotypedb: report ID: warn: ..." */
	/* A pair file (f->pair): the old database; db_path is the new one. */
	const char *old_db;
	/* The html page's title (NULL: "gotypedb report"). */
	const char *title;
};

/* What a run found: thresholds crossed. */
struct gtd_report_outcome {
	int warnings, errors;
};

/* Runs every report of f on the database at db_path, on one snapshot.
 * The parameters are resolved first (GTD_EUSAGE, before any output, for
 * a --param no report declares, a value not of its type, or a parameter
 * with neither default nor value). */
int gtd_report_run(const struct gtd_report_file *f, const char *db_path, const struct gtd_report_run_options *o,
		   struct gtd_report_outcome *outcome, struct gtd_error *err);

#endif
