/* markdown: a GitHub-flavoured table, for CI summaries.  Every cell is one
 * line: control characters and bytes that are not UTF-8 escaped as the
 * table format escapes them (\n, \x1b, \xff), then the ASCII punctuation
 * markdown would read as markup backslash-escaped (\| \* \_ \< ...), so a
 * value renders as the text it is.  A column is right-aligned when its
 * first row holds a number; NULL is an empty cell, a BLOB x'...'. */
#include <string.h>

#include "format.h"

static void put_cell(struct gtd_strbuf *b, const unsigned char *p, size_t n, struct gtd_strbuf *scratch)
{
	gtd_strbuf_reset(scratch);
	value_put_escaped(scratch, p, n);
	gtd_strbuf_putc(b, ' ');
	for (size_t i = 0; i < scratch->n; i++) {
		if (strchr("\\`*_[]<>|~&#", scratch->p[i]) && scratch->p[i])
			gtd_strbuf_putc(b, '\\');
		gtd_strbuf_putc(b, scratch->p[i]);
	}
	gtd_strbuf_puts(b, " |");
}

static void put_value(sqlite3_stmt *s, int i, struct gtd_strbuf *b, struct gtd_strbuf *scratch)
{
	struct value v;

	value_get(s, i, &v);
	if (v.type == SQLITE_BLOB) {
		struct gtd_strbuf hex = { 0 };

		value_put_hex(&hex, v.p, v.n);
		put_cell(b, (const unsigned char *)(hex.p ? hex.p : ""), hex.n, scratch);
		gtd_strbuf_free(&hex);
		return;
	}
	put_cell(b, v.p, v.n, scratch);
}

int print_markdown(sqlite3_stmt *s, FILE *out)
{
	struct gtd_strbuf line = { 0 }, scratch = { 0 };
	int n = sqlite3_column_count(s), rc = sqlite3_step(s);

	gtd_strbuf_putc(&line, '|');
	for (int i = 0; i < n; i++) {
		const char *name = sqlite3_column_name(s, i);

		put_cell(&line, (const unsigned char *)name, strlen(name), &scratch);
	}
	gtd_strbuf_puts(&line, "\n|");
	for (int i = 0; i < n; i++) {
		int t = rc == SQLITE_ROW ? sqlite3_column_type(s, i) : SQLITE_NULL;

		gtd_strbuf_puts(&line, t == SQLITE_INTEGER || t == SQLITE_FLOAT ? " --: |" : " --- |");
	}
	gtd_strbuf_putc(&line, '\n');
	for (; rc == SQLITE_ROW && !line.oom; rc = sqlite3_step(s)) {
		fwrite(line.p, 1, line.n, out);
		gtd_strbuf_reset(&line);
		gtd_strbuf_putc(&line, '|');
		for (int i = 0; i < n; i++)
			put_value(s, i, &line, &scratch);
		gtd_strbuf_putc(&line, '\n');
	}
	if (line.oom || scratch.oom)
		rc = SQLITE_NOMEM;
	else
		fwrite(line.p, 1, line.n, out);
	gtd_strbuf_free(&line);
	gtd_strbuf_free(&scratch);
	return rc;
}
