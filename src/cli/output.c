/* -o OUT of the commands that print results (query, report): OUT is
 * written as the results come, and removed when the command fails, so
 * that a CI step never publishes half a report as if it were whole. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

FILE *cli_output_open(const char *path)
{
	FILE *f;

	if (!path)
		return stdout;
	if (!(f = fopen(path, "w")))
		cli_error("%s: %s", path, strerror(errno));
	return f;
}

int cli_output_close(const char *path, FILE *f, int rc, struct gtd_error *err)
{
	if (!path)
		return rc;
	if (fclose(f) != 0 && rc == GTD_OK)
		rc = gtd_fail(err, GTD_EIO, "%s: %s", path, strerror(errno));
	if (rc != GTD_OK)
		unlink(path);
	return rc;
}
