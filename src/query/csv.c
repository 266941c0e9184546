/* csv: RFC 4180 with a header row, byte-exact.  A field is quoted when it
 * holds a comma, a double quote (doubled inside), CR, LF or NUL; every byte
 * of a value is written as it is, NULs and bytes that are not UTF-8
 * included.  NULL and the empty string are both an empty field; a BLOB is
 * x'...'. */
#include <string.h>

#include "format.h"

static int needs_quotes(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] == ',' || p[i] == '"' || p[i] == '\r' || p[i] == '\n' || p[i] == '\0')
			return 1;
	return 0;
}

static void put_field(const unsigned char *p, size_t n, FILE *out)
{
	const unsigned char *q;

	if (!needs_quotes(p, n)) {
		fwrite(p, 1, n, out);
		return;
	}
	fputc('"', out);
	while (n && (q = memchr(p, '"', n)) != NULL) {
		fwrite(p, 1, (size_t)(q - p) + 1, out); /* up to and with the quote */
		fputc('"', out);
		n -= (size_t)(q - p) + 1;
		p = q + 1;
	}
	fwrite(p, 1, n, out);
	fputc('"', out);
}

/* 0, or -1 when out of memory. */
static int put_value(sqlite3_stmt *s, int i, struct gtd_strbuf *scratch, FILE *out)
{
	struct value v;

	value_get(s, i, &v);
	if (v.type != SQLITE_BLOB) {
		put_field(v.p, v.n, out);
		return 0;
	}
	gtd_strbuf_reset(scratch);
	value_put_hex(scratch, v.p, v.n);
	if (scratch->oom)
		return -1;
	fwrite(scratch->p, 1, scratch->n, out);
	return 0;
}

int print_csv(sqlite3_stmt *s, FILE *out)
{
	struct gtd_strbuf scratch = { 0 };
	int n = sqlite3_column_count(s), rc;

	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc; /* a statement that fails at once prints nothing */
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(s, i);

		if (!name)
			return SQLITE_NOMEM;
		if (i)
			fputc(',', out);
		put_field((const unsigned char *)name, strlen(name), out);
	}
	fputc('\n', out);
	for (; rc == SQLITE_ROW; rc = sqlite3_step(s)) {
		for (int i = 0; i < n && rc == SQLITE_ROW; i++) {
			if (i)
				fputc(',', out);
			if (put_value(s, i, &scratch, out))
				rc = SQLITE_NOMEM;
		}
		if (rc != SQLITE_ROW)
			break;
		fputc('\n', out);
	}
	gtd_strbuf_free(&scratch);
	return rc;
}
