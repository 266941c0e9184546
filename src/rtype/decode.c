/* A binary, start to end: its Go release and build information, its
 * moduledata, the walk from the module's typelinks and itabs through
 * every descriptor they reach, the descriptors' Go types, the records. */
#include <stdlib.h>
#include <string.h>

#include "gotypedb/rtype.h"
#include "gotypedb/shapes.h"
#include "buildinfo.h"
#include "moduledata.h"

static const char *image_name(enum gtd_obj_image i)
{
	return i == GTD_OBJ_IMAGE_EXEC ? "exec" : i == GTD_OBJ_IMAGE_PIE ? "pie" : "library";
}

static int emit_binary(const struct gtd_objfile *f, const struct rt_buildinfo *bi,
		       const struct gtd_sink *sink)
{
	const struct gtd_obj_info *in = gtd_objfile_info(f);
	struct gtd_binary_rec b = {
		gtd_obj_format_name(in->format), in->goos, in->goarch, image_name(in->image),
		in->ptr_size, in->big_endian, bi->version, bi->source,
		rt_buildinfo_field(bi, "path", NULL), bi->modinfo,
	};
	int rc;

	if ((rc = sink->binary(sink->ctx, &b)))
		return rc;
	return rt_buildinfo_emit(bi, sink);
}

static const char *module_kind(const struct rt_module *m, struct gtd_bytes pluginpath)
{
	uint8_t hasmain = 0;
	struct gtd_error ignored;

	gtd_objfile_read(m->f, m->md_addr + (uint64_t)m->md->hasmain * m->w, &hasmain, 1, &ignored);
	if (pluginpath.n)
		return "plugin";
	if (!hasmain)
		return "c-shared";
	return gtd_objfile_info(m->f)->image == GTD_OBJ_IMAGE_EXEC ? "exe" : "pie";
}

/* A Go string field of moduledata (pluginpath, modulename). */
static struct gtd_bytes md_string(const struct rt_module *m, int field)
{
	uint64_t p = rt_md_word(m, field), n = rt_md_word(m, field + 1);
	const uint8_t *b;
	struct gtd_error ignored;

	if (field < 0 || !n || n > 4096 || gtd_objfile_bytes(m->f, p, n, &b, &ignored))
		return gtd_bytes_of(NULL, 0);
	return gtd_bytes_of(b, n);
}

/* Once every descriptor is read, what only the reading needed goes (the
 * queue, the address -> descriptor map) and the arrays that grew by
 * doubling shrink to their use, before the model, the shapes and the
 * staged records, the peak of a module's memory, are built beside them. */
static void settle_tables(struct rt_module *m)
{
	struct rt_type *t;
	struct rt_name *n;

	free(m->queue);
	m->queue = NULL;
	m->nqueue = m->capqueue = 0;
	gtd_ptrmap_free(&m->type_at);
	if (m->nt && m->nt < m->capt && (t = realloc(m->t, m->nt * sizeof *t))) {
		m->t = t;
		m->capt = m->nt;
	}
	if (m->nnames && m->nnames < m->capnames && (n = realloc(m->names, m->nnames * sizeof *n))) {
		m->names = n;
		m->capnames = m->nnames;
	}
}

static int decode_module(struct rt_module *m, const struct rt_buildinfo *bi, const char *found)
{
	struct gtd_shapes S;
	struct gtd_bytes pluginpath = md_string(m, m->md->pluginpath);
	struct gtd_module_rec rec = {
		0, module_kind(m, pluginpath), found, m->md->name,
		pluginpath.n ? pluginpath : md_string(m, m->md->modulename), m->md_addr,
		m->types, m->etypes, rt_md_word(m, m->md->text), rt_md_word(m, m->md->etext),
		GTD_RT_NONE, GTD_RT_NONE, GTD_RT_NONE, 0, 0,
	};
	int rc;

	(void)bi;
	if (m->md->typedesclen >= 0) {
		rec.typedesclen = (int64_t)rt_md_word(m, m->md->typedesclen);
		rec.itaboffset = (int64_t)rt_md_word(m, m->md->itaboffset);
		rec.itabsize = (int64_t)rt_md_word(m, m->md->itabsize);
	}
	if (rt_read_tables(m) || rt_check_cycles(m))
		return m->err->code;
	settle_tables(m);
	/* the descriptors are read: of the file, the model and the records
	 * touch again only names */
	gtd_objfile_drop_pages(m->f);
	rec.ntypelinks = m->ntypelinks;
	rec.nitabs = m->nitabs;
	/* What needs no Go type first, for a sink that writes it while the
	 * model is built; else after the shapes, whose making is the peak of
	 * the decode's memory, are gone. */
	if (m->sink->records_done &&
	    ((rc = rt_emit_records(m, &rec)) || (rc = m->sink->records_done(m->sink->ctx))))
		return rc;
	rc = rt_build_model(m, &S);
	/* the model read the names it needed again: of the file, the rest
	 * touches only the descriptors' strings */
	gtd_objfile_drop_pages(m->f);
	for (uint32_t i = 0; !rc && i < S.n; i++)
		rc = m->sink->shape(m->sink->ctx, &S.v[i]);
	/* the sink keeps what it needs of the shapes: gone before the
	 * descriptors' records */
	gtd_shapes_free(&S);
	if (!rc && !m->sink->records_done)
		rc = rt_emit_records(m, &rec);
	return rc ? rc : rt_emit_types(m);
}

static void module_free(struct rt_module *m)
{
	free(m->t);
	free(m->names);
	free(m->queue);
	free(m->sorted_types);
	free(m->typelinks);
	free(m->itabs);
	gtd_ptrmap_free(&m->type_at);
	gtd_ptrmap_free(&m->name_at);
	gtd_arena_free(&m->arena);
	gtd_arena_free(&m->nodes);
}

/* The 1.24-1.25 map layout depends on an experiment the build settings
 * name (GOEXPERIMENT=noswissmap); swiss maps were the default. */
static int swiss_maps(const struct rt_buildinfo *bi)
{
	struct gtd_bytes exp = rt_buildinfo_field(bi, "build", "GOEXPERIMENT");

	for (size_t i = 0; i + 10 <= exp.n; i++)
		if (memcmp(exp.p + i, "noswissmap", 10) == 0)
			return 0;
	return 1;
}

int gtd_rtype_decode(const struct gtd_objfile *f, const struct gtd_sink *sink, int *not_go,
		     struct gtd_error *err)
{
	struct rt_buildinfo bi;
	struct rt_module m = { .f = f, .err = err, .sink = sink };
	const char *found;
	unsigned minor;
	int rc;

	*not_go = 0;
	m.w = gtd_objfile_info(f)->ptr_size;
	m.be = gtd_objfile_info(f)->big_endian;
	if (rt_buildinfo_read(f, &bi, err))
		return err->code;
	if (bi.version.n && (bi.minor < RT_FIRST_MINOR || bi.minor > RT_LAST_MINOR))
		return gtd_fail(err, GTD_EUNSUPPORTED, "Go release %.*s: gotypedb reads the type tables "
				"of Go 1.%u to 1.%u", (int)bi.version.n, (const char *)bi.version.p,
				RT_FIRST_MINOR, RT_LAST_MINOR);
	if ((rc = rt_find_moduledata(&m, bi.minor, &found))) {
		if (!bi.version.n && !gtd_objfile_symbol_by_name(f, "runtime.firstmoduledata")) {
			*not_go = 1;
			gtd_error_clear(err);
			return GTD_OK;
		}
		return rc;
	}
	minor = bi.minor ? bi.minor : m.md->last;
	rt_type_layout_for(minor, m.w, swiss_maps(&bi), &m.tl);
	m.types = rt_md_word(&m, m.md->types);
	m.etypes = rt_md_word(&m, m.md->etypes);
	if (!(rc = emit_binary(f, &bi, sink)))
		rc = decode_module(&m, &bi, found);
	module_free(&m);
	return rc;
}
