#include <string.h>

#include "gotypedb/embedded.h"

const char *gtd_embedded_query(const char *name)
{
	size_t n = strlen(name);

	for (const struct gtd_embedded *q = gtd_query_files; q->name; q++)
		if (strncmp(q->name, name, n) == 0 && strcmp(q->name + n, ".sql") == 0)
			return q->text;
	return NULL;
}

const char *gtd_embedded_report(const char *name)
{
	for (const struct gtd_embedded *f = gtd_report_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->text;
	return NULL;
}
