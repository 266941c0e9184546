/* json: a statement's rows as an array of objects, one per row, keys the
 * column names in order.  Strings are JSON strings when they are UTF-8 (a
 * NUL is \u0000); TEXT that is not UTF-8 prints as a BLOB does, as the
 * string "x'...'" of its bytes, since a JSON string cannot hold such bytes;
 * NULL, NaN and infinities are null. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "gotypedb/utf8.h"

/* Appends p[0:n] as a JSON string: itself when UTF-8, else x'...'. */
static void put_string(struct gtd_strbuf *b, const unsigned char *p, size_t n)
{
	if (gtd_utf8_valid(p, n)) {
		gtd_strbuf_put_json_string(b, gtd_bytes_of(p, n));
		return;
	}
	gtd_strbuf_putc(b, '"');
	value_put_hex(b, p, n);
	gtd_strbuf_putc(b, '"');
}

static void put_value(sqlite3_stmt *s, int i, struct gtd_strbuf *b)
{
	struct value v;

	value_get(s, i, &v);
	switch (v.type) {
	case SQLITE_NULL:
		gtd_strbuf_puts(b, "null");
		break;
	case SQLITE_FLOAT:
		if (!isfinite(sqlite3_column_double(s, i))) {
			gtd_strbuf_puts(b, "null");
			break;
		}
		/* fall through */
	case SQLITE_INTEGER:
		gtd_strbuf_putn(b, v.p, v.n);
		break;
	case SQLITE_BLOB:
		gtd_strbuf_putc(b, '"');
		value_put_hex(b, v.p, v.n);
		gtd_strbuf_putc(b, '"');
		break;
	default:
		put_string(b, v.p, v.n);
	}
}

/* The keys, each "name": once for all rows. */
static int put_keys(sqlite3_stmt *s, int n, struct gtd_strbuf *keys, size_t *ends)
{
	for (int i = 0; i < n; i++) {
		const unsigned char *name = (const unsigned char *)sqlite3_column_name(s, i);

		if (!name)
			return -1;
		put_string(keys, name, strlen((const char *)name));
		gtd_strbuf_putc(keys, ':');
		ends[i] = keys->n;
	}
	return keys->oom ? -1 : 0;
}

static int print_rows(sqlite3_stmt *s, int n, const struct gtd_strbuf *keys, const size_t *ends,
		      FILE *out)
{
	struct gtd_strbuf row = { 0 };
	int rc, rows = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		gtd_strbuf_reset(&row);
		gtd_strbuf_puts(&row, rows++ ? ",\n{" : "\n{");
		for (int i = 0; i < n; i++) {
			size_t start = i ? ends[i - 1] : 0;

			if (i)
				gtd_strbuf_putc(&row, ',');
			gtd_strbuf_putn(&row, keys->p + start, ends[i] - start);
			put_value(s, i, &row);
		}
		gtd_strbuf_putc(&row, '}');
		if (row.oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		fwrite(row.p, 1, row.n, out);
	}
	fputs(rows ? "\n]" : "]", out);
	gtd_strbuf_free(&row);
	return rc;
}

int print_json(sqlite3_stmt *s, FILE *out)
{
	int n = sqlite3_column_count(s), rc = SQLITE_NOMEM;
	struct gtd_strbuf keys = { 0 };
	size_t *ends = calloc((size_t)n + 1, sizeof *ends);

	fputc('[', out);
	if (ends && put_keys(s, n, &keys, ends) == 0)
		rc = print_rows(s, n, &keys, ends, out);
	gtd_strbuf_free(&keys);
	free(ends);
	return rc;
}
