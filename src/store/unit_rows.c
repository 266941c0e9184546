/* Writing a staged unit: its strings interned, the unit row with their ids
 * (unit.string_ids), and its sections with their JSON arrays. */
#include "store_int.h"

static void bind_bytes_text(sqlite3_stmt *s, int i, struct gtd_bytes b)
{
	sqlite3_bind_text(s, i, b.n ? (const char *)b.p : "", (int)b.n, SQLITE_STATIC);
}

static int write_unit(struct gtd_store *st, const struct gtd_unit_rec *u, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_UNIT];
	int i = 1;

	st->cur_unit = st->next_unit_id++;
	sqlite3_bind_int64(s, i++, st->cur_unit);
	sqlite3_bind_int64(s, i++, st->cur_content);
	bind_bytes_text(s, i++, u->header);
	bind_bytes_text(s, i++, u->goos);
	bind_bytes_text(s, i++, u->goarch);
	bind_bytes_text(s, i++, u->go_version);
	bind_bytes_text(s, i++, u->arch_variant);
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
	sqlite3_bind_text(s, i++, st->string_ids.p, (int)st->string_ids.n, SQLITE_STATIC);
	return store_step(st, s, err);
}

/* Interns the unit's strings and renders unit.string_ids. */
static int intern_strings(struct gtd_store *st, const struct gtd_stage *stage,
			  struct gtd_error *err)
{
	struct gtd_strbuf *b = &st->string_ids;

	gtd_strbuf_reset(b);
	gtd_strbuf_putc(b, '[');
	for (size_t i = 0; i < stage->nstrings; i++) {
		int64_t id;

		if (i + 8 < stage->nstrings)
			gtd_bmap_prefetch(&st->strings, stage->strings[i + 8].hash);
		if (store_intern(st, stage->strings[i].text, stage->strings[i].hash, &id, err))
			return err->code;
		if (i)
			gtd_strbuf_putc(b, ',');
		gtd_strbuf_putu(b, (uint64_t)id);
	}
	gtd_strbuf_putc(b, ']');
	return b->oom ? gtd_fail(err, GTD_ENOMEM, "out of memory for string ids") : GTD_OK;
}

static int write_section(struct gtd_store *st, unsigned k, const struct gtd_stage_section *sec,
			 struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_UNIT_SECTION];

	sqlite3_bind_int64(s, 1, st->cur_unit);
	sqlite3_bind_int(s, 2, (int)k);
	sqlite3_bind_int64(s, 3, sec->elems);
	sqlite3_bind_int64(s, 4, sec->bytes);
	sqlite3_bind_text(s, 5, sec->elements.p, (int)sec->elements.n, SQLITE_STATIC);
	/* String elements are raw bytes: no reference tables. */
	if (k == GTD_SEC_STRING)
		sqlite3_bind_null(s, 6);
	else
		sqlite3_bind_text(s, 6, sec->refs.p, (int)sec->refs.n, SQLITE_STATIC);
	return store_step(st, s, err);
}

static int write_stage_rows(struct gtd_store *st, const struct gtd_stage *stage,
			    struct gtd_error *err)
{
	if (intern_strings(st, stage, err) || write_unit(st, &stage->unit, err))
		return err->code;
	for (unsigned k = 0; k < GTD_NUM_SECTIONS; k++)
		if (write_section(st, k, &stage->sec[k], err))
			return err->code;
	return store_write_semantic(st, stage, err);
}

/* What failed half-written is dropped with the store marked broken (the
 * maps already count its rows as stored); what succeeded is run before
 * the stage goes: the batched rows point into it. */
static int batches_after(struct gtd_store *st, int rc, struct gtd_error *err)
{
	if (rc) {
		store_drop_batches(st);
		st->broken = 1;
	} else {
		rc = store_flush_batches(st, err);
	}
	gtd_arena_free(&st->batch_texts);
	return rc;
}

int gtd_store_write_records(struct gtd_store *st, const struct gtd_stage_runtime *rt, struct gtd_error *err)
{
	if (st->broken)
		return gtd_fail(err, GTD_EDB, "database: an earlier write failed");
	return batches_after(st, store_write_runtime_records(st, rt, err), err);
}

int gtd_store_write_stage(struct gtd_store *st, struct gtd_stage *stage,
			  struct gtd_error *err)
{
	int rc;

	if (st->broken)
		return gtd_fail(err, GTD_EDB, "database: an earlier write failed");
	if (!stage->has_unit && !stage->rt.binaries.n)
		return GTD_OK;
	if (stage->has_unit) {
		rc = write_stage_rows(st, stage, err);
	} else {
		if (!stage->records_taken && (rc = gtd_store_write_records(st, &stage->rt, err)))
			return rc;
		rc = store_write_runtime_types(st, stage, err);
	}
	return batches_after(st, rc, err);
}
