/* The raw layer of one unit: everything the format holds, faithfully. */
#include <string.h>

#include "gotypedb/pkgbits.h"
#include "gotypedb/uir.h"
#include "gotypedb/uirsem.h"

/* go1.19-go1.24rc1 hashed with MD5, go1.24rc2 on with SHA-256 (V1 is also
 * written by go1.24/1.25 with noaliastypeparams, V2 by go1.24rc1), so the
 * version only picks which hash to try first. */
static int check_fingerprint(const struct gtd_pkgbits *pb, const char **name)
{
	enum gtd_fingerprint_hash first = pb->version >= 2 ? GTD_FP_SHA256 : GTD_FP_MD5;
	enum gtd_fingerprint_hash second = first == GTD_FP_MD5 ? GTD_FP_SHA256 : GTD_FP_MD5;

	if (gtd_pkgbits_fingerprint_ok(pb, first))
		*name = first == GTD_FP_MD5 ? "md5" : "sha256";
	else if (gtd_pkgbits_fingerprint_ok(pb, second))
		*name = second == GTD_FP_MD5 ? "md5" : "sha256";
	else
		return gtd_fail(pb->err, GTD_EDATA,
				"offset 0x%llx: fingerprint does not match the MD5 or SHA-256 of the "
				"export data (corrupt or altered)",
				(unsigned long long)(pb->data.base + pb->data.len));
	return GTD_OK;
}

/* Meta[0] = [Sync(Public)] [Sync(Pkg)] Reloc(Pkg) ...; Pkg = [Sync(PkgDef)] String path. */
static int read_self_path(const struct gtd_pkgbits *pb, struct gtd_reloc_buf *rb,
			  struct gtd_bytes *path)
{
	struct gtd_elem e;
	uint32_t pkg;

	if (gtd_pkgbits_elems(pb, GTD_SEC_META) == 0)
		return gtd_fail(pb->err, GTD_EDATA, "the unit has no public root (Meta 0)");
	if (gtd_elem_open(pb, GTD_SEC_META, 0, rb, &e))
		return pb->err->code;
	if (gtd_elem_sync(&e, GTD_SYNC_PKG) || gtd_elem_reloc(&e, GTD_SEC_PKG, &pkg))
		return gtd_elem_context(&e);
	if (gtd_elem_open(pb, GTD_SEC_PKG, pkg, rb, &e))
		return pb->err->code;
	if (gtd_elem_string(&e, path))
		return gtd_elem_context(&e);
	return GTD_OK;
}

static void fill_unit(const struct gtd_exportdata *ed, const struct gtd_pkgbits *pb,
		      struct gtd_unit_rec *u)
{
	memset(u, 0, sizeof *u);
	u->header = ed->header;
	u->goos = ed->goos;
	u->goarch = ed->goarch;
	u->go_version = ed->go_version;
	u->arch_variant = ed->arch_variant;
	u->experiments = ed->experiments;
	u->build_id = ed->build_id;
	u->is_main = ed->is_main;
	u->export_off = ed->blob.base;
	u->export_size = ed->blob.len;
	u->version = pb->version;
	u->flags = pb->flags;
	u->sync_markers = pb->sync;
	memcpy(u->fingerprint, pb->fingerprint, GTD_FINGERPRINT_SIZE);
	u->elems = pb->nelems;
	u->data_bytes = (uint32_t)pb->data.len;
}

static int emit_sections(const struct gtd_pkgbits *pb, const struct gtd_sink *sink)
{
	int rc;

	for (unsigned k = 0; k < GTD_NUM_SECTIONS; k++) {
		uint32_t first = gtd_pkgbits_section_start(pb, k), n = gtd_pkgbits_elems(pb, k);
		uint32_t off = 0, len, end_off = 0;

		if (n) {
			gtd_pkgbits_elem_range(pb, first, &off, &len);
			gtd_pkgbits_elem_range(pb, first + n - 1, &end_off, &len);
			end_off += len;
		}
		if ((rc = sink->section(sink->ctx, k, n, end_off - off)))
			return rc;
	}
	return GTD_OK;
}

static int emit_strings(const struct gtd_pkgbits *pb, const struct gtd_sink *sink)
{
	uint32_t n = gtd_pkgbits_elems(pb, GTD_SEC_STRING);
	struct gtd_bytes s;
	int rc;

	for (uint32_t i = 0; i < n; i++) {
		gtd_pkgbits_string(pb, i, &s);
		if ((rc = sink->string(sink->ctx, i, s)))
			return rc;
	}
	return GTD_OK;
}

/* Every element's byte range and, except for Strings (raw bytes), its
 * reference table: the format's two layers of indirection.  The tables are
 * kept in t for the semantic layer's decoder, which opens most elements
 * again. */
static int emit_elements(const struct gtd_pkgbits *pb, struct gtd_reloc_buf *rb,
			 const struct gtd_sink *sink, struct gtd_elem_tables *t)
{
	struct gtd_elem e;
	int rc;

	for (unsigned k = 0; k < GTD_NUM_SECTIONS; k++) {
		uint32_t first = gtd_pkgbits_section_start(pb, k);

		for (uint32_t i = 0; i < gtd_pkgbits_elems(pb, k); i++) {
			uint32_t off, len;

			gtd_pkgbits_elem_range(pb, first + i, &off, &len);
			if ((rc = sink->element(sink->ctx, k, i, off, len)))
				return rc;
			if (k == GTD_SEC_STRING)
				continue;
			if (gtd_elem_open(pb, k, i, rb, &e) || gtd_elem_tables_add(t, &e, pb->err))
				return pb->err->code;
			for (uint32_t slot = 0; slot < e.nrelocs; slot++)
				if ((rc = sink->ref(sink->ctx, k, i, slot, e.relocs[slot].section,
						    e.relocs[slot].idx)))
					return rc;
		}
	}
	return GTD_OK;
}

/* The semantic layer: the model, resolved as go/types' importer would. */
static int emit_semantic(const struct gtd_pkgbits *pb, const struct gtd_sink *sink)
{
	struct gtd_uir_semantic sem;
	struct gtd_uir_model m;
	int rc;

	if ((rc = gtd_uir_model_decode(pb, &m)) == GTD_OK &&
	    (rc = gtd_uir_semantic_build(&m, &sem)) == GTD_OK) {
		rc = gtd_uir_emit_semantic(&sem, sink, pb->err);
		gtd_uir_semantic_free(&sem);
	}
	gtd_uir_model_free(&m);
	return rc;
}

int gtd_uir_decode_unit(const struct gtd_exportdata *ed, const struct gtd_uir_options *opt,
			const struct gtd_sink *sink, struct gtd_error *err)
{
	struct gtd_reloc_buf rb = { 0 };
	struct gtd_elem_tables tables = { 0 };
	struct gtd_pkgbits pb;
	struct gtd_unit_rec u;
	struct gtd_cursor blob = ed->blob;
	int rc;

	blob.err = err;
	if ((rc = gtd_pkgbits_open(&blob, &pb)))
		return gtd_context(err, "export data header");
	fill_unit(ed, &pb, &u);
	if (!opt->skip_fingerprint && (rc = check_fingerprint(&pb, &u.fingerprint_hash)))
		return rc;
	if ((rc = read_self_path(&pb, &rb, &u.pkg_path)) == GTD_OK &&
	    (rc = sink->unit(sink->ctx, &u)) == GTD_OK &&
	    (rc = emit_sections(&pb, sink)) == GTD_OK &&
	    (rc = emit_strings(&pb, sink)) == GTD_OK &&
	    (rc = gtd_elem_tables_init(&tables, &pb)) == GTD_OK)
		rc = emit_elements(&pb, &rb, sink, &tables);
	gtd_reloc_buf_free(&rb);
	if (rc == GTD_OK && sink->object) {
		pb.tables = &tables; /* every element is in: the walk succeeded */
		rc = emit_semantic(&pb, sink);
	}
	gtd_elem_tables_free(&tables);
	return rc;
}
