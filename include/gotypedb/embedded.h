/* Files compiled into the binary by scripts/embed.sh: the schema/ directory (the
 * single source of truth for the schema) and the queries/ directory (@NAME). */
#ifndef GOTYPEDB_EMBEDDED_H
#define GOTYPEDB_EMBEDDED_H

#include <stddef.h>

struct gtd_embedded {
	const char *name; /* file name, e.g. "10_raw.sql" */
	const char *text; /* NUL-terminated contents */
};

extern const struct gtd_embedded gtd_schema_files[]; /* ends with {NULL, NULL} */
extern const struct gtd_embedded gtd_query_files[];
/* queries/reports.yaml: the reports `gotypedb report` runs without -c;
 * queries/diff.yaml: what `gotypedb diff` runs without -c */
extern const struct gtd_embedded gtd_report_files[];

/* The query file "NAME.sql", or NULL. */
const char *gtd_embedded_query(const char *name);
/* The report file "NAME" ("reports.yaml"), or NULL. */
const char *gtd_embedded_report(const char *name);

#endif
