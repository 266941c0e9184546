/* Archives, the __.PKGDEF header lines and export-data format, and
 * classification by content. */
#include <stdio.h>
#include <string.h>

#include "gotypedb/classify.h"
#include "gotypedb/exportdata.h"
#include "testlib.h"

#define XT_V1 "tests/data/xtools_test_go1.20_u.a"

static int bytes_is(struct gtd_bytes b, const char *s) { return gtd_bytes_eq_str(b, s); }

static void test_real_archive_v1(void **state)
{
	struct tbuf f;
	struct gtd_error err;
	struct gtd_cursor c, member;
	struct gtd_classified cl;
	struct gtd_exportdata ed;
	(void)state;

	assert_int_equal(t_read_file(XT_V1, &f), 0);
	gtd_cursor_init(&c, f.p, f.n, 0, &err);
	assert_int_equal(gtd_classify(&c, f.n, &cl), GTD_OK);
	assert_int_equal(cl.kind, GTD_FILE_ARCHIVE);
	assert_int_equal(cl.member_off, 68);
	assert_int_equal(gtd_cursor_sub(&c, cl.member_off, cl.member_size, &member), GTD_OK);
	assert_int_equal(gtd_exportdata_parse(&member, &ed), GTD_OK);
	assert_int_equal(ed.format, GTD_EXPORT_UNIFIED);
	assert_true(bytes_is(ed.goos, "darwin"));
	assert_true(bytes_is(ed.goarch, "arm64"));
	assert_true(bytes_is(ed.go_version, "go1.20"));
	assert_true(bytes_is(ed.experiments, "unified,regabiwrappers,regabiargs,coverageredesign"));
	assert_true(bytes_is(ed.build_id, "1dMwykR7pjwOnyv4MvpP/HbLV8ayJMmsU3mHTyKMJ"));
	assert_int_equal(ed.is_main, 0);
	/* uir-format.md §2a: 'u' at 0xd2, blob to the "\n$$\n" at 0x20d */
	assert_int_equal(ed.blob.base, 0xd3);
	assert_int_equal(ed.blob.len, 0x20d - 0xd3);
	tb_free(&f);
}

/* A member from header text, blob bytes and trailer. */
static void member_of(struct tbuf *m, const char *header, const char *rest, size_t rest_n)
{
	memset(m, 0, sizeof *m);
	tb_str(m, header);
	tb_bytes(m, rest, rest_n);
}

static int parse(const struct tbuf *m, struct gtd_exportdata *ed, struct gtd_error *err)
{
	struct gtd_cursor c;

	gtd_cursor_init(&c, m->p, m->n, 68, err);
	return gtd_exportdata_parse(&c, ed);
}

/* The header from a member's first bytes: what fits is parsed, a header
 * that does not end within them is refused without looking further. */
static void test_header_from_prefix(void **state)
{
	static const char rest[] = "$$B\ni\x02\x00\x00\n$$\n";
	struct gtd_exportdata ed;
	struct gtd_error err;
	struct gtd_cursor c;
	struct tbuf m;
	(void)state;

	member_of(&m, "go object linux amd64 go1.19 X:none\nbuild id \"x/y\"\n\n", rest, sizeof rest - 1);
	gtd_cursor_init(&c, m.p, m.n, 68, &err);
	assert_int_equal(gtd_exportdata_parse_header(&c, 1 << 30, &ed), GTD_OK);
	assert_int_equal(ed.format, GTD_EXPORT_INDEXED);
	assert_int_equal(ed.indexed_version, 2);
	assert_int_equal(ed.data_off, m.n - 6); /* after the version uvarint */
	assert_true(bytes_is(ed.build_id, "x/y"));
	/* cut inside the header lines: refused when the member goes on */
	gtd_cursor_init(&c, m.p, 20, 68, &err);
	assert_int_equal(gtd_exportdata_parse_header(&c, 1 << 30, &ed), GTD_EDATA);
	assert_string_equal(err.msg, "offset 0x44: the header lines and \"$$B\" do not end within the "
				     "first 20 bytes (Go writes a few hundred)");
	/* ... and a truncated member when it does not */
	assert_int_equal(gtd_exportdata_parse_header(&c, 20, &ed), GTD_EDATA);
	assert_string_equal(err.msg, "offset 0x44: header ends without a \"$$\" line");
	tb_free(&m);
}

static void test_header_lines(void **state)
{
	static const char rest[] = "$$B\nu\x01\x02\n$$\n";
	struct gtd_exportdata ed;
	struct gtd_error err;
	struct tbuf m;
	(void)state;

	member_of(&m, "go object linux amd64 devel go1.27-abc123 Tue Sep 1 X:a,b\n"
		  "build id \"x/y\"\n----\nmain\n\n", rest, sizeof rest - 1);
	assert_int_equal(parse(&m, &ed, &err), GTD_OK);
	assert_true(bytes_is(ed.go_version, "devel go1.27-abc123 Tue Sep 1"));
	assert_true(bytes_is(ed.experiments, "a,b"));
	assert_true(bytes_is(ed.build_id, "x/y"));
	assert_int_equal(ed.is_main, 1);
	assert_int_equal(ed.blob.len, 2);
	tb_free(&m);

	/* a GOARCH variant after the version (go1.21+) */
	member_of(&m, "go object linux amd64 go1.26.8 GOAMD64=v1 X:regabiwrappers\n\n", rest, sizeof rest - 1);
	assert_int_equal(parse(&m, &ed, &err), GTD_OK);
	assert_true(bytes_is(ed.go_version, "go1.26.8"));
	assert_true(bytes_is(ed.arch_variant, "GOAMD64=v1"));
	assert_true(bytes_is(ed.experiments, "regabiwrappers"));
	tb_free(&m);
	member_of(&m, "go object linux arm go1.22.12 GOARM=7 X:\n\n", rest, sizeof rest - 1);
	assert_int_equal(parse(&m, &ed, &err), GTD_OK);
	assert_true(bytes_is(ed.go_version, "go1.22.12"));
	assert_true(bytes_is(ed.arch_variant, "GOARM=7"));
	assert_int_equal(ed.experiments.n, 0);
	tb_free(&m);

	/* no X: field at all (older headers) */
	member_of(&m, "go object linux 386 go1.11\n\n", rest, sizeof rest - 1);
	assert_int_equal(parse(&m, &ed, &err), GTD_OK);
	assert_true(bytes_is(ed.go_version, "go1.11"));
	assert_int_equal(ed.experiments.n, 0);
	assert_int_equal(ed.build_id.n, 0);
	tb_free(&m);
}

static void test_formats(void **state)
{
	static const struct { const char *rest; size_t n; enum gtd_export_format f; } cases[] = {
		{ "$$B\ni\x02\x10\x20", 7, GTD_EXPORT_INDEXED },
		{ "$$B\ncn\x02\x03v1", 9, GTD_EXPORT_OLD_BINARY },
		{ "$$B\nversion 4\n", 14, GTD_EXPORT_OLD_BINARY },
		{ "$$\npackage p\n$$\n", 16, GTD_EXPORT_TEXTUAL },
		{ "$$B\nz", 5, GTD_EXPORT_UNKNOWN },
	};
	struct gtd_exportdata ed;
	struct gtd_error err;
	struct tbuf m;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		member_of(&m, "go object linux amd64 go1.19\n\n", cases[i].rest, cases[i].n);
		assert_int_equal(parse(&m, &ed, &err), GTD_OK);
		assert_int_equal(ed.format, cases[i].f);
		tb_free(&m);
	}
	member_of(&m, "go object linux amd64 go1.19\n\n", "$$B\ni\x02", 6);
	assert_int_equal(parse(&m, &ed, &err), GTD_OK);
	assert_int_equal(ed.indexed_version, 2);
	tb_free(&m);

	/* go1.18 unified experiment: "newexportsize" header, then 'i' data */
	member_of(&m, "go object linux amd64 go1.18 X:unified\nnewexportsize 1234\n\n",
		  "$$B\ni\x02\x00\x00", 8);
	assert_int_equal(parse(&m, &ed, &err), GTD_OK);
	assert_int_equal(ed.format, GTD_EXPORT_UNIFIED_PROTOTYPE);
	tb_free(&m);
}

static void test_bad_members(void **state)
{
	struct gtd_exportdata ed;
	struct gtd_error err;
	struct tbuf m;
	(void)state;

	member_of(&m, "gox object\n\n", "$$B\nu", 5);
	assert_int_equal(parse(&m, &ed, &err), GTD_EDATA);
	assert_non_null(strstr(err.msg, "offset 0x44: first line is not \"go object"));
	tb_free(&m);

	member_of(&m, "go object linux amd64 go1.22\nno end", "", 0);
	assert_int_equal(parse(&m, &ed, &err), GTD_EDATA);
	assert_non_null(strstr(err.msg, "header ends without a \"$$\" line"));
	tb_free(&m);

	member_of(&m, "go object linux amd64 go1.22\n\n", "$$X\n", 4);
	assert_int_equal(parse(&m, &ed, &err), GTD_EDATA);
	tb_free(&m);

	member_of(&m, "go object linux amd64 go1.22\n\n", "$$B\nu\x01\x02\x03", 8);
	assert_int_equal(parse(&m, &ed, &err), GTD_EDATA);
	assert_non_null(strstr(err.msg, "does not end with the \"\\n$$\\n\" marker"));
	tb_free(&m);

	member_of(&m, "go object linux amd64 go1.22\n\n", "$$B\n", 4);
	assert_int_equal(parse(&m, &ed, &err), GTD_EDATA);
	assert_non_null(strstr(err.msg, "format byte"));
	tb_free(&m);
}

static void classify_bytes(const void *p, size_t n, uint64_t size, struct gtd_classified *cl,
			   int want_rc)
{
	struct gtd_error err;
	struct gtd_cursor c;

	gtd_cursor_init(&c, p, n, 0, &err);
	assert_int_equal(gtd_classify(&c, size, cl), want_rc);
}

static void test_classify(void **state)
{
	char action[176];
	char ar[128];
	struct gtd_classified cl;
	(void)state;

	snprintf(action, sizeof action, "v1 %064d %064d %20d %20d\n", 0, 0, 5, 6);
	classify_bytes(action, 175, 175, &cl, GTD_OK);
	assert_int_equal(cl.skip, GTD_SKIP_CACHE_ACTION);
	classify_bytes("", 0, 0, &cl, GTD_OK);
	assert_int_equal(cl.skip, GTD_SKIP_EMPTY);
	classify_bytes("\x7f" "ELF\x02\x01", 6, 6000, &cl, GTD_OK);
	assert_int_equal(cl.kind, GTD_FILE_BINARY);
	assert_int_equal(cl.member_size, 6000);
	classify_bytes("\xcf\xfa\xed\xfe", 4, 4, &cl, GTD_OK);
	assert_int_equal(cl.kind, GTD_FILE_BINARY);
	classify_bytes("MZ\x90", 3, 3, &cl, GTD_OK);
	assert_int_equal(cl.kind, GTD_FILE_BINARY);
	classify_bytes("v3;\npackage p;\n", 15, 15, &cl, GTD_OK);
	assert_int_equal(cl.skip, GTD_SKIP_GCCGO_EXPORT);
	classify_bytes("./io.go\n./multi.go\n", 19, 19, &cl, GTD_OK);
	assert_int_equal(cl.skip, GTD_SKIP_NOT_GO);
	classify_bytes("go object linux amd64 go1.4\n", 28, 28, &cl, GTD_OK);
	assert_int_equal(cl.kind, GTD_FILE_OBJECT);

	snprintf(ar, sizeof ar, "!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10d`\n", "_go_.o", 0, 0, 0, 0644, 4);
	classify_bytes(ar, 68, 72, &cl, GTD_OK);
	assert_int_equal(cl.skip, GTD_SKIP_LINKER_OBJECT);
	snprintf(ar, sizeof ar, "!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10d`\n", "foo.o/", 0, 0, 0, 0644, 4);
	classify_bytes(ar, 68, 72, &cl, GTD_OK);
	assert_int_equal(cl.skip, GTD_SKIP_NON_GC_ARCHIVE);
	/* a member larger than the file: truncated */
	snprintf(ar, sizeof ar, "!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10d`\n", "__.PKGDEF", 0, 0, 0, 0644, 5);
	classify_bytes(ar, 68, 72, &cl, GTD_EDATA);
	/* a header cut short */
	classify_bytes(ar, 40, 40, &cl, GTD_EDATA);
	/* a non-decimal size */
	snprintf(ar, sizeof ar, "!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10s`\n", "__.PKGDEF", 0, 0, 0, 0644, "12a");
	classify_bytes(ar, 68, 200, &cl, GTD_EDATA);
	/* a bad header terminator */
	snprintf(ar, sizeof ar, "!<arch>\n%-16s%-12d%-6d%-6d%-8o%-10d\n\n", "__.PKGDEF", 0, 0, 0, 0644, 4);
	classify_bytes(ar, 68, 72, &cl, GTD_EDATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_archive_v1),
		cmocka_unit_test(test_header_lines),
		cmocka_unit_test(test_header_from_prefix),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_bad_members),
		cmocka_unit_test(test_classify),
	};
	return cmocka_run_group_tests_name("container", tests, NULL, NULL) ? 1 : 0;
}
