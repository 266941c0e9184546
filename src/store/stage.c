/* Staging: the decoder's records become unit_section's JSON arrays and
 * hashed strings, off the writer thread.  See include/gotypedb/stage.h. */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/digest.h"
#include "gotypedb/stage.h"
#include "stage_int.h"

static int on_unit(void *ctx, const struct gtd_unit_rec *u)
{
	struct gtd_stage *s = ctx;

	s->unit = *u;
	s->has_unit = 1;
	return GTD_OK;
}

static int on_section(void *ctx, unsigned section, uint32_t elems, uint32_t bytes)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_section *sec = &s->sec[section];

	sec->elems = elems;
	sec->bytes = bytes;
	/* "[off,len]," is about 14 bytes and a reference list about 16: grow
	 * once rather than by doubling and copying. */
	gtd_strbuf_reserve(&sec->elements, (size_t)elems * 14 + 2);
	gtd_strbuf_reserve(&sec->refs, (size_t)elems * 16 + 2);
	gtd_strbuf_putc(&sec->elements, '[');
	gtd_strbuf_putc(&sec->refs, '[');
	return GTD_OK;
}

static int on_string(void *ctx, uint32_t idx, struct gtd_bytes text)
{
	struct gtd_stage *s = ctx;

	if (idx != s->nstrings)
		return gtd_fail(s->err, GTD_EDATA, "strings must arrive in index order");
	if (s->nstrings == s->capstrings) {
		size_t cap = s->capstrings ? s->capstrings * 2 : 256;
		struct gtd_stage_string *v = realloc(s->strings, cap * sizeof *v);

		if (!v)
			return gtd_fail(s->err, GTD_ENOMEM, "out of memory for %zu strings", cap);
		s->strings = v;
		s->capstrings = cap;
	}
	s->strings[s->nstrings].text = text;
	s->strings[s->nstrings].hash = gtd_hash64(text.p, text.n);
	s->nstrings++;
	return GTD_OK;
}

static int on_element(void *ctx, unsigned section, uint32_t idx, uint32_t off, uint32_t len)
{
	struct gtd_stage *s = ctx;

	gtd_strbuf_put_pair(&s->sec[section].elements, idx != 0, off, len);
	return GTD_OK;
}

/* Opens reference lists up to element idx's, closing the ones before:
 * elements without references get "[]". */
static void open_ref_list(struct gtd_stage_section *sec, uint32_t idx)
{
	while (sec->ref_lists <= idx) {
		if (sec->ref_lists)
			gtd_strbuf_puts(&sec->refs, "],");
		gtd_strbuf_putc(&sec->refs, '[');
		sec->ref_lists++;
		sec->ref_list_empty = 1;
	}
}

static int on_ref(void *ctx, unsigned section, uint32_t idx, uint32_t slot,
		  unsigned ref_section, uint32_t ref_idx)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_section *sec = &s->sec[section];

	(void)slot; /* references arrive in slot order: slot is the pair's index */
	open_ref_list(sec, idx);
	gtd_strbuf_put_items2(&sec->refs, !sec->ref_list_empty, ref_section, ref_idx);
	sec->ref_list_empty = 0;
	return GTD_OK;
}

/* Grows *v (n used, cap allocated) by one item of size bytes. */
static void *grow(void **v, size_t *n, size_t *cap, size_t size, struct gtd_error *err)
{
	if (*n == *cap) {
		size_t ncap = stage_next_cap(*cap);
		void *p = realloc(*v, ncap * size);

		if (!p) {
			gtd_fail(err, GTD_ENOMEM, "out of memory for %zu semantic records", ncap);
			return NULL;
		}
		*v = p;
		*cap = ncap;
	}
	return (char *)*v + (*n)++ * size;
}

/* Copies a record's string (valid only during the call). */
static int keep_text(struct gtd_stage *s, struct gtd_bytes b, struct gtd_stage_text *out)
{
	void *p = gtd_arena_dup(&s->texts, b.n ? (const void *)b.p : "", b.n ? b.n : 1);

	if (!p)
		return gtd_fail(s->err, GTD_ENOMEM, "out of memory for semantic strings");
	out->text = gtd_bytes_of(p, b.n);
	out->hash = 0;
	return GTD_OK;
}

/* The same, hashed for the writer's interning maps. */
static int keep(struct gtd_stage *s, struct gtd_bytes b, struct gtd_stage_text *out)
{
	if (keep_text(s, b, out))
		return s->err->code;
	out->hash = gtd_hash64(out->text.p, out->text.n);
	return GTD_OK;
}

static int stage_object(struct gtd_stage *s, const struct gtd_object_rec *o);

/* A possibly absent string (p NULL) that shapes and parts repeat (field
 * names, package paths, tags): each distinct text kept once per stage, in
 * the map's own copy of its key (the value sits in front of it).  Not
 * hashed: only a typedef new to the store needs it, and the store hashes
 * it then. */
static int keep_shared_bytes(struct gtd_stage *s, struct gtd_bytes b, struct gtd_bytes *out)
{
	uint64_t *slot;
	int inserted;

	if (!b.p) {
		*out = gtd_bytes_of(NULL, 0);
		return GTD_OK;
	}
	if (gtd_bmap_upsert(&s->shared, b.n ? (const void *)b.p : "", b.n, &slot, &inserted))
		return gtd_fail(s->err, GTD_ENOMEM, "out of memory for semantic strings");
	*out = gtd_bytes_of(slot + 1, b.n);
	return GTD_OK;
}

static int keep_shared(struct gtd_stage *s, struct gtd_bytes b, struct gtd_stage_text *out)
{
	out->hash = 0;
	return keep_shared_bytes(s, b, &out->text);
}

static int on_shape(void *ctx, const struct gtd_shape_rec *sh)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_shape *r;

	if (sh->idx + s->rt.shape_base != s->nshapes)
		return gtd_fail(s->err, GTD_EDATA, "types must arrive in shape order");
	if (!(r = grow((void **)&s->shapes, &s->nshapes, &s->capshapes, sizeof *r, s->err)))
		return s->err->code;
	memset(r, 0, sizeof *r);
	r->kind = sh->kind;
	r->len = sh->len;
	r->dir = sh->dir;
	r->variadic = sh->variadic;
	if (keep(s, sh->canonical, &r->canonical) || keep_shared(s, sh->pkg_path, &r->pkg_path) ||
	    keep_shared(s, sh->pkg_name, &r->pkg_name) || keep_shared(s, sh->name, &r->name))
		return s->err->code;
	if (!sh->nparts)
		return GTD_OK;
	if (!(r->parts = gtd_arena_alloc(&s->texts, sh->nparts * sizeof *r->parts)))
		return gtd_fail(s->err, GTD_ENOMEM, "out of memory for type parts");
	r->nparts = sh->nparts;
	for (uint32_t i = 0; i < sh->nparts; i++) {
		const struct gtd_shape_part *p = &sh->parts[i];
		struct gtd_stage_part *q = &r->parts[i];

		memset(q, 0, sizeof *q);
		q->role = (uint8_t)p->role;
		q->flag = p->flag;
		q->idx = p->idx;
		q->shape = p->shape + s->rt.shape_base;
		if (keep_shared_bytes(s, p->name.n ? p->name : gtd_bytes_of(NULL, 0), &q->name) ||
		    keep_shared_bytes(s, p->pkg_path.n ? p->pkg_path : gtd_bytes_of(NULL, 0), &q->pkg_path) ||
		    keep_shared_bytes(s, p->tag.n ? p->tag : gtd_bytes_of(NULL, 0), &q->tag))
			return s->err->code;
	}
	return GTD_OK;
}

/* decl_key: each fact as a 4-byte little-endian length and its bytes, so
 * that no two different declarations serialize alike. */
static void key_put(struct gtd_stage *s, const void *p, size_t n)
{
	uint8_t len[4] = { (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)(n >> 16), (uint8_t)(n >> 24) };

	gtd_strbuf_putn(&s->decl_key, len, 4);
	gtd_strbuf_putn(&s->decl_key, p, n);
}

static void key_text(struct gtd_stage *s, const struct gtd_stage_text *t)
{
	key_put(s, t->text.p, t->text.n);
}

/* Little-endian whatever the machine: shards made on any machine merge. */
static void key_u32(struct gtd_stage *s, uint32_t v)
{
	uint8_t le[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	key_put(s, le, sizeof le);
}

/* Hashes the facts of the last staged object, its methods included. */
static int finish_decl(struct gtd_stage *s)
{
	if (!s->nobjects)
		return GTD_OK;
	if (s->decl_key.oom)
		return gtd_fail(s->err, GTD_ENOMEM, "out of memory for declaration keys");
	gtd_content_hash((const uint8_t *)s->decl_key.p, s->decl_key.n,
			 s->objects[s->nobjects - 1].decl_hash);
	gtd_strbuf_reset(&s->decl_key);
	return GTD_OK;
}

static int on_object(void *ctx, const struct gtd_object_rec *o)
{
	struct gtd_stage *s = ctx;

	if (finish_decl(s))
		return s->err->code;
	return stage_object(s, o);
}

static int stage_object(struct gtd_stage *s, const struct gtd_object_rec *o)
{
	struct gtd_stage_object *r;

	if (o->shape >= s->nshapes || (o->under_shape != GTD_NO_SHAPE && o->under_shape >= s->nshapes))
		return gtd_fail(s->err, GTD_EDATA, "Obj %u names a type beyond the %zu staged", o->idx,
				s->nshapes);
	if (!(r = grow((void **)&s->objects, &s->nobjects, &s->capobjects, sizeof *r, s->err)))
		return s->err->code;
	memset(r, 0, sizeof *r);
	r->idx = o->idx;
	r->shape = o->shape;
	r->under_shape = o->under_shape;
	r->line = o->line;
	r->col = o->col;
	r->kind = o->kind;
	if (keep(s, o->pkg_path, &r->pkg_path) || keep(s, o->pkg_name, &r->pkg_name) ||
	    keep(s, o->name, &r->name) || keep_text(s, o->object_string, &r->object_string) ||
	    keep(s, o->file, &r->file) ||
	    (o->value.p && keep_text(s, o->value, &r->value)))
		return s->err->code;
	key_text(s, &r->pkg_path);
	key_text(s, &r->pkg_name);
	key_text(s, &r->name);
	key_put(s, r->kind, strlen(r->kind));
	key_text(s, &r->object_string);
	key_put(s, r->value.text.p ? "v" : "", r->value.text.p ? 1 : 0);
	key_text(s, &r->value);
	/* the types by their canonical strings: shape numbers are the unit's */
	key_text(s, &s->shapes[o->shape].canonical);
	if (o->under_shape != GTD_NO_SHAPE)
		key_text(s, &s->shapes[o->under_shape].canonical);
	else
		key_put(s, "", 0);
	key_text(s, &r->file);
	key_u32(s, r->line);
	key_u32(s, r->col);
	return GTD_OK;
}

static int on_method(void *ctx, const struct gtd_method_rec *m)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_method *r = grow((void **)&s->methods, &s->nmethods, &s->capmethods,
					  sizeof *r, s->err);

	if (!r)
		return s->err->code;
	r->obj_idx = m->obj_idx;
	r->index = m->index;
	r->interface_set = m->interface_set;
	if (keep_text(s, m->name, &r->name) || keep_text(s, m->object_string, &r->object_string))
		return s->err->code;
	key_u32(s, (uint32_t)m->interface_set);
	key_u32(s, m->index);
	key_text(s, &r->name);
	key_text(s, &r->object_string);
	return GTD_OK;
}

static int on_type(void *ctx, const struct gtd_type_rec *t)
{
	struct gtd_stage *s = ctx;
	struct gtd_stage_type *r = grow((void **)&s->types, &s->ntypes, &s->captypes, sizeof *r, s->err);

	if (!r)
		return s->err->code;
	r->idx = t->idx;
	r->shape = t->shape;
	if (t->shape >= s->nshapes)
		return gtd_fail(s->err, GTD_EDATA, "Type %u names type %u of %zu", t->idx, t->shape, s->nshapes);
	return GTD_OK;
}

void gtd_stage_init(struct gtd_stage *s, struct gtd_error *err)
{
	memset(s, 0, sizeof *s);
	s->err = err;
	s->sink = (struct gtd_sink){ .ctx = s, .unit = on_unit, .section = on_section,
				     .string = on_string, .element = on_element, .ref = on_ref,
				     .shape = on_shape, .object = on_object, .method = on_method,
				     .type = on_type };
	stage_runtime_sink(s);
}

int gtd_stage_finish(struct gtd_stage *s)
{
	if (finish_decl(s))
		return s->err->code;
	for (unsigned k = 0; k < GTD_NUM_SECTIONS; k++) {
		struct gtd_stage_section *sec = &s->sec[k];

		gtd_strbuf_putc(&sec->elements, ']');
		if (sec->elems)
			open_ref_list(sec, sec->elems - 1);
		gtd_strbuf_puts(&sec->refs, sec->elems ? "]]" : "]");
		if (sec->elements.oom || sec->refs.oom)
			return gtd_fail(s->err, GTD_ENOMEM, "out of memory for the %s section's arrays",
					gtd_section_name(k));
	}
	gtd_strbuf_free(&s->decl_key); /* only the declarations' hashes needed it */
	return GTD_OK;
}

uint64_t gtd_stage_bytes(const struct gtd_stage *s)
{
	uint64_t n = s->texts.chunk_bytes + s->decl_key.cap + s->shared.keys.chunk_bytes +
		     s->shared.cap * sizeof *s->shared.slots;

	for (unsigned k = 0; k < GTD_NUM_SECTIONS; k++)
		n += s->sec[k].elements.cap + s->sec[k].refs.cap;
	n += s->capstrings * sizeof *s->strings + s->capshapes * sizeof *s->shapes +
	     s->capobjects * sizeof *s->objects + s->capmethods * sizeof *s->methods +
	     s->captypes * sizeof *s->types;
	return n + gtd_stage_runtime_bytes(&s->rt);
}

void gtd_stage_drop_shapes(struct gtd_stage *s)
{
	if (s->has_unit)
		return; /* a unit's objects and methods keep their strings in texts too */
	free(s->shapes);
	s->shapes = NULL;
	s->capshapes = 0;
	gtd_bmap_free(&s->shared);
	gtd_arena_free(&s->texts);
}

void gtd_stage_free(struct gtd_stage *s)
{
	for (unsigned k = 0; k < GTD_NUM_SECTIONS; k++) {
		gtd_strbuf_free(&s->sec[k].elements);
		gtd_strbuf_free(&s->sec[k].refs);
	}
	free(s->strings);
	free(s->shapes);
	free(s->objects);
	free(s->methods);
	free(s->types);
	gtd_stage_runtime_free(&s->rt);
	gtd_bmap_free(&s->shared);
	gtd_arena_free(&s->texts);
	gtd_strbuf_free(&s->decl_key);
	memset(s, 0, sizeof *s);
}
