/* SQL functions of gotypedb's own, on every query connection (and the
 * describer's, so that a report can name them).  Deterministic and
 * innocuous: they read their arguments only. */
#include "gotypedb/gotype.h"
#include "gotypedb/strbuf.h"
#include "open.h"

/* go_quote(X): X (TEXT or BLOB, byte for byte) as Go writes a string
 * literal, runs of one rune shortened: gtd_go_quote_runs.  NULL stays
 * NULL; a number is quoted as its text. */
static void go_quote(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct gtd_strbuf b = { 0 };
	const unsigned char *p;
	int n;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	p = sqlite3_value_type(argv[0]) == SQLITE_BLOB ? sqlite3_value_blob(argv[0]) : sqlite3_value_text(argv[0]);
	n = sqlite3_value_bytes(argv[0]);
	gtd_go_quote_runs(&b, gtd_bytes_of(p ? p : (const unsigned char *)"", p ? (size_t)n : 0));
	if (b.oom || b.n > 0x7fffffff)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, b.p, (int)b.n, SQLITE_TRANSIENT);
	gtd_strbuf_free(&b);
}

int query_register_functions(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "go_quote", 1,
					  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
					  go_quote, NULL, NULL, NULL);
}
