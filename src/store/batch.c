/* Batched INSERTs (see store_int.h, struct store_batch): a batch's rows
 * reach SQLite as a table, gtd_batch, that one INSERT ... SELECT reads.
 *
 * gtd_batch is an eponymous virtual table whose one hidden column takes
 * the batch, a pointer bound as a table-valued function's argument
 * (sqlite3_bind_pointer: SQL cannot forge one).  Its BATCH_MAX_COLS
 * columns c0, c1, ... are the batch's values row by row, as they were
 * kept: each is handed to SQLite by pointer, no copy, and the INSERT's
 * program runs once for the whole batch, where binding every value of
 * a multi-row INSERT cost more than SQLite's own work of the insert. */
#include <stdlib.h>

#include "store_int.h"

#define BATCH_POINTER "gtd_batch"

struct batch_vtab {
	sqlite3_vtab base;
};

struct batch_cursor {
	sqlite3_vtab_cursor base;
	const struct store_batch *b;
	int row;
};

/* SQLite's module objects come from its allocator, zeroed. */
static void *zalloc(size_t n)
{
	void *p = sqlite3_malloc64(n);

	if (p)
		memset(p, 0, n);
	return p;
}

static int vt_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
		      char **errmsg)
{
	struct gtd_strbuf decl = { 0 };
	struct batch_vtab *t;
	int rc;

	(void)aux, (void)argc, (void)argv, (void)errmsg;
	gtd_strbuf_puts(&decl, "CREATE TABLE x(");
	for (int c = 0; c < BATCH_MAX_COLS; c++) {
		gtd_strbuf_putc(&decl, 'c');
		gtd_strbuf_putu(&decl, (uint64_t)c);
		gtd_strbuf_puts(&decl, ", ");
	}
	gtd_strbuf_puts(&decl, "batch HIDDEN)");
	rc = decl.oom ? SQLITE_NOMEM : sqlite3_declare_vtab(db, decl.p);
	gtd_strbuf_free(&decl);
	if (rc != SQLITE_OK)
		return rc;
	if (!(t = zalloc(sizeof *t)))
		return SQLITE_NOMEM;
	*out = &t->base;
	return SQLITE_OK;
}

static int vt_disconnect(sqlite3_vtab *t)
{
	sqlite3_free(t);
	return SQLITE_OK;
}

/* Only with the batch given: gtd_batch(?) */
static int vt_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
	(void)t;
	for (int i = 0; i < info->nConstraint; i++) {
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];

		if (c->iColumn == BATCH_MAX_COLS && c->op == SQLITE_INDEX_CONSTRAINT_EQ && c->usable) {
			info->aConstraintUsage[i].argvIndex = 1;
			info->aConstraintUsage[i].omit = 1;
			info->estimatedCost = 1;
			return SQLITE_OK;
		}
	}
	return SQLITE_CONSTRAINT;
}

static int vt_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
	struct batch_cursor *c = zalloc(sizeof *c);

	(void)t;
	if (!c)
		return SQLITE_NOMEM;
	*out = &c->base;
	return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

static int vt_filter(sqlite3_vtab_cursor *cur, int idx, const char *idx_str, int argc, sqlite3_value **argv)
{
	struct batch_cursor *c = (struct batch_cursor *)cur;

	(void)idx, (void)idx_str;
	c->b = argc == 1 ? sqlite3_value_pointer(argv[0], BATCH_POINTER) : NULL;
	c->row = 0;
	return SQLITE_OK;
}

static int vt_next(sqlite3_vtab_cursor *cur)
{
	((struct batch_cursor *)cur)->row++;
	return SQLITE_OK;
}

static int vt_eof(sqlite3_vtab_cursor *cur)
{
	const struct batch_cursor *c = (const struct batch_cursor *)cur;

	return !c->b || c->row >= c->b->pending;
}

static int vt_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const struct batch_cursor *c = (const struct batch_cursor *)cur;
	const struct store_batch *b = c->b;
	const struct batch_value *v;

	/* the auto-numbered key goes in NULL: SQLite appends (see auto_id_table) */
	if (col >= b->ncols || (col == 0 && b->auto_id_table)) {
		sqlite3_result_null(ctx);
		return SQLITE_OK;
	}
	v = &b->v[c->row * b->ncols + col];
	switch (v->type) {
	case SQLITE_INTEGER: sqlite3_result_int64(ctx, v->i); break;
	case SQLITE_TEXT: sqlite3_result_text(ctx, v->p, v->n, SQLITE_STATIC); break;
	case SQLITE_BLOB: sqlite3_result_blob(ctx, v->p, v->n, SQLITE_STATIC); break;
	default: sqlite3_result_null(ctx); break;
	}
	return SQLITE_OK;
}

static int vt_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((const struct batch_cursor *)cur)->row;
	return SQLITE_OK;
}

static const sqlite3_module batch_module = {
	.iVersion = 0,
	.xCreate = NULL, /* eponymous only: no CREATE VIRTUAL TABLE makes one */
	.xConnect = vt_connect,
	.xBestIndex = vt_best_index,
	.xDisconnect = vt_disconnect,
	.xOpen = vt_open,
	.xClose = vt_close,
	.xFilter = vt_filter,
	.xNext = vt_next,
	.xEof = vt_eof,
	.xColumn = vt_column,
	.xRowid = vt_rowid,
};

int batch_register(struct gtd_store *st, struct gtd_error *err)
{
	if (sqlite3_create_module(st->db, "gtd_batch", &batch_module, NULL) != SQLITE_OK)
		return store_db_error(st, err, "registering gtd_batch");
	return GTD_OK;
}

int batch_prepare_auto_id(struct gtd_store *st, struct store_batch *b, const char *table,
			  const char *head, int ncols, struct gtd_error *err)
{
	int rc = batch_prepare(st, b, head, ncols, err);

	b->auto_id_table = table;
	return rc;
}

int batch_prepare(struct gtd_store *st, struct store_batch *b, const char *head, int ncols,
		  struct gtd_error *err)
{
	struct gtd_strbuf sql = { 0 };
	int rc;

	if (ncols < 1 || ncols > BATCH_MAX_COLS)
		return gtd_fail(err, GTD_EINTERNAL, "database: a batch of %d columns (1 to %d)", ncols,
				BATCH_MAX_COLS);
	b->ncols = ncols;
	b->pending = 0;
	if (!(b->v = calloc((size_t)ncols * BATCH_ROWS, sizeof *b->v)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	gtd_strbuf_puts(&sql, head);
	gtd_strbuf_puts(&sql, " SELECT ");
	for (int c = 0; c < ncols; c++) {
		gtd_strbuf_puts(&sql, c ? ", c" : "c");
		gtd_strbuf_putu(&sql, (uint64_t)c);
	}
	gtd_strbuf_puts(&sql, " FROM gtd_batch(?)");
	if (sql.oom)
		rc = gtd_fail(err, GTD_ENOMEM, "out of memory");
	else if (sqlite3_prepare_v3(st->db, sql.p, -1, SQLITE_PREPARE_PERSISTENT, &b->insert, NULL) != SQLITE_OK)
		rc = store_db_error(st, err, sql.p);
	else
		rc = GTD_OK;
	gtd_strbuf_free(&sql);
	return rc;
}

int batch_add(struct gtd_store *st, struct store_batch *b, struct gtd_error *err)
{
	if (++b->pending < BATCH_ROWS)
		return GTD_OK;
	return batch_flush(st, b, err);
}

int batch_flush(struct gtd_store *st, struct store_batch *b, struct gtd_error *err)
{
	const struct batch_value *last = &b->v[(b->pending - 1) * b->ncols];
	sqlite3_int64 got;
	int n = b->pending, rc;

	if (n == 0)
		return GTD_OK;
	sqlite3_bind_pointer(b->insert, 1, b, BATCH_POINTER, NULL);
	rc = store_step(st, b->insert, err);
	b->pending = 0;
	if (rc)
		return rc;
	/* store_step counts one row a run */
	st->rows += (uint64_t)n - 1;
	if (b->auto_id_table && (got = sqlite3_last_insert_rowid(st->db)) != last[0].i) {
		st->broken = 1;
		return gtd_fail(err, GTD_EDB, "database: %s: the row gotypedb numbered %lld got id %lld "
				"from SQLite (was the table written to during this run?)",
				b->auto_id_table, (long long)last[0].i, (long long)got);
	}
	return GTD_OK;
}

void store_drop_batches(struct gtd_store *st)
{
	for (int i = 0; i < B_COUNT; i++)
		st->batch[i].pending = 0;
}

int store_flush_batches(struct gtd_store *st, struct gtd_error *err)
{
	for (int i = 0; i < B_COUNT; i++)
		if (batch_flush(st, &st->batch[i], err))
			return err->code;
	return GTD_OK;
}

void batch_finalize(struct store_batch *b)
{
	sqlite3_finalize(b->insert);
	b->insert = NULL;
	free(b->v);
	b->v = NULL;
	b->pending = 0;
}
