/* Interning: string text -> id in memory, new strings inserted once.
 * Also loads the maps of an existing database, so re-indexing never asks
 * SQLite whether a string, content or path exists. */
#include <stdio.h>
#include <string.h>

#include "gotypedb/utf8.h"
#include "store_int.h"

int store_intern(struct gtd_store *st, struct gtd_bytes text, uint64_t hash, int64_t *id,
		 struct gtd_error *err)
{
	struct store_batch *b = &st->batch[B_STRING];
	struct batch_value *v;
	uint64_t *slot;
	int inserted;

	if (gtd_bmap_upsert_hashed(&st->strings, text.p, text.n, hash, &slot, &inserted))
		return gtd_fail(err, GTD_ENOMEM, "out of memory interning strings");
	if (!inserted) {
		*id = (int64_t)*slot;
		return GTD_OK;
	}
	*id = st->next_string_id++;
	*slot = (uint64_t)*id;
	st->strings_new++;
	v = batch_row(b);
	bv_int(&v[0], *id);
	/* Valid UTF-8 is TEXT so that users can compare it with string
	 * literals; anything else (big.Int bytes) stays a BLOB.  The bytes are
	 * the staged unit's, alive until its write ends and flushes. */
	bv_text(&v[1], gtd_utf8_valid(text.p, text.n) ? SQLITE_TEXT : SQLITE_BLOB, text.p, (int)text.n);
	return batch_add(st, b, err);
}

static int next_id(struct gtd_store *st, const char *table, int64_t *out, struct gtd_error *err)
{
	char sql[96];
	sqlite3_stmt *s;

	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) + 1 FROM %s", table);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	*out = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
	sqlite3_finalize(s);
	return GTD_OK;
}

/* Runs sql (two columns: id, key) and puts key -> id into m. */
static int load_map(struct gtd_store *st, const char *sql, struct gtd_bmap *m,
		    struct gtd_error *err)
{
	sqlite3_stmt *s;
	uint64_t *slot;
	int rc, inserted;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const void *key = sqlite3_column_blob(s, 1);
		int n = sqlite3_column_bytes(s, 1);

		if (gtd_bmap_upsert(m, key ? key : "", (size_t)n, &slot, &inserted)) {
			sqlite3_finalize(s);
			return gtd_fail(err, GTD_ENOMEM, "out of memory loading the database");
		}
		*slot = (uint64_t)sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? GTD_OK : store_db_error(st, err, sql);
}

static int load_files(struct gtd_store *st, struct gtd_error *err)
{
	static const char sql[] = "SELECT id, path, size, mtime_ns, skip_reason IN ('"
				  GTD_FILE_UNREADABLE "', '" GTD_FILE_NO_MEMORY "') FROM file";
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct gtd_known_file f = { sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 2),
					    sqlite3_column_int64(s, 3), sqlite3_column_int(s, 4) };

		if (store_remember_file(st, (const char *)sqlite3_column_text(s, 1), &f, err)) {
			sqlite3_finalize(s);
			return err->code;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? GTD_OK : store_db_error(st, err, sql);
}

/* Runs sql (first column: the id) and puts key(row) -> id into m; the
 * maps whose keys are ids, not texts. */
static int load_keyed(struct gtd_store *st, const char *sql, struct gtd_bmap *m, size_t keylen,
		      void (*key)(sqlite3_stmt *s, uint8_t *out), struct gtd_error *err)
{
	sqlite3_stmt *s;
	uint8_t k[16];
	uint64_t *slot;
	int rc, inserted;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		key(s, k);
		if (gtd_bmap_upsert(m, k, keylen, &slot, &inserted)) {
			sqlite3_finalize(s);
			return gtd_fail(err, GTD_ENOMEM, "out of memory loading the database");
		}
		*slot = (uint64_t)sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? GTD_OK : store_db_error(st, err, sql);
}

static void package_row_key(sqlite3_stmt *s, uint8_t *out)
{
	package_key(sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2), out);
}

static void typeid_row_key(sqlite3_stmt *s, uint8_t *out)
{
	typeid_key(sqlite3_column_int64(s, 1), out);
}

static int next_typeid(struct gtd_store *st, struct gtd_error *err)
{
	static const char sql[] = "SELECT coalesce(max(typeid), 0) + 1 FROM typedef";
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	st->next_typeid = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
	sqlite3_finalize(s);
	return GTD_OK;
}

/* TYPEID_PARTLESS in SQL, for the typedefs without parts. */
#define PARTLESS_SQL "4611686018427387904"
_Static_assert(TYPEID_PARTLESS == UINT64_C(4611686018427387904), "PARTLESS_SQL is TYPEID_PARTLESS");

int store_load_maps(struct gtd_store *st, struct gtd_error *err)
{
	if (load_map(st, "SELECT id, text FROM string", &st->strings, err) ||
	    load_map(st, "SELECT id, hash FROM content", &st->contents, err) ||
	    load_files(st, err) ||
	    next_id(st, "string", &st->next_string_id, err) ||
	    next_id(st, "content", &st->next_content_id, err) ||
	    next_id(st, "file", &st->next_file_id, err) ||
	    next_id(st, "unit", &st->next_unit_id, err) ||
	    next_id(st, "binary", &st->next_binary_id, err) ||
	    next_id(st, "module", &st->next_module_id, err) ||
	    load_keyed(st, "SELECT id, path_id, name_id FROM package", &st->packages, 16,
		       package_row_key, err) ||
	    load_keyed(st, "SELECT t.typeid | (CASE WHEN EXISTS (SELECT 1 FROM typedef_part p WHERE p.typeid = t.typeid)"
		       " THEN 0 ELSE " PARTLESS_SQL " END), canonical_id FROM typedef t", &st->typeids, 8,
		       typeid_row_key, err) ||
	    next_id(st, "package", &st->next_package_id, err) ||
	    load_map(st, "SELECT id, hash FROM uir_decl", &st->decls, err) ||
	    next_id(st, "uir_decl", &st->next_decl_id, err) ||
	    next_typeid(st, err))
		return err->code;
	return GTD_OK;
}
