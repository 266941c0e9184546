/* floor: the bare SQLite insert loop that bounds what any indexer storing
 * ROWS rows of BYTES bytes in all can do: one prepared single-row INSERT
 * (an integer key, four integers and a text payload of BYTES/ROWS bytes)
 * into a rowid table, one transaction, no indexes, the pragmas gotypedb
 * uses for a new database.
 *
 *   floor DB ROWS BYTES     prints the seconds taken
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void check(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		fprintf(stderr, "floor: %s: %s\n", what, sqlite3_errmsg(db));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long long rows, bytes;
	size_t payload;
	char *text;
	double t0;

	if (argc != 4) {
		fprintf(stderr, "usage: floor DB ROWS BYTES\n");
		return 2;
	}
	rows = atoll(argv[2]);
	bytes = atoll(argv[3]);
	payload = rows > 0 ? (size_t)(bytes / rows) : 0;
	text = malloc(payload + 1);
	if (!text)
		return 1;
	memset(text, 'x', payload);
	remove(argv[1]);
	t0 = now();
	check(db, sqlite3_open(argv[1], &db), "open");
	check(db, sqlite3_exec(db, "PRAGMA page_size = 16384; PRAGMA journal_mode = MEMORY;"
			       "PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
			       "PRAGMA cache_size = -65536;"
			       "CREATE TABLE t(a INT, b INT, c INT, d INT, e INT, f TEXT); BEGIN",
			       NULL, NULL, NULL), "setup");
	check(db, sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?,?,?,?,?,?)", -1, &s, NULL), "prepare");
	for (long long i = 0; i < rows; i++) {
		for (int c = 1; c <= 5; c++)
			sqlite3_bind_int64(s, c, i * c);
		sqlite3_bind_text(s, 6, text, (int)payload, SQLITE_STATIC);
		check(db, sqlite3_step(s), "insert");
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	check(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
	sqlite3_close(db);
	free(text);
	printf("%.3f\n", now() - t0);
	return 0;
}
