/* The roots of a module's walk: its typelinks and itabs.  Through 1.26
 * moduledata points at both tables (typelinks: int32 offsets from types;
 * itablinks: pointers to itabs).  1.27 dropped the tables: the linker
 * lays the typelinked descriptors out first in the types region, one
 * after the other from types + a pointer, up to types + typedesclen, and
 * the itabs contiguously at types + itaboffset, itabsize bytes
 * (runtime/type.go moduleTypelinks, runtime/iface.go itabsinit). */
#include <stdlib.h>

#include "rtype_int.h"

static uint64_t align_up(uint64_t v, unsigned a)
{
	return (v + a - 1) & ~(uint64_t)(a - 1);
}

/* A table of count entries of size bytes at addr must lie in one loaded
 * section: checked before anything is allocated for it. */
static int check_table(struct rt_module *m, uint64_t addr, uint64_t count, unsigned size,
		       const char *what)
{
	const struct gtd_obj_section *s = gtd_objfile_section_at(m->f, addr);

	if (!count)
		return GTD_OK;
	if (!s || count > (s->addr + s->size - addr) / size)
		return gtd_fail(m->err, GTD_EDATA, "%s at 0x%llx: %llu entries of %u bytes run past "
				"its section", what, (unsigned long long)addr, (unsigned long long)count,
				size);
	return GTD_OK;
}

static int add_typelink(struct rt_module *m, uint32_t idx, uint64_t cap)
{
	if (!m->typelinks && !(m->typelinks = calloc(cap ? cap : 1, sizeof *m->typelinks)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for typelinks");
	m->typelinks[m->ntypelinks++] = idx;
	return GTD_OK;
}

static int typelink_table(struct rt_module *m)
{
	uint64_t ptr = rt_md_word(m, m->md->typelinks), n = rt_md_word(m, m->md->typelinks + 1);

	if (check_table(m, ptr, n, 4, "typelinks"))
		return m->err->code;
	for (uint64_t i = 0; i < n; i++) {
		uint32_t off, idx;

		/* each read before the next, so that what is wrong is said of
		 * the typelink that reaches it first */
		if (rt_u32(m, ptr + 4 * i, &off, "typelinks") || rt_type_at(m, off, &idx) ||
		    rt_read_queued(m) || add_typelink(m, idx, n))
			return gtd_context(m->err, "typelink %llu", (unsigned long long)i);
	}
	return GTD_OK;
}

/* 1.27: each typelinked descriptor at a pointer-aligned address after the
 * one before, as many bytes as DescriptorSize says; reading one gives its
 * size, so each is read before the next is found. */
static int typelink_region(struct rt_module *m)
{
	uint64_t len = rt_md_word(m, m->md->typedesclen), td = m->w;

	if (len > m->etypes - m->types)
		return gtd_fail(m->err, GTD_EDATA, "typedesclen 0x%llx: past the types region (0x%llx "
				"bytes)", (unsigned long long)len,
				(unsigned long long)(m->etypes - m->types));
	while ((td = align_up(td, m->w)) < len) {
		uint32_t idx;

		if (rt_type_at(m, td, &idx) || rt_read_queued(m) ||
		    add_typelink(m, idx, len / (4 * m->w + 16)))
			return gtd_context(m->err, "typelinked descriptor %u", m->ntypelinks);
		td += rt_descriptor_size(m, &m->t[idx]);
	}
	return GTD_OK;
}

static int read_itab(struct rt_module *m, uint64_t addr, struct rt_itab *it)
{
	uint64_t inter, type;
	uint32_t hash;

	if (rt_ptr(m, addr, &inter, "Inter") || rt_ptr(m, addr + m->w, &type, "Type") ||
	    rt_u32(m, addr + 2 * m->w, &hash, "Hash") || rt_ptr(m, addr + m->tl.itab_fun, &it->fun0, "Fun"))
		return m->err->code;
	it->addr = addr;
	it->hash = hash;
	if (rt_type_ptr(m, inter, &it->inter) || rt_type_ptr(m, type, &it->type) || rt_read_queued(m))
		return m->err->code;
	if (m->t[it->inter].rec.kind != RT_KIND_INTERFACE)
		return gtd_fail(m->err, GTD_EDATA, "Inter 0x%llx: a %s, not an interface",
				(unsigned long long)inter, "descriptor of another kind");
	it->nfun = m->t[it->inter].nimethods ? m->t[it->inter].nimethods : 1;
	return GTD_OK;
}

static int itab_table(struct rt_module *m)
{
	uint64_t ptr = rt_md_word(m, m->md->itablinks), n = rt_md_word(m, m->md->itablinks + 1);

	if (check_table(m, ptr, n, m->w, "itablinks"))
		return m->err->code;
	if (n && !(m->itabs = calloc(n, sizeof *m->itabs)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for itabs");
	for (uint64_t i = 0; i < n; i++) {
		uint64_t addr;

		if (rt_ptr(m, ptr + m->w * i, &addr, "itablinks") || read_itab(m, addr, &m->itabs[i]))
			return gtd_context(m->err, "itab %llu", (unsigned long long)i);
		m->nitabs++;
	}
	return GTD_OK;
}

static int itab_region(struct rt_module *m)
{
	uint64_t off = rt_md_word(m, m->md->itaboffset), size = rt_md_word(m, m->md->itabsize);
	uint64_t at, end, min = m->tl.itab_fun + m->w;

	if (off > m->etypes - m->types || size > m->etypes - m->types - off)
		return gtd_fail(m->err, GTD_EDATA, "itabs 0x%llx+0x%llx: past the types region (0x%llx "
				"bytes)", (unsigned long long)off, (unsigned long long)size,
				(unsigned long long)(m->etypes - m->types));
	if (size && !(m->itabs = calloc(size / min, sizeof *m->itabs)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for itabs");
	end = m->types + off + size;
	for (at = m->types + off; (at = align_up(at, m->w)) < end;) {
		struct rt_itab *it = &m->itabs[m->nitabs];

		if (end - at < min)
			return gtd_fail(m->err, GTD_EDATA, "itab at 0x%llx: %llu bytes left of the itabs, "
					"fewer than one", (unsigned long long)at,
					(unsigned long long)(end - at));
		if (read_itab(m, at, it))
			return gtd_context(m->err, "itab %u", m->nitabs);
		m->nitabs++;
		at += m->tl.itab_fun + (uint64_t)it->nfun * m->w;
	}
	return GTD_OK;
}

int rt_read_tables(struct rt_module *m)
{
	if (m->tl.type_region) {
		if (typelink_region(m) || itab_region(m))
			return m->err->code;
	} else if (typelink_table(m) || itab_table(m)) {
		return m->err->code;
	}
	return rt_read_queued(m);
}
