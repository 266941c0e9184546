/* Rendering values: integers stay raw in every format; BLOBs print as the
 * SQL hex literal x'...'; NULL is empty (table, csv) or null (json). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "gotypedb/strbuf.h"

/* A cell rendered to text, for the table printer's column widths. */
struct cell {
	char *text;
	int numeric;
};

static char *hex_literal(const unsigned char *p, int n)
{
	static const char digits[] = "0123456789abcdef";
	char *s = malloc((size_t)n * 2 + 4), *q = s;

	if (!s)
		return NULL;
	*q++ = 'x';
	*q++ = '\'';
	for (int i = 0; i < n; i++) {
		*q++ = digits[p[i] >> 4];
		*q++ = digits[p[i] & 15];
	}
	*q++ = '\'';
	*q = '\0';
	return s;
}

/* The value as text: what table and csv print. */
static char *value_text(sqlite3_stmt *s, int i)
{
	char buf[64];

	switch (sqlite3_column_type(s, i)) {
	case SQLITE_NULL:
		return strdup("");
	case SQLITE_INTEGER:
		snprintf(buf, sizeof buf, "%lld", (long long)sqlite3_column_int64(s, i));
		return strdup(buf);
	case SQLITE_FLOAT:
		snprintf(buf, sizeof buf, "%.17g", sqlite3_column_double(s, i));
		return strdup(buf);
	case SQLITE_BLOB:
		return hex_literal(sqlite3_column_blob(s, i), sqlite3_column_bytes(s, i));
	default:
		return strdup((const char *)sqlite3_column_text(s, i));
	}
}

/* ---- csv (RFC 4180, with a header row) -------------------------------- */

static void csv_field(const char *v, FILE *out)
{
	if (!strpbrk(v, ",\"\r\n")) {
		fputs(v, out);
		return;
	}
	fputc('"', out);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', out);
		fputc(*v, out);
	}
	fputc('"', out);
}

static int print_csv(sqlite3_stmt *s, FILE *out)
{
	int n = sqlite3_column_count(s), rc;

	for (int i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		csv_field(sqlite3_column_name(s, i), out);
	}
	fputc('\n', out);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			char *v = value_text(s, i);

			if (i)
				fputc(',', out);
			csv_field(v ? v : "", out);
			free(v);
		}
		fputc('\n', out);
	}
	return rc;
}

/* ---- json (an array of objects per statement) ------------------------- */

static void json_string(const char *v, FILE *out)
{
	static struct gtd_strbuf b; /* reused: output is single-threaded */

	gtd_strbuf_reset(&b);
	gtd_strbuf_put_json_string(&b, gtd_bytes_of(v, strlen(v)));
	fwrite(b.p ? b.p : "", 1, b.n, out);
}

static void json_value(sqlite3_stmt *s, int i, FILE *out)
{
	char *v;

	switch (sqlite3_column_type(s, i)) {
	case SQLITE_NULL:
		fputs("null", out);
		return;
	case SQLITE_INTEGER:
		fprintf(out, "%lld", (long long)sqlite3_column_int64(s, i));
		return;
	case SQLITE_FLOAT:
		if (isfinite(sqlite3_column_double(s, i)))
			fprintf(out, "%.17g", sqlite3_column_double(s, i));
		else
			fputs("null", out);
		return;
	default:
		v = value_text(s, i);
		json_string(v ? v : "", out);
		free(v);
	}
}

static int print_json(sqlite3_stmt *s, FILE *out)
{
	int n = sqlite3_column_count(s), rc, rows = 0;

	fputc('[', out);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fputs(rows++ ? ",\n{" : "\n{", out);
		for (int i = 0; i < n; i++) {
			if (i)
				fputc(',', out);
			json_string(sqlite3_column_name(s, i), out);
			fputc(':', out);
			json_value(s, i, out);
		}
		fputc('}', out);
	}
	fputs(rows ? "\n]\n" : "]\n", out);
	return rc;
}

/* ---- table (aligned columns; control characters escaped) -------------- */

static char *escape_controls(char *v)
{
	size_t extra = 0, n;
	char *e, *q;

	for (char *p = v; *p; p++)
		extra += (unsigned char)*p < 0x20 ? 3 : 0;
	if (!extra)
		return v;
	n = strlen(v);
	e = malloc(n + extra + 1);
	if (!e)
		return v;
	q = e;
	for (char *p = v; *p; p++) {
		if (*p == '\n') { *q++ = '\\'; *q++ = 'n'; }
		else if (*p == '\t') { *q++ = '\\'; *q++ = 't'; }
		else if ((unsigned char)*p < 0x20) q += sprintf(q, "\\x%02x", (unsigned char)*p);
		else *q++ = *p;
	}
	*q = '\0';
	free(v);
	return e;
}

/* Display width: UTF-8 code points (continuation bytes do not count). */
static size_t width(const char *v)
{
	size_t w = 0;

	for (; *v; v++)
		w += ((unsigned char)*v & 0xc0) != 0x80;
	return w;
}

static void pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

static void print_table_row(const struct cell *row, const size_t *w, int n, FILE *out)
{
	for (int i = 0; i < n; i++) {
		size_t cw = width(row[i].text);

		if (i)
			fputs("  ", out);
		if (row[i].numeric)
			pad(out, w[i] - cw);
		fputs(row[i].text, out);
		if (!row[i].numeric && i < n - 1)
			pad(out, w[i] - cw);
	}
	fputc('\n', out);
}

static int print_table(sqlite3_stmt *s, FILE *out)
{
	int n = sqlite3_column_count(s), rc;
	size_t rows = 0, cap = 0, *w = calloc((size_t)n, sizeof *w);
	struct cell *cells = NULL;

	if (!w)
		return SQLITE_NOMEM;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (rows == cap) {
			struct cell *c;

			cap = cap ? cap * 2 : 64;
			c = realloc(cells, cap * (size_t)n * sizeof *c);
			if (!c) {
				rc = SQLITE_NOMEM;
				break;
			}
			cells = c;
		}
		for (int i = 0; i < n; i++) {
			struct cell *c = &cells[rows * (size_t)n + (size_t)i];
			int type = sqlite3_column_type(s, i);
			char *v = value_text(s, i);

			c->text = escape_controls(v ? v : strdup(""));
			c->numeric = type == SQLITE_INTEGER || type == SQLITE_FLOAT;
		}
		rows++;
	}
	for (int i = 0; i < n; i++) {
		w[i] = width(sqlite3_column_name(s, i));
		for (size_t r = 0; r < rows; r++)
			if (width(cells[r * (size_t)n + (size_t)i].text) > w[i])
				w[i] = width(cells[r * (size_t)n + (size_t)i].text);
	}
	for (int i = 0; i < n; i++) {
		if (i)
			fputs("  ", out);
		fputs(sqlite3_column_name(s, i), out);
		if (i < n - 1)
			pad(out, w[i] - width(sqlite3_column_name(s, i)));
	}
	fputc('\n', out);
	for (int i = 0; i < n; i++) {
		if (i)
			fputs("  ", out);
		for (size_t k = 0; k < w[i]; k++)
			fputc('-', out);
	}
	fputc('\n', out);
	for (size_t r = 0; r < rows; r++) {
		print_table_row(&cells[r * (size_t)n], w, n, out);
		for (int i = 0; i < n; i++)
			free(cells[r * (size_t)n + (size_t)i].text);
	}
	free(cells);
	free(w);
	return rc;
}

int format_rows(sqlite3_stmt *s, enum gtd_format fmt, FILE *out)
{
	if (sqlite3_column_count(s) == 0) {
		int rc;

		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		return rc;
	}
	switch (fmt) {
	case GTD_FORMAT_CSV: return print_csv(s, out);
	case GTD_FORMAT_JSON: return print_json(s, out);
	default: return print_table(s, out);
	}
}
