/* The semantic layer's records (sink.h) from a unit's semantic view:
 * objects with their go/types strings and constant values, the methods of
 * their types, and the type of every global Type element, all types named
 * by their shape in the unit's list of distinct types (src/gotype/shapes.c). */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/error.h"
#include "gotypedb/uirsem.h"
#include "gotypedb/shapes.h"

static const char *const obj_kinds[] = {
	[GTD_OBJ_ALIAS] = "alias", [GTD_OBJ_CONST] = "const", [GTD_OBJ_TYPE] = "type",
	[GTD_OBJ_FUNC] = "func", [GTD_OBJ_VAR] = "var",
};

static const enum gtd_go_obj_kind go_obj_kinds[] = {
	[GTD_OBJ_ALIAS] = GTD_GOOBJ_ALIAS, [GTD_OBJ_CONST] = GTD_GOOBJ_CONST,
	[GTD_OBJ_TYPE] = GTD_GOOBJ_TYPE, [GTD_OBJ_FUNC] = GTD_GOOBJ_FUNC, [GTD_OBJ_VAR] = GTD_GOOBJ_VAR,
};

static struct gtd_bytes text(const struct gtd_strbuf *b)
{
	return gtd_bytes_of(b->p ? b->p : "", b->n);
}


/* The strings emitted count against the unit's budget too (after its
 * types': gtd_uir_semantic_budget): a flattened method set is written out
 * for every interface type that has it. */
static int spend(size_t *left, size_t n, struct gtd_error *err)
{
	if (n <= *left) {
		*left -= n;
		return GTD_OK;
	}
	return gtd_fail(err, GTD_ELIMIT,
			"unsupported: the unit's types and strings take more than its budget to describe");
}

static int emit_methods(const struct gtd_uir_object *o, const struct gtd_sink *sink,
			struct gtd_strbuf *b, size_t *left, struct gtd_error *err)
{
	const struct gtd_gotype *named = o->type, *under;
	struct gtd_gomethod_set set = { 0 };
	struct gtd_method_rec r = { .obj_idx = o->idx };
	int rc = GTD_OK;

	for (uint32_t i = 0; i < named->nmethods; i++) {
		gtd_strbuf_reset(b);
		gtd_go_method_string(b, &named->methods[i], NULL);
		gtd_go_string_cap(b);
		r.index = i;
		r.name = named->methods[i].name;
		r.object_string = text(b);
		if ((rc = spend(left, b->n, err)) || (rc = sink->method(sink->ctx, &r)))
			return rc;
	}
	under = gtd_go_underlying(named);
	if (!under || under->kind != GTD_GO_INTERFACE)
		return GTD_OK;
	gtd_go_interface_methods(under, NULL, &set);
	if (set.oom || set.too_deep)
		rc = gtd_fail(err, set.oom ? GTD_ENOMEM : GTD_EDATA, "Obj %u: the method set of %.*s",
			      o->idx, (int)o->name.n, (const char *)o->name.p);
	r.interface_set = 1;
	for (uint32_t i = 0; !rc && i < set.n; i++) {
		gtd_strbuf_reset(b);
		gtd_go_method_string(b, set.m[i].fn, set.m[i].env);
		gtd_go_string_cap(b);
		r.index = i;
		r.name = set.m[i].fn->name;
		r.object_string = text(b);
		if (!(rc = spend(left, b->n, err)))
			rc = sink->method(sink->ctx, &r);
	}
	gtd_go_method_set_free(&set);
	return rc;
}

static int emit_object(const struct gtd_uir_semantic *s, const struct gtd_uir_object *o,
		       uint32_t shape, uint32_t under_shape,
		       const struct gtd_sink *sink, struct gtd_strbuf *bufs, size_t *left,
		       struct gtd_error *err)
{
	const struct gtd_uir_model *m = s->m;
	struct gtd_object_rec r = { .idx = o->idx, .kind = obj_kinds[o->code] };

	r.pkg_path = o->pkg->path;
	r.pkg_name = o->pkg->name;
	r.name = o->name;
	gtd_strbuf_reset(&bufs[0]);
	gtd_go_object_string(&bufs[0], go_obj_kinds[o->code], o->pkg, o->name, o->type);
	gtd_go_string_cap(&bufs[0]);
	r.object_string = text(&bufs[0]);
	if (o->value) {
		gtd_strbuf_reset(&bufs[1]);
		if (gtd_uir_value_string(m, o->value, &bufs[1], err))
			return gtd_context(err, "Obj %u: its constant value", o->idx);
		r.value = text(&bufs[1]);
	}
	r.shape = shape;
	r.under_shape = under_shape;
	if (o->pos.base != GTD_NONE && o->pos.base < gtd_pkgbits_elems(m->pb, GTD_SEC_POSBASE) &&
	    gtd_pkgbits_string(m->pb, m->posbases[o->pos.base].filename, &r.file))
		return err->code;
	r.line = o->pos.line;
	r.col = o->pos.col;
	if (bufs[0].oom || bufs[1].oom)
		return gtd_fail(err, GTD_ENOMEM, "out of memory for object strings");
	if (spend(left, bufs[0].n + (o->value ? bufs[1].n : 0), err))
		return err->code;
	return sink->object(sink->ctx, &r);
}

/* Every type the rows name, numbered: objects' types, types' underlying
 * types, global Type elements. */
static int build_shapes(const struct gtd_uir_semantic *s, struct gtd_shapes *S, uint32_t *obj_shape,
			uint32_t *under_shape, uint32_t *type_shape)
{
	for (uint32_t i = 0; i < s->nobjs; i++) {
		const struct gtd_uir_object *o = &s->objs[i];

		under_shape[i] = GTD_NO_SHAPE;
		if (gtd_shapes_of(S, o->type, &obj_shape[i]) ||
		    (o->code == GTD_OBJ_TYPE && gtd_shapes_of(S, gtd_go_underlying(o->type), &under_shape[i])))
			return gtd_context(S->err, "Obj %u", o->idx);
	}
	for (uint32_t i = 0; i < s->ntypes; i++)
		if (s->types[i] && gtd_shapes_of(S, s->types[i], &type_shape[i]))
			return gtd_context(S->err, "Type %u", i);
	return GTD_OK;
}

int gtd_uir_emit_semantic(const struct gtd_uir_semantic *s, const struct gtd_sink *sink,
			  struct gtd_error *err)
{
	struct gtd_strbuf bufs[2] = { { 0 } };
	uint32_t *obj_shape = calloc(s->nobjs + 1, sizeof *obj_shape);
	uint32_t *under_shape = calloc(s->nobjs + 1, sizeof *under_shape);
	uint32_t *type_shape = calloc(s->ntypes + 1, sizeof *type_shape);
	struct gtd_shapes S;
	size_t left;
	int rc = GTD_OK;

	gtd_shapes_init(&S, gtd_uir_semantic_budget(s->m->pb->hashed.n), err);
	if (!obj_shape || !under_shape || !type_shape)
		rc = gtd_fail(err, GTD_ENOMEM, "out of memory for the semantic layer");
	if (!rc)
		rc = build_shapes(s, &S, obj_shape, under_shape, type_shape);
	for (uint32_t i = 0; !rc && i < S.n; i++)
		rc = sink->shape(sink->ctx, &S.v[i]);
	left = S.budget > S.arena.total ? S.budget - S.arena.total : 0;
	for (uint32_t i = 0; !rc && i < s->nobjs; i++) {
		const struct gtd_uir_object *o = &s->objs[i];

		rc = emit_object(s, o, obj_shape[i], under_shape[i], sink, bufs, &left, err);
		if (!rc && o->code == GTD_OBJ_TYPE)
			rc = emit_methods(o, sink, &bufs[0], &left, err);
	}
	for (uint32_t i = 0; !rc && i < s->ntypes; i++) {
		struct gtd_type_rec r = { .idx = i };

		if (!s->types[i])
			continue;
		r.shape = type_shape[i];
		rc = sink->type(sink->ctx, &r);
	}
	for (int k = 0; k < 2; k++)
		gtd_strbuf_free(&bufs[k]);
	gtd_shapes_free(&S);
	free(obj_shape);
	free(under_shape);
	free(type_shape);
	return rc;
}
