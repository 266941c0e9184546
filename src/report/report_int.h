/* The report module's parts (gotypedb/report.h): config.c reads the YAML,
 * check.c checks each report's SQL, file.c ties them together. */
#ifndef GOTYPEDB_REPORT_INT_H
#define GOTYPEDB_REPORT_INT_H

#include "gotypedb/report.h"

/* Appends "path:line:col: message\n" to diags. */
void report_diag(struct gtd_strbuf *diags, const char *path, int line, int col, const char *message);

/* file.c: a file (a report file, an sql_file) of at most 1 MiB, read
 * whole and NUL-terminated (*len: its bytes); NULL and *why on failure,
 * errno the system's reason for READ_MISSING and READ_FAILED. */
enum report_read_failure { READ_OK, READ_MISSING, READ_NOT_FILE, READ_TOO_LARGE, READ_NO_MEMORY,
			   READ_FAILED };
char *report_read_text(const char *path, size_t *len, enum report_read_failure *why);
const char *report_read_failure_text(enum report_read_failure why);

/* config.c: the YAML into f; the number of problems, or -1 (err). */
int report_read_yaml(const char *path, const char *text, size_t len, struct gtd_report_file *f,
		     struct gtd_strbuf *diags, struct gtd_error *err);

/* check.c: each report's SQL (its text loaded from sql_file or the
 * built-in query) prepared and matched against the report's parameters,
 * thresholds, columns and sort; the number of problems, or -1 (err). */
int report_check_sql(struct gtd_report_file *f, struct gtd_strbuf *diags, struct gtd_error *err);

#endif
