/* floor: the bare SQLite insert loop that bounds what any indexer storing
 * ROWS rows can do — one prepared single-row INSERT of six integers into a
 * rowid table, one transaction, no indexes, the store's pragmas.
 *
 *   floor DB ROWS       prints the seconds taken
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
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
	long long rows;
	double t0;

	if (argc != 3) {
		fprintf(stderr, "usage: floor DB ROWS\n");
		return 2;
	}
	rows = atoll(argv[2]);
	remove(argv[1]);
	t0 = now();
	check(db, sqlite3_open(argv[1], &db), "open");
	check(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
			       "PRAGMA cache_size = -65536;"
			       "CREATE TABLE t(a INT, b INT, c INT, d INT, e INT, f INT); BEGIN",
			       NULL, NULL, NULL), "setup");
	check(db, sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?,?,?,?,?,?)", -1, &s, NULL), "prepare");
	for (long long i = 0; i < rows; i++) {
		for (int c = 1; c <= 6; c++)
			sqlite3_bind_int64(s, c, i * c);
		check(db, sqlite3_step(s), "insert");
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	check(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
	sqlite3_close(db);
	printf("%.3f\n", now() - t0);
	return 0;
}
