/* A report file: read, checked, freed (gotypedb/report.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report_int.h"

/* A report file larger than this is no report file: refused before it is
 * read, so that no input costs memory out of proportion. */
#define REPORT_FILE_MAX ((size_t)1 << 20)

void report_diag(struct gtd_strbuf *diags, const char *path, int line, int col, const char *message)
{
	char head[64];

	snprintf(head, sizeof head, ":%d:%d: ", line, col);
	gtd_strbuf_puts(diags, path);
	gtd_strbuf_puts(diags, head);
	gtd_strbuf_puts(diags, message);
	gtd_strbuf_putc(diags, '\n');
}

static int parse(const char *path, const char *text, size_t len, int pair, struct gtd_report_file *out,
		 struct gtd_strbuf *diags, struct gtd_error *err)
{
	int yaml, sql;

	memset(out, 0, sizeof *out);
	out->pair = pair;
	if (!(out->path = strdup(path)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory"), -1;
	yaml = report_read_yaml(path, text, len, out, diags, err);
	sql = yaml < 0 ? 0 : report_check_sql(out, diags, err);
	if (yaml < 0 || sql < 0 || diags->oom) {
		if (diags->oom)
			gtd_fail(err, GTD_ENOMEM, "out of memory");
		gtd_report_file_free(out);
		return -1;
	}
	if (yaml + sql)
		gtd_report_file_free(out);
	return yaml + sql;
}

char *report_read_text(const char *path, size_t *len, enum report_read_failure *why)
{
	FILE *fp = fopen(path, "rb");
	struct stat sb;
	char *text = NULL;
	size_t n;
	int sys = errno;

	*why = READ_OK;
	if (!fp) {
		*why = errno == ENOENT ? READ_MISSING : READ_FAILED;
		return NULL;
	}
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode))
		*why = READ_NOT_FILE;
	else if ((size_t)sb.st_size > REPORT_FILE_MAX)
		*why = READ_TOO_LARGE;
	else if (!(text = malloc((size_t)sb.st_size + 1)))
		*why = READ_NO_MEMORY;
	else if ((n = fread(text, 1, (size_t)sb.st_size, fp)), ferror(fp))
		*why = READ_FAILED, sys = errno;
	else
		text[n] = '\0', *len = n;
	fclose(fp);
	if (*why != READ_OK) {
		free(text);
		errno = sys; /* the read's, for the message */
		return NULL;
	}
	return text;
}

const char *report_read_failure_text(enum report_read_failure why)
{
	switch (why) {
	case READ_MISSING: return "no such file";
	case READ_NOT_FILE: return "not a regular file";
	case READ_TOO_LARGE: return "larger than 1 MiB";
	case READ_NO_MEMORY: return "out of memory";
	default: return "cannot read it";
	}
}

int gtd_report_file_parse(const char *path, const char *text, size_t len, struct gtd_report_file *out,
			  struct gtd_strbuf *diags, struct gtd_error *err)
{
	return parse(path, text, len, 0, out, diags, err);
}

int gtd_report_file_parse_pair(const char *path, const char *text, size_t len, struct gtd_report_file *out,
			       struct gtd_strbuf *diags, struct gtd_error *err)
{
	return parse(path, text, len, 1, out, diags, err);
}

static int load(const char *path, int pair, struct gtd_report_file *out, struct gtd_strbuf *diags,
		struct gtd_error *err)
{
	enum report_read_failure why;
	size_t n = 0;
	char *text = report_read_text(path, &n, &why);
	int rc;

	memset(out, 0, sizeof *out);
	if (!text) {
		if (why == READ_TOO_LARGE) {
			report_diag(diags, path, 1, 1, "the file is larger than a report file may be (1 MiB)");
			return 1;
		}
		return gtd_fail(err, why == READ_NO_MEMORY ? GTD_ENOMEM : why == READ_FAILED ? GTD_EIO : GTD_ENOINPUT,
				"%s: %s", path, why == READ_FAILED || why == READ_MISSING ? strerror(errno)
							: report_read_failure_text(why)), -1;
	}
	rc = parse(path, text, n, pair, out, diags, err);
	free(text);
	return rc;
}

int gtd_report_file_load(const char *path, struct gtd_report_file *out, struct gtd_strbuf *diags,
			 struct gtd_error *err)
{
	return load(path, 0, out, diags, err);
}

int gtd_report_file_load_pair(const char *path, struct gtd_report_file *out, struct gtd_strbuf *diags,
			      struct gtd_error *err)
{
	return load(path, 1, out, diags, err);
}

static void free_report(struct gtd_report *r)
{
	free(r->id);
	free(r->title);
	free(r->description);
	free(r->sql);
	free(r->sql_file);
	free(r->builtin);
	free(r->sql_origin);
	for (size_t i = 0; i < r->nparams; i++) {
		free(r->params[i].name);
		free(r->params[i].def.text);
	}
	free(r->params);
	free(r->warn.column);
	free(r->error.column);
	for (size_t i = 0; i < r->ncolumns; i++)
		free(r->columns[i].column);
	free(r->columns);
	for (size_t i = 0; i < r->nsort; i++)
		free(r->sort[i].column);
	free(r->sort);
	free(r->chart.value.column);
	for (size_t i = 0; i < r->chart.nby; i++)
		free(r->chart.by[i].column);
	free(r->chart.by);
}

void gtd_report_file_free(struct gtd_report_file *f)
{
	for (size_t i = 0; i < f->nreports; i++)
		free_report(&f->reports[i]);
	free(f->reports);
	free(f->path);
	memset(f, 0, sizeof *f);
}
