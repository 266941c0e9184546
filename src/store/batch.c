/* Multi-row INSERTs (see store_int.h, struct store_batch). */
#include "store_int.h"

static int prepare(struct gtd_store *st, const char *sql, sqlite3_stmt **s, struct gtd_error *err)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
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
	struct gtd_strbuf row = { 0 }, sql = { 0 };
	int rc;

	if (ncols < 1 || ncols > BATCH_MAX_COLS)
		return gtd_fail(err, GTD_EINTERNAL, "database: a batch of %d columns (1 to %d)", ncols,
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

static void bind_values(const struct store_batch *b, sqlite3_stmt *s, const struct batch_value *v,
			int rows)
{
	for (int i = 0; i < rows * b->ncols; i++) {
		if (b->auto_id_table && i % b->ncols == 0) {
			sqlite3_bind_null(s, 1 + i);
			continue;
		}
		switch (v[i].type) {
		case SQLITE_INTEGER: sqlite3_bind_int64(s, 1 + i, v[i].i); break;
		case SQLITE_TEXT: sqlite3_bind_text(s, 1 + i, v[i].p, v[i].n, SQLITE_STATIC); break;
		case SQLITE_BLOB: sqlite3_bind_blob(s, 1 + i, v[i].p, v[i].n, SQLITE_STATIC); break;
		default: sqlite3_bind_null(s, 1 + i); break;
		}
	}
}

/* store_step counts one row a run: a full batch adds the rest.  last: the
 * values of the run's last row. */
static int run(struct gtd_store *st, const struct store_batch *b, sqlite3_stmt *s, int rows,
	       const struct batch_value *last, struct gtd_error *err)
{
	sqlite3_int64 got;

	if (store_step(st, s, err))
		return err->code;
	st->rows += (uint64_t)rows - 1;
	if (b->auto_id_table && (got = sqlite3_last_insert_rowid(st->db)) != last[0].i) {
		st->broken = 1;
		return gtd_fail(err, GTD_EDB, "database: %s: the row gotypedb numbered %lld got id %lld "
				"from SQLite (was the table written to during this run?)",
				b->auto_id_table, (long long)last[0].i, (long long)got);
	}
	return GTD_OK;
}

int batch_add(struct gtd_store *st, struct store_batch *b, struct gtd_error *err)
{
	if (++b->pending < BATCH_ROWS)
		return GTD_OK;
	b->pending = 0;
	bind_values(b, b->many, b->v, BATCH_ROWS);
	return run(st, b, b->many, BATCH_ROWS, &b->v[(BATCH_ROWS - 1) * b->ncols], err);
}

int batch_flush(struct gtd_store *st, struct store_batch *b, struct gtd_error *err)
{
	int n = b->pending;

	b->pending = 0;
	for (int r = 0; r < n; r++) {
		bind_values(b, b->one, &b->v[r * b->ncols], 1);
		if (run(st, b, b->one, 1, &b->v[r * b->ncols], err))
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
