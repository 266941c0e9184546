/* store: a staged unit written and read back, interning across units,
 * the private build-and-rename of a new database, reopening. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gotypedb/exportdata.h"
#include "gotypedb/objfile.h"
#include "gotypedb/rtype.h"
#include "gotypedb/store.h"
#include "gotypedb/strbuf.h"
#include "gotypedb/uir.h"
#include "testlib.h"

static char dbpath[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof dbpath, "/tmp/gotypedb-test-store-%ld.db", (long)getpid());
	unlink(dbpath);
	return 0;
}

static int teardown(void **state)
{
	char wal[80];

	(void)state;
	unlink(dbpath);
	snprintf(wal, sizeof wal, "%s-wal", dbpath);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", dbpath);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s.lock", dbpath);
	unlink(wal);
	return 0;
}

/* Stages the "package p" unit of the given version. */
static void stage_package_p(unsigned version, struct tbuf *blob, struct gtd_stage *st,
			    struct gtd_error *err)
{
	struct gtd_uir_options opt = { 0 };
	struct gtd_exportdata ed;
	struct tunit u;

	tu_package_p(&u, version, 0);
	tu_blob(&u, blob);
	tu_free(&u);
	memset(&ed, 0, sizeof ed);
	ed.format = GTD_EXPORT_UNIFIED;
	ed.goos = gtd_bytes_of("linux", 5);
	ed.goarch = gtd_bytes_of("amd64", 5);
	ed.go_version = gtd_bytes_of("go1.26.8", 8);
	gtd_cursor_init(&ed.blob, blob->p, blob->n, 0, err);
	gtd_stage_init(st, err);
	assert_int_equal(gtd_uir_decode_unit(&ed, &opt, &st->sink, err), GTD_OK);
	assert_int_equal(gtd_stage_finish(st), GTD_OK);
}

static int64_t query_int(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* A staged content, whole, under the hash of its bytes, at path; the stage
 * and the bytes are freed. */
static void write_staged(struct gtd_store *st, struct gtd_stage *stage, struct tbuf *bytes,
			 const char *kind, const char *path)
{
	uint8_t hash[GTD_CONTENT_HASH_SIZE];
	struct gtd_error err;
	int64_t cid;

	gtd_content_hash(bytes->p, bytes->n, hash);
	assert_int_equal(gtd_store_content_begin(st, hash, bytes->n, kind, &cid, &err), GTD_OK);
	assert_int_equal(gtd_store_write_stage(st, stage, &err), GTD_OK);
	assert_int_equal(gtd_store_content_end(st, "indexed", NULL, NULL, &err), GTD_OK);
	assert_int_equal(gtd_store_file(st, path, 1, 2, cid, NULL, &err), GTD_OK);
	gtd_stage_free(stage);
	tb_free(bytes);
}

static void write_unit(struct gtd_store *st, unsigned version, const char *path)
{
	struct gtd_error err;
	struct gtd_stage stage;
	struct tbuf blob;

	stage_package_p(version, &blob, &stage, &err);
	write_staged(st, &stage, &blob, "archive", path);
}

static void test_new_database_appears_on_finish(void **state)
{
	struct gtd_store *st;
	struct gtd_error err;
	(void)state;

	assert_int_equal(gtd_store_open(dbpath, NULL, &st, &err), GTD_OK);
	write_unit(st, 1, "/a.a");
	/* built under a temporary name: nothing at the real path yet */
	assert_int_not_equal(access(dbpath, F_OK), 0);
	assert_int_equal(gtd_store_finish(st, &err), GTD_OK);
	gtd_store_close(st);
	assert_int_equal(access(dbpath, F_OK), 0);
	assert_int_equal(query_int("SELECT count(*) FROM unit"), 1);
	assert_int_equal(query_int("SELECT count(*) FROM unit_section"), 10);
	assert_int_equal(query_int("SELECT count(*) FROM unit_string"), 5);
	/* the unit's 5, and the canonical string of its type (object strings are
	 * stored in uir_decl, not interned) */
	assert_int_equal(query_int("SELECT count(*) FROM string"), 6);
	assert_int_equal(query_int("SELECT count(*) FROM v_uir_object WHERE package_path = 'example.com/p'"
				   " AND name = 'C' AND kind = 'const' AND value = '1'"
				   " AND object_string = 'const example.com/p.C untyped int'"), 1);
	assert_int_equal(query_int("SELECT count(*) FROM uir_type JOIN typedef USING (typeid)"
				   " JOIN string s ON s.id = canonical_id WHERE s.text = 'untyped int'"), 1);
	/* Name 0 -> String 4 "C", through both layers of indirection */
	assert_int_equal(query_int("SELECT count(*) FROM v_uir_ref WHERE section_name = 'Name'"
				   " AND idx = 0 AND ref_string = 'C'"), 1);
	assert_int_equal(query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'string_text'"), 1);
}

static void test_an_unfinished_new_database_leaves_nothing(void **state)
{
	struct gtd_store *st;
	struct gtd_error err;
	(void)state;

	assert_int_equal(gtd_store_open(dbpath, NULL, &st, &err), GTD_OK);
	write_unit(st, 2, "/b.a");
	gtd_store_close(st); /* no finish: an interrupted run */
	assert_int_not_equal(access(dbpath, F_OK), 0);
}

static void test_reopen_interns_across_runs(void **state)
{
	struct gtd_known_file f;
	struct gtd_store *st;
	struct gtd_error err;
	(void)state;

	assert_int_equal(gtd_store_open(dbpath, NULL, &st, &err), GTD_OK);
	write_unit(st, 1, "/a.a");
	assert_int_equal(gtd_store_finish(st, &err), GTD_OK);
	gtd_store_close(st);

	/* An existing database: its maps are loaded, strings are shared. */
	assert_int_equal(gtd_store_open(dbpath, NULL, &st, &err), GTD_OK);
	assert_true(gtd_store_known_file(st, "/a.a", &f));
	assert_int_equal(f.size, 1);
	assert_int_equal(f.mtime_ns, 2);
	write_unit(st, 4, "/b.a"); /* a different blob, the same strings */
	assert_int_equal(gtd_store_finish(st, &err), GTD_OK);
	gtd_store_close(st);
	assert_int_equal(query_int("SELECT count(*) FROM unit"), 2);
	assert_int_equal(query_int("SELECT count(*) FROM string"), 6);
	/* packages and types are interned across runs too */
	assert_int_equal(query_int("SELECT count(*) FROM package"), 1);
	assert_int_equal(query_int("SELECT count(*) FROM typedef"), 1);
	assert_int_equal(query_int("SELECT units FROM v_type_dup"), 2);
	/* the same declaration in two units is stored once */
	assert_int_equal(query_int("SELECT count(*) FROM uir_decl"), 1);
	assert_int_equal(query_int("SELECT count(*) FROM uir_unit_object"), 2);
	assert_int_equal(query_int("SELECT count(*) FROM v_uir_object WHERE name = 'C'"), 2);
	assert_int_equal(query_int("SELECT count(*) FROM v_string_dup"), 5);
	assert_int_equal(query_int("SELECT min(units) FROM v_string_dup"), 2);
}

static void test_not_a_gotypedb_database(void **state)
{
	struct gtd_store *st;
	struct gtd_error err;
	sqlite3 *db;
	(void)state;

	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(gtd_store_open(dbpath, NULL, &st, &err), GTD_EUSAGE);
	assert_non_null(strstr(err.msg, "not a gotypedb database"));
}

/* A stage that breaks the decoder's own rules (here: a Type element that
 * names a type the unit never staged) is a bug in gotypedb, reported as an
 * internal error (exit 70), not as corrupt input (65); the content leaves
 * no rows and the store takes no further writes. */
static void test_a_broken_stage_is_an_internal_error(void **state)
{
	struct gtd_stage stage;
	struct gtd_store *st;
	struct gtd_error err;
	struct tbuf blob;
	uint8_t hash[GTD_CONTENT_HASH_SIZE];
	int64_t cid;
	(void)state;

	assert_int_equal(gtd_store_open(dbpath, NULL, &st, &err), GTD_OK);
	stage_package_p(1, &blob, &stage, &err);
	assert_true(stage.ntypes > 0);
	stage.types[0].shape = (uint32_t)stage.nshapes + 7;
	gtd_content_hash(blob.p, blob.n, hash);
	assert_int_equal(gtd_store_content_begin(st, hash, blob.n, "archive", &cid, &err), GTD_OK);
	assert_int_equal(gtd_store_write_stage(st, &stage, &err), GTD_EINTERNAL);
	assert_non_null(strstr(err.msg, "names type"));
	gtd_store_content_abort(st);
	assert_int_not_equal(gtd_store_content_begin(st, hash, blob.n, "archive", &cid, &err), GTD_OK);
	gtd_store_close(st);
	gtd_stage_free(&stage);
	tb_free(&blob);
}

/* Stages the crafted binary tests/data/rtype/NAME, whose bytes (in *file)
 * the stage borrows. */
static void stage_binary(const char *name, struct tbuf *file, struct gtd_stage *stage, struct gtd_error *err)
{
	struct gtd_objfile *f;
	char path[128];
	int not_go;

	snprintf(path, sizeof path, "tests/data/rtype/%s", name);
	assert_int_equal(t_read_file(path, file), 0);
	assert_int_equal(gtd_objfile_open(file->p, file->n, 0, &f, err), GTD_OK);
	gtd_stage_init(stage, err);
	assert_int_equal(gtd_rtype_decode(f, &stage->sink, &not_go, err), GTD_OK);
	assert_false(not_go);
	gtd_objfile_free(f);
}

/* Every row of every table of the database at path, ids as stored (but
 * the query planner's statistics, which PRAGMA optimize gathers or not
 * by the statements the connection ran). */
static void dump_tables(const char *path, struct gtd_strbuf *out)
{
	sqlite3_stmt *tables, *rows;
	sqlite3 *db;
	char sql[160];

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
					    " AND name NOT LIKE 'sqlite_stat%' ORDER BY name",
					    -1, &tables, NULL), SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);

		gtd_strbuf_puts(out, t);
		gtd_strbuf_putc(out, '\n');
		/* (a table scan is in key order: the same rows come out alike) */
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", t);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(rows); c++) {
				const unsigned char *v = sqlite3_column_text(rows, c);

				gtd_strbuf_putn(out, v ? (const char *)v : "NULL", v ? (size_t)sqlite3_column_bytes(rows, c) : 4);
				gtd_strbuf_putc(out, '|');
			}
			gtd_strbuf_putc(out, '\n');
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(tables);
	sqlite3_close(db);
	assert_false(out->oom);
}

/* The crafted binary NAME, whole, at path. */
static void write_binary(struct gtd_store *st, const char *name, const char *path)
{
	struct gtd_stage stage;
	struct gtd_error err;
	struct tbuf file = { 0 };

	stage_binary(name, &file, &stage, &err);
	write_staged(st, &stage, &file, "binary", path);
}

/* The finished database at dbpath equals, every table and id as stored,
 * one made anew by writing the crafted binaries of bins (name, path, ...,
 * NULL) into it. */
static void assert_as_if_written(const char *const *bins)
{
	struct gtd_strbuf a = { 0 }, b = { 0 };
	struct gtd_store *st;
	struct gtd_error err;
	char other[80];

	snprintf(other, sizeof other, "%s.other", dbpath);
	unlink(other);
	assert_int_equal(gtd_store_open(other, NULL, &st, &err), GTD_OK);
	for (size_t i = 0; bins[i]; i += 2)
		write_binary(st, bins[i], bins[i + 1]);
	assert_int_equal(gtd_store_finish(st, &err), GTD_OK);
	gtd_store_close(st);
	dump_tables(dbpath, &a);
	dump_tables(other, &b);
	unlink(other);
	assert_true(a.n > 1000);
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.p, b.p, a.n);
	gtd_strbuf_free(&a);
	gtd_strbuf_free(&b);
}

/* A new store at dbpath and, staged, a crafted binary, its bytes and
 * their hash: the start of the tests of a binary's records written apart
 * from its stage. */
struct staged {
	struct gtd_store *st;
	struct gtd_stage stage;
	struct tbuf file;
	uint8_t hash[GTD_CONTENT_HASH_SIZE];
	struct gtd_error err; /* (the stage reports into it) */
};

static void open_staged(struct staged *s, const char *name)
{
	memset(s, 0, sizeof *s);
	assert_int_equal(gtd_store_open(dbpath, NULL, &s->st, &s->err), GTD_OK);
	stage_binary(name, &s->file, &s->stage, &s->err);
	gtd_content_hash(s->file.p, s->file.n, s->hash);
}

/* A binary's records written while its decode goes on, then dropped (the
 * decode failed later): the store goes on as if that content had never
 * begun.  The database equals, id for id, one that never saw it: its
 * strings are gone from the table and from the interning map (the
 * binaries written next get them as new strings, with the ids they would
 * have had), its binary and module ids are given again. */
static void test_undo_of_a_binarys_records(void **state)
{
	static const char *const bins[] = { "ok-go1.21-64le", "/first", "ok-go1.27-64le", "/second", NULL };
	struct staged s;
	int64_t cid;
	(void)state;

	open_staged(&s, "ok-go1.27-64le");
	assert_int_equal(gtd_store_content_begin(s.st, s.hash, s.file.n, "binary", &cid, &s.err), GTD_OK);
	assert_int_equal(gtd_store_write_records(s.st, &s.stage.rt, &s.err), GTD_OK);
	assert_true(s.stage.rt.rnames.n > 0);
	gtd_store_content_undo(s.st);
	gtd_stage_free(&s.stage);
	tb_free(&s.file);
	for (size_t i = 0; bins[i]; i += 2)
		write_binary(s.st, bins[i], bins[i + 1]);
	assert_int_equal(gtd_store_finish(s.st, &s.err), GTD_OK);
	gtd_store_close(s.st);
	assert_as_if_written(bins);
}

/* Into a new database a binary's records may be taken out of its stage
 * and written before its hash is known (the ingest hashes it meanwhile):
 * given before the end, the hash makes the database the one a write
 * with the hash from the start makes; without it the content does not
 * end, and an existing database refuses a content without its hash. */
static void test_a_content_begun_before_its_hash(void **state)
{
	static const char *const bins[] = { "ok-go1.27-64le", "/second", NULL };
	char other[80];
	struct gtd_stage_runtime records;
	struct gtd_store *st;
	struct staged s;
	int64_t cid;
	(void)state;

	open_staged(&s, "ok-go1.27-64le");
	assert_int_equal(gtd_stage_take_records(&s.stage, &records), GTD_OK);
	assert_true(records.rnames.n > 0 && s.stage.rt.rnames.n == 0 && s.stage.rt.modules.n == 1);
	assert_int_equal(gtd_store_content_begin(s.st, NULL, s.file.n, "binary", &cid, &s.err), GTD_OK);
	assert_int_equal(gtd_store_write_records(s.st, &records, &s.err), GTD_OK);
	gtd_stage_runtime_free(&records);
	assert_int_equal(gtd_store_write_stage(s.st, &s.stage, &s.err), GTD_OK);
	gtd_store_content_hash(s.st, s.hash);
	assert_int_equal(gtd_store_content_end(s.st, "indexed", NULL, NULL, &s.err), GTD_OK);
	assert_int_equal(gtd_store_file(s.st, "/second", 1, 2, cid, NULL, &s.err), GTD_OK);
	gtd_stage_free(&s.stage);
	tb_free(&s.file);
	assert_int_equal(gtd_store_finish(s.st, &s.err), GTD_OK);
	gtd_store_close(s.st);
	assert_as_if_written(bins);

	/* no hash by the end: refused, nothing written */
	snprintf(other, sizeof other, "%s.other", dbpath);
	unlink(other);
	assert_int_equal(gtd_store_open(other, NULL, &st, &s.err), GTD_OK);
	assert_int_equal(gtd_store_content_begin(st, NULL, 1, "binary", &cid, &s.err), GTD_OK);
	assert_int_equal(gtd_store_content_end(st, "indexed", NULL, NULL, &s.err), GTD_EINTERNAL);
	gtd_store_close(st);
	/* an existing database (dbpath) may have the content already */
	assert_int_equal(gtd_store_open(dbpath, NULL, &st, &s.err), GTD_OK);
	assert_int_equal(gtd_store_content_begin(st, NULL, 1, "binary", &cid, &s.err), GTD_EINTERNAL);
	gtd_store_close(st);
	unlink(other);
}

/* The schema (every object, root pages included) and the header's
 * settings of the database at path, then its rows. */
static void dump_database(const char *path, struct gtd_strbuf *out)
{
	static const char *const sql[] = {
		"SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY rowid",
		"PRAGMA page_size", "PRAGMA user_version", "PRAGMA application_id", "PRAGMA encoding",
		"PRAGMA auto_vacuum", "PRAGMA journal_mode", "PRAGMA page_count", NULL,
	};
	sqlite3_stmt *s;
	sqlite3 *db;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (size_t i = 0; sql[i]; i++) {
		assert_int_equal(sqlite3_prepare_v2(db, sql[i], -1, &s, NULL), SQLITE_OK);
		gtd_strbuf_puts(out, sql[i]);
		gtd_strbuf_putc(out, '\n');
		while (sqlite3_step(s) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(s); c++) {
				const unsigned char *v = sqlite3_column_text(s, c);

				gtd_strbuf_puts(out, v ? (const char *)v : "NULL");
				gtd_strbuf_putc(out, '|');
			}
			gtd_strbuf_putc(out, '\n');
		}
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	dump_tables(path, out);
}

/* A new database written from the schema image is the one the DDL makes:
 * after the same writes, the same schema (root pages too), header
 * settings and rows. */
static void test_the_schema_image_is_what_the_ddl_makes(void **state)
{
	struct gtd_store_options with_image = { .lock_wait = -1, .schema_image = &gtd_schema_image };
	struct gtd_strbuf a = { 0 }, b = { 0 };
	struct gtd_store *st;
	struct gtd_error err;
	char other[80];
	(void)state;

	snprintf(other, sizeof other, "%s.other", dbpath);
	unlink(other);
	for (int image = 1; image >= 0; image--) {
		const char *path = image ? dbpath : other;

		assert_int_equal(gtd_store_open(path, image ? &with_image : NULL, &st, &err), GTD_OK);
		write_unit(st, 1, "/a.a");
		write_binary(st, "ok-go1.21-64le", "/b");
		assert_int_equal(gtd_store_finish(st, &err), GTD_OK);
		gtd_store_close(st);
		dump_database(path, image ? &a : &b);
	}
	unlink(other);
	assert_non_null(strstr(a.p, "table|rtype|rtype|"));
	assert_non_null(strstr(a.p, "view|v_rtype|v_rtype|"));
	assert_int_equal(a.n, b.n);
	assert_memory_equal(a.p, b.p, a.n);
	gtd_strbuf_free(&a);
	gtd_strbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_database_appears_on_finish, setup, teardown),
		cmocka_unit_test_setup_teardown(test_an_unfinished_new_database_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_interns_across_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_gotypedb_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_broken_stage_is_an_internal_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_of_a_binarys_records, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_schema_image_is_what_the_ddl_makes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_content_begun_before_its_hash, setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL) ? 1 : 0;
}
