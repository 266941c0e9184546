/* Multi-row INSERTs (see store_int.h, struct store_batch). */
#include "store_int.h"

static int prepare(struct gtd_store *st, const char *sql, sqlite3_stmt **s, struct gtd_error *err)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	return GTD_OK;
}

int batch_prepare(struct gtd_store *st, struct store_batch *b, const char *head, int ncols,
		  struct gtd_error *err)
{
	struct gtd_strbuf row = { 0 }, sql = { 0 };
	int rc;

	if (ncols < 1 || ncols > BATCH_MAX_COLS)
		return gtd_fail(err, GTD_EDB, "database: a batch of %d columns (1 to %d)", ncols,
				BATCH_MAX_COLS);
	b->ncols = ncols;
	b->pending = 0;
	gtd_strbuf_putc(&row, '(');
	for (int c = 0; c < ncols; c++)
		gtd_strbuf_puts(&row, c ? ",?" : "?");
	gtd_strbuf_putc(&row, ')');
	gtd_strbuf_puts(&sql, head);
	gtd_strbuf_puts(&sql, " VALUES ");
	gtd_strbuf_putn(&sql, row.p, row.n);
	rc = row.oom || sql.oom ? gtd_fail(err, GTD_ENOMEM, "out of memory") : prepare(st, sql.p, &b->one, err);
	for (int r = 1; r < BATCH_ROWS; r++) {
		gtd_strbuf_putc(&sql, ',');
		gtd_strbuf_putn(&sql, row.p, row.n);
	}
	if (rc == GTD_OK)
		rc = sql.oom ? gtd_fail(err, GTD_ENOMEM, "out of memory") : prepare(st, sql.p, &b->many, err);
	gtd_strbuf_free(&row);
	gtd_strbuf_free(&sql);
	return rc;
}

static void bind_values(sqlite3_stmt *s, int first, const struct batch_value *v, int n)
{
	for (int i = 0; i < n; i++) {
		switch (v[i].type) {
		case SQLITE_INTEGER: sqlite3_bind_int64(s, first + i, v[i].i); break;
		case SQLITE_TEXT: sqlite3_bind_text(s, first + i, v[i].p, v[i].n, SQLITE_STATIC); break;
		case SQLITE_BLOB: sqlite3_bind_blob(s, first + i, v[i].p, v[i].n, SQLITE_STATIC); break;
		default: sqlite3_bind_null(s, first + i); break;
		}
	}
}

/* store_step counts one row a run: a full batch adds the rest. */
static int run(struct gtd_store *st, sqlite3_stmt *s, int rows, struct gtd_error *err)
{
	if (store_step(st, s, err))
		return err->code;
	st->rows += (uint64_t)rows - 1;
	return GTD_OK;
}

int batch_add(struct gtd_store *st, struct store_batch *b, struct gtd_error *err)
{
	if (++b->pending < BATCH_ROWS)
		return GTD_OK;
	b->pending = 0;
	bind_values(b->many, 1, b->v, BATCH_ROWS * b->ncols);
	return run(st, b->many, BATCH_ROWS, err);
}

int batch_flush(struct gtd_store *st, struct store_batch *b, struct gtd_error *err)
{
	int n = b->pending;

	b->pending = 0;
	for (int r = 0; r < n; r++) {
		bind_values(b->one, 1, &b->v[r * b->ncols], b->ncols);
		if (run(st, b->one, 1, err))
			return err->code;
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
	sqlite3_finalize(b->one);
	sqlite3_finalize(b->many);
	b->one = b->many = NULL;
	b->pending = 0;
}
