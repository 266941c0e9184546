/* Multi-row INSERTs (see store_int.h, struct store_batch). */
#include <stdio.h>
#include <stdlib.h>

#include "store_int.h"

int batch_prepare(struct gtd_store *st, struct store_batch *b, const char *head, int ncols,
		  struct gtd_error *err)
{
	char sql[4096];
	size_t n;

	b->ncols = ncols;
	b->pending = 0;
	n = (size_t)snprintf(sql, sizeof sql, "%s VALUES ", head);
	for (int r = 0; r < BATCH_ROWS; r++)
		for (int c = 0; c < ncols && n < sizeof sql; c++)
			n += (size_t)snprintf(sql + n, sizeof sql - n, "%s%s%s", c == 0 ? (r ? ",(" : "(") : "",
					      "?", c == ncols - 1 ? ")" : ",");
	if (n >= sizeof sql)
		return gtd_fail(err, GTD_EDB, "database: a batch INSERT longer than %zu bytes", sizeof sql);
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &b->many, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	/* the same statement cut after its first row */
	sql[strlen(head) + strlen(" VALUES ") + (size_t)ncols * 2 + 1] = '\0';
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &b->one, NULL) != SQLITE_OK)
		return store_db_error(st, err, sql);
	return GTD_OK;
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
