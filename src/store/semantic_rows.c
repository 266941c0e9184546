/* Writing a staged unit's semantic layer: packages and typedefs interned
 * (by their string ids, in memory), then uir_object, uir_method and
 * uir_type rows.  Map keys are the decimal ids "a,b" / "a", the same text
 * store_load_maps builds from an existing database. */
#include <stdio.h>

#include "store_int.h"

static int intern_text(struct gtd_store *st, const struct gtd_stage_text *t, int64_t *id,
		       struct gtd_error *err)
{
	return store_intern(st, t->text, t->hash, id, err);
}

static int intern_package(struct gtd_store *st, const struct gtd_stage_object *o, int64_t *id,
			  struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_PACKAGE];
	int64_t path_id, name_id;
	uint64_t *slot;
	char key[48];
	int n, inserted;

	if (intern_text(st, &o->pkg_path, &path_id, err) || intern_text(st, &o->pkg_name, &name_id, err))
		return err->code;
	n = snprintf(key, sizeof key, "%lld,%lld", (long long)path_id, (long long)name_id);
	if (gtd_bmap_upsert(&st->packages, key, (size_t)n, &slot, &inserted))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for packages");
	if (!inserted) {
		*id = (int64_t)*slot;
		return GTD_OK;
	}
	*id = st->next_package_id++;
	*slot = (uint64_t)*id;
	sqlite3_bind_int64(s, 1, *id);
	sqlite3_bind_int64(s, 2, path_id);
	sqlite3_bind_int64(s, 3, name_id);
	return store_step(st, s, err);
}

static int intern_typeid(struct gtd_store *st, const struct gtd_stage_text *canonical,
			 const char *kind, int64_t *typeid, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_TYPEDEF];
	int64_t canonical_id;
	uint64_t *slot;
	char key[24];
	int n, inserted;

	if (intern_text(st, canonical, &canonical_id, err))
		return err->code;
	n = snprintf(key, sizeof key, "%lld", (long long)canonical_id);
	if (gtd_bmap_upsert(&st->typeids, key, (size_t)n, &slot, &inserted))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for typedefs");
	if (!inserted) {
		*typeid = (int64_t)*slot;
		return GTD_OK;
	}
	*typeid = st->next_typeid++;
	*slot = (uint64_t)*typeid;
	sqlite3_bind_int64(s, 1, *typeid);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, canonical_id);
	return store_step(st, s, err);
}

static int write_object(struct gtd_store *st, const struct gtd_stage_object *o, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_UIR_OBJECT];
	int64_t package_id = 0, name_id = 0, typeid = 0, under = 0, os_id = 0, file_id = 0;

	if (intern_package(st, o, &package_id, err) || intern_text(st, &o->name, &name_id, err) ||
	    intern_typeid(st, &o->canonical, o->type_kind, &typeid, err) ||
	    (o->under_canonical.text.p &&
	     intern_typeid(st, &o->under_canonical, o->under_kind, &under, err)) ||
	    intern_text(st, &o->object_string, &os_id, err) ||
	    (o->file.text.n && intern_text(st, &o->file, &file_id, err)))
		return err->code;
	sqlite3_bind_int64(s, 1, st->cur_unit);
	sqlite3_bind_int64(s, 2, o->idx);
	sqlite3_bind_int64(s, 3, package_id);
	sqlite3_bind_int64(s, 4, name_id);
	sqlite3_bind_text(s, 5, o->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, typeid);
	if (o->under_canonical.text.p)
		sqlite3_bind_int64(s, 7, under);
	else
		sqlite3_bind_null(s, 7);
	sqlite3_bind_int64(s, 8, os_id);
	if (o->value.text.p)
		sqlite3_bind_text(s, 9, (const char *)o->value.text.p, (int)o->value.text.n, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 9);
	if (o->file.text.n)
		sqlite3_bind_int64(s, 10, file_id);
	else
		sqlite3_bind_null(s, 10);
	sqlite3_bind_int64(s, 11, o->line);
	sqlite3_bind_int64(s, 12, o->col);
	return store_step(st, s, err);
}

static int write_method(struct gtd_store *st, const struct gtd_stage_method *m, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_UIR_METHOD];
	int64_t name_id = 0, os_id = 0;

	if (intern_text(st, &m->name, &name_id, err) || intern_text(st, &m->object_string, &os_id, err))
		return err->code;
	sqlite3_bind_int64(s, 1, st->cur_unit);
	sqlite3_bind_int64(s, 2, m->obj_idx);
	sqlite3_bind_text(s, 3, m->interface_set ? "interface" : "declared", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, m->index);
	sqlite3_bind_int64(s, 5, name_id);
	sqlite3_bind_int64(s, 6, os_id);
	return store_step(st, s, err);
}

static int write_type(struct gtd_store *st, const struct gtd_stage_type *t, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_UIR_TYPE];
	int64_t typeid;

	if (intern_typeid(st, &t->canonical, t->type_kind, &typeid, err))
		return err->code;
	sqlite3_bind_int64(s, 1, st->cur_unit);
	sqlite3_bind_int64(s, 2, t->idx);
	sqlite3_bind_int64(s, 3, typeid);
	return store_step(st, s, err);
}

int store_write_semantic(struct gtd_store *st, const struct gtd_stage *stage, struct gtd_error *err)
{
	for (size_t i = 0; i < stage->nobjects; i++)
		if (write_object(st, &stage->objects[i], err))
			return err->code;
	for (size_t i = 0; i < stage->nmethods; i++)
		if (write_method(st, &stage->methods[i], err))
			return err->code;
	for (size_t i = 0; i < stage->ntypes; i++)
		if (write_type(st, &stage->types[i], err))
			return err->code;
	return GTD_OK;
}
