/* table: aligned columns for reading, in memory bounded whatever the
 * result's size.  Column widths come from the header and a prefix of the
 * rows (at most PREFIX_ROWS rows, PREFIX_CELLS cells, PREFIX_BYTES of
 * text); the prefix is printed, and the rows after it stream with the
 * same widths.  Numbers are right-aligned.  Control characters and bytes
 * that are not UTF-8 are escaped (value_put_escaped).  Widths count code
 * points.
 *
 * On a terminal, columns are narrowed until a line fits its width, and a
 * longer cell is cut with an ellipsis.  Elsewhere no value is ever cut:
 * a longer cell shifts the rest of its line, and no column is padded wider
 * than PAD_MAX, so that one long value in the prefix does not pad every
 * line of a long result. */
#include <stdlib.h>
#include <string.h>

#include "format.h"

enum {
	PREFIX_ROWS = 1000,
	PREFIX_CELLS = 65536,
	PREFIX_BYTES = 1 << 20,
	PAD_MAX = 256,
	CUT_MIN = 6, /* a cut column keeps 5 characters and the ellipsis */
};

struct cell {
	size_t off, len; /* in table.text */
	size_t width;
	int numeric;
};

struct table {
	int n;		     /* columns */
	int term;	     /* the terminal's width, or 0 */
	size_t *w;	     /* column widths */
	struct cell *cells;  /* the prefix, row-major */
	size_t rows;
	struct gtd_strbuf text;
	FILE *out;
};

/* Code points of valid UTF-8 (what value_put_escaped makes). */
static size_t width_of(const char *p, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)p[i] & 0xc0) != 0x80;
	return w;
}

/* Appends column i of the current row to b, rendered; fills c. */
static void render(sqlite3_stmt *s, int i, struct gtd_strbuf *b, struct cell *c)
{
	struct value v;

	value_get(s, i, &v);
	c->off = b->n;
	if (v.type == SQLITE_BLOB)
		value_put_hex(b, v.p, v.n);
	else if (v.type == SQLITE_TEXT)
		value_put_escaped(b, v.p, v.n);
	else
		gtd_strbuf_putn(b, v.p, v.n);
	c->len = b->n - c->off;
	c->width = width_of(b->p ? b->p + c->off : "", c->len);
	c->numeric = v.type == SQLITE_INTEGER || v.type == SQLITE_FLOAT;
}

static void pad(size_t n, FILE *out)
{
	static const char spaces[] = "                                ";

	for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
		fwrite(spaces, 1, sizeof spaces - 1, out);
	fwrite(spaces, 1, n, out);
}

/* Writes the first k code points of p[0:n]. */
static void put_prefix(const char *p, size_t n, size_t k, FILE *out)
{
	size_t i = 0;

	for (; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80 && k-- == 0)
			break;
	fwrite(p, 1, i, out);
}

/* Writes a cell of column i.  Spaces (separators, padding) are owed in
 * *pending and written only before text, so that no line ends in spaces. */
static void put_cell(const struct table *t, int i, const char *p, const struct cell *c,
		     size_t *pending)
{
	size_t w = t->w[i]; /* >= 1 */

	*pending += i ? 2 : 0;
	if (c->numeric && c->width < w)
		*pending += w - c->width;
	if (c->len) {
		pad(*pending, t->out);
		*pending = 0;
	}
	if (t->term && c->width > w) {
		put_prefix(p, c->len, w - 1, t->out);
		fputs("\xe2\x80\xa6", t->out); /* U+2026 HORIZONTAL ELLIPSIS */
		return;
	}
	fwrite(p, 1, c->len, t->out);
	if (!c->numeric && c->width < w)
		*pending += w - c->width;
}

static void put_row(const struct table *t, const char *text, const struct cell *row)
{
	size_t pending = 0;

	for (int i = 0; i < t->n; i++)
		put_cell(t, i, text + row[i].off, &row[i], &pending);
	fputc('\n', t->out);
}

/* The widest cap c such that the columns, none wider than c, fit avail. */
static size_t fitting_cap(const size_t *w, int n, size_t avail)
{
	size_t lo = 0, hi = 0;

	for (int i = 0; i < n; i++)
		hi = w[i] > hi ? w[i] : hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2, sum = 0;

		for (int i = 0; i < n; i++)
			sum += w[i] < mid ? w[i] : mid;
		if (sum <= avail)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Narrows the widest columns until a line fits the terminal (or, with too
 * many columns for that, until each is CUT_MIN); elsewhere caps padding. */
static void limit_widths(struct table *t)
{
	size_t cap = PAD_MAX, seps = 2 * (size_t)(t->n - 1);

	if (t->term) {
		cap = (size_t)t->term > seps ? fitting_cap(t->w, t->n, (size_t)t->term - seps) : 0;
		cap = cap < CUT_MIN ? CUT_MIN : cap;
	}
	for (int i = 0; i < t->n; i++) {
		if (t->w[i] > cap)
			t->w[i] = cap;
		if (t->w[i] == 0)
			t->w[i] = 1;
	}
}

static void put_rule(const struct table *t)
{
	for (int i = 0; i < t->n; i++) {
		if (i)
			fputs("  ", t->out);
		for (size_t k = 0; k < t->w[i]; k++)
			fputc('-', t->out);
	}
	fputc('\n', t->out);
}

/* Renders the column names into t->text, as cells head[0..n). */
static int render_header(struct table *t, sqlite3_stmt *s, struct cell *head)
{
	for (int i = 0; i < t->n; i++) {
		const char *name = sqlite3_column_name(s, i);

		if (!name)
			return SQLITE_NOMEM;
		head[i].off = t->text.n;
		value_put_escaped(&t->text, (const unsigned char *)name, strlen(name));
		head[i].len = t->text.n - head[i].off;
		head[i].width = width_of(t->text.p ? t->text.p + head[i].off : "", head[i].len);
		head[i].numeric = 0;
	}
	return t->text.oom ? SQLITE_NOMEM : SQLITE_OK;
}

/* Steps and renders rows into the prefix until a bound is reached.
 * Returns SQLITE_ROW if rows may follow, else the last step's code. */
static int read_prefix(struct table *t, sqlite3_stmt *s)
{
	size_t n = (size_t)t->n, max_rows = PREFIX_CELLS / n, cap = 0;
	int rc = SQLITE_ROW;

	max_rows = max_rows < PREFIX_ROWS ? max_rows : PREFIX_ROWS;
	while (t->rows < max_rows && t->text.n < PREFIX_BYTES) {
		if ((rc = sqlite3_step(s)) != SQLITE_ROW)
			return rc;
		if (t->rows == cap) {
			struct cell *c;

			cap = cap ? 2 * cap : 16;
			c = realloc(t->cells, cap * n * sizeof *c);
			if (!c)
				return SQLITE_NOMEM;
			t->cells = c;
		}
		for (size_t i = 0; i < n; i++)
			render(s, (int)i, &t->text, &t->cells[t->rows * n + i]);
		if (t->text.oom)
			return SQLITE_NOMEM;
		t->rows++;
	}
	return rc;
}

/* Each column as wide as its widest cell in the header and the prefix,
 * then limited. */
static void set_widths(struct table *t, const struct cell *head)
{
	for (int i = 0; i < t->n; i++) {
		t->w[i] = head[i].width;
		for (size_t r = 0; r < t->rows; r++)
			if (t->cells[r * (size_t)t->n + (size_t)i].width > t->w[i])
				t->w[i] = t->cells[r * (size_t)t->n + (size_t)i].width;
	}
	limit_widths(t);
}

/* The rows after the prefix, one at a time. */
static int stream_rest(const struct table *t, sqlite3_stmt *s)
{
	struct gtd_strbuf line = { 0 };
	struct cell *row = calloc((size_t)t->n, sizeof *row);
	int rc = SQLITE_NOMEM;

	gtd_strbuf_reserve(&line, 1); /* the row points into it, even if empty */
	while (row && !line.oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		gtd_strbuf_reset(&line);
		for (int i = 0; i < t->n; i++)
			render(s, i, &line, &row[i]);
		if (line.oom) {
			rc = SQLITE_NOMEM;
			break;
		}
		put_row(t, line.p, row);
	}
	gtd_strbuf_free(&line);
	free(row);
	return rc;
}

int print_table(sqlite3_stmt *s, int width, FILE *out)
{
	struct table t = { .n = sqlite3_column_count(s), .term = width > 0 ? width : 0, .out = out };
	struct cell *head = calloc((size_t)t.n, sizeof *head);
	int rc = SQLITE_NOMEM;

	t.w = calloc((size_t)t.n, sizeof *t.w);
	gtd_strbuf_reserve(&t.text, 1); /* rows point into it, even if empty */
	if (head && t.w && (rc = render_header(&t, s, head)) == SQLITE_OK)
		rc = read_prefix(&t, s);
	if (head && t.w && rc != SQLITE_NOMEM && (t.rows || rc == SQLITE_ROW || rc == SQLITE_DONE)) {
		/* what was read is printed even if a later step failed: as
		 * csv, the table streams, and the error follows on stderr;
		 * a statement that fails at once prints nothing */
		set_widths(&t, head);
		put_row(&t, t.text.p, head);
		put_rule(&t);
		for (size_t r = 0; r < t.rows; r++)
			put_row(&t, t.text.p, &t.cells[r * (size_t)t.n]);
		if (rc == SQLITE_ROW)
			rc = stream_rest(&t, s);
	}
	gtd_strbuf_free(&t.text);
	free(t.cells);
	free(t.w);
	free(head);
	return rc;
}
