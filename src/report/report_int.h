/* The report module's parts (gotypedb/report.h): config.c reads the YAML,
 * check.c checks each report's SQL, file.c ties them together. */
#ifndef GOTYPEDB_REPORT_INT_H
#define GOTYPEDB_REPORT_INT_H

#include "gotypedb/report.h"

/* Appends "path:line:col: message\n" to diags. */
void report_diag(struct gtd_strbuf *diags, const char *path, int line, int col, const char *message);

/* config.c: the YAML into f; the number of problems, or -1 (err). */
int report_read_yaml(const char *path, const char *text, size_t len, struct gtd_report_file *f,
		     struct gtd_strbuf *diags, struct gtd_error *err);

/* check.c: each report's SQL (its text loaded from sql_file or the
 * built-in query) prepared and matched against the report's parameters,
 * thresholds, columns and sort; the number of problems, or -1 (err). */
int report_check_sql(struct gtd_report_file *f, struct gtd_strbuf *diags, struct gtd_error *err);

#endif
