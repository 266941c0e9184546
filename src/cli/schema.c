/* gotypedb schema: the embedded the schema/ directory, in order. */
#include <stdio.h>

#include "cli.h"
#include "gotypedb/embedded.h"

int cmd_schema(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		cli_error("usage: gotypedb schema");
		return EXIT_USAGE;
	}
	for (const struct gtd_embedded *f = gtd_schema_files; f->name; f++)
		printf("%s-- end of schema/%s\n\n", f->text, f->name);
	return 0;
}
