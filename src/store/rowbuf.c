/* Multi-row inserts for the big integer-only tables: one statement binds
 * ROWBUF_ROWS rows, roughly halving the per-row cost of a single-row
 * INSERT (measured: shared/research/conventions.md §4.2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static char *values_sql(const char *table_cols, int ncols, int rows)
{
	size_t cap = strlen(table_cols) + 32 + (size_t)rows * ((size_t)ncols * 2 + 4);
	char *sql = malloc(cap), *p;

	if (!sql)
		return NULL;
	p = sql + sprintf(sql, "INSERT INTO %s VALUES ", table_cols);
	for (int r = 0; r < rows; r++) {
		*p++ = r ? ',' : ' ';
		*p++ = '(';
		for (int c = 0; c < ncols; c++) {
			if (c)
				*p++ = ',';
			*p++ = '?';
		}
		*p++ = ')';
	}
	*p = '\0';
	return sql;
}

static int prepare(struct gtd_store *st, const char *table_cols, int ncols, int rows,
		   sqlite3_stmt **s, struct gtd_error *err)
{
	char *sql = values_sql(table_cols, ncols, rows);
	int rc;

	if (!sql)
		return gtd_fail(err, GTD_ENOMEM, "out of memory");
	rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, NULL);
	free(sql);
	return rc == SQLITE_OK ? GTD_OK : store_db_error(st, err, table_cols);
}

int rowbuf_init(struct gtd_store *st, struct rowbuf *rb, const char *table_cols, int ncols,
		struct gtd_error *err)
{
	memset(rb, 0, sizeof *rb);
	rb->ncols = ncols;
	if (prepare(st, table_cols, ncols, ROWBUF_ROWS, &rb->many, err) ||
	    prepare(st, table_cols, ncols, 1, &rb->one, err))
		return err->code;
	return GTD_OK;
}

void rowbuf_free(struct rowbuf *rb)
{
	sqlite3_finalize(rb->many);
	sqlite3_finalize(rb->one);
	memset(rb, 0, sizeof *rb);
}

static int run(struct gtd_store *st, sqlite3_stmt *s, const int64_t *vals, int n,
	       struct gtd_error *err)
{
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(s, i + 1, vals[i]);
	if (store_step(st, s, err))
		return err->code;
	return GTD_OK;
}

int rowbuf_add(struct gtd_store *st, struct rowbuf *rb, const int64_t *row, struct gtd_error *err)
{
	memcpy(rb->vals + (size_t)rb->n * (size_t)rb->ncols, row, sizeof *row * (size_t)rb->ncols);
	if (++rb->n < ROWBUF_ROWS)
		return GTD_OK;
	rb->n = 0;
	if (run(st, rb->many, rb->vals, ROWBUF_ROWS * rb->ncols, err))
		return err->code;
	st->rows += ROWBUF_ROWS - 1; /* store_step counted one */
	return GTD_OK;
}

int rowbuf_flush(struct gtd_store *st, struct rowbuf *rb, struct gtd_error *err)
{
	int n = rb->n;

	rb->n = 0;
	for (int r = 0; r < n; r++)
		if (run(st, rb->one, rb->vals + (size_t)r * (size_t)rb->ncols, rb->ncols, err))
			return err->code;
	return GTD_OK;
}
