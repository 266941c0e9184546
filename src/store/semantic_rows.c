/* Writing a staged unit's semantic layer: packages and typedefs interned
 * in memory (packages by "path_id,name_id", typedefs by canonical text: the
 * keys store_load_maps builds from an existing database), then uir_object,
 * uir_unit rows.
 *
 * The stage comes from gotypedb's own decoder, which numbers the shapes it
 * names, emits Type elements in index order and each object's methods right
 * after it (stage.c also checks objects' and types' shapes as they arrive):
 * a stage that breaks these rules here is a bug, an internal error, not bad
 * input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/digest.h"

#include "store_int.h"

static int intern_text(struct gtd_store *st, const struct gtd_stage_text *t, int64_t *id,
		       struct gtd_error *err)
{
	/* Strings only a new typedef needs are staged unhashed (hash 0): most
	 * types were seen in an earlier unit, so hash them only here. */
	return store_intern(st, t->text, t->hash ? t->hash : gtd_hash64(t->text.p, t->text.n), id, err);
}

static int intern_package(struct gtd_store *st, const struct gtd_stage_text *path,
			  const struct gtd_stage_text *name, int64_t *id, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_PACKAGE];
	int64_t path_id, name_id;
	uint64_t *slot;
	uint8_t key[16];
	int inserted;

	if (intern_text(st, path, &path_id, err) || intern_text(st, name, &name_id, err))
		return err->code;
	package_key(path_id, name_id, key);
	if (gtd_bmap_upsert(&st->packages, key, sizeof key, &slot, &inserted))
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

static const char *const part_roles[] = {
	[GTD_PART_ELEM] = "elem", [GTD_PART_KEY] = "key", [GTD_PART_TARG] = "targ",
	[GTD_PART_TERM] = "term", [GTD_PART_EMBEDDED] = "embedded",
	[GTD_PART_BOUND] = "bound", [GTD_PART_FIELD] = "field", [GTD_PART_PARAM] = "param",
	[GTD_PART_RESULT] = "result", [GTD_PART_METHOD] = "method",
};

/* A new typedef row (its parts are written once every shape of the unit
 * has its typeid). */
static int insert_typedef(struct gtd_store *st, const struct gtd_stage_shape *sh, int64_t typeid,
			  int64_t canonical_id, struct gtd_error *err)
{
	struct store_batch *b = &st->batch[B_TYPEDEF];
	struct batch_value *v = batch_row(b);
	int64_t package_id = 0, name_id = 0;

	if ((sh->pkg_path.text.p && intern_package(st, &sh->pkg_path, &sh->pkg_name, &package_id, err)) ||
	    (sh->name.text.p && intern_text(st, &sh->name, &name_id, err)))
		return err->code;
	bv_int(&v[0], typeid);
	bv_text(&v[1], SQLITE_TEXT, sh->kind, -1);
	bv_int(&v[2], canonical_id);
	if (sh->pkg_path.text.p)
		bv_int(&v[3], package_id);
	else
		bv_null(&v[3]);
	if (sh->name.text.p)
		bv_int(&v[4], name_id);
	else
		bv_null(&v[4]);
	if (strcmp(sh->kind, "array") == 0)
		bv_int(&v[5], (int64_t)sh->len);
	else
		bv_null(&v[5]);
	if (strcmp(sh->kind, "chan") == 0)
		bv_text(&v[6], SQLITE_TEXT, sh->dir == 1 ? "send" : sh->dir == 2 ? "recv" : "both", -1);
	else
		bv_null(&v[6]);
	if (strcmp(sh->kind, "func") == 0)
		bv_int(&v[7], sh->variadic);
	else
		bv_null(&v[7]);
	return batch_add(st, b, err);
}

/* A part's optional string column: its string id, or NULL. */
static int opt_text_value(struct gtd_store *st, struct gtd_bytes t, struct batch_value *v,
			  struct gtd_error *err)
{
	int64_t id;

	if (!t.p) {
		bv_null(v);
		return GTD_OK;
	}
	if (store_intern(st, t, gtd_hash64(t.p, t.n), &id, err))
		return err->code;
	bv_int(v, id);
	return GTD_OK;
}

static int write_parts(struct gtd_store *st, const struct gtd_stage *stage, const struct gtd_stage_shape *sh,
		       int64_t typeid, struct gtd_error *err)
{
	struct store_batch *b = &st->batch[B_TYPEDEF_PART];

	for (uint32_t i = 0; i < sh->nparts; i++) {
		const struct gtd_stage_part *p = &sh->parts[i];
		struct batch_value *v = batch_row(b);

		if (p->shape >= stage->nshapes || p->role >= GTD_PART_NROLES)
			return gtd_fail(err, GTD_EINTERNAL, "a type part names type %u of %zu", p->shape,
					stage->nshapes);
		bv_int(&v[0], typeid);
		bv_text(&v[1], SQLITE_TEXT, part_roles[p->role], -1);
		bv_int(&v[2], p->idx);
		bv_int(&v[3], st->shape_typeids[p->shape]);
		if (opt_text_value(st, p->name, &v[4], err) || opt_text_value(st, p->pkg_path, &v[5], err) ||
		    opt_text_value(st, p->tag, &v[6], err))
			return err->code;
		bv_int(&v[7], p->flag);
		if (batch_add(st, b, err))
			return err->code;
	}
	return GTD_OK;
}

/* Every distinct type of the unit: its typeid (st->shape_typeids), and for
 * one seen for the first time, its typedef row and parts; a typedef stored
 * without parts (a binary's instance) gets them from the first unit that
 * has some (TYPEID_PARTLESS). */
int store_write_shapes(struct gtd_store *st, const struct gtd_stage *stage, struct gtd_error *err)
{
	uint8_t *fresh;

	if (stage->nshapes > st->cap_shape_typeids) {
		int64_t *v = realloc(st->shape_typeids, stage->nshapes * sizeof *v);

		if (!v)
			return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu types", stage->nshapes);
		st->shape_typeids = v;
		st->cap_shape_typeids = stage->nshapes;
	}
	if (!(fresh = calloc(stage->nshapes + 1, 1)))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for %zu types", stage->nshapes);
	for (size_t i = 0; i < stage->nshapes; i++) {
		const struct gtd_stage_shape *sh = &stage->shapes[i];
		int64_t canonical_id;
		uint8_t key[8];
		uint64_t *slot;
		int inserted;

		if (i + 8 < stage->nshapes)
			gtd_bmap_prefetch(&st->strings, stage->shapes[i + 8].canonical.hash);
		if (intern_text(st, &sh->canonical, &canonical_id, err)) {
			free(fresh);
			return err->code;
		}
		typeid_key(canonical_id, key);
		if (gtd_bmap_upsert(&st->typeids, key, sizeof key, &slot, &inserted)) {
			free(fresh);
			return gtd_fail(err, GTD_ENOMEM, "out of memory for typedefs");
		}
		/* fresh: its parts are written below, a new typedef's or those
		 * that one stored without parts lacked */
		if (inserted)
			*slot = (uint64_t)st->next_typeid++ | (sh->nparts ? 0 : TYPEID_PARTLESS);
		fresh[i] = inserted || ((*slot & TYPEID_PARTLESS) && sh->nparts);
		if (fresh[i] && !inserted)
			*slot &= ~TYPEID_PARTLESS;
		st->shape_typeids[i] = (int64_t)(*slot & ~TYPEID_PARTLESS);
		if (inserted && insert_typedef(st, sh, st->shape_typeids[i], canonical_id, err)) {
			free(fresh);
			return err->code;
		}
	}
	for (size_t i = 0; i < stage->nshapes; i++)
		if (fresh[i] && write_parts(st, stage, &stage->shapes[i], st->shape_typeids[i], err)) {
			free(fresh);
			return err->code;
		}
	free(fresh);
	return GTD_OK;
}

/* The typeid of shape i of the staged unit. */
static int shape_typeid(const struct gtd_store *st, const struct gtd_stage *stage, uint32_t i,
			int64_t *typeid, struct gtd_error *err)
{
	if (i >= stage->nshapes)
		return gtd_fail(err, GTD_EINTERNAL, "a row names type %u of %zu", i, stage->nshapes);
	*typeid = st->shape_typeids[i];
	return GTD_OK;
}


/* uir_decl.methods of the object whose methods are m[0..n): their
 * [set, idx, name, object_string] entries. */
static int render_methods(struct gtd_store *st, const struct gtd_stage_method *m, size_t n,
			  struct gtd_error *err)
{
	struct gtd_strbuf *b = &st->methods;

	gtd_strbuf_reset(b);
	for (size_t i = 0; i < n; i++) {
		gtd_strbuf_puts(b, i ? ",[" : "[[");
		gtd_strbuf_putu(b, (uint64_t)m[i].interface_set);
		gtd_strbuf_putc(b, ',');
		gtd_strbuf_putu(b, m[i].index);
		gtd_strbuf_putc(b, ',');
		gtd_strbuf_put_json_string(b, m[i].name.text);
		gtd_strbuf_putc(b, ',');
		gtd_strbuf_put_json_string(b, m[i].object_string.text);
		gtd_strbuf_putc(b, ']');
	}
	if (n)
		gtd_strbuf_putc(b, ']');
	return b->oom ? gtd_fail(err, GTD_ENOMEM, "out of memory for methods") : GTD_OK;
}

/* A new declaration: its strings, package and types interned, its row. */
static int write_decl(struct gtd_store *st, const struct gtd_stage *stage,
		      const struct gtd_stage_object *o, size_t nmethods, int64_t id, struct gtd_error *err)
{
	struct store_batch *b = &st->batch[B_UIR_DECL];
	struct batch_value *v = batch_row(b);
	int64_t package_id = 0, name_id = 0, typeid = 0, under = 0, file_id = 0;

	if (intern_package(st, &o->pkg_path, &o->pkg_name, &package_id, err) ||
	    intern_text(st, &o->name, &name_id, err) || shape_typeid(st, stage, o->shape, &typeid, err) ||
	    (o->under_shape != GTD_NO_SHAPE && shape_typeid(st, stage, o->under_shape, &under, err)) ||
	    (o->file.text.n && intern_text(st, &o->file, &file_id, err)))
		return err->code;
	bv_int(&v[0], id);
	bv_text(&v[1], SQLITE_BLOB, o->decl_hash, (int)sizeof o->decl_hash);
	bv_int(&v[2], package_id);
	bv_int(&v[3], name_id);
	bv_text(&v[4], SQLITE_TEXT, o->kind, -1);
	bv_int(&v[5], typeid);
	if (o->under_shape != GTD_NO_SHAPE)
		bv_int(&v[6], under);
	else
		bv_null(&v[6]);
	bv_text(&v[7], SQLITE_TEXT, o->object_string.text.p, (int)o->object_string.text.n);
	if (o->value.text.p)
		bv_text(&v[8], SQLITE_TEXT, o->value.text.p, (int)o->value.text.n);
	else
		bv_null(&v[8]);
	if (nmethods) {
		/* st->methods is rendered again for the next declaration */
		const void *copy = gtd_arena_dup(&st->batch_texts, st->methods.p, st->methods.n);

		if (!copy)
			return gtd_fail(err, GTD_ENOMEM, "out of memory for methods");
		bv_text(&v[9], SQLITE_TEXT, copy, (int)st->methods.n);
	} else {
		bv_null(&v[9]);
	}
	if (o->file.text.n)
		bv_int(&v[10], file_id);
	else
		bv_null(&v[10]);
	bv_int(&v[11], o->line);
	bv_int(&v[12], o->col);
	return batch_add(st, b, err);
}

/* The object's [idx, decl_id] entry of uir_unit.objects, and its
 * declaration unless known. */
static int write_object(struct gtd_store *st, const struct gtd_stage *stage,
			const struct gtd_stage_object *o, const struct gtd_stage_method *methods,
			size_t avail, size_t *nmethods, struct gtd_error *err)
{
	struct gtd_strbuf *b = &st->objects;
	uint64_t *slot;
	int64_t id;
	int inserted;

	for (*nmethods = 0; *nmethods < avail && methods[*nmethods].obj_idx == o->idx; (*nmethods)++)
		;
	if (gtd_bmap_upsert(&st->decls, o->decl_hash, sizeof o->decl_hash, &slot, &inserted))
		return gtd_fail(err, GTD_ENOMEM, "out of memory for declarations");
	if (inserted) {
		*slot = (uint64_t)(id = st->next_decl_id++);
		if (render_methods(st, methods, *nmethods, err) || write_decl(st, stage, o, *nmethods, id, err))
			return err->code;
	}
	gtd_strbuf_puts(b, b->n > 1 ? ",[" : "[");
	gtd_strbuf_putu(b, o->idx);
	gtd_strbuf_putc(b, ',');
	gtd_strbuf_putu(b, *slot);
	gtd_strbuf_putc(b, ']');
	return GTD_OK;
}


/* uir_unit: objects (rendered by write_object) and typeids, [typeid or
 * null, ...] by Type element index. */
static int write_uir_unit(struct gtd_store *st, const struct gtd_stage *stage, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_UIR_UNIT];
	struct gtd_strbuf *b = &st->string_ids;
	uint32_t ntypes = stage->sec[GTD_SEC_TYPE].elems, next = 0;

	gtd_strbuf_reset(b);
	gtd_strbuf_putc(b, '[');
	for (size_t i = 0; i < stage->ntypes; i++) {
		const struct gtd_stage_type *t = &stage->types[i];
		int64_t typeid = 0;

		if (t->idx < next || t->idx >= ntypes)
			return gtd_fail(err, GTD_EINTERNAL, "Type %u: out of order", t->idx);
		if (shape_typeid(st, stage, t->shape, &typeid, err))
			return err->code;
		for (; next < t->idx; next++)
			gtd_strbuf_puts(b, next ? ",null" : "null");
		if (next++)
			gtd_strbuf_putc(b, ',');
		gtd_strbuf_putu(b, (uint64_t)typeid);
	}
	for (; next < ntypes; next++)
		gtd_strbuf_puts(b, next ? ",null" : "null");
	gtd_strbuf_putc(b, ']');
	gtd_strbuf_putc(&st->objects, ']');
	if (b->oom || st->objects.oom)
		return gtd_fail(err, GTD_ENOMEM, "out of memory for uir_unit");
	sqlite3_bind_int64(s, 1, st->cur_unit);
	sqlite3_bind_text(s, 2, st->objects.p, (int)st->objects.n, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, b->p, (int)b->n, SQLITE_STATIC);
	return store_step(st, s, err);
}

int store_write_semantic(struct gtd_store *st, const struct gtd_stage *stage, struct gtd_error *err)
{
	size_t m = 0, n;

	if (store_write_shapes(st, stage, err))
		return err->code;
	gtd_strbuf_reset(&st->objects);
	gtd_strbuf_putc(&st->objects, '[');
	/* The decoder emits each object's methods right after the object. */
	for (size_t i = 0; i < stage->nobjects; i++) {
		if (i + 4 < stage->nobjects)
			gtd_bmap_prefetch(&st->decls, gtd_hash64(stage->objects[i + 4].decl_hash,
							   sizeof stage->objects[i + 4].decl_hash));
		if (write_object(st, stage, &stage->objects[i], stage->methods + m, stage->nmethods - m, &n, err))
			return err->code;
		m += n;
	}
	if (m != stage->nmethods)
		return gtd_fail(err, GTD_EINTERNAL, "methods staged without their type");
	return write_uir_unit(st, stage, err);
}
