/* A report file's YAML, read with libyaml's document API into struct
 * gtd_report_file (gotypedb/report.h), with every problem of keys, types
 * and structure listed at its line and column.  libyaml itself accepts a
 * mapping with a key twice and aliases to any node: both are refused here
 * (a key given twice is a mistake whichever value was meant, and a node
 * reached twice could make a small file cost exponential time).  The SQL
 * is checked afterwards (check.c). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "gotypedb/bmap.h"
#include "report_int.h"

struct reader {
	const char *path;
	const char *text; /* the file, for a block scalar's indentation */
	size_t len;
	yaml_document_t *doc;
	struct gtd_strbuf *diags;
	int problems;
	int oom;
	unsigned char *reached; /* per node: visited once already */
	size_t nnodes;
};

static void vproblem(struct reader *r, yaml_mark_t at, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof msg, fmt, ap);
	report_diag(r->diags, r->path, (int)at.line + 1, (int)at.column + 1, msg);
	r->problems++;
}

static void problem(struct reader *r, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(struct reader *r, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vproblem(r, n->start_mark, fmt, ap);
	va_end(ap);
}

static const char *kind_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE: return "a scalar";
	case YAML_SEQUENCE_NODE: return "a list";
	case YAML_MAPPING_NODE: return "a mapping";
	default: return "nothing";
	}
}

/* The node at index, once: a second arrival is through an alias. */
static yaml_node_t *node(struct reader *r, int index)
{
	yaml_node_t *n = yaml_document_get_node(r->doc, index);

	if (!n)
		return NULL;
	if (r->reached[index - 1]) {
		problem(r, n, "this node is used again through an alias: aliases are not allowed in a"
			" report file");
		return NULL;
	}
	r->reached[index - 1] = 1;
	return n;
}

static int is_scalar(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE;
}

static int is_plain(const yaml_node_t *n)
{
	return is_scalar(n) && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static char *scalar_dup(struct reader *r, const yaml_node_t *n)
{
	char *s = malloc(n->data.scalar.length + 1);

	if (!s) {
		r->oom = 1;
		return NULL;
	}
	memcpy(s, n->data.scalar.value, n->data.scalar.length);
	s[n->data.scalar.length] = '\0';
	return s;
}

/* A string value: any scalar (quoted or not) without NUL bytes. */
static int get_string(struct reader *r, const yaml_node_t *n, const char *key, char **out)
{
	if (!is_scalar(n)) {
		problem(r, n, "%s: expected a string, found %s", key, kind_name(n));
		return 0;
	}
	if (memchr(n->data.scalar.value, '\0', n->data.scalar.length)) {
		problem(r, n, "%s: a NUL character in the string", key);
		return 0;
	}
	free(*out);
	*out = scalar_dup(r, n);
	return *out != NULL;
}

/* An integer value: a plain scalar of decimal digits (a quoted "8" is a
 * string in YAML, and refused where a number belongs). */
static int get_int(struct reader *r, const yaml_node_t *n, const char *key, int64_t *out)
{
	char buf[32], *end;
	long long v;

	if (!is_plain(n) || n->data.scalar.length == 0 || n->data.scalar.length >= sizeof buf) {
		problem(r, n, "%s: expected an integer, found %s", key,
			is_scalar(n) ? (is_plain(n) ? "a long or empty value" : "a quoted string") : kind_name(n));
		return 0;
	}
	memcpy(buf, n->data.scalar.value, n->data.scalar.length);
	buf[n->data.scalar.length] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (*end || errno || buf[strspn(buf, "+-0123456789")]) {
		problem(r, n, "%s: expected an integer, found \"%s\"", key, buf);
		return 0;
	}
	*out = v;
	return 1;
}

/* A number value: a plain scalar that strtod reads whole and is finite. */
static int get_real(struct reader *r, const yaml_node_t *n, const char *key, double *out)
{
	char buf[64], *end;
	double v;

	if (!is_plain(n) || n->data.scalar.length == 0 || n->data.scalar.length >= sizeof buf) {
		problem(r, n, "%s: expected a number, found %s", key,
			is_scalar(n) ? (is_plain(n) ? "a long or empty value" : "a quoted string") : kind_name(n));
		return 0;
	}
	memcpy(buf, n->data.scalar.value, n->data.scalar.length);
	buf[n->data.scalar.length] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (*end || errno || !isfinite(v) || buf[strspn(buf, "+-.0123456789eE")]) {
		problem(r, n, "%s: expected a number, found \"%s\"", key, buf);
		return 0;
	}
	*out = v;
	return 1;
}

/* ---- mappings: known keys, each at most once --------------------------- */

struct field {
	const char *key;
	int required;
};

/* The value nodes of m's known keys (NULL where absent), after listing
 * every unknown or repeated key.  out[i] belongs to fields[i]. */
static void read_mapping(struct reader *r, const yaml_node_t *m, const char *what,
			 const struct field *fields, size_t nfields, yaml_node_t **out)
{
	struct gtd_bmap keys = { 0 };

	for (size_t i = 0; i < nfields; i++)
		out[i] = NULL;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(r, p->key), *v = node(r, p->value);
		uint64_t *slot;
		int inserted;
		size_t i;

		if (!k || !v)
			continue;
		if (!is_scalar(k)) {
			problem(r, k, "%s: a key must be a string, found %s", what, kind_name(k));
			continue;
		}
		if (gtd_bmap_upsert(&keys, k->data.scalar.value, k->data.scalar.length, &slot, &inserted)) {
			r->oom = 1;
			break;
		}
		if (!inserted) {
			problem(r, k, "%s: key \"%.*s\" given twice (first at line %llu)", what,
				(int)k->data.scalar.length, (const char *)k->data.scalar.value,
				(unsigned long long)*slot);
			continue;
		}
		*slot = k->start_mark.line + 1;
		for (i = 0; i < nfields; i++)
			if (strlen(fields[i].key) == k->data.scalar.length &&
			    memcmp(fields[i].key, k->data.scalar.value, k->data.scalar.length) == 0)
				break;
		if (i == nfields)
			problem(r, k, "%s: unknown key \"%.*s\"", what, (int)k->data.scalar.length,
				(const char *)k->data.scalar.value);
		else
			out[i] = v;
	}
	gtd_bmap_free(&keys);
	for (size_t i = 0; i < nfields; i++)
		if (fields[i].required && !out[i])
			problem(r, m, "%s: \"%s\" is missing", what, fields[i].key);
}

/* ---- the parts of a report --------------------------------------------- */

static const char *const type_names[] = { [GTD_PARAM_INT] = "int", [GTD_PARAM_REAL] = "real",
					  [GTD_PARAM_TEXT] = "text" };
static const char *const cmp_names[] = { [GTD_CMP_GT] = ">", [GTD_CMP_GE] = ">=", [GTD_CMP_LT] = "<",
					 [GTD_CMP_LE] = "<=", [GTD_CMP_EQ] = "==", [GTD_CMP_NE] = "!=" };

/* A name SQL can take as :name and a shell as NAME=VALUE. */
static int is_identifier(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	return s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")] == '\0';
}

static int get_param_value(struct reader *r, const yaml_node_t *n, enum gtd_param_type t,
			   struct gtd_param_value *v)
{
	switch (t) {
	case GTD_PARAM_INT: return get_int(r, n, "default", &v->i);
	case GTD_PARAM_REAL: return get_real(r, n, "default", &v->r);
	default: return get_string(r, n, "default", &v->text);
	}
}

static void read_param(struct reader *r, const yaml_node_t *n, struct gtd_report_param *p)
{
	static const struct field fields[] = { { "name", 1 }, { "type", 1 }, { "default", 0 } };
	yaml_node_t *v[3];
	char *type = NULL;
	int typed = 0;

	p->line = (int)n->start_mark.line + 1;
	p->col = (int)n->start_mark.column + 1;
	if (n->type != YAML_MAPPING_NODE) {
		problem(r, n, "params: each parameter is a mapping (name, type, default), found %s",
			kind_name(n));
		return;
	}
	read_mapping(r, n, "parameter", fields, 3, v);
	if (v[0] && get_string(r, v[0], "name", &p->name) && !is_identifier(p->name))
		problem(r, v[0], "name: \"%s\" is not a parameter name (letters, digits and _, not"
			" starting with a digit)", p->name);
	if (v[1] && get_string(r, v[1], "type", &type)) {
		for (size_t t = 0; t < sizeof type_names / sizeof type_names[0]; t++)
			if (strcmp(type, type_names[t]) == 0) {
				p->type = (enum gtd_param_type)t;
				typed = 1;
			}
		if (!typed)
			problem(r, v[1], "type: \"%s\" is not a parameter type (int, real or text)", type);
	}
	free(type);
	if (v[2] && typed)
		p->has_default = get_param_value(r, v[2], p->type, &p->def);
}

/* The number of items of a list node (0 for any other node). */
static size_t items(const yaml_node_t *n)
{
	return n->type == YAML_SEQUENCE_NODE ? (size_t)(n->data.sequence.items.top - n->data.sequence.items.start)
					     : 0;
}

static void read_params(struct reader *r, const yaml_node_t *n, struct gtd_report *rep)
{
	size_t count = items(n);

	if (n->type != YAML_SEQUENCE_NODE) {
		problem(r, n, "params: expected a list, found %s", kind_name(n));
		return;
	}
	if (!(rep->params = calloc(count ? count : 1, sizeof *rep->params))) {
		r->oom = 1;
		return;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = node(r, *it);
		struct gtd_report_param *p = &rep->params[rep->nparams];

		if (!item)
			continue;
		rep->nparams++;
		read_param(r, item, p);
		for (size_t j = 0; p->name && j + 1 < rep->nparams; j++)
			if (rep->params[j].name && strcmp(rep->params[j].name, p->name) == 0)
				problem(r, item, "params: \"%s\" declared twice (first at line %d)", p->name,
					rep->params[j].line);
	}
}

static void read_threshold(struct reader *r, const yaml_node_t *n, const char *what, struct gtd_threshold *t)
{
	static const struct field fields[] = { { "column", 1 }, { "op", 1 }, { "value", 1 } };
	yaml_node_t *v[3];
	char *op = NULL;
	int ok = 1;

	t->line = (int)n->start_mark.line + 1;
	t->col = (int)n->start_mark.column + 1;
	if (n->type != YAML_MAPPING_NODE) {
		problem(r, n, "%s: expected a mapping (column, op, value), found %s", what, kind_name(n));
		return;
	}
	read_mapping(r, n, what, fields, 3, v);
	ok &= v[0] && get_string(r, v[0], "column", &t->column);
	if (v[1] && get_string(r, v[1], "op", &op)) {
		size_t i;

		for (i = 0; i < sizeof cmp_names / sizeof cmp_names[0]; i++)
			if (strcmp(op, cmp_names[i]) == 0)
				break;
		if (i == sizeof cmp_names / sizeof cmp_names[0]) {
			problem(r, v[1], "op: \"%s\" is not a comparison (>, >=, <, <=, == or !=)", op);
			ok = 0;
		} else {
			t->op = (enum gtd_cmp)i;
		}
	} else {
		ok = 0;
	}
	free(op);
	ok &= v[2] && get_real(r, v[2], "value", &t->value);
	t->set = ok;
}

static void read_columns(struct reader *r, const yaml_node_t *n, struct gtd_report *rep)
{
	size_t count = items(n);

	if (n->type != YAML_SEQUENCE_NODE || count == 0) {
		problem(r, n, "columns: expected a list of column names, found %s",
			n->type == YAML_SEQUENCE_NODE ? "an empty list" : kind_name(n));
		return;
	}
	if (!(rep->columns = calloc(count, sizeof *rep->columns))) {
		r->oom = 1;
		return;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = node(r, *it);
		struct gtd_column_ref *c = &rep->columns[rep->ncolumns];

		if (item && get_string(r, item, "columns", &c->column)) {
			c->line = (int)item->start_mark.line + 1;
			c->col = (int)item->start_mark.column + 1;
			rep->ncolumns++;
		}
	}
}

/* "COLUMN", "COLUMN asc" or "COLUMN desc". */
static void read_sort_key(struct reader *r, const yaml_node_t *n, struct gtd_report *rep)
{
	char *s = NULL, *space;
	struct gtd_column_ref *k = &rep->sort[rep->nsort];

	if (!get_string(r, n, "sort", &s))
		return;
	space = strchr(s, ' ');
	if (space) {
		*space = '\0';
		if (strcmp(space + 1, "desc") == 0) {
			k->desc = 1;
		} else if (strcmp(space + 1, "asc") != 0) {
			problem(r, n, "sort: \"%s %s\": expected COLUMN, COLUMN asc or COLUMN desc", s, space + 1);
			free(s);
			return;
		}
	}
	k->column = s;
	k->line = (int)n->start_mark.line + 1;
	k->col = (int)n->start_mark.column + 1;
	rep->nsort++;
}

static void read_sort(struct reader *r, const yaml_node_t *n, struct gtd_report *rep)
{
	size_t count = n->type == YAML_SEQUENCE_NODE ? items(n) : 1;

	if (n->type == YAML_MAPPING_NODE || count == 0) {
		problem(r, n, "sort: expected a column (\"bytes desc\") or a list of them, found %s",
			count ? kind_name(n) : "an empty list");
		return;
	}
	if (!(rep->sort = calloc(count, sizeof *rep->sort))) {
		r->oom = 1;
		return;
	}
	if (n->type == YAML_SCALAR_NODE) {
		read_sort_key(r, n, rep);
		return;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = node(r, *it);

		if (item)
			read_sort_key(r, item, rep);
	}
}

static void read_chart(struct reader *r, const yaml_node_t *n, struct gtd_chart *c)
{
	static const struct field fields[] = { { "value", 1 }, { "by", 1 }, { "limit", 0 } };
	yaml_node_t *v[3];
	size_t count;
	int ok = 1;

	c->line = (int)n->start_mark.line + 1;
	c->col = (int)n->start_mark.column + 1;
	if (n->type != YAML_MAPPING_NODE) {
		problem(r, n, "chart: expected a mapping (value, by, limit), found %s", kind_name(n));
		return;
	}
	read_mapping(r, n, "chart", fields, 3, v);
	if (v[0] && get_string(r, v[0], "value", &c->value.column)) {
		c->value.line = (int)v[0]->start_mark.line + 1;
		c->value.col = (int)v[0]->start_mark.column + 1;
	} else {
		ok = 0;
	}
	count = v[1] ? items(v[1]) : 0;
	if (v[1] && (v[1]->type != YAML_SEQUENCE_NODE || count == 0 || count > GTD_CHART_MAX_LEVELS)) {
		problem(r, v[1], "by: expected a list of 1 to %d label columns (outermost first), found %s",
			GTD_CHART_MAX_LEVELS, v[1]->type != YAML_SEQUENCE_NODE ? kind_name(v[1])
					      : count ? "a longer list" : "an empty list");
		ok = 0;
	} else if (v[1] && !(c->by = calloc(count, sizeof *c->by))) {
		r->oom = 1;
		return;
	}
	for (yaml_node_item_t *it = c->by ? v[1]->data.sequence.items.start : NULL;
	     it && it < v[1]->data.sequence.items.top; it++) {
		yaml_node_t *item = node(r, *it);
		struct gtd_column_ref *l = &c->by[c->nby];

		if (item && get_string(r, item, "by", &l->column)) {
			l->line = (int)item->start_mark.line + 1;
			l->col = (int)item->start_mark.column + 1;
			c->nby++;
		} else {
			ok = 0;
		}
	}
	ok &= c->nby > 0;
	c->limit = c->nby > 1 ? GTD_CHART_TREEMAP_ROWS : GTD_CHART_BAR_ROWS;
	if (v[2] && get_int(r, v[2], "limit", &c->limit) && (c->limit <= 0 || c->limit > GTD_CHART_MAX_ROWS))
		problem(r, v[2], "limit: expected 1 to %d rows, found %lld", GTD_CHART_MAX_ROWS,
			(long long)c->limit);
	c->set = ok;
}

/* The indentation of the first non-empty line from byte at on. */
static int block_indent(const struct reader *r, size_t at)
{
	while (at < r->len) {
		size_t start = at;

		while (at < r->len && r->text[at] == ' ')
			at++;
		if (at < r->len && r->text[at] != '\n' && r->text[at] != '\r')
			return (int)(at - start);
		while (at < r->len && r->text[at] != '\n')
			at++;
		at++;
	}
	return 0;
}

/* Where an inline or block sql: scalar's text starts in the file. */
static void sql_position(const struct reader *r, const yaml_node_t *n, struct gtd_report *rep)
{
	yaml_scalar_style_t style = n->data.scalar.style;
	size_t at = n->start_mark.index;

	rep->sql_line = (int)n->start_mark.line + 1;
	rep->sql_col = (int)n->start_mark.column + 1;
	if (style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE) {
		/* the content is the lines after |, empty ones included (a
		 * literal keeps them as newlines), indented as the first
		 * non-empty one */
		while (at < r->len && r->text[at] != '\n')
			at++;
		rep->sql_line++;
		rep->sql_block_indent = block_indent(r, at + 1);
		rep->sql_col = rep->sql_block_indent + 1;
	} else if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		rep->sql_col++;
	}
}

/* An id: what --only and the output name a report by. */
static int is_report_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
		return 0;
	return s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")] == '\0';
}

enum { F_ID, F_TITLE, F_DESCRIPTION, F_SQL, F_SQL_FILE, F_BUILTIN, F_PARAMS, F_WARN, F_ERROR,
       F_COLUMNS, F_SORT, F_LIMIT, F_CHART, F_COUNT };

static void read_report(struct reader *r, const yaml_node_t *n, struct gtd_report *rep)
{
	static const struct field fields[F_COUNT] = {
		[F_ID] = { "id", 1 }, [F_TITLE] = { "title", 1 }, [F_DESCRIPTION] = { "description", 0 },
		[F_SQL] = { "sql", 0 }, [F_SQL_FILE] = { "sql_file", 0 }, [F_BUILTIN] = { "builtin", 0 },
		[F_PARAMS] = { "params", 0 }, [F_WARN] = { "warn", 0 }, [F_ERROR] = { "error", 0 },
		[F_COLUMNS] = { "columns", 0 }, [F_SORT] = { "sort", 0 }, [F_LIMIT] = { "limit", 0 },
		[F_CHART] = { "chart", 0 },
	};
	yaml_node_t *v[F_COUNT];
	int sources;

	rep->line = (int)n->start_mark.line + 1;
	rep->col = (int)n->start_mark.column + 1;
	if (n->type != YAML_MAPPING_NODE) {
		problem(r, n, "reports: each report is a mapping, found %s", kind_name(n));
		return;
	}
	read_mapping(r, n, "report", fields, F_COUNT, v);
	if (v[F_ID] && get_string(r, v[F_ID], "id", &rep->id) && !is_report_id(rep->id))
		problem(r, v[F_ID], "id: \"%s\" is not an id (letters, digits, '-', '_' and '.', starting"
			" with a letter or digit)", rep->id);
	if (v[F_TITLE])
		get_string(r, v[F_TITLE], "title", &rep->title);
	if (v[F_DESCRIPTION])
		get_string(r, v[F_DESCRIPTION], "description", &rep->description);
	sources = !!v[F_SQL] + !!v[F_SQL_FILE] + !!v[F_BUILTIN];
	if (sources != 1)
		problem(r, n, "report%s%s: %s of sql, sql_file and builtin", rep->id ? " " : "",
			rep->id ? rep->id : "", sources ? "only one" : "exactly one");
	if (v[F_SQL] && get_string(r, v[F_SQL], "sql", &rep->sql))
		sql_position(r, v[F_SQL], rep);
	if (v[F_SQL_FILE] && get_string(r, v[F_SQL_FILE], "sql_file", &rep->sql_file))
		sql_position(r, v[F_SQL_FILE], rep);
	if (v[F_BUILTIN] && get_string(r, v[F_BUILTIN], "builtin", &rep->builtin))
		sql_position(r, v[F_BUILTIN], rep);
	if (v[F_PARAMS])
		read_params(r, v[F_PARAMS], rep);
	if (v[F_WARN])
		read_threshold(r, v[F_WARN], "warn", &rep->warn);
	if (v[F_ERROR])
		read_threshold(r, v[F_ERROR], "error", &rep->error);
	if (v[F_COLUMNS])
		read_columns(r, v[F_COLUMNS], rep);
	if (v[F_SORT])
		read_sort(r, v[F_SORT], rep);
	if (v[F_LIMIT] && get_int(r, v[F_LIMIT], "limit", &rep->limit) && rep->limit <= 0)
		problem(r, v[F_LIMIT], "limit: expected a positive number of rows, found %lld",
			(long long)rep->limit);
	if (v[F_CHART])
		read_chart(r, v[F_CHART], &rep->chart);
}

static void read_reports(struct reader *r, const yaml_node_t *n, struct gtd_report_file *f)
{
	size_t count = items(n);

	if (n->type != YAML_SEQUENCE_NODE || count == 0) {
		problem(r, n, "reports: expected a list of reports, found %s",
			n->type == YAML_SEQUENCE_NODE ? "an empty list" : kind_name(n));
		return;
	}
	if (!(f->reports = calloc(count, sizeof *f->reports))) {
		r->oom = 1;
		return;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = node(r, *it);
		struct gtd_report *rep = &f->reports[f->nreports];

		if (!item)
			continue;
		f->nreports++;
		read_report(r, item, rep);
		for (size_t j = 0; rep->id && j + 1 < f->nreports; j++)
			if (f->reports[j].id && strcmp(f->reports[j].id, rep->id) == 0)
				problem(r, item, "report id \"%s\" used twice (first at line %d)", rep->id,
					f->reports[j].line);
	}
}

static void read_file(struct reader *r, const yaml_node_t *root, struct gtd_report_file *f)
{
	static const struct field fields[] = { { "version", 1 }, { "reports", 1 } };
	yaml_node_t *v[2];
	int64_t version;

	if (root->type != YAML_MAPPING_NODE) {
		problem(r, root, "a report file is a mapping (version, reports), found %s", kind_name(root));
		return;
	}
	read_mapping(r, root, "report file", fields, 2, v);
	if (v[0] && get_int(r, v[0], "version", &version)) {
		if (version != GTD_REPORT_FILE_VERSION)
			problem(r, v[0], "version: %lld is not a report file version gotypedb reads (%d)",
				(long long)version, GTD_REPORT_FILE_VERSION);
		f->version = (int)version;
	}
	if (v[1])
		read_reports(r, v[1], f);
}

/* libyaml's own complaint, at its position. */
static void syntax_problem(struct reader *r, const yaml_parser_t *p)
{
	yaml_mark_t at = p->problem_mark;
	char msg[512];

	if (p->error == YAML_MEMORY_ERROR) {
		r->oom = 1;
		return;
	}
	if (p->context)
		snprintf(msg, sizeof msg, "YAML: %s (%s at line %zu)", p->problem ? p->problem : "syntax error",
			 p->context, p->context_mark.line + 1);
	else
		snprintf(msg, sizeof msg, "YAML: %s", p->problem ? p->problem : "syntax error");
	report_diag(r->diags, r->path, (int)at.line + 1, (int)at.column + 1, msg);
	r->problems++;
}

int report_read_yaml(const char *path, const char *text, size_t len, struct gtd_report_file *f,
		     struct gtd_strbuf *diags, struct gtd_error *err)
{
	struct reader r = { path, text, len, NULL, diags, 0, 0, NULL, 0 };
	yaml_parser_t parser;
	yaml_document_t doc, extra;
	yaml_node_t *root;

	if (!yaml_parser_initialize(&parser))
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		syntax_problem(&r, &parser);
		yaml_parser_delete(&parser);
		return r.oom ? gtd_fail(err, GTD_ENOMEM, "out of memory") : r.problems;
	}
	r.doc = &doc;
	if (!(root = yaml_document_get_root_node(&doc))) {
		yaml_mark_t start = { 0, 0, 0 };

		report_diag(diags, path, (int)start.line + 1, 1, "the file is empty: a report file has a"
			    " version and a list of reports");
		r.problems++;
	} else {
		/* a second document would be ignored: refused instead */
		if (!yaml_parser_load(&parser, &extra)) {
			syntax_problem(&r, &parser);
		} else {
			yaml_node_t *second = yaml_document_get_root_node(&extra);

			if (second)
				problem(&r, second, "a second YAML document: a report file is one");
			yaml_document_delete(&extra);
		}
		r.nnodes = (size_t)(doc.nodes.top - doc.nodes.start);
		if (!(r.reached = calloc(r.nnodes ? r.nnodes : 1, 1)))
			r.oom = 1;
		else if ((root = node(&r, 1)))
			read_file(&r, root, f);
	}
	free(r.reached);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return r.oom ? gtd_fail(err, GTD_ENOMEM, "out of memory") : r.problems;
}
