/* The sink that writes one content's Unified IR records. */
#include "store_int.h"

static void bind_bytes_text(sqlite3_stmt *s, int i, struct gtd_bytes b)
{
	sqlite3_bind_text(s, i, b.n ? (const char *)b.p : "", (int)b.n, SQLITE_STATIC);
}

static int on_unit(void *ctx, const struct gtd_unit_rec *u)
{
	struct gtd_store *st = ctx;
	sqlite3_stmt *s = st->stmt[ST_UNIT];
	int i = 1;

	st->cur_unit = st->next_unit_id++;
	sqlite3_bind_int64(s, i++, st->cur_unit);
	sqlite3_bind_int64(s, i++, st->cur_content);
	bind_bytes_text(s, i++, u->header);
	bind_bytes_text(s, i++, u->goos);
	bind_bytes_text(s, i++, u->goarch);
	bind_bytes_text(s, i++, u->go_version);
	bind_bytes_text(s, i++, u->experiments);
	if (u->build_id.n)
		bind_bytes_text(s, i++, u->build_id);
	else
		sqlite3_bind_null(s, i++);
	sqlite3_bind_int(s, i++, u->is_main);
	sqlite3_bind_int64(s, i++, (sqlite3_int64)u->export_off);
	sqlite3_bind_int64(s, i++, (sqlite3_int64)u->export_size);
	sqlite3_bind_int(s, i++, (int)u->version);
	sqlite3_bind_int64(s, i++, u->flags);
	sqlite3_bind_int(s, i++, u->sync_markers);
	sqlite3_bind_blob(s, i++, u->fingerprint, sizeof u->fingerprint, SQLITE_STATIC);
	sqlite3_bind_text(s, i++, u->fingerprint_hash ? u->fingerprint_hash : "unchecked", -1,
			  SQLITE_STATIC);
	bind_bytes_text(s, i++, u->pkg_path);
	sqlite3_bind_int64(s, i++, u->elems);
	sqlite3_bind_int64(s, i++, u->data_bytes);
	return store_step(st, s, &st->sink_err);
}

static int on_section(void *ctx, unsigned section, uint32_t elems, uint32_t bytes)
{
	struct gtd_store *st = ctx;
	sqlite3_stmt *s = st->stmt[ST_UNIT_SECTION];

	sqlite3_bind_int64(s, 1, st->cur_unit);
	sqlite3_bind_int(s, 2, (int)section);
	sqlite3_bind_int64(s, 3, elems);
	sqlite3_bind_int64(s, 4, bytes);
	return store_step(st, s, &st->sink_err);
}

static int on_string(void *ctx, uint32_t idx, struct gtd_bytes text)
{
	struct gtd_store *st = ctx;
	int64_t row[3] = { st->cur_unit, idx, 0 };

	if (store_intern(st, text, &row[2], &st->sink_err))
		return st->sink_err.code;
	return rowbuf_add(st, &st->unit_strings, row, &st->sink_err);
}

static int on_element(void *ctx, unsigned section, uint32_t idx, uint32_t off, uint32_t len)
{
	struct gtd_store *st = ctx;
	int64_t row[5] = { st->cur_unit, section, idx, off, len };

	return rowbuf_add(st, &st->elements, row, &st->sink_err);
}

static int on_ref(void *ctx, unsigned section, uint32_t idx, uint32_t slot,
		  unsigned ref_section, uint32_t ref_idx)
{
	struct gtd_store *st = ctx;
	int64_t row[6] = { st->cur_unit, section, idx, slot, ref_section, ref_idx };

	return rowbuf_add(st, &st->refs, row, &st->sink_err);
}

void store_sink_init(struct gtd_store *st)
{
	st->sink.ctx = st;
	st->sink.unit = on_unit;
	st->sink.section = on_section;
	st->sink.string = on_string;
	st->sink.element = on_element;
	st->sink.ref = on_ref;
}
