/* Merging databases indexed elsewhere (gotypedb merge; gotypedb/store.h):
 * each input is attached read-only as the schema "src" and its rows are
 * added to the store's database inside one savepoint, so that an input
 * adds all of its rows or none.
 *
 * Rows are matched by what identifies them, never by their ids, which
 * each database numbered for itself: a string by its text, a content by
 * its SHA-256, a file by its path, a package by its path and name, a Go
 * type by its canonical string, a declaration by its hash.  Temporary
 * tables map each input id to the id of the matching row here (m_string,
 * m_content, ...); every reference, including those packed in JSON
 * (unit.string_ids, uir_unit.objects and .typeids), goes through them.
 *
 * What a content holds (its unit and the unit's sections and objects, its
 * binary with modules, descriptors and the rest) is copied only for a
 * content this database does not have yet: the same bytes decode to the
 * same rows, so a content already here is complete.  Strings, types and
 * declarations are added when missing, each once.  So the result is the
 * union of the inputs whatever their order, and equals one index of all
 * their files, ids aside.  (Except where one canonical string stands for
 * types whose parts differ: package main's named types of different
 * programs share "main.T", and a generic signature's parts name the type
 * parameters of the function that declared it, which the string leaves
 * out.
 * As in an index run, the first definition met stays, so merging shards
 * in the order index walks them gives its rows; in another order such a
 * type may keep another program's parts.)
 *
 * A path indexed in two inputs keeps one row: the one with a content over
 * a skipped one, then the later mtime, then the larger size, then the
 * larger content hash; the rule compares only the rows, so the order of
 * the inputs does not matter. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gotypedb/uri.h"
#include "store_int.h"

/* The statements, in order; run with "src" attached. */
static const char *const merge_sql[] = {
	/* strings */
	"INSERT INTO main.string(text) SELECT text FROM src.string ORDER BY id ON CONFLICT DO NOTHING",
	"CREATE TEMP TABLE m_string(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO m_string SELECT s.id, m.id FROM src.string s JOIN main.string m ON m.text = s.text",

	/* contents: fresh = not here before this input */
	"CREATE TEMP TABLE m_content(old INTEGER PRIMARY KEY, new INTEGER NOT NULL, fresh INTEGER NOT NULL)",
	"INSERT INTO m_content SELECT s.id, m.id, 0 FROM src.content s JOIN main.content m ON m.hash = s.hash",
	"INSERT INTO main.content(hash, size, kind, status, reason, error)"
	" SELECT hash, size, kind, status, reason, error FROM src.content"
	" WHERE id NOT IN (SELECT old FROM m_content) ORDER BY id",
	"INSERT INTO m_content SELECT s.id, m.id, 1 FROM src.content s JOIN main.content m ON m.hash = s.hash"
	" WHERE s.id NOT IN (SELECT old FROM m_content)",

	/* files: one row per path (see the top of this file for which) */
	"INSERT INTO main.file(path, size, mtime_ns, content_id, skip_reason)"
	" SELECT f.path, f.size, f.mtime_ns, mc.new, f.skip_reason"
	" FROM src.file f LEFT JOIN m_content mc ON mc.old = f.content_id WHERE true ORDER BY f.id"
	" ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
	"   content_id = excluded.content_id, skip_reason = excluded.skip_reason"
	" WHERE (excluded.content_id IS NOT NULL, excluded.mtime_ns, excluded.size,"
	"        coalesce((SELECT hash FROM main.content WHERE id = excluded.content_id), x''))"
	"     > (file.content_id IS NOT NULL, file.mtime_ns, file.size,"
	"        coalesce((SELECT hash FROM main.content WHERE id = file.content_id), x''))",

	/* packages */
	"INSERT INTO main.package(path_id, name_id)"
	" SELECT a.new, b.new FROM src.package p"
	" JOIN m_string a ON a.old = p.path_id JOIN m_string b ON b.old = p.name_id ORDER BY p.id"
	" ON CONFLICT DO NOTHING",
	"CREATE TEMP TABLE m_package(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO m_package SELECT p.id, m.id FROM src.package p"
	" JOIN m_string a ON a.old = p.path_id JOIN m_string b ON b.old = p.name_id"
	" JOIN main.package m ON m.path_id = a.new AND m.name_id = b.new",

	/* types, then their parts (a part names a type of the same input) */
	"CREATE TEMP TABLE typedef_mark AS SELECT coalesce(max(typeid), 0) AS last FROM main.typedef",
	"INSERT INTO main.typedef(kind, canonical_id, package_id, name_id, len, dir, variadic)"
	" SELECT t.kind, c.new, p.new, n.new, t.len, t.dir, t.variadic FROM src.typedef t"
	" JOIN m_string c ON c.old = t.canonical_id LEFT JOIN m_package p ON p.old = t.package_id"
	" LEFT JOIN m_string n ON n.old = t.name_id ORDER BY t.typeid ON CONFLICT DO NOTHING",
	"CREATE TEMP TABLE m_typeid(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO m_typeid SELECT t.typeid, m.typeid FROM src.typedef t"
	" JOIN m_string c ON c.old = t.canonical_id JOIN main.typedef m ON m.canonical_id = c.new",
	/* the parts of the types new here, and of those here without parts
	 * that the input has (a binary's instance, whose 'targ' parts only
	 * export data gives), as index writes them: a canonical string
	 * determines its parts, so a typedef's parts are the union of its
	 * sources', whatever their order */
	"CREATE TEMP TABLE m_partless AS SELECT t.new AS typeid FROM m_typeid t"
	" WHERE t.new <= (SELECT last FROM typedef_mark)"
	" AND EXISTS (SELECT 1 FROM src.typedef_part p WHERE p.typeid = t.old)"
	" AND NOT EXISTS (SELECT 1 FROM main.typedef_part p WHERE p.typeid = t.new)",
	"INSERT INTO main.typedef_part(typeid, role, idx, part_typeid, name_id, pkg_path_id, tag_id, flag)"
	" SELECT t.new, p.role, p.idx, pt.new, n.new, pp.new, tg.new, p.flag FROM src.typedef_part p"
	" JOIN m_typeid t ON t.old = p.typeid JOIN m_typeid pt ON pt.old = p.part_typeid"
	" LEFT JOIN m_string n ON n.old = p.name_id LEFT JOIN m_string pp ON pp.old = p.pkg_path_id"
	" LEFT JOIN m_string tg ON tg.old = p.tag_id WHERE t.new > (SELECT last FROM typedef_mark)"
	" OR t.new IN (SELECT typeid FROM m_partless)",

	/* declarations, by hash (no SQL index: decl_hash is one, kept in
	 * temp across inputs by the caller) */
	"INSERT INTO main.uir_decl(hash, package_id, name_id, kind, typeid, under_typeid, object_string, value,"
	"   methods, file_id, line, col)"
	" SELECT d.hash, p.new, n.new, d.kind, t.new, u.new, d.object_string, d.value, d.methods, f.new, d.line,"
	"   d.col FROM src.uir_decl d"
	" JOIN m_package p ON p.old = d.package_id JOIN m_string n ON n.old = d.name_id"
	" JOIN m_typeid t ON t.old = d.typeid LEFT JOIN m_typeid u ON u.old = d.under_typeid"
	" LEFT JOIN m_string f ON f.old = d.file_id"
	" WHERE d.hash NOT IN (SELECT hash FROM temp.decl_hash) ORDER BY d.id",
	"INSERT OR IGNORE INTO temp.decl_hash SELECT hash, id FROM main.uir_decl WHERE id > (SELECT max_id FROM"
	" temp.decl_seen)",
	"UPDATE temp.decl_seen SET max_id = (SELECT coalesce(max(id), 0) FROM main.uir_decl)",
	"CREATE TEMP TABLE m_decl(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO m_decl SELECT d.id, h.id FROM src.uir_decl d JOIN temp.decl_hash h ON h.hash = d.hash",

	/* the units of fresh contents, their sections and objects */
	"INSERT INTO main.unit(content_id, header, goos, goarch, go_version, arch_variant, experiments, build_id,"
	"   is_main, export_off, export_size, version, flags, sync_markers, fingerprint, fingerprint_hash,"
	"   pkg_path, elems, data_bytes, string_ids)"
	" SELECT c.new, u.header, u.goos, u.goarch, u.go_version, u.arch_variant, u.experiments, u.build_id,"
	"   u.is_main, u.export_off, u.export_size, u.version, u.flags, u.sync_markers, u.fingerprint,"
	"   u.fingerprint_hash, u.pkg_path, u.elems, u.data_bytes,"
	"   (SELECT json_group_array((SELECT new FROM m_string WHERE old = j.value))"
	"    FROM json_each(u.string_ids) j)"
	" FROM src.unit u JOIN m_content c ON c.old = u.content_id AND c.fresh ORDER BY u.id",
	"CREATE TEMP TABLE m_unit(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO m_unit SELECT u.id, m.id FROM src.unit u JOIN m_content c ON c.old = u.content_id AND c.fresh"
	" JOIN main.unit m ON m.content_id = c.new",
	"INSERT INTO main.unit_section(unit_id, section, elems, bytes, elements, refs)"
	" SELECT u.new, s.section, s.elems, s.bytes, s.elements, s.refs FROM src.unit_section s"
	" JOIN m_unit u ON u.old = s.unit_id ORDER BY s.unit_id, s.section",
	"INSERT INTO main.uir_unit(unit_id, objects, typeids)"
	" SELECT u.new,"
	"   (SELECT json_group_array(json_array(j.value ->> 0, (SELECT new FROM m_decl WHERE old = j.value ->> 1)))"
	"    FROM json_each(x.objects) j),"
	"   (SELECT json_group_array((SELECT new FROM m_typeid WHERE old = j.value)) FROM json_each(x.typeids) j)"
	" FROM src.uir_unit x JOIN m_unit u ON u.old = x.unit_id ORDER BY x.unit_id",

	/* the binaries of fresh contents and all they hold */
	"INSERT INTO main.binary(content_id, ordinal, format, goos, goarch, ptr_size, big_endian, image, go_version,"
	"   version_source, main_path, modinfo)"
	" SELECT c.new, b.ordinal, b.format, b.goos, b.goarch, b.ptr_size, b.big_endian, b.image, b.go_version,"
	"   b.version_source, b.main_path, b.modinfo"
	" FROM src.binary b JOIN m_content c ON c.old = b.content_id AND c.fresh ORDER BY b.id",
	"CREATE TEMP TABLE m_binary(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO m_binary SELECT b.id, m.id FROM src.binary b JOIN m_content c ON c.old = b.content_id"
	" AND c.fresh JOIN main.binary m ON m.content_id = c.new AND m.ordinal = b.ordinal",
	"INSERT INTO main.binary_dep SELECT b.new, d.idx, d.kind, d.path, d.version, d.sum FROM src.binary_dep d"
	" JOIN m_binary b ON b.old = d.binary_id",
	"INSERT INTO main.binary_setting SELECT b.new, s.idx, s.key, s.value FROM src.binary_setting s"
	" JOIN m_binary b ON b.old = s.binary_id",
	"INSERT INTO main.module(binary_id, ordinal, kind, path, addr, found, layout, types, etypes, text, etext,"
	"   typedesclen, itaboffset, itabsize)"
	" SELECT b.new, m.ordinal, m.kind, m.path, m.addr, m.found, m.layout, m.types, m.etypes, m.text, m.etext,"
	"   m.typedesclen, m.itaboffset, m.itabsize FROM src.module m JOIN m_binary b ON b.old = m.binary_id"
	" ORDER BY m.id",
	"CREATE TEMP TABLE m_module(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)",
	"INSERT INTO m_module SELECT m.id, n.id FROM src.module m JOIN m_binary b ON b.old = m.binary_id"
	" JOIN main.module n ON n.binary_id = b.new AND n.ordinal = m.ordinal",
	"INSERT INTO main.rtype SELECT m.new, r.off, r.size, r.ptrdata, r.hash, r.tflag, r.align, r.fieldalign,"
	"   r.kind_byte, r.kind, r.str_off, r.ptrtothis_off, s.new, n.new, r.pkgpath_off, r.mcount, r.xcount,"
	"   r.moff, r.kind_pkgpath_off, r.elem_off, r.key_off, r.len, r.dir, r.in_count, r.out_count, r.variadic,"
	"   r.bytes, t.new"
	" FROM src.rtype r JOIN m_module m ON m.old = r.module_id JOIN m_string s ON s.old = r.string_id"
	" LEFT JOIN m_string n ON n.old = r.name_id JOIN m_typeid t ON t.old = r.typeid",
	"INSERT INTO main.rname SELECT m.new, r.off, r.flags, n.new, t.new, r.pkgpath_off FROM src.rname r"
	" JOIN m_module m ON m.old = r.module_id JOIN m_string n ON n.old = r.name_id"
	" LEFT JOIN m_string t ON t.old = r.tag_id",
	"INSERT INTO main.rmethod SELECT m.new, r.type_off, r.idx, r.name_off, r.mtyp_off, r.ifn, r.tfn"
	" FROM src.rmethod r JOIN m_module m ON m.old = r.module_id",
	"INSERT INTO main.rfield SELECT m.new, r.type_off, r.idx, r.name_off, r.typ_off, r.offset, r.embedded"
	" FROM src.rfield r JOIN m_module m ON m.old = r.module_id",
	"INSERT INTO main.rimethod SELECT m.new, r.type_off, r.idx, r.name_off, r.typ_off"
	" FROM src.rimethod r JOIN m_module m ON m.old = r.module_id",
	"INSERT INTO main.rparam SELECT m.new, r.type_off, r.out, r.idx, r.typ_off"
	" FROM src.rparam r JOIN m_module m ON m.old = r.module_id",
	"INSERT INTO main.itab SELECT m.new, i.idx, i.addr, i.off, i.inter_off, i.type_off, i.hash, i.nfun, i.fun0"
	" FROM src.itab i JOIN m_module m ON m.old = i.module_id",
	"INSERT INTO main.typelink SELECT m.new, t.idx, t.type_off FROM src.typelink t"
	" JOIN m_module m ON m.old = t.module_id",

	"DROP TABLE typedef_mark; DROP TABLE m_string; DROP TABLE m_content; DROP TABLE m_package; DROP TABLE m_typeid; DROP TABLE m_partless; DROP TABLE m_decl;"
	" DROP TABLE m_unit; DROP TABLE m_binary; DROP TABLE m_module",
	NULL,
};

static int64_t changes(struct gtd_store *st)
{
	return sqlite3_changes64(st->db);
}

/* One integer from sql's first row. */
static int int_of(sqlite3 *db, const char *sql, int64_t *v)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Schema "schema" of db must be a gotypedb database of this schema
 * version. */
static int check_schema(sqlite3 *db, const char *schema, const char *path, struct gtd_error *err)
{
	int64_t app = 0, version = 0, objects = 0;
	char q[3][128];
	int rc;

	snprintf(q[0], sizeof q[0], "PRAGMA %s.application_id", schema);
	snprintf(q[1], sizeof q[1], "PRAGMA %s.user_version", schema);
	snprintf(q[2], sizeof q[2], "SELECT count(*) FROM %s.sqlite_schema", schema);
	if ((rc = int_of(db, q[0], &app)) == SQLITE_OK && (rc = int_of(db, q[1], &version)) == SQLITE_OK)
		rc = int_of(db, q[2], &objects);
	if (rc != SQLITE_OK) {
		int code = (rc & 0xff) == SQLITE_NOTADB ? GTD_EUSAGE : GTD_EDB;

		return gtd_fail(err, code, "%s: %s%s", path, code == GTD_EUSAGE ? "not a gotypedb database: " : "",
				sqlite3_errmsg(db));
	}
	if (app != GTD_APPLICATION_ID)
		return gtd_fail(err, GTD_EUSAGE, "%s: not a gotypedb database (application_id %lld%s)", path,
				(long long)app, objects ? "" : ", an empty file");
	if (version != GTD_SCHEMA_VERSION)
		return gtd_fail(err, GTD_EUSAGE, "%s: schema version %lld, and this gotypedb merges version %d: index"
				" its inputs again with this gotypedb", path, (long long)version, GTD_SCHEMA_VERSION);
	return GTD_OK;
}

static int attach(struct gtd_store *st, const char *path, struct gtd_error *err)
{
	struct gtd_strbuf uri = { 0 };
	sqlite3_stmt *s;
	int rc;

	gtd_strbuf_put_ro_uri(&uri, path, 0);
	if (uri.oom) {
		gtd_strbuf_free(&uri);
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	}
	/* An attachment takes the connection's locking mode, and a new
	 * database is written in EXCLUSIVE mode, in which SQLite cannot read
	 * a WAL database opened read-only: the input gets NORMAL, and main
	 * keeps its own (EXCLUSIVE while new, configure() in store.c). */
	if (store_exec(st, st->tmp_path ? "PRAGMA locking_mode = NORMAL; PRAGMA main.locking_mode = EXCLUSIVE"
					: "PRAGMA locking_mode = NORMAL", err))
		return err->code;
	rc = sqlite3_prepare_v2(st->db, "ATTACH ? AS src", -1, &s, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_bind_text(s, 1, uri.p, -1, SQLITE_STATIC)) == SQLITE_OK)
		rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(st->db);
	sqlite3_finalize(s);
	gtd_strbuf_free(&uri);
	if (rc != SQLITE_OK)
		return gtd_fail(err, (rc & 0xff) == SQLITE_CANTOPEN ? GTD_ENOINPUT : GTD_EDB, "%s: %s", path,
				sqlite3_errmsg(st->db));
	return GTD_OK;
}

int gtd_store_merge_check(const char *path, struct gtd_error *err)
{
	struct gtd_strbuf uri = { 0 };
	struct stat sb;
	sqlite3 *db = NULL;
	int rc;

	if (stat(path, &sb) != 0)
		return gtd_fail(err, GTD_ENOINPUT, "%s: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return gtd_fail(err, GTD_ENOINPUT, "%s: is a directory, not a database", path);
	gtd_strbuf_put_ro_uri(&uri, path, 0);
	if (uri.oom)
		rc = gtd_fail(err, GTD_ENOMEM, "out of memory");
	else if (sqlite3_open_v2(uri.p, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
		rc = gtd_fail(err, GTD_ENOINPUT, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
	else
		rc = check_schema(db, "main", path, err);
	sqlite3_close(db);
	gtd_strbuf_free(&uri);
	return rc;
}

/* SQLite detaches a database only outside a transaction: the input's
 * rows are committed first (a new database is still under its temporary
 * name until gtd_store_finish), then the store's transaction goes on. */
static int detach(struct gtd_store *st, struct gtd_error *err)
{
	struct gtd_error ignored = { 0 };

	if (store_exec(st, "COMMIT; DETACH src; BEGIN", err ? err : &ignored))
		return err ? err->code : GTD_EDB;
	st->rows_at_commit = st->rows;
	return GTD_OK;
}

int gtd_store_merge(struct gtd_store *st, const char *path, struct gtd_merge_stats *stats, struct gtd_error *err)
{
	int rc;

	memset(stats, 0, sizeof *stats);
	if (gtd_store_ready(st, err) || store_flush_batches(st, err))
		return err->code;
	if (!st->merging) {
		/* the lookups below need the unique indexes now, not at finish;
		 * decl_hash is the index of uir_decl.hash the schema leaves out */
		if (store_schema_indexes(st, err) ||
		    store_exec(st, "CREATE TEMP TABLE decl_hash(hash BLOB PRIMARY KEY, id INTEGER NOT NULL)"
				   " WITHOUT ROWID; CREATE TEMP TABLE decl_seen(max_id INTEGER NOT NULL);"
				   " INSERT INTO temp.decl_seen VALUES (0);"
				   " INSERT OR IGNORE INTO temp.decl_hash SELECT hash, id FROM main.uir_decl;"
				   " UPDATE temp.decl_seen SET max_id = (SELECT coalesce(max(id), 0) FROM main.uir_decl)",
				   err))
			return err->code;
		st->merging = 1;
	}
	if ((rc = attach(st, path, err)))
		return rc;
	if ((rc = check_schema(st->db, "src", path, err)) || (rc = store_exec(st, "SAVEPOINT merge", err))) {
		detach(st, NULL);
		return rc;
	}
	for (size_t i = 0; merge_sql[i]; i++) {
		if (store_interrupted(st)) {
			rc = gtd_fail(err, GTD_EINTR, "%s: interrupted", st->path);
			break;
		}
		if ((rc = store_exec(st, merge_sql[i], err))) {
			gtd_context(err, "%s: merging", path);
			break;
		}
		if (i == 0)
			stats->strings = (uint64_t)changes(st);
		else if (strncmp(merge_sql[i], "INSERT INTO main.content", 24) == 0)
			stats->contents = (uint64_t)changes(st);
		else if (strncmp(merge_sql[i], "INSERT INTO main.file", 21) == 0)
			stats->files = (uint64_t)changes(st);
		if (strncmp(merge_sql[i], "INSERT", 6) == 0 && strstr(merge_sql[i], " main."))
			st->rows += (uint64_t)changes(st);
	}
	if (rc) {
		struct gtd_error ignored = { 0 };

		/* every row of this input goes, the temporary tables with them */
		store_exec(st, "ROLLBACK TO merge; RELEASE merge", &ignored);
		detach(st, NULL);
		return rc;
	}
	if ((rc = store_exec(st, "RELEASE merge", err)))
		return rc;
	return detach(st, err);
}
