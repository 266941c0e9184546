/* schema_image DB > OUT.c: the build's maker of the schema image
 * (struct gtd_schema_image in include/gotypedb/store.h).  Makes a new
 * database at DB as the store makes one (the page size of a database
 * gotypedb creates, then store_schema_ddl in one transaction), and writes
 * its file as C: the runs of nonzero bytes, zeros shorter than a run's
 * bookkeeping kept inside the runs. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/store/schema_ddl.h"

/* A gap of fewer zeros than this stays in the run around it. */
#define MIN_GAP 16

static int make(const char *path)
{
	const char *file = NULL;
	sqlite3 *db;
	int rc;

	if (unlink(path) != 0 && errno != ENOENT) {
		fprintf(stderr, "schema_image: %s: %s\n", path, strerror(errno));
		return -1;
	}
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA page_size = " STORE_NEW_PAGE_SIZE_TEXT "; BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK && (rc = store_schema_ddl(db, &file)) == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "schema_image: %s: %s%s%s\n", path, file ? file : "", file ? ": " : "",
			sqlite3_errmsg(db));
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long len;

	if (f && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)len)) && fread(p, 1, (size_t)len, f) == (size_t)len) {
		*n = (size_t)len;
	} else {
		free(p);
		p = NULL;
		fprintf(stderr, "schema_image: reading %s failed\n", path);
	}
	if (f)
		fclose(f);
	return p;
}

/* The end of the run that starts at i: before MIN_GAP zeros or the end. */
static size_t run_end(const uint8_t *p, size_t n, size_t i)
{
	size_t zeros = 0;

	for (; i < n; i++) {
		zeros = p[i] ? 0 : zeros + 1;
		if (zeros == MIN_GAP)
			return i + 1 - MIN_GAP;
	}
	return n - zeros;
}

int main(int argc, char **argv)
{
	size_t n, i, nruns = 0, col = 0;
	uint8_t *p;

	if (argc != 2) {
		fprintf(stderr, "usage: schema_image DB > OUT.c\n");
		return 2;
	}
	if (make(argv[1]) || !(p = slurp(argv[1], &n)))
		return 1;
	printf("/* made by scripts/schema_image.c from schema/: do not edit */\n"
	       "#include \"gotypedb/store.h\"\n\nstatic const uint8_t bytes[] = {\n");
	for (i = 0; i < n;) {
		size_t end;

		if (!p[i]) {
			i++;
			continue;
		}
		for (end = run_end(p, n, i); i < end; i++)
			printf("%s%u,", col++ % 24 ? "" : "\n\t", p[i]);
	}
	printf("\n};\n\nstatic const struct gtd_schema_image_run runs[] = {\n");
	for (i = 0; i < n;) {
		size_t end;

		if (!p[i]) {
			i++;
			continue;
		}
		end = run_end(p, n, i);
		printf("\t{ %zu, %zu },\n", i, end - i);
		nruns++;
		i = end;
	}
	printf("};\n\nconst struct gtd_schema_image gtd_schema_image = { %zu, %zu, runs, bytes };\n", n,
	       nruns);
	free(p);
	return ferror(stdout) ? 1 : 0;
}
