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

int gtd_report_file_parse(const char *path, const char *text, size_t len, struct gtd_report_file *out,
			  struct gtd_strbuf *diags, struct gtd_error *err)
{
	int yaml, sql;

	memset(out, 0, sizeof *out);
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

int gtd_report_file_load(const char *path, struct gtd_report_file *out, struct gtd_strbuf *diags,
			 struct gtd_error *err)
{
	FILE *fp = fopen(path, "rb");
	struct stat sb;
	char *text;
	size_t n;
	int rc;

	memset(out, 0, sizeof *out);
	if (!fp)
		return gtd_fail(err, errno == ENOENT ? GTD_ENOINPUT : GTD_EIO, "%s: %s", path, strerror(errno)), -1;
	if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size > REPORT_FILE_MAX) {
		fclose(fp);
		if (S_ISREG(sb.st_mode) && (size_t)sb.st_size > REPORT_FILE_MAX) {
			report_diag(diags, path, 1, 1, "the file is larger than a report file may be (1 MiB)");
			return 1;
		}
		return gtd_fail(err, GTD_ENOINPUT, "%s: not a regular file", path), -1;
	}
	if (!(text = malloc((size_t)sb.st_size + 1))) {
		fclose(fp);
		return gtd_fail(err, GTD_ENOMEM, "out of memory"), -1;
	}
	n = fread(text, 1, (size_t)sb.st_size, fp);
	if (ferror(fp)) {
		fclose(fp);
		free(text);
		return gtd_fail(err, GTD_EIO, "%s: read: %s", path, strerror(errno)), -1;
	}
	fclose(fp);
	text[n] = '\0';
	rc = gtd_report_file_parse(path, text, n, out, diags, err);
	free(text);
	return rc;
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
}

void gtd_report_file_free(struct gtd_report_file *f)
{
	for (size_t i = 0; i < f->nreports; i++)
		free_report(&f->reports[i]);
	free(f->reports);
	free(f->path);
	memset(f, 0, sizeof *f);
}
