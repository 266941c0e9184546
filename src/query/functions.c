/* SQL functions of gotypedb's own, on every query connection (and the
 * describer's, so that a report can name them).  Deterministic and
 * innocuous: they read their arguments only. */
#include <string.h>

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

/* common_dir(PATH) (an aggregate): the longest directory prefix all its
 * non-NULL paths share, ending in '/' ("" if none, NULL if no rows): what
 * `gotypedb diff` strips from the paths of two builds made in different
 * directories before it matches their binaries. */
struct common {
	char *p; /* the common prefix so far, sqlite3_malloc'd; NULL before the first row */
	size_t n;
	int oom;
};

static void common_dir_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct common *c = sqlite3_aggregate_context(ctx, sizeof *c);
	const unsigned char *p;
	size_t n, i = 0;

	(void)argc;
	if (!c) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL || c->oom)
		return;
	p = sqlite3_value_text(argv[0]);
	n = (size_t)sqlite3_value_bytes(argv[0]);
	if (!c->p) {
		if (!(c->p = sqlite3_malloc64(n + 1))) {
			c->oom = 1;
			return;
		}
		memcpy(c->p, p ? (const char *)p : "", n);
		c->n = n;
		return;
	}
	while (i < c->n && i < n && c->p[i] == (char)p[i])
		i++;
	c->n = i;
}

static void common_dir_final(sqlite3_context *ctx)
{
	struct common *c = sqlite3_aggregate_context(ctx, 0);

	if (c && c->oom) {
		sqlite3_result_error_nomem(ctx);
	} else if (c && c->p) {
		size_t n = c->n;

		while (n > 0 && c->p[n - 1] != '/') /* back to a whole directory */
			n--;
		sqlite3_result_text(ctx, c->p, (int)n, SQLITE_TRANSIENT);
	}
	if (c)
		sqlite3_free(c->p);
}

int query_register_functions(sqlite3 *db)
{
	int rc = sqlite3_create_function_v2(db, "go_quote", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
					    NULL, go_quote, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(db, "common_dir", 1,
						SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, NULL,
						common_dir_step, common_dir_final, NULL);
	return rc;
}
