/* Running a checked report file (gotypedb/report.h).  Every parameter is
 * resolved before anything is printed.  Then, on one snapshot of the
 * database, each report's statement runs wrapped as
 *     SELECT <columns> FROM (<statement>) ORDER BY <sort> LIMIT <limit>
 * (the hints of the file, column names quoted), and each threshold as
 *     SELECT count(*) FROM (<statement>) WHERE "<column>" <op> :gotypedb_threshold
 * with the parameters bound, never pasted.  A threshold is crossed when
 * any row of the whole result (not only the rows shown) compares true. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/bytes.h"
#include "gotypedb/query.h"
#include "report_int.h"

static const char *const op_sql[] = { [GTD_CMP_GT] = ">", [GTD_CMP_GE] = ">=", [GTD_CMP_LT] = "<",
				      [GTD_CMP_LE] = "<=", [GTD_CMP_EQ] = "=", [GTD_CMP_NE] = "<>" };
static const char *const op_text[] = { [GTD_CMP_GT] = ">", [GTD_CMP_GE] = ">=", [GTD_CMP_LT] = "<",
				       [GTD_CMP_LE] = "<=", [GTD_CMP_EQ] = "==", [GTD_CMP_NE] = "!=" };

#define THRESHOLD_PARAM ":gotypedb_threshold"

/* One report's parameters, resolved: ":name" and its value. */
struct bound {
	struct gtd_query_param *v;
	char **names;
	size_t n;
};

static void free_bound(struct bound *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->names[i]);
	free(b->names);
	free(b->v);
	memset(b, 0, sizeof *b);
}

/* value as the parameter's type into q. */
static int parse_value(const struct gtd_report *r, const struct gtd_report_param *p, const char *value,
		       struct gtd_query_param *q, struct gtd_error *err)
{
	char *end;

	errno = 0;
	switch (p->type) {
	case GTD_PARAM_INT:
		q->type = GTD_QPARAM_INT;
		q->i = strtoll(value, &end, 10);
		if (!*value || *end || errno)
			return gtd_fail(err, GTD_EUSAGE, "--param %s=%s: report %s takes an integer", p->name,
					value, r->id);
		return GTD_OK;
	case GTD_PARAM_REAL:
		q->type = GTD_QPARAM_REAL;
		q->r = strtod(value, &end);
		if (!*value || *end || errno || !isfinite(q->r))
			return gtd_fail(err, GTD_EUSAGE, "--param %s=%s: report %s takes a number", p->name,
					value, r->id);
		return GTD_OK;
	default:
		q->type = GTD_QPARAM_TEXT;
		q->text = value;
		return GTD_OK;
	}
}

static int resolve(const struct gtd_report *r, const struct gtd_report_run_options *o, struct bound *b,
		   struct gtd_error *err)
{
	memset(b, 0, sizeof *b);
	if (!(b->v = calloc(r->nparams + 1, sizeof *b->v)) || !(b->names = calloc(r->nparams + 1, sizeof *b->names)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	for (size_t i = 0; i < r->nparams; i++) {
		const struct gtd_report_param *p = &r->params[i];
		struct gtd_query_param *q = &b->v[i];
		const char *given = NULL;

		if (!(b->names[i] = malloc(strlen(p->name) + 2)))
			return gtd_fail(err, GTD_ENOMEM, "out of memory");
		b->n = i + 1; /* names[i] is freed with the rest from here on */
		sprintf(b->names[i], ":%s", p->name);
		q->name = b->names[i];
		for (size_t k = 0; k < o->noverrides; k++)
			if (strcmp(o->overrides[k].name, p->name) == 0)
				given = o->overrides[k].value;
		if (given) {
			if (parse_value(r, p, given, q, err))
				return err->code;
			continue;
		}
		if (!p->has_default)
			return gtd_fail(err, GTD_EUSAGE, "report %s: parameter %s has no default: give"
					" --param %s=VALUE", r->id, p->name, p->name);
		q->type = p->type == GTD_PARAM_INT ? GTD_QPARAM_INT
			  : p->type == GTD_PARAM_REAL ? GTD_QPARAM_REAL : GTD_QPARAM_TEXT;
		q->i = p->def.i;
		q->r = p->def.r;
		q->text = p->def.text;
	}
	return GTD_OK;
}

/* Every --param must be one some report declares. */
static int check_overrides(const struct gtd_report_file *f, const struct gtd_report_run_options *o,
			   struct gtd_error *err)
{
	for (size_t k = 0; k < o->noverrides; k++) {
		int declared = 0;

		for (size_t i = 0; i < f->nreports; i++)
			for (size_t j = 0; j < f->reports[i].nparams; j++)
				declared |= strcmp(f->reports[i].params[j].name, o->overrides[k].name) == 0;
		if (!declared)
			return gtd_fail(err, GTD_EUSAGE, "--param %s: no report of %s declares it",
					o->overrides[k].name, f->path);
	}
	return GTD_OK;
}

static void put_quoted_name(struct gtd_strbuf *b, const char *name)
{
	gtd_strbuf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			gtd_strbuf_putc(b, '"');
		gtd_strbuf_putc(b, *p);
	}
	gtd_strbuf_putc(b, '"');
}

static void put_from(struct gtd_strbuf *b, const struct gtd_report *r)
{
	gtd_strbuf_puts(b, " FROM (\n");
	gtd_strbuf_putn(b, r->sql, r->statement_len);
	gtd_strbuf_puts(b, "\n)");
}

static void display_sql(struct gtd_strbuf *b, const struct gtd_report *r)
{
	gtd_strbuf_puts(b, "SELECT ");
	for (size_t i = 0; i < r->ncolumns; i++) {
		if (i)
			gtd_strbuf_puts(b, ", ");
		put_quoted_name(b, r->columns[i].column);
	}
	if (!r->ncolumns)
		gtd_strbuf_putc(b, '*');
	put_from(b, r);
	for (size_t i = 0; i < r->nsort; i++) {
		gtd_strbuf_puts(b, i ? ", " : " ORDER BY ");
		put_quoted_name(b, r->sort[i].column);
		gtd_strbuf_puts(b, r->sort[i].desc ? " DESC" : " ASC");
	}
	if (r->limit > 0) {
		gtd_strbuf_puts(b, " LIMIT ");
		gtd_strbuf_putu(b, (uint64_t)r->limit);
	}
}

static void threshold_sql(struct gtd_strbuf *b, const struct gtd_report *r, const struct gtd_threshold *t)
{
	gtd_strbuf_puts(b, "SELECT count(*)");
	put_from(b, r);
	gtd_strbuf_puts(b, " WHERE ");
	put_quoted_name(b, t->column);
	gtd_strbuf_putc(b, ' ');
	gtd_strbuf_puts(b, op_sql[t->op]);
	gtd_strbuf_puts(b, " " THRESHOLD_PARAM);
}

/* The rows of the whole result with a positive number in the chart's
 * value column, the largest first, its label columns before it and the
 * number of such rows (before the LIMIT) after it: one run of the
 * report's statement for the chart, its caption included. */
static void chart_sql(struct gtd_strbuf *b, const struct gtd_report *r)
{
	gtd_strbuf_puts(b, "SELECT ");
	for (size_t i = 0; i < r->chart.nby; i++) {
		put_quoted_name(b, r->chart.by[i].column);
		gtd_strbuf_puts(b, ", ");
	}
	put_quoted_name(b, r->chart.value.column);
	gtd_strbuf_puts(b, ", count(*) OVER ()");
	put_from(b, r);
	gtd_strbuf_puts(b, " WHERE typeof(");
	put_quoted_name(b, r->chart.value.column);
	gtd_strbuf_puts(b, ") IN ('integer', 'real') AND ");
	put_quoted_name(b, r->chart.value.column);
	gtd_strbuf_puts(b, " > 0 ORDER BY ");
	put_quoted_name(b, r->chart.value.column);
	gtd_strbuf_puts(b, " DESC");
	/* ties by their labels: the same chart from the same rows */
	for (size_t i = 0; i < r->chart.nby; i++) {
		gtd_strbuf_puts(b, ", ");
		put_quoted_name(b, r->chart.by[i].column);
	}
	gtd_strbuf_puts(b, " LIMIT ");
	gtd_strbuf_putu(b, (uint64_t)r->chart.limit);
}

/* The chart of an html report: a caption, then the SVG, or why there is
 * none. */
static int print_chart(struct gtd_query_session *s, const struct gtd_report *r, struct bound *b, FILE *out,
		       struct gtd_error *err)
{
	struct gtd_strbuf sql = { 0 }, label = { 0 }, svg = { 0 };
	int64_t rows = 0;
	int rc, drawn = 0;

	chart_sql(&sql, r);
	gtd_strbuf_puts(&label, r->chart.value.column);
	gtd_strbuf_puts(&label, " by ");
	for (size_t i = 0; i < r->chart.nby; i++) {
		if (i)
			gtd_strbuf_puts(&label, r->chart.nby > 1 ? " \xe2\x86\x92 " : ", ");
		gtd_strbuf_puts(&label, r->chart.by[i].column);
	}
	rc = sql.oom || label.oom ? gtd_fail(err, GTD_ENOMEM, "out of memory")
				  : gtd_query_session_chart(s, sql.p, r->id, b->v, b->n, (int)r->chart.nby, label.p,
							    &svg, &drawn, &rows, err);
	if (rc == GTD_OK) {
		fputs("<p class=\"caption\">", out);
		gtd_html_put_text(out, label.p);
		if (rows > r->chart.limit)
			fprintf(out, ": the %lld largest of %lld rows", (long long)r->chart.limit, (long long)rows);
		else
			fprintf(out, ": %lld row%s", (long long)rows, rows == 1 ? "" : "s");
		fputs(r->chart.nby > 1 ? " (hover over a box for its path and value)</p>\n" : "</p>\n", out);
		if (drawn)
			fwrite(svg.p, 1, svg.n, out);
		else {
			fputs("<p class=\"nochart\">No row has a positive ", out);
			gtd_html_put_text(out, r->chart.value.column);
			fputs(": nothing to chart.</p>\n", out);
		}
	}
	gtd_strbuf_free(&sql);
	gtd_strbuf_free(&label);
	gtd_strbuf_free(&svg);
	return rc;
}

/* The rows crossing t, or -1 (err). */
static int64_t crossing(struct gtd_query_session *s, const struct gtd_report *r, const struct gtd_threshold *t,
			struct bound *b, struct gtd_error *err)
{
	struct gtd_strbuf sql = { 0 };
	int64_t rows = -1;

	b->v[b->n] = (struct gtd_query_param){ THRESHOLD_PARAM, GTD_QPARAM_REAL, 0, t->value, NULL };
	threshold_sql(&sql, r, t);
	if (sql.oom)
		gtd_fail(err, GTD_ENOMEM, "out of memory");
	else if (gtd_query_session_integer(s, sql.p, r->id, b->v, b->n + 1, &rows, err))
		rows = -1;
	gtd_strbuf_free(&sql);
	return rows;
}

struct verdict {
	int64_t warn_rows, error_rows; /* -1: no such threshold */
};

static int judge(struct gtd_query_session *s, const struct gtd_report *r, struct bound *b, struct verdict *v,
		 struct gtd_error *err)
{
	v->warn_rows = v->error_rows = -1;
	if (r->warn.set && (v->warn_rows = crossing(s, r, &r->warn, b, err)) < 0)
		return err->code;
	if (r->error.set && (v->error_rows = crossing(s, r, &r->error, b, err)) < 0)
		return err->code;
	return GTD_OK;
}

static void note(FILE *notes, const struct gtd_report *r, const char *level, const struct gtd_threshold *t,
		 int64_t rows)
{
	fprintf(notes, "gotypedb: report %s: %s: %lld row%s with %s %s %.17g\n", r->id, level, (long long)rows,
		rows == 1 ? "" : "s", t->column, op_text[t->op], t->value);
}

/* A crossed threshold above its report's html table. */
static void html_note(FILE *out, const char *level, const struct gtd_threshold *t, int64_t rows)
{
	fprintf(out, "<p class=\"%s\">%s: %lld row%s with ", level, level, (long long)rows, rows == 1 ? "" : "s");
	gtd_html_put_text(out, t->column);
	fputc(' ', out);
	gtd_html_put_text(out, op_text[t->op]);
	fprintf(out, " %.17g</p>\n", t->value);
}

/* A crossed threshold under its report's markdown table. */
static void md_note(FILE *out, const char *level, const struct gtd_threshold *t, int64_t rows)
{
	fprintf(out, "\n**%s**: %lld row%s with `%s %s %.17g`\n", level, (long long)rows, rows == 1 ? "" : "s",
		t->column, op_text[t->op], t->value);
}

static void put_json_text(FILE *out, const char *s)
{
	struct gtd_strbuf b = { 0 };

	gtd_strbuf_put_json_string(&b, gtd_bytes_of(s, strlen(s)));
	fwrite(b.p ? b.p : "\"\"", 1, b.p ? b.n : 2, out);
	gtd_strbuf_free(&b);
}

static void put_json_threshold(FILE *out, const char *key, const struct gtd_threshold *t, int64_t rows)
{
	fprintf(out, ",\"%s\":", key);
	if (!t->set) {
		fputs("null", out);
		return;
	}
	fputs("{\"column\":", out);
	put_json_text(out, t->column);
	fprintf(out, ",\"op\":\"%s\",\"value\":%.17g,\"rows\":%lld}", op_text[t->op], t->value, (long long)rows);
}

/* The page's head: what was reported on, and a list of the reports. */
static void html_open(const struct gtd_report_file *f, const char *db_path, const struct gtd_report_run_options *o,
		      FILE *out)
{
	gtd_html_page_open(out, o->title ? o->title : "gotypedb report");
	if (o->old_db) {
		fputs("<p>Old database <code>", out);
		gtd_html_put_text(out, o->old_db);
		fputs("</code>, new database <code>", out);
	} else {
		fputs("<p>Database <code>", out);
	}
	gtd_html_put_text(out, db_path);
	fputs("</code>, reports of <code>", out);
	gtd_html_put_text(out, f->path);
	fputs("</code>.  Click a column's header to sort by it.</p>\n<ul>\n", out);
	for (size_t i = 0; i < f->nreports; i++) {
		fputs("<li><a href=\"#report-", out);
		gtd_html_put_text(out, f->reports[i].id);
		fputs("\">", out);
		gtd_html_put_text(out, f->reports[i].title);
		fputs("</a></li>\n", out);
	}
	fputs("</ul>\n", out);
}

static int print_report(struct gtd_query_session *s, const struct gtd_report_file *f, size_t i,
			const struct gtd_report_run_options *o, struct bound *b, const struct verdict *v,
			struct gtd_error *err)
{
	const struct gtd_report *r = &f->reports[i];
	struct gtd_strbuf sql = { 0 };
	int rc;

	if (o->format == GTD_FORMAT_JSON) {
		fputs(i ? ",\n{\"id\":" : "{\"id\":", o->out);
		put_json_text(o->out, r->id);
		fputs(",\"title\":", o->out);
		put_json_text(o->out, r->title);
		fputs(",\"description\":", o->out);
		if (r->description)
			put_json_text(o->out, r->description);
		else
			fputs("null", o->out);
		put_json_threshold(o->out, "warn", &r->warn, v->warn_rows);
		put_json_threshold(o->out, "error", &r->error, v->error_rows);
		fputs(",\"rows\":", o->out);
	} else if (o->format == GTD_FORMAT_MARKDOWN) {
		fprintf(o->out, "%s## %s: %s\n\n", i ? "\n" : "", r->id, r->title);
		if (r->description)
			fprintf(o->out, "%s\n\n", r->description);
	} else if (o->format == GTD_FORMAT_HTML) {
		fputs("<section id=\"report-", o->out);
		gtd_html_put_text(o->out, r->id);
		fputs("\">\n<h2>", o->out);
		gtd_html_put_text(o->out, r->id);
		fputs(": ", o->out);
		gtd_html_put_text(o->out, r->title);
		fputs("</h2>\n", o->out);
		if (r->description) {
			fputs("<p>", o->out);
			gtd_html_put_text(o->out, r->description);
			fputs("</p>\n", o->out);
		}
		if (v->error_rows > 0)
			html_note(o->out, "error", &r->error, v->error_rows);
		if (v->warn_rows > 0)
			html_note(o->out, "warn", &r->warn, v->warn_rows);
		if (r->chart.set && (rc = print_chart(s, r, b, o->out, err)))
			return rc;
	} else if (o->format == GTD_FORMAT_CSV) {
		if (f->nreports > 1)
			fprintf(o->out, "%s# %s: %s\n", i ? "\n" : "", r->id, r->title);
	} else {
		fprintf(o->out, "%s== %s: %s\n", i ? "\n" : "", r->id, r->title);
	}
	display_sql(&sql, r);
	rc = sql.oom ? gtd_fail(err, GTD_ENOMEM, "out of memory")
		     : gtd_query_session_print(s, sql.p, r->id, b->v, b->n, (enum gtd_format)o->format, o->width,
					       o->out, err);
	gtd_strbuf_free(&sql);
	if (rc == GTD_OK && o->format == GTD_FORMAT_JSON)
		fputc('}', o->out);
	if (rc == GTD_OK && o->format == GTD_FORMAT_HTML)
		fputs("</section>\n", o->out);
	if (rc == GTD_OK && o->format == GTD_FORMAT_MARKDOWN) {
		if (v->warn_rows > 0)
			md_note(o->out, "warn", &r->warn, v->warn_rows);
		if (v->error_rows > 0)
			md_note(o->out, "error", &r->error, v->error_rows);
	}
	return rc;
}

int gtd_report_run(const struct gtd_report_file *f, const char *db_path, const struct gtd_report_run_options *o,
		   struct gtd_report_outcome *outcome, struct gtd_error *err)
{
	struct bound *b = calloc(f->nreports + 1, sizeof *b);
	struct gtd_query_session *s = NULL;
	int rc = b ? check_overrides(f, o, err) : gtd_fail(err, GTD_ENOMEM, "out of memory");

	memset(outcome, 0, sizeof *outcome);
	for (size_t i = 0; rc == GTD_OK && i < f->nreports; i++)
		rc = resolve(&f->reports[i], o, &b[i], err);
	if (rc == GTD_OK && !f->pair != !o->old_db)
		rc = gtd_fail(err, GTD_EINTERNAL, "%s: %s", f->path, f->pair ? "compares two databases: no old one given"
									: "reads one database, not two");
	if (rc == GTD_OK)
		rc = f->pair ? gtd_query_session_open_pair(o->old_db, db_path, &s, err)
			     : gtd_query_session_open(db_path, &s, err);
	if (rc == GTD_OK && o->format == GTD_FORMAT_JSON)
		fputs("[\n", o->out);
	if (rc == GTD_OK && o->format == GTD_FORMAT_HTML)
		html_open(f, db_path, o, o->out);
	for (size_t i = 0; rc == GTD_OK && i < f->nreports; i++) {
		const struct gtd_report *r = &f->reports[i];
		struct verdict v;

		if ((rc = judge(s, r, &b[i], &v, err)) || (rc = print_report(s, f, i, o, &b[i], &v, err)))
			break;
		if (v.warn_rows > 0) {
			outcome->warnings++;
			note(o->notes, r, "warn", &r->warn, v.warn_rows);
		}
		if (v.error_rows > 0) {
			outcome->errors++;
			note(o->notes, r, "error", &r->error, v.error_rows);
		}
	}
	if (rc == GTD_OK && o->format == GTD_FORMAT_JSON)
		fputs("\n]\n", o->out);
	if (rc == GTD_OK && o->format == GTD_FORMAT_HTML)
		gtd_html_page_close(o->out);
	if (rc == GTD_OK && (fflush(o->out) != 0 || ferror(o->out)))
		rc = gtd_fail(err, GTD_EIO, "cannot write the reports: %s", strerror(errno));
	gtd_query_session_close(s);
	for (size_t i = 0; b && i < f->nreports; i++)
		free_bound(&b[i]);
	free(b);
	return rc;
}
