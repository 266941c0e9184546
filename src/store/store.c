/* The connection, its transactions, and the content and file rows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schema_ddl.h"
#include "store_int.h"

/* Commit after this many rows: big enough for bulk speed, small enough
 * that readers see progress and the WAL stays bounded. */
#define ROWS_PER_COMMIT 2000000

static const char *const stmt_sql[ST_COUNT] = {
	[ST_PACKAGE] = "INSERT INTO package(id, path_id, name_id) VALUES (?, ?, ?)",
	[ST_UIR_UNIT] = "INSERT INTO uir_unit(unit_id, objects, typeids) VALUES (?, ?, ?)",
	[ST_UNIT] = "INSERT INTO unit(id, content_id, header, goos, goarch, go_version, arch_variant, experiments,"
		    " build_id, is_main, export_off, export_size, version, flags, sync_markers,"
		    " fingerprint, fingerprint_hash, pkg_path, elems, data_bytes, string_ids)"
		    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_UNIT_SECTION] = "INSERT INTO unit_section(unit_id, section, elems, bytes, elements, refs)"
			    " VALUES (?,?,?,?,?,?)",
	[ST_CONTENT_INSERT] = "INSERT INTO content(id, hash, size, kind, status, reason, error)"
			      " VALUES (?,?,?,?,?,?,?)",
	[ST_CONTENT_UPDATE] = "UPDATE content SET size = ?2, kind = ?3, status = ?4, reason = ?5,"
			      " error = ?6 WHERE id = ?1",
	[ST_FILE_INSERT] = "INSERT INTO file(id, path, size, mtime_ns, content_id, skip_reason)"
			   " VALUES (?,?,?,?,?,?)",
	[ST_BINARY] = "INSERT INTO binary(id, content_id, ordinal, format, goos, goarch, ptr_size,"
		      " big_endian, image, go_version, version_source, main_path, modinfo)"
		      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_BINARY_DEP] = "INSERT INTO binary_dep(binary_id, idx, kind, path, version, sum)"
			  " VALUES (?,?,?,?,?,?)",
	[ST_BINARY_SETTING] = "INSERT INTO binary_setting(binary_id, idx, key, value) VALUES (?,?,?,?)",
	[ST_MODULE] = "INSERT INTO module(id, binary_id, ordinal, kind, path, addr, found, layout, types,"
		      " etypes, text, etext, typedesclen, itaboffset, itabsize)"
		      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[ST_FILE_UPDATE] = "UPDATE file SET size = ?2, mtime_ns = ?3, content_id = ?4,"
			   " skip_reason = ?5 WHERE id = ?1",
};

/* Rows of a content being replaced (--force), children before parents. */
static const char *const forget_sql =
	"DELETE FROM binary_dep WHERE binary_id IN (SELECT id FROM binary WHERE content_id = %1$lld);"
	"DELETE FROM binary_setting WHERE binary_id IN (SELECT id FROM binary WHERE content_id = %1$lld);"
	"CREATE TEMP TABLE IF NOT EXISTS forget_module(id INTEGER PRIMARY KEY);"
	"DELETE FROM forget_module;"
	"INSERT INTO forget_module SELECT m.id FROM module m JOIN binary b ON b.id = m.binary_id"
	" WHERE b.content_id = %1$lld;"
	"DELETE FROM rtype WHERE module_id IN forget_module;"
	"DELETE FROM rname WHERE module_id IN forget_module;"
	"DELETE FROM rmethod WHERE module_id IN forget_module;"
	"DELETE FROM rfield WHERE module_id IN forget_module;"
	"DELETE FROM rimethod WHERE module_id IN forget_module;"
	"DELETE FROM rparam WHERE module_id IN forget_module;"
	"DELETE FROM itab WHERE module_id IN forget_module;"
	"DELETE FROM typelink WHERE module_id IN forget_module;"
	"DELETE FROM module WHERE id IN forget_module;"
	"DELETE FROM binary WHERE content_id = %1$lld;"
	"DELETE FROM unit_section WHERE unit_id IN (SELECT id FROM unit WHERE content_id = %1$lld);"
	"DELETE FROM uir_unit WHERE unit_id IN (SELECT id FROM unit WHERE content_id = %1$lld);"
	"DELETE FROM unit WHERE content_id = %1$lld;";

static int interrupted_error(const struct gtd_store *st, struct gtd_error *err)
{
	return gtd_fail(err, GTD_EINTR, "%s: interrupted", st->path);
}

/* "database: WHAT: SQLite's message"; what may be NULL. */
int store_db_error(struct gtd_store *st, struct gtd_error *err, const char *what)
{
	const char *busy = sqlite3_errcode(st->db) == SQLITE_BUSY
		? " (another program, not an index run, holds a lock on the database)" : "";

	if (sqlite3_errcode(st->db) == SQLITE_INTERRUPT)
		return interrupted_error(st, err);
	if (!what)
		return gtd_fail(err, GTD_EDB, "database: %s%s", sqlite3_errmsg(st->db), busy);
	return gtd_fail(err, GTD_EDB, "database: %s: %s%s", what, sqlite3_errmsg(st->db), busy);
}

int store_exec(struct gtd_store *st, const char *sql, struct gtd_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_error(st, err, NULL);
	return GTD_OK;
}

int store_step(struct gtd_store *st, sqlite3_stmt *s, struct gtd_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		st->broken = 1;
		return store_db_error(st, err, sqlite3_sql(s));
	}
	st->rows++;
	return GTD_OK;
}

/* A new database is private until renamed: no WAL, no fsync (newdb.c syncs
 * it once, whole, before the rename), bigger pages (fewer, larger writes)
 * and a small page cache: its tables are appended to in key order, so a
 * page once full is not read again until the index build, and a large cache
 * only holds ~64 MiB of written pages back until COMMIT (fresh memory for
 * the writer thread to fault in, then one serial write at the end instead
 * of writes spread over the run; the index build's sorts take as long
 * either way).  An existing database may have readers: WAL,
 * so they never block, and synchronous=NORMAL, safe against a crash of this
 * process; its inserts land all over its tables, hence the larger cache. */
static int configure(struct gtd_store *st, struct gtd_error *err)
{
	if (store_exec(st, "PRAGMA temp_store = MEMORY;"
		       " PRAGMA secure_delete = OFF; PRAGMA foreign_keys = OFF;", err))
		return err->code;
	if (st->tmp_path)
		return store_exec(st, "PRAGMA cache_size = -4096; PRAGMA page_size = " STORE_NEW_PAGE_SIZE_TEXT ";"
				  " PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
				  " PRAGMA locking_mode = EXCLUSIVE;", err);
	return store_exec(st, "PRAGMA cache_size = -65536; PRAGMA journal_mode = WAL;"
			  " PRAGMA synchronous = NORMAL;", err);
}

void store_note(struct gtd_store *st, const char *message)
{
	if (st->opt.on_note)
		st->opt.on_note(st->opt.ctx, message);
}

/* SQLite calls this every few thousand steps of any statement: a signal
 * then stops an index build or a long INSERT too, not only the next
 * content.  (What SQLite then rolls back is never a committed content.) */
static int interrupt_check(void *arg)
{
	return store_interrupted(arg);
}

static int open_connection(struct gtd_store *st, struct gtd_error *err)
{
	const char *file = st->tmp_path ? st->tmp_path : st->final_path ? st->final_path : st->path;
	/* NOMUTEX: the connection is used by the writer thread only.  An
	 * existing database is not created again if it vanished meanwhile. */
	/* URI: gtd_store_merge attaches its inputs read-only by URI; only
	 * for an absolute path, which no URI parsing changes (SQLite's
	 * special names keep their meaning without it) */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (file[0] == '/' ? SQLITE_OPEN_URI : 0) |
		    (st->tmp_path || !st->final_path ? SQLITE_OPEN_CREATE : 0);

	/* No allocation statistics: with them every SQLite allocation takes a
	 * global mutex.  (Only possible before SQLite initializes; later calls
	 * fail harmlessly.) */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(file, &st->db, flags, NULL) != SQLITE_OK)
		return gtd_fail(err, GTD_EDB, "%s: cannot open database: %s", st->path, sqlite3_errmsg(st->db));
	if (batch_register(st, err))
		return err->code;
	sqlite3_busy_timeout(st->db, 10000);
	if (st->opt.interrupt)
		sqlite3_progress_handler(st->db, 10000, interrupt_check, st);
	return GTD_OK;
}

static int prepare_all(struct gtd_store *st, struct gtd_error *err)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v3(st->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &st->stmt[i], NULL) != SQLITE_OK)
			return store_db_error(st, err, stmt_sql[i]);
	if (batch_prepare_auto_id(st, &st->batch[B_STRING], "string", "INSERT OR FAIL INTO string(id, text)",
				  2, err) ||
	    batch_prepare_auto_id(st, &st->batch[B_TYPEDEF], "typedef",
				  "INSERT OR FAIL INTO typedef(typeid, kind, canonical_id,"
			  " package_id, name_id, len, dir, variadic)", 8, err) ||
	    batch_prepare(st, &st->batch[B_TYPEDEF_PART],
			  "INSERT OR FAIL INTO typedef_part(typeid, role, idx, part_typeid, name_id, pkg_path_id,"
			  " tag_id, flag)", 8, err) ||
	    batch_prepare_auto_id(st, &st->batch[B_UIR_DECL], "uir_decl",
				  "INSERT OR FAIL INTO uir_decl(id, hash, package_id, name_id,"
			  " kind, typeid, under_typeid, object_string, value, methods, file_id, line, col)",
			  13, err) ||
	    batch_prepare(st, &st->batch[B_RTYPE],
			  "INSERT OR FAIL INTO rtype(module_id, off, size, ptrdata, hash, tflag, align, fieldalign,"
			  " kind_byte, kind, str_off, ptrtothis_off, string_id, name_id, pkgpath_off, mcount,"
			  " xcount, moff, kind_pkgpath_off, elem_off, key_off, len, dir, in_count, out_count,"
			  " variadic, bytes, typeid)", 28, err) ||
	    batch_prepare(st, &st->batch[B_RNAME], "INSERT OR FAIL INTO rname(module_id, off, flags, name_id,"
			  " tag_id, pkgpath_off)", 6, err) ||
	    batch_prepare(st, &st->batch[B_RMETHOD], "INSERT OR FAIL INTO rmethod(module_id, type_off, idx,"
			  " name_off, mtyp_off, ifn, tfn)", 7, err) ||
	    batch_prepare(st, &st->batch[B_RFIELD], "INSERT OR FAIL INTO rfield(module_id, type_off, idx,"
			  " name_off, typ_off, offset, embedded)", 7, err) ||
	    batch_prepare(st, &st->batch[B_RIMETHOD], "INSERT OR FAIL INTO rimethod(module_id, type_off, idx,"
			  " name_off, typ_off)", 5, err) ||
	    batch_prepare(st, &st->batch[B_RPARAM], "INSERT OR FAIL INTO rparam(module_id, type_off, out, idx,"
			  " typ_off)", 5, err) ||
	    batch_prepare(st, &st->batch[B_ITAB], "INSERT OR FAIL INTO itab(module_id, idx, addr, off,"
			  " inter_off, type_off, hash, nfun, fun0)", 9, err) ||
	    batch_prepare(st, &st->batch[B_TYPELINK], "INSERT OR FAIL INTO typelink(module_id, idx, type_off)",
			  3, err))
		return err->code;
	return GTD_OK;
}

/* The connection, configured, in the session's transaction; check: the
 * database is first checked to be gotypedb's (not a new database's file
 * just written from the image: checking it would have SQLite parse the
 * whole schema for nothing). */
static int connect(struct gtd_store *st, int check, struct gtd_error *err)
{
	if (open_connection(st, err) || (check && store_schema_check(st, err)) || configure(st, err) ||
	    store_exec(st, "BEGIN", err))
		return err->code;
	return GTD_OK;
}

/* The rest of a new database's opening, and its schema; the statements,
 * the maps: loading them reads no row into a map of an empty database, so
 * the walk's and the claims' lookups may run meanwhile (they only read
 * the maps). */
int gtd_store_ready(struct gtd_store *st, struct gtd_error *err)
{
	if (st->ready)
		return GTD_OK;
	if ((!st->db && (store_write_image(st, err) || connect(st, 0, err))) ||
	    (st->create_schema && store_schema_create(st, err)) || prepare_all(st, err) ||
	    store_load_maps(st, err))
		return err->code;
	st->ready = 1;
	return GTD_OK;
}

int gtd_store_open(const char *path, const struct gtd_store_options *o, struct gtd_store **out,
		   struct gtd_error *err)
{
	struct gtd_store *st = calloc(1, sizeof *st);

	*out = NULL;
	if (!st)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	st->lock_fd = -1;
	st->opt = o ? *o : (struct gtd_store_options){ .lock_wait = -1 };
	if (!(st->path = strdup(path))) {
		free(st);
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	}
	/* An empty database's maps stay empty: it gets its schema and its
	 * statements in gtd_store_ready, meanwhile the walk and the first
	 * decodes run.  A new database with an image to start from is all
	 * made there: its file, the connection, the schema SQLite reads. */
	if (store_plan(st, path, err) ||
	    (!(st->tmp_path && st->opt.schema_image) &&
	     (connect(st, 1, err) || (!st->create_schema && gtd_store_ready(st, err))))) {
		gtd_store_close(st);
		return err->code;
	}
	*out = st;
	return GTD_OK;
}

/* Ends the connection: what was not committed is rolled back. */
static int close_connection(struct gtd_store *st)
{
	int rc;

	if (!st->db)
		return SQLITE_OK;
	for (int i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(st->stmt[i]);
		st->stmt[i] = NULL;
	}
	for (int i = 0; i < B_COUNT; i++)
		batch_finalize(&st->batch[i]);
	/* no interruption of the rollback itself */
	sqlite3_progress_handler(st->db, 0, NULL, NULL);
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	rc = sqlite3_close(st->db);
	st->db = NULL;
	return rc;
}

void gtd_store_close(struct gtd_store *st)
{
	if (!st)
		return;
	close_connection(st);
	if (st->tmp_path && !st->published && !st->keep_tmp)
		unlink(st->tmp_path);
	store_unlock(st);
	gtd_arena_free(&st->batch_texts);
	gtd_strbuf_free(&st->string_ids);
	free(st->path);
	free(st->final_path);
	free(st->lock_path);
	free(st->tmp_path);
	gtd_bmap_free(&st->strings);
	gtd_bmap_free(&st->contents);
	gtd_bmap_free(&st->files);
	gtd_bmap_free(&st->packages);
	gtd_bmap_free(&st->decls);
	gtd_strbuf_free(&st->methods);
	free(st->shape_typeids);
	gtd_strbuf_free(&st->objects);
	gtd_bmap_free(&st->typeids);
	free(st->filev);
	free(st);
}

int gtd_store_is_new(const struct gtd_store *st)
{
	return st->tmp_path != NULL;
}

int gtd_store_known_file(const struct gtd_store *st, const char *path, struct gtd_known_file *f)
{
	uint64_t i;

	if (!gtd_bmap_get(&st->files, path, strlen(path), &i))
		return 0;
	*f = st->filev[i];
	return 1;
}

int gtd_store_known_content(const struct gtd_store *st, const uint8_t hash[GTD_CONTENT_HASH_SIZE],
			    int64_t *content_id)
{
	uint64_t id;

	if (!gtd_bmap_get(&st->contents, hash, GTD_CONTENT_HASH_SIZE, &id))
		return 0;
	*content_id = (int64_t)id;
	return 1;
}

static int forget_content(struct gtd_store *st, int64_t id, struct gtd_error *err)
{
	char sql[4096];
	long long v = id;

	snprintf(sql, sizeof sql, forget_sql, v);
	return store_exec(st, sql, err);
}

int gtd_store_content_begin(struct gtd_store *st, const uint8_t hash[GTD_CONTENT_HASH_SIZE],
			    uint64_t size, const char *kind, int64_t *content_id,
			    struct gtd_error *err)
{
	if (st->broken)
		return gtd_fail(err, GTD_EDB, "database: an earlier write failed");
	if (store_interrupted(st))
		return interrupted_error(st, err);
	if (gtd_store_ready(st, err))
		return err->code;
	if (!hash && !gtd_store_is_new(st))
		return gtd_fail(err, GTD_EINTERNAL, "a content begun without its hash in a database that "
				"has contents");
	st->cur_replacing = hash && gtd_store_known_content(st, hash, &st->cur_content);
	if (!st->cur_replacing)
		st->cur_content = st->next_content_id;
	st->cur_hash_known = hash != NULL;
	if (hash)
		memcpy(st->cur_hash, hash, GTD_CONTENT_HASH_SIZE);
	st->cur_size = size;
	st->cur_kind = kind;
	st->cur_unit = 0;
	st->cur_start.next_string_id = st->next_string_id;
	st->cur_start.next_binary_id = st->next_binary_id;
	st->cur_start.next_module_id = st->next_module_id;
	st->cur_start.rows = st->rows;
	st->cur_start.strings_new = st->strings_new;
	st->cur_typed = 0;
	if (store_exec(st, "SAVEPOINT content", err))
		return err->code;
	if (st->cur_replacing && forget_content(st, st->cur_content, err)) {
		gtd_store_content_abort(st);
		return err->code;
	}
	*content_id = st->cur_content;
	return GTD_OK;
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *text)
{
	if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static int write_content_row(struct gtd_store *st, const char *status, const char *reason,
			     const char *message, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[st->cur_replacing ? ST_CONTENT_UPDATE : ST_CONTENT_INSERT];
	int i = 1;

	sqlite3_bind_int64(s, i++, st->cur_content);
	if (!st->cur_replacing)
		sqlite3_bind_blob(s, i++, st->cur_hash, GTD_CONTENT_HASH_SIZE, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, i++, (sqlite3_int64)st->cur_size);
	sqlite3_bind_text(s, i++, st->cur_kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, i++, status, -1, SQLITE_STATIC);
	bind_text_or_null(s, i++, reason);
	bind_text_or_null(s, i++, message);
	return store_step(st, s, err);
}

void gtd_store_content_hash(struct gtd_store *st, const uint8_t hash[GTD_CONTENT_HASH_SIZE])
{
	memcpy(st->cur_hash, hash, GTD_CONTENT_HASH_SIZE);
	st->cur_hash_known = 1;
}

int gtd_store_content_end(struct gtd_store *st, const char *status, const char *reason,
			  const char *message, struct gtd_error *err)
{
	uint64_t *slot;
	int inserted;

	if (!st->cur_hash_known) {
		gtd_store_content_abort(st);
		return gtd_fail(err, GTD_EINTERNAL, "a content ended without its hash");
	}
	if (write_content_row(st, status, reason, message, err) ||
	    store_exec(st, "RELEASE content", err)) {
		gtd_store_content_abort(st);
		return err->code;
	}
	if (!st->cur_replacing) {
		if (gtd_bmap_upsert(&st->contents, st->cur_hash, GTD_CONTENT_HASH_SIZE, &slot, &inserted))
			return gtd_fail(err, GTD_ENOMEM, "out of memory");
		*slot = (uint64_t)st->cur_content;
		st->next_content_id++;
	}
	return GTD_OK;
}

/* Rolls back the content's rows.  Strings it interned are rolled back too
 * but stay in the in-memory map, so the store refuses further writes: a
 * failed write (disk full, I/O error) ends the run after what was committed. */
void gtd_store_content_abort(struct gtd_store *st)
{
	sqlite3_exec(st->db, "ROLLBACK TO content; RELEASE content", NULL, NULL, NULL);
	st->broken = 1;
}

void gtd_store_content_undo(struct gtd_store *st)
{
	store_drop_batches(st);
	gtd_arena_free(&st->batch_texts);
	if (st->broken || st->cur_typed ||
	    sqlite3_exec(st->db, "ROLLBACK TO content; RELEASE content", NULL, NULL, NULL) != SQLITE_OK) {
		gtd_store_content_abort(st);
		return;
	}
	/* the strings it interned, with their ids, as if never met */
	gtd_bmap_remove_values_from(&st->strings, (uint64_t)st->cur_start.next_string_id);
	st->next_string_id = st->cur_start.next_string_id;
	st->next_binary_id = st->cur_start.next_binary_id;
	st->next_module_id = st->cur_start.next_module_id;
	st->rows = st->cur_start.rows;
	st->strings_new = st->cur_start.strings_new;
}

int store_remember_file(struct gtd_store *st, const char *path, const struct gtd_known_file *f,
			struct gtd_error *err)
{
	uint64_t *slot;
	int inserted;

	if (gtd_bmap_upsert(&st->files, path, strlen(path), &slot, &inserted))
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	if (!inserted) {
		st->filev[*slot] = *f;
		return GTD_OK;
	}
	if (st->nfiles == st->capfiles) {
		size_t cap = st->capfiles ? st->capfiles * 2 : 1024;
		struct gtd_known_file *v = realloc(st->filev, cap * sizeof *v);

		if (!v)
			return gtd_fail(err, GTD_ENOMEM, "out of memory");
		st->filev = v;
		st->capfiles = cap;
	}
	*slot = st->nfiles;
	st->filev[st->nfiles++] = *f;
	return GTD_OK;
}

int gtd_store_file(struct gtd_store *st, const char *path, int64_t size, int64_t mtime_ns,
		   int64_t content_id, const char *skip_reason, struct gtd_error *err)
{
	struct gtd_known_file f;
	int known = gtd_store_known_file(st, path, &f), i = 1;
	sqlite3_stmt *s;

	if (st->broken)
		return gtd_fail(err, GTD_EDB, "database: an earlier write failed");
	if (gtd_store_ready(st, err))
		return err->code;
	s = st->stmt[known ? ST_FILE_UPDATE : ST_FILE_INSERT];
	if (!known)
		f.id = st->next_file_id++;
	f.size = size;
	f.mtime_ns = mtime_ns;
	f.retry = skip_reason && (strcmp(skip_reason, GTD_FILE_UNREADABLE) == 0 ||
				  strcmp(skip_reason, GTD_FILE_NO_MEMORY) == 0);
	sqlite3_bind_int64(s, i++, f.id);
	if (!known)
		sqlite3_bind_text(s, i++, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, i++, size);
	sqlite3_bind_int64(s, i++, mtime_ns);
	if (content_id)
		sqlite3_bind_int64(s, i++, content_id);
	else
		sqlite3_bind_null(s, i++);
	bind_text_or_null(s, i++, skip_reason);
	if (store_step(st, s, err))
		return err->code;
	return store_remember_file(st, path, &f, err);
}

int gtd_store_checkpoint(struct gtd_store *st, struct gtd_error *err)
{
	if (store_interrupted(st))
		return interrupted_error(st, err);
	if (st->rows - st->rows_at_commit < ROWS_PER_COMMIT)
		return GTD_OK;
	st->rows_at_commit = st->rows;
	if (store_flush_batches(st, err))
		return err->code;
	return store_exec(st, "COMMIT; BEGIN", err);
}

/* The index build sorts every table's keys.  SQLite's sorter gives each
 * key its own malloc when temporary storage is memory (temp_store =
 * MEMORY), and packs them into one buffer of up to cache_size bytes
 * otherwise, spilling to a temporary file only past that: with the default
 * and a 64 MiB cache it builds a go build std cmd cache's indexes without a
 * file and with 1.4% fewer instructions in all (the serial end of the run). */
static int before_index_build(struct gtd_store *st, struct gtd_error *err)
{
	return store_exec(st, "PRAGMA temp_store = DEFAULT; PRAGMA cache_size = -65536", err);
}

/* Every row is written: the maps that spared the writes their lookups
 * (the largest of what the writer holds) go before the index build, whose
 * sorter and page cache then have the memory to themselves. */
static void drop_write_maps(struct gtd_store *st)
{
	gtd_bmap_free(&st->strings);
	gtd_bmap_free(&st->contents);
	gtd_bmap_free(&st->packages);
	gtd_bmap_free(&st->decls);
	gtd_bmap_free(&st->typeids);
	free(st->shape_typeids);
	st->shape_typeids = NULL;
	st->cap_shape_typeids = 0;
	gtd_arena_free(&st->batch_texts);
}

int gtd_store_finish(struct gtd_store *st, struct gtd_error *err)
{
	if (store_interrupted(st))
		return interrupted_error(st, err);
	if (gtd_store_ready(st, err))
		return err->code;
	if (store_flush_batches(st, err) || store_exec(st, "COMMIT", err))
		return err->code;
	drop_write_maps(st);
	store_start_writeback(st);
	if (before_index_build(st, err) ||
	    store_schema_indexes(st, err) || store_exec(st, "PRAGMA optimize", err))
		return err->code;
	/* A new database becomes WAL for its readers and later runs: the last
	 * change, so that a temporary file in WAL mode is a finished one. */
	if (st->tmp_path && store_exec(st, "PRAGMA locking_mode = NORMAL;"
				       " PRAGMA journal_mode = WAL", err))
		return err->code;
	if (close_connection(st) != SQLITE_OK)
		return gtd_fail(err, GTD_EDB, "%s: closing the database failed", st->path);
	return st->tmp_path ? store_publish(st, err) : GTD_OK;
}

void gtd_store_stats(const struct gtd_store *st, struct gtd_store_stats *out)
{
	out->rows = st->rows;
	out->strings = st->strings_new;
}
