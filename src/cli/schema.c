/* gotypedb schema: the embedded schema/ directory, in order. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "gotypedb/embedded.h"

static const char usage[] = "usage: gotypedb schema\n";

static const char help[] =
	"\n"
	"Prints the schema the database is made with (schema/*.sql, compiled in):\n"
	"every table, column and view, with comments saying what each holds.\n"
	"PRAGMA user_version of a database is the version of its schema.\n"
	"\n"
	"  -h, --help  this help\n"
	"\n"
	"Exit status: 0 ok; 64 usage.\n";

int cmd_schema(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		fputs(help, stdout);
		return 0;
	}
	if (argc > 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	for (const struct gtd_embedded *f = gtd_schema_files; f->name; f++)
		printf("%s-- end of schema/%s\n\n", f->text, f->name);
	return 0;
}
