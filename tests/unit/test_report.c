/* Report files (gotypedb/report.h): every file in tests/data/reports/bad
 * is refused with exactly the messages in its .expected twin (each line
 * and column checked against the file by counting, not taken from
 * gotypedb's output unseen); every file in tests/data/reports/good is
 * accepted, and the fields of one are read back; a hostile file costs
 * time in proportion to its size. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/embedded.h"
#include "gotypedb/report.h"
#include "testlib.h"

#define BAD "tests/data/reports/bad"
#define GOOD "tests/data/reports/good"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc((size_t)n + 1, 1);
	if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

static void test_bad_files(void **state)
{
	DIR *d = opendir(BAD);
	struct dirent *e;
	int files = 0, wrong = 0;
	(void)state;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[512], want_path[512], *want;
		struct gtd_report_file f;
		struct gtd_strbuf diags = { 0 };
		struct gtd_error err = { 0 };
		int n;

		if (!has_suffix(e->d_name, ".yaml"))
			continue;
		snprintf(path, sizeof path, BAD "/%s", e->d_name);
		snprintf(want_path, sizeof want_path, BAD "/%.*s.expected", (int)strlen(e->d_name) - 5, e->d_name);
		want = slurp(want_path);
		n = gtd_report_file_load(path, &f, &diags, &err);
		files++;
		if (!want || n <= 0 || strcmp(diags.p ? diags.p : "", want) != 0) {
			wrong++;
			fprintf(stderr, "%s: %d problems, got:\n%swanted (%s):\n%s\n", path, n,
				diags.p ? diags.p : "", want_path, want ? want : "(no file)\n");
		}
		free(want);
		gtd_strbuf_free(&diags);
	}
	closedir(d);
	assert_true(files >= 20);
	assert_int_equal(wrong, 0);
}

static void test_good_files(void **state)
{
	DIR *d = opendir(GOOD);
	struct dirent *e;
	int files = 0;
	(void)state;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[512];
		struct gtd_report_file f;
		struct gtd_strbuf diags = { 0 };
		struct gtd_error err = { 0 };
		int n;

		if (!has_suffix(e->d_name, ".yaml"))
			continue;
		snprintf(path, sizeof path, GOOD "/%s", e->d_name);
		n = gtd_report_file_load(path, &f, &diags, &err);
		if (n != 0)
			fprintf(stderr, "%s: %s%s\n", path, diags.p ? diags.p : "", err.msg);
		assert_int_equal(n, 0);
		gtd_report_file_free(&f);
		gtd_strbuf_free(&diags);
		files++;
	}
	closedir(d);
	assert_true(files >= 1);
}

/* The example of the README, field by field. */
static void test_fields(void **state)
{
	struct gtd_report_file f;
	struct gtd_strbuf diags = { 0 };
	struct gtd_error err = { 0 };
	const struct gtd_report *r;
	(void)state;

	assert_int_equal(gtd_report_file_load(GOOD "/example.yaml", &f, &diags, &err), 0);
	assert_int_equal(f.version, 1);
	assert_int_equal(f.nreports, 2);
	r = &f.reports[0];
	assert_string_equal(r->id, "big-strings");
	assert_string_equal(r->title, "Strings repeated in many units");
	assert_non_null(strstr(r->sql, "length(text) >= :min"));
	assert_int_equal(r->nparams, 1);
	assert_string_equal(r->params[0].name, "min");
	assert_int_equal(r->params[0].type, GTD_PARAM_INT);
	assert_true(r->params[0].has_default);
	assert_int_equal(r->params[0].def.i, 8);
	assert_true(r->warn.set);
	assert_string_equal(r->warn.column, "bytes_saved");
	assert_int_equal(r->warn.op, GTD_CMP_GT);
	assert_true(r->warn.value == 100000.0);
	assert_int_equal(r->error.op, GTD_CMP_GT);
	assert_true(r->error.value == 1000000.0);
	assert_int_equal(r->ncolumns, 3);
	assert_string_equal(r->columns[2].column, "bytes_saved");
	assert_int_equal(r->nsort, 2);
	assert_string_equal(r->sort[0].column, "bytes_saved");
	assert_true(r->sort[0].desc);
	assert_false(r->sort[1].desc);
	assert_int_equal(r->limit, 50);
	r = &f.reports[1];
	assert_string_equal(r->sql_file, "example-types.sql");
	assert_string_equal(r->sql_origin, GOOD "/example-types.sql");
	assert_non_null(strstr(r->sql, "FROM v_type_dup"));
	assert_null(r->description);
	gtd_report_file_free(&f);
	gtd_strbuf_free(&diags);
}

/* The compiled-in reports are a valid report file, every built-in query
 * of it one statement. */
static void test_builtin_file(void **state)
{
	struct gtd_report_file f;
	struct gtd_strbuf diags = { 0 };
	struct gtd_error err = { 0 };
	int n;
	(void)state;

	n = gtd_report_file_parse("reports.yaml", gtd_report_files[0].text, strlen(gtd_report_files[0].text), &f,
				  &diags, &err);
	if (n)
		fprintf(stderr, "%s%s\n", diags.p ? diags.p : "", err.msg);
	assert_int_equal(n, 0);
	assert_true(f.nreports >= 7);
	gtd_report_file_free(&f);
	gtd_strbuf_free(&diags);
}

/* 20000 times the same key: each repeat found through a map, not by
 * comparing with every earlier key. */
static void test_many_keys(void **state)
{
	struct gtd_strbuf text = { 0 }, diags = { 0 };
	struct gtd_report_file f;
	struct gtd_error err = { 0 };
	(void)state;

	gtd_strbuf_puts(&text, "version: 1\nreports:\n  - id: a\n");
	for (int i = 0; i < 20000; i++)
		gtd_strbuf_puts(&text, "    k: 1\n");
	assert_false(text.oom);
	/* one unknown key, 19999 repeats, no title, no sql */
	assert_int_equal(gtd_report_file_parse("many.yaml", text.p, text.n, &f, &diags, &err), 20002);
	assert_non_null(strstr(diags.p, "many.yaml:20003:5: report: key \"k\" given twice (first at line 4)\n"));
	gtd_strbuf_free(&text);
	gtd_strbuf_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_good_files),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_builtin_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
