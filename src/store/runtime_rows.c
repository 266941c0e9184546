/* Writing a staged binary, in the two steps its decoder stages it: per
 * binary its row, build lines and modules, and per module its names,
 * methods, fields, interface methods, parameters, itabs and typelinks;
 * then its shapes as typedefs (each descriptor's typeid) and the
 * descriptors.  Records name their binary or module by position in the
 * stage; ids are given here. */
#include "store_int.h"

static void bind_bytes(sqlite3_stmt *s, int i, struct gtd_bytes b)
{
	if (!b.p)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, b.n ? (const char *)b.p : "", (int)b.n, SQLITE_STATIC);
}

static void bind_opt(sqlite3_stmt *s, int i, int64_t v)
{
	if (v == GTD_RT_NONE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, v);
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

static int intern(struct gtd_store *st, struct gtd_bytes b, int64_t *id, struct gtd_error *err)
{
	return store_intern(st, b.p ? b : gtd_bytes_of("", 0), gtd_hash64(b.p ? b.p : (const uint8_t *)"", b.n),
			    id, err);
}

static int write_binary(struct gtd_store *st, const struct gtd_binary_rec *b, uint32_t ordinal,
			int64_t id, struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_BINARY];

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, st->cur_content);
	sqlite3_bind_int64(s, 3, ordinal);
	bind_str(s, 4, b->format);
	bind_str(s, 5, b->goos);
	bind_str(s, 6, b->goarch);
	sqlite3_bind_int64(s, 7, b->ptr_size);
	sqlite3_bind_int64(s, 8, b->big_endian);
	bind_str(s, 9, b->image);
	bind_bytes(s, 10, b->go_version.n ? b->go_version : gtd_bytes_of(NULL, 0));
	bind_str(s, 11, b->version_source);
	bind_bytes(s, 12, b->main_path.n ? b->main_path : gtd_bytes_of(NULL, 0));
	bind_bytes(s, 13, b->modinfo.n ? b->modinfo : gtd_bytes_of(NULL, 0));
	return store_step(st, s, err);
}

static int write_dep(struct gtd_store *st, int64_t binary_id, const struct gtd_build_dep_rec *d,
		     struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_BINARY_DEP];

	sqlite3_bind_int64(s, 1, binary_id);
	sqlite3_bind_int64(s, 2, d->idx);
	bind_str(s, 3, d->kind);
	bind_bytes(s, 4, d->path);
	bind_bytes(s, 5, d->version);
	bind_bytes(s, 6, d->sum);
	return store_step(st, s, err);
}

static int write_setting(struct gtd_store *st, int64_t binary_id, const struct gtd_build_setting_rec *r,
			 struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_BINARY_SETTING];

	sqlite3_bind_int64(s, 1, binary_id);
	sqlite3_bind_int64(s, 2, r->idx);
	bind_bytes(s, 3, r->key);
	bind_bytes(s, 4, r->value);
	return store_step(st, s, err);
}

static int write_module(struct gtd_store *st, int64_t id, int64_t binary_id, const struct gtd_module_rec *m,
			struct gtd_error *err)
{
	sqlite3_stmt *s = st->stmt[ST_MODULE];

	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, binary_id);
	sqlite3_bind_int64(s, 3, m->ordinal);
	bind_str(s, 4, m->kind);
	bind_bytes(s, 5, m->path.n ? m->path : gtd_bytes_of(NULL, 0));
	sqlite3_bind_int64(s, 6, (int64_t)m->addr);
	bind_str(s, 7, m->found);
	bind_str(s, 8, m->layout);
	sqlite3_bind_int64(s, 9, (int64_t)m->types);
	sqlite3_bind_int64(s, 10, (int64_t)m->etypes);
	sqlite3_bind_int64(s, 11, (int64_t)m->text);
	sqlite3_bind_int64(s, 12, (int64_t)m->etext);
	bind_opt(s, 13, m->typedesclen);
	bind_opt(s, 14, m->itaboffset);
	bind_opt(s, 15, m->itabsize);
	return store_step(st, s, err);
}

static void bv_opt(struct batch_value *v, int64_t x)
{
	if (x == GTD_RT_NONE)
		bv_null(v);
	else
		bv_int(v, x);
}

static int write_rtype(struct gtd_store *st, int64_t module_id, const struct gtd_rtype_rec *t,
		       struct gtd_error *err)
{
	struct store_batch *b = &st->batch[B_RTYPE];
	struct batch_value *v;
	int64_t string_id, name_id = 0, uncommon = t->uncommon_pkgpath_off != GTD_RT_NONE;
	int i = 0;

	if (intern(st, t->string, &string_id, err) || (t->name.n && intern(st, t->name, &name_id, err)))
		return err->code;
	v = batch_row(b);
	bv_int(&v[i++], module_id);
	bv_int(&v[i++], t->off);
	bv_int(&v[i++], (int64_t)t->size);
	bv_int(&v[i++], (int64_t)t->ptrdata);
	bv_int(&v[i++], t->hash);
	bv_int(&v[i++], t->tflag);
	bv_int(&v[i++], t->align);
	bv_int(&v[i++], t->fieldalign);
	bv_int(&v[i++], t->kind_byte);
	bv_int(&v[i++], t->kind);
	bv_int(&v[i++], t->str_off);
	bv_int(&v[i++], t->ptrtothis_off);
	bv_int(&v[i++], string_id);
	bv_opt(&v[i++], t->name.n ? name_id : GTD_RT_NONE);
	bv_opt(&v[i++], t->uncommon_pkgpath_off);
	bv_opt(&v[i++], uncommon ? t->mcount : GTD_RT_NONE);
	bv_opt(&v[i++], uncommon ? t->xcount : GTD_RT_NONE);
	bv_opt(&v[i++], uncommon ? t->moff : GTD_RT_NONE);
	bv_opt(&v[i++], t->kind_pkgpath_off);
	bv_opt(&v[i++], t->elem_off);
	bv_opt(&v[i++], t->key_off);
	bv_opt(&v[i++], t->len);
	bv_opt(&v[i++], t->dir);
	bv_opt(&v[i++], t->in_count);
	bv_opt(&v[i++], t->out_count);
	bv_opt(&v[i++], t->in_count == GTD_RT_NONE ? GTD_RT_NONE : t->variadic);
	bv_int(&v[i++], t->bytes);
	bv_int(&v[i++], st->shape_typeids[t->shape]);
	return batch_add(st, b, err);
}

static int write_rname(struct gtd_store *st, int64_t module_id, const struct gtd_rname_rec *n,
		       struct gtd_error *err)
{
	struct store_batch *b = &st->batch[B_RNAME];
	struct batch_value *v;
	int64_t name_id, tag_id = 0;

	if (intern(st, n->name, &name_id, err) || (n->tag.p && intern(st, n->tag, &tag_id, err)))
		return err->code;
	v = batch_row(b);
	bv_int(&v[0], module_id);
	bv_int(&v[1], n->off);
	bv_int(&v[2], n->flags);
	bv_int(&v[3], name_id);
	bv_opt(&v[4], n->tag.p ? tag_id : GTD_RT_NONE);
	bv_opt(&v[5], n->pkgpath_off);
	return batch_add(st, b, err);
}

/* A row of (module_id, then n integers or GTD_RT_NONE) into a batch. */
static int write_ints(struct gtd_store *st, enum batch_id k, int64_t module_id, const int64_t *x, int n,
		      struct gtd_error *err)
{
	struct store_batch *b = &st->batch[k];
	struct batch_value *v = batch_row(b);

	bv_int(&v[0], module_id);
	for (int i = 0; i < n; i++)
		bv_opt(&v[i + 1], x[i]);
	return batch_add(st, b, err);
}

/* The records of modules, each with its id: that of the content's module
 * at its position (module ids were given in order, below). */
static int write_module_rows(struct gtd_store *st, const struct gtd_stage_runtime *rt, struct gtd_error *err)
{
	int64_t base = st->cur_module_base;

	for (size_t i = 0; i < rt->rnames.n; i++)
		if (write_rname(st, base + rt->rnames.v[i].module, &rt->rnames.v[i].r, err))
			return err->code;
	for (size_t i = 0; i < rt->rmethods.n; i++) {
		const struct gtd_rmethod_rec *r = &rt->rmethods.v[i].r;
		int64_t v[] = { r->type_off, r->idx, r->name_off, r->mtyp_off, r->ifn, r->tfn };

		if (write_ints(st, B_RMETHOD, base + rt->rmethods.v[i].module, v, 6, err))
			return err->code;
	}
	for (size_t i = 0; i < rt->rfields.n; i++) {
		const struct gtd_rfield_rec *r = &rt->rfields.v[i].r;
		int64_t v[] = { r->type_off, r->idx, r->name_off, r->typ_off, (int64_t)r->offset, r->embedded };

		if (write_ints(st, B_RFIELD, base + rt->rfields.v[i].module, v, 6, err))
			return err->code;
	}
	for (size_t i = 0; i < rt->rimethods.n; i++) {
		const struct gtd_rimethod_rec *r = &rt->rimethods.v[i].r;
		int64_t v[] = { r->type_off, r->idx, r->name_off, r->typ_off };

		if (write_ints(st, B_RIMETHOD, base + rt->rimethods.v[i].module, v, 4, err))
			return err->code;
	}
	for (size_t i = 0; i < rt->rparams.n; i++) {
		const struct gtd_rparam_rec *r = &rt->rparams.v[i].r;
		int64_t v[] = { r->type_off, r->out, r->idx, r->typ_off };

		if (write_ints(st, B_RPARAM, base + rt->rparams.v[i].module, v, 4, err))
			return err->code;
	}
	for (size_t i = 0; i < rt->itabs.n; i++) {
		const struct gtd_itab_rec *r = &rt->itabs.v[i].r;
		int64_t v[] = { r->idx, (int64_t)r->addr, r->off, r->inter_off, r->type_off, r->hash, r->nfun,
				(int64_t)r->fun0 };

		if (write_ints(st, B_ITAB, base + rt->itabs.v[i].module, v, 8, err))
			return err->code;
	}
	for (size_t i = 0; i < rt->typelinks.n; i++) {
		const struct gtd_typelink_rec *r = &rt->typelinks.v[i].r;
		int64_t v[] = { r->idx, r->type_off };

		if (write_ints(st, B_TYPELINK, base + rt->typelinks.v[i].module, v, 2, err))
			return err->code;
	}
	return GTD_OK;
}

int store_write_runtime_records(struct gtd_store *st, const struct gtd_stage_runtime *rt,
				struct gtd_error *err)
{
	size_t dep = 0, setting = 0, mod = 0;

	st->cur_module_base = st->next_module_id;
	for (uint32_t b = 0; b < rt->binaries.n; b++) {
		int64_t binary_id = st->next_binary_id++;

		if (write_binary(st, &rt->binaries.v[b], b, binary_id, err))
			return err->code;
		for (; dep < rt->deps.n && rt->deps.v[dep].binary == b; dep++)
			if (write_dep(st, binary_id, &rt->deps.v[dep].r, err))
				return err->code;
		for (; setting < rt->settings.n && rt->settings.v[setting].binary == b; setting++)
			if (write_setting(st, binary_id, &rt->settings.v[setting].r, err))
				return err->code;
		for (; mod < rt->modules.n && rt->modules.v[mod].binary == b; mod++) {
			int64_t module_id = st->next_module_id++;

			if (write_module(st, module_id, binary_id, &rt->modules.v[mod].r, err))
				return err->code;
		}
	}
	return write_module_rows(st, rt, err);
}

int store_write_runtime_types(struct gtd_store *st, struct gtd_stage *stage, struct gtd_error *err)
{
	const struct gtd_stage_runtime *rt = &stage->rt;

	/* The types first, and the rows that borrow their strings run: then
	 * the stage's half that held them goes before the descriptors' rows
	 * are written beside it. */
	st->cur_typed = 1;
	if (store_write_shapes(st, stage, err) || store_flush_batches(st, err))
		return err->code;
	gtd_stage_drop_shapes(stage);
	/* (module ids were given in order: store_write_runtime_records) */
	for (size_t i = 0; i < rt->rtypes.n; i++)
		if (write_rtype(st, st->cur_module_base + rt->rtypes.v[i].module, &rt->rtypes.v[i].r, err))
			return err->code;
	return GTD_OK;
}
