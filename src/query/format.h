/* Printers for result rows, one per output format, and the rendering of a
 * value that they share.  Each printer steps its statement to the end and
 * returns the last sqlite3_step() code (SQLITE_DONE on success). */
#ifndef GOTYPEDB_QUERY_FORMAT_H
#define GOTYPEDB_QUERY_FORMAT_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>

#include "gotypedb/strbuf.h"

/* One value of the current row.  Integers and reals are their decimal text
 * in num (reals in the fewest digits that read back exactly); TEXT is
 * every byte of it, NULs included (sqlite3_column_bytes, never strlen);
 * BLOB is its bytes. */
struct value {
	int type; /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL */
	const unsigned char *p;
	size_t n;
	char num[32];
};

void value_get(sqlite3_stmt *s, int i, struct value *v);
/* d in the fewest significant digits (15 to 17) that read back as d
 * exactly (0.49, not 0.48999999999999999); its length. */
size_t value_put_real(char *buf, size_t size, double d);
/* Appends p[0:n] as the SQL literal x'0a1b...' (how BLOBs print). */
void value_put_hex(struct gtd_strbuf *b, const unsigned char *p, size_t n);
/* Appends p[0:n] for a terminal: control characters (C0, DEL, C1) and bytes
 * that are not UTF-8 escaped (\n, \t, \r, \x1b, \u009b, \xff), the rest as
 * is, so that the result is valid UTF-8 and moves no cursor. */
void value_put_escaped(struct gtd_strbuf *b, const unsigned char *p, size_t n);

int print_csv(sqlite3_stmt *s, FILE *out);
/* An array of objects, without a newline after it. */
int print_json(sqlite3_stmt *s, FILE *out);
/* A GitHub-flavoured markdown table (markdown.c). */
int print_markdown(sqlite3_stmt *s, FILE *out);
/* One <table> of an html page (html.c). */
int print_html(sqlite3_stmt *s, FILE *out);
/* Appends p[0:n] escaped as value_put_escaped does, then as HTML text
 * (scratch: a buffer for the first step). */
void html_put_escaped(struct gtd_strbuf *b, const unsigned char *p, size_t n, struct gtd_strbuf *scratch);
/* An SVG chart of the rows, appended to svg: nlevels label columns, then a
 * number, then the number of rows before any LIMIT (the same in every
 * row); bars for one level, a treemap for more (chart.c).  label: the
 * chart's accessible name.  *drawn: the rects drawn (0: no positive value,
 * no chart); *total: that last column. */
int print_chart(sqlite3_stmt *s, int nlevels, const char *label, struct gtd_strbuf *svg, int *drawn,
		int64_t *total);
/* width > 0: out is a terminal that wide, and cells are cut to fit it. */
int print_table(sqlite3_stmt *s, int width, FILE *out);

#endif
