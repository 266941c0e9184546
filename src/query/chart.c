/* An SVG chart of a statement's rows: each row is one or more label
 * columns, then a positive number.  One label column draws bars, the
 * rows in their order; several draw a treemap, the first column the
 * outermost group (module -> package -> type): every group and every
 * leaf is one <rect> whose area is its share of the total, laid out by
 * the squarified algorithm (Bruls, Huizing, van Wijk, 2000), a group's
 * children inside it under a strip for its label.  Rows whose value is
 * not a positive number are left out, so every rect has an area above
 * zero.  Labels print as the table format escapes them (control bytes as
 * \x..), cut in the middle with an ellipsis to fit their box; each rect's <title> carries
 * the whole path and value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "gotypedb/utf8.h"

#define CHART_WIDTH 960.0
#define TREEMAP_HEIGHT 540.0
#define BAR_ROW 20.0
#define BAR_LABEL 330.0
#define HEADER 14.0 /* a group's label strip */
#define PAD 2.0
#define CHAR_WIDTH 6.4 /* of the 11px font, wide enough for most text */

struct node {
	char *label; /* escaped for a terminal (value_put_escaped), NUL-terminated */
	double value;
	int parent, child, next, nchildren;
	int depth, group; /* group: the index of its top-level ancestor, for colour */
	double x, y, w, h;
};

struct chart {
	struct node *n;
	size_t len, cap;
	int nlevels;
	int oom;
	struct gtd_strbuf scratch;
};

static int new_node(struct chart *c, int parent, const char *label, size_t label_len)
{
	struct node *n;

	if (c->len == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct node *p = realloc(c->n, cap * sizeof *p);

		if (!p)
			return c->oom = 1, -1;
		c->n = p;
		c->cap = cap;
	}
	n = &c->n[c->len];
	memset(n, 0, sizeof *n);
	if (!(n->label = malloc(label_len + 1)))
		return c->oom = 1, -1;
	memcpy(n->label, label, label_len);
	n->label[label_len] = '\0';
	n->parent = parent;
	n->child = n->next = -1;
	if (parent >= 0) {
		struct node *p = &c->n[parent];

		n->depth = p->depth + 1;
		n->group = parent == 0 ? (int)p->nchildren : p->group;
		n->next = p->child;
		p->child = (int)c->len;
		p->nchildren++;
	}
	return (int)c->len++;
}

/* The child of parent labelled label, made if there is none. */
static int child(struct chart *c, int parent, const char *label, size_t label_len)
{
	for (int k = c->n[parent].child; k >= 0; k = c->n[k].next)
		if (strlen(c->n[k].label) == label_len && memcmp(c->n[k].label, label, label_len) == 0)
			return k;
	return new_node(c, parent, label, label_len);
}

static void add_row(struct chart *c, sqlite3_stmt *s)
{
	int at = 0;
	double v;

	if (sqlite3_column_type(s, c->nlevels) != SQLITE_INTEGER &&
	    sqlite3_column_type(s, c->nlevels) != SQLITE_FLOAT)
		return;
	v = sqlite3_column_double(s, c->nlevels);
	if (!(v > 0) || !isfinite(v))
		return;
	for (int l = 0; l < c->nlevels && at >= 0; l++) {
		struct value cell;

		value_get(s, l, &cell);
		gtd_strbuf_reset(&c->scratch);
		if (cell.type == SQLITE_NULL)
			gtd_strbuf_puts(&c->scratch, "NULL");
		else if (cell.type == SQLITE_BLOB)
			value_put_hex(&c->scratch, cell.p, cell.n);
		else
			value_put_escaped(&c->scratch, cell.p, cell.n);
		if (c->scratch.oom)
			return (void)(c->oom = 1);
		at = child(c, at, c->scratch.p ? c->scratch.p : "", c->scratch.n);
	}
	for (; at >= 0; at = c->n[at].parent)
		c->n[at].value += v;
}

/* ---- layout -------------------------------------------------------------- */

static int by_value_desc(const void *a, const void *b, void *ctx)
{
	const struct node *n = ctx;
	double x = n[*(const int *)a].value, y = n[*(const int *)b].value;

	return x > y ? -1 : x < y ? 1 : *(const int *)a - *(const int *)b;
}

/* The worst aspect ratio of a row of areas sum (largest max, smallest min)
 * laid along a side of length side. */
static double worst(double sum, double max, double min, double side)
{
	double s2 = side * side, sum2 = sum * sum;

	return fmax(s2 * max / sum2, sum2 / (s2 * min));
}

/* Lays kids[0..n) (the largest first) out in the rect at (x, y), w by h:
 * strip by strip along the shorter side, each strip taking rects while
 * that does not worsen its worst aspect ratio.  Axis 0 is x, 1 is y; a
 * strip runs along axis `along` (1: a column at the left, its rects one
 * below the other; 0: a row at the top) and is `thick` across it. */
static void squarify(struct chart *c, const int *kids, int n, double x, double y, double w, double h)
{
	double o[2] = { x, y }, e[2] = { w, h }, total = 0, scale;
	int i = 0;

	for (int k = 0; k < n; k++)
		total += c->n[kids[k]].value;
	scale = w * h / total;
	while (i < n) {
		double side = fmin(e[0], e[1]), sum = 0, best = INFINITY, max = c->n[kids[i]].value * scale;
		int j = i, along = e[0] >= e[1];
		double thick, at;

		while (j < n) {
			double a = c->n[kids[j]].value * scale, r = worst(sum + a, max, a, side);

			if (r > best)
				break;
			best = r;
			sum += a;
			j++;
		}
		/* the last strip takes what is left, the last rect of a strip
		 * the rest of its length: no gap from rounding */
		thick = j == n ? e[!along] : sum / e[along];
		at = o[along];
		for (int k = i; k < j; k++) {
			struct node *m = &c->n[kids[k]];
			double len = k + 1 == j ? o[along] + e[along] - at : m->value * scale / thick;
			double pos[2], size[2];

			pos[along] = at, pos[!along] = o[!along];
			size[along] = len, size[!along] = thick;
			m->x = pos[0], m->y = pos[1], m->w = size[0], m->h = size[1];
			at += len;
		}
		o[!along] += thick, e[!along] -= thick;
		i = j;
	}
}

/* Lays out the children of node at, inside it (the root: the whole chart),
 * and theirs in turn. */
static int layout(struct chart *c, int at)
{
	struct node *p = &c->n[at];
	double x = p->x, y = p->y, w = p->w, h = p->h;
	int n = p->nchildren, i = 0, *kids;

	if (n == 0)
		return 0;
	if (!(kids = malloc((size_t)n * sizeof *kids)))
		return c->oom = 1, -1;
	for (int k = p->child; k >= 0; k = c->n[k].next)
		kids[i++] = k;
	qsort_r(kids, (size_t)n, sizeof *kids, by_value_desc, c->n);
	if (at != 0 && w > 4 * PAD && h > HEADER + 3 * PAD) {
		x += PAD, w -= 2 * PAD, y += HEADER, h -= HEADER + PAD;
	}
	squarify(c, kids, n, x, y, w, h);
	for (int k = 0; k < n; k++)
		if (layout(c, kids[k]) < 0)
			break;
	free(kids);
	return c->oom ? -1 : 0;
}

/* ---- drawing ------------------------------------------------------------- */

static void put_number(struct gtd_strbuf *b, double v)
{
	char num[40];

	snprintf(num, sizeof num, "%.15g", v);
	gtd_strbuf_puts(b, num);
}

static void put_coord(struct gtd_strbuf *b, double v)
{
	char num[40];

	snprintf(num, sizeof num, "%.3f", v);
	gtd_strbuf_puts(b, num);
}

/* The byte offset of the code point that starts k code points into
 * text[0:n] (n if there are fewer). */
static size_t skip_chars(const char *text, size_t n, size_t k)
{
	size_t at = 0;

	while (at < n && k-- > 0) {
		uint32_t r;
		size_t w = gtd_utf8_decode((const unsigned char *)text + at, n - at, &r);

		at += w ? w : 1;
	}
	return at;
}

/* text, HTML-escaped, in at most max characters (code points): a longer
 * one keeps its first third and its end around an ellipsis, so that
 * paths that share a prefix ("/home/ci/out/a", "/home/ci/out/b") still
 * differ. */
static void put_label(struct gtd_strbuf *b, const char *text, int max, struct gtd_strbuf *scratch)
{
	size_t n = strlen(text), chars = 0, head, tail;

	for (size_t at = 0; at < n; chars++)
		at += skip_chars(text + at, n - at, 1);
	if (chars <= (size_t)max) {
		html_put_escaped(b, (const unsigned char *)text, n, scratch);
		return;
	}
	head = skip_chars(text, n, (size_t)(max - 1) / 3);
	tail = skip_chars(text, n, chars - ((size_t)max - 1 - (size_t)(max - 1) / 3));
	html_put_escaped(b, (const unsigned char *)text, head, scratch);
	gtd_strbuf_puts(b, "\xe2\x80\xa6");
	html_put_escaped(b, (const unsigned char *)text + tail, n - tail, scratch);
}

static void put_path(struct gtd_strbuf *b, const struct chart *c, int at, struct gtd_strbuf *scratch)
{
	if (c->n[at].parent > 0) {
		put_path(b, c, c->n[at].parent, scratch);
		gtd_strbuf_puts(b, " / ");
	}
	html_put_escaped(b, (const unsigned char *)c->n[at].label, strlen(c->n[at].label), scratch);
}

static void put_rect(struct gtd_strbuf *b, struct chart *c, int at, double x, double y, double w, double h)
{
	const struct node *n = &c->n[at];
	char fill[64];

	/* a hue per top-level group, lighter with each level */
	snprintf(fill, sizeof fill, "hsl(%d,%d%%,%d%%)",
		 c->nlevels == 1 ? 205 : (int)fmod(n->group * 137.508 + 200, 360.0),
		 n->child < 0 ? 55 : 35, 48 + 10 * (n->depth > 4 ? 4 : n->depth));
	gtd_strbuf_puts(b, "<rect x=\"");
	put_coord(b, x);
	gtd_strbuf_puts(b, "\" y=\"");
	put_coord(b, y);
	gtd_strbuf_puts(b, "\" width=\"");
	put_coord(b, w);
	gtd_strbuf_puts(b, "\" height=\"");
	put_coord(b, h);
	gtd_strbuf_puts(b, "\" fill=\"");
	gtd_strbuf_puts(b, fill);
	gtd_strbuf_puts(b, n->child < 0 ? "\" class=\"leaf\"><title>" : "\" class=\"group\"><title>");
	put_path(b, c, at, &c->scratch);
	gtd_strbuf_puts(b, ": ");
	put_number(b, n->value);
	gtd_strbuf_puts(b, "</title></rect>\n");
}

static void put_text(struct gtd_strbuf *b, double x, double y, const char *anchor, const char *text, double room,
		     struct gtd_strbuf *scratch)
{
	int max = (int)(room / CHAR_WIDTH);

	/* "a…b" says nothing: such a box has its <title> only */
	if (max < 1 || (max < 5 && strlen(text) > (size_t)max))
		return;
	gtd_strbuf_puts(b, "<text x=\"");
	put_coord(b, x);
	gtd_strbuf_puts(b, "\" y=\"");
	put_coord(b, y);
	gtd_strbuf_puts(b, "\"");
	if (anchor) {
		gtd_strbuf_puts(b, " text-anchor=\"");
		gtd_strbuf_puts(b, anchor);
		gtd_strbuf_puts(b, "\"");
	}
	gtd_strbuf_putc(b, '>');
	put_label(b, text, max, scratch);
	gtd_strbuf_puts(b, "</text>\n");
}

static void draw_tree(struct gtd_strbuf *b, struct chart *c, int at)
{
	struct node *n = &c->n[at];

	if (at != 0) {
		put_rect(b, c, at, n->x, n->y, n->w, n->h);
		if (n->h >= HEADER && n->w >= 20)
			put_text(b, n->x + 3, n->y + 11, NULL, n->label, n->w - 6, &c->scratch);
		if (n->child < 0 && n->h >= 2 * HEADER && n->w >= 20) {
			char num[40];

			snprintf(num, sizeof num, "%.15g", n->value);
			put_text(b, n->x + 3, n->y + 24, NULL, num, n->w - 6, &c->scratch);
		}
	}
	/* children in layout order (largest first), as they were placed */
	for (int k = n->child; k >= 0; k = c->n[k].next)
		draw_tree(b, c, k);
}

static void draw_bars(struct gtd_strbuf *b, struct chart *c)
{
	double max = 0, y = 4, room = CHART_WIDTH - BAR_LABEL - 110;
	int *rows, k = 0;

	if (!(rows = malloc(c->n[0].nchildren * sizeof *rows)))
		return (void)(c->oom = 1);
	/* the children list is newest first: rows back in their order */
	for (int i = c->n[0].child; i >= 0; i = c->n[i].next)
		rows[c->n[0].nchildren - 1 - k++] = i;
	for (int i = 0; i < k; i++)
		max = fmax(max, c->n[rows[i]].value);
	for (int i = 0; i < k; i++, y += BAR_ROW) {
		struct node *n = &c->n[rows[i]];
		double w = n->value / max * room;
		char num[40];

		put_text(b, BAR_LABEL - 6, y + 13, "end", n->label, BAR_LABEL - 12, &c->scratch);
		put_rect(b, c, rows[i], BAR_LABEL, y + 2, w, BAR_ROW - 4);
		snprintf(num, sizeof num, "%.15g", n->value);
		put_text(b, BAR_LABEL + w + 6, y + 13, NULL, num, 104, &c->scratch);
	}
	free(rows);
}

int print_chart(sqlite3_stmt *s, int nlevels, const char *label, struct gtd_strbuf *svg, int *drawn,
		int64_t *total)
{
	struct chart c = { .nlevels = nlevels };
	struct gtd_strbuf b = { 0 };
	double height;
	int rc;

	*drawn = 0;
	*total = 0;
	if (new_node(&c, -1, "", 0) < 0)
		return SQLITE_NOMEM;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && !c.oom) {
		*total = sqlite3_column_int64(s, nlevels + 1);
		add_row(&c, s);
	}
	if (rc == SQLITE_DONE && !c.oom && c.n[0].nchildren > 0) {
		height = nlevels == 1 ? c.n[0].nchildren * BAR_ROW + 8 : TREEMAP_HEIGHT;
		c.n[0].w = CHART_WIDTH;
		c.n[0].h = height;
		gtd_strbuf_puts(&b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"");
		put_coord(&b, CHART_WIDTH);
		gtd_strbuf_puts(&b, "\" height=\"");
		put_coord(&b, height);
		gtd_strbuf_puts(&b, "\" aria-label=\"");
		html_put_escaped(&b, (const unsigned char *)label, strlen(label), &c.scratch);
		gtd_strbuf_puts(&b, "\">\n");
		if (nlevels == 1)
			draw_bars(&b, &c);
		else if (layout(&c, 0) == 0)
			draw_tree(&b, &c, 0);
		gtd_strbuf_puts(&b, "</svg>\n");
		*drawn = (int)c.len - 1;
	}
	if (c.oom || b.oom || c.scratch.oom)
		rc = SQLITE_NOMEM;
	else if (rc == SQLITE_DONE && b.p)
		gtd_strbuf_putn(svg, b.p, b.n);
	for (size_t i = 0; i < c.len; i++)
		free(c.n[i].label);
	free(c.n);
	gtd_strbuf_free(&b);
	gtd_strbuf_free(&c.scratch);
	return rc;
}
