/* Type descriptors: the common header (abi.Type, runtime._type before
 * 1.21), the kind's own fields, the uncommon type and the arrays that
 * follow it.  Every descriptor is found once (by its offset from types)
 * and read from a queue, never by recursion: the graph of types has
 * cycles (type T struct{ next *T }) and may be deep. */
#include <stdlib.h>
#include <string.h>

#include "rtype_int.h"

/* Words and 16/32-bit values out of a buffer read from the file. */
static uint64_t word(const struct rt_module *m, const uint8_t *p)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < m->w; i++)
		v |= (uint64_t)p[m->be ? m->w - 1 - i : i] << (8 * i);
	return v;
}

static uint32_t u32(const struct rt_module *m, const uint8_t *p)
{
	return m->be
		       ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
		       : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint16_t u16(const struct rt_module *m, const uint8_t *p)
{
	return m->be ? (uint16_t)(p[0] << 8 | p[1])
						  : (uint16_t)(p[1] << 8 | p[0]);
}

static unsigned header_size(const struct rt_module *m)
{
	return 4 * m->w + 16;
}

/* The descriptor's bytes before its uncommon type. */
static unsigned kind_size(const struct rt_module *m, unsigned kind)
{
	unsigned h = header_size(m), w = m->w;

	switch (kind) {
	case RT_KIND_ARRAY:
		return h + 3 * w;
	case RT_KIND_CHAN:
		return h + 2 * w;
	case RT_KIND_FUNC:
		return h + w; /* InCount and OutCount, padded */
	case RT_KIND_INTERFACE:
	case RT_KIND_STRUCT:
		return h + 4 * w; /* PkgPath, a slice */
	case RT_KIND_MAP:
		return m->tl.map_size;
	case RT_KIND_POINTER:
	case RT_KIND_SLICE:
		return h + w;
	default:
		return h;
	}
}

static int grow_types(struct rt_module *m)
{
	if (m->nt < m->capt)
		return GTD_OK;
	uint32_t cap = m->capt ? m->capt * 2 : 1024;
	struct rt_type *v = realloc(m->t, cap * sizeof *v);

	if (!v)
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for type descriptors");
	m->t = v;
	m->capt = cap;
	return GTD_OK;
}

static int enqueue(struct rt_module *m, uint32_t idx)
{
	if (m->nqueue == m->capqueue) {
		uint32_t cap = m->capqueue ? m->capqueue * 2 : 1024;
		uint32_t *v = realloc(m->queue, cap * sizeof *v);

		if (!v)
			return gtd_fail(m->err, GTD_ENOMEM, "out of memory for type descriptors");
		m->queue = v;
		m->capqueue = cap;
	}
	m->queue[m->nqueue++] = idx;
	return GTD_OK;
}

int rt_type_at(struct rt_module *m, uint64_t off, uint32_t *idx)
{
	struct rt_type *t;

	/* Every descriptor of a module lies in [types, etypes): the runtime
	 * finds a type's module so (resolveTypeOff). */
	if (off >= m->etypes - m->types || m->etypes - m->types - off < header_size(m))
		return gtd_fail(m->err, GTD_EDATA, "type at 0x%llx: outside the module's types "
				"0x%llx-0x%llx", (unsigned long long)(m->types + off),
				(unsigned long long)m->types, (unsigned long long)m->etypes);
	if (gtd_ptrmap_get(&m->type_at, (const void *)(uintptr_t)(off + 1), idx))
		return GTD_OK;
	/* The linker aligns every descriptor to a pointer: at most one per
	 * word of the region, whatever a corrupt file points at. */
	if ((m->types + off) % m->w)
		return gtd_fail(m->err, GTD_EDATA, "type at 0x%llx: not aligned to %u bytes",
				(unsigned long long)(m->types + off), m->w);
	if (grow_types(m))
		return m->err->code;
	t = &m->t[m->nt];
	memset(t, 0, sizeof *t);
	t->rec.off = (uint32_t)off;
	/* (a named type without an uncommon type has no package path: not
	 * the name at index 0) */
	t->uncommon_pkgpath = t->pkgpath = RT_NO_TYPE;
	*idx = m->nt++;
	if (gtd_ptrmap_put(&m->type_at, (const void *)(uintptr_t)(off + 1), *idx))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for type descriptors");
	return enqueue(m, *idx);
}

int rt_type_ptr(struct rt_module *m, uint64_t addr, uint32_t *idx)
{
	if (addr < m->types)
		return gtd_fail(m->err, GTD_EDATA, "type pointer 0x%llx: outside the module's types "
				"0x%llx-0x%llx", (unsigned long long)addr, (unsigned long long)m->types,
				(unsigned long long)m->etypes);
	return rt_type_at(m, addr - m->types, idx);
}

/* A TypeOff: 0 and -1 name no type (a method the linker dropped). */
static int type_off(struct rt_module *m, int32_t off, uint32_t *idx)
{
	if (off == 0 || off == -1) {
		*idx = RT_NO_TYPE;
		return GTD_OK;
	}
	if (off < 0)
		return gtd_fail(m->err, GTD_EDATA, "TypeOff %d: before the module's types", off);
	return rt_type_at(m, (uint64_t)off, idx);
}

/* count records of size bytes at addr, read (relocated) into the arena:
 * they must lie within one loaded section, checked before anything is
 * allocated for them. */
static int read_array(struct rt_module *m, uint64_t addr, uint64_t count, unsigned size,
		      const char *what, uint8_t **out)
{
	const struct gtd_obj_section *s = gtd_objfile_section_at(m->f, addr);

	*out = NULL;
	if (!count)
		return GTD_OK;
	if (!s || count > (s->addr + s->size - addr) / size)
		return gtd_fail(m->err, GTD_EDATA, "%s at 0x%llx: %llu entries of %u bytes run past "
				"its section", what, (unsigned long long)addr, (unsigned long long)count,
				size);
	if (!(*out = gtd_arena_alloc(&m->arena, count * size)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for %s", what);
	if (gtd_objfile_read(m->f, addr, *out, count * size, m->err))
		return gtd_context(m->err, "%s", what);
	return GTD_OK;
}

/* (m->t moves as descriptors are added: the functions below name theirs
 * by index, and keep no pointer into m->t across a call that adds one) */
static int read_fields(struct rt_module *m, uint32_t idx, const uint8_t *k)
{
	unsigned w = m->w, h = header_size(m);
	uint64_t pkgpath = word(m, k + h), ptr = word(m, k + h + w), n = word(m, k + h + 2 * w);
	struct rt_field *fields = NULL;
	uint32_t pkg = RT_NO_TYPE;
	uint8_t *a;

	if (pkgpath && rt_name_ptr(m, pkgpath, &pkg))
		return gtd_context(m->err, "its package path");
	m->t[idx].pkgpath = pkg;
	if (read_array(m, ptr, n, 3 * w, "fields", &a))
		return m->err->code;
	if (n && !(fields = gtd_arena_calloc(&m->arena, n, sizeof *fields)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for fields");
	m->t[idx].fields = fields;
	m->t[idx].nfields = (uint32_t)n;
	for (uint32_t i = 0; i < n; i++) {
		struct rt_field *f = &fields[i];
		const uint8_t *p = a + (size_t)i * 3 * w;
		uint64_t off = word(m, p + 2 * w);

		if (rt_name_ptr(m, word(m, p), &f->name) || rt_type_ptr(m, word(m, p + w), &f->type))
			return gtd_context(m->err, "field %u", i);
		if (m->tl.embedded_in_name) {
			f->offset = off;
			f->embedded = !!(m->names[f->name].flags & RT_NAME_EMBEDDED);
		} else {
			f->offset = off >> 1;
			f->embedded = (int)(off & 1);
		}
	}
	return GTD_OK;
}

static int read_imethods(struct rt_module *m, uint32_t idx, const uint8_t *k)
{
	unsigned w = m->w, h = header_size(m);
	uint64_t pkgpath = word(m, k + h), ptr = word(m, k + h + w), n = word(m, k + h + 2 * w);
	struct rt_imethod *ims = NULL;
	uint32_t pkg = RT_NO_TYPE;
	uint8_t *a;

	if (pkgpath && rt_name_ptr(m, pkgpath, &pkg))
		return gtd_context(m->err, "its package path");
	m->t[idx].pkgpath = pkg;
	if (read_array(m, ptr, n, 8, "interface methods", &a))
		return m->err->code;
	if (n && !(ims = gtd_arena_calloc(&m->arena, n, sizeof *ims)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for interface methods");
	m->t[idx].imethods = ims;
	m->t[idx].nimethods = (uint32_t)n;
	for (uint32_t i = 0; i < n; i++) {
		struct rt_imethod *im = &ims[i];

		im->name_off = (int32_t)u32(m, a + 8 * i);
		im->typ_off = (int32_t)u32(m, a + 8 * i + 4);
		if (rt_name_at(m, im->name_off, &im->name) || type_off(m, im->typ_off, &im->type))
			return gtd_context(m->err, "interface method %u", i);
		if (im->type == RT_NO_TYPE)
			return gtd_fail(m->err, GTD_EDATA, "interface method %u: no type", i);
	}
	return GTD_OK;
}

/* A func's parameters and results: pointers after the uncommon type. */
static int read_params(struct rt_module *m, uint32_t idx, uint64_t at)
{
	uint64_t n = (uint64_t)m->t[idx].rec.in_count + (uint64_t)m->t[idx].rec.out_count;
	struct rt_field *params = NULL;
	uint8_t *a;

	if (read_array(m, at, n, m->w, "parameters", &a))
		return m->err->code;
	if (n && !(params = gtd_arena_calloc(&m->arena, n, sizeof *params)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for parameters");
	m->t[idx].fields = params;
	m->t[idx].nfields = (uint32_t)n;
	for (uint32_t i = 0; i < n; i++)
		if (rt_type_ptr(m, word(m, a + (size_t)i * m->w), &params[i].type))
			return gtd_context(m->err, "parameter %u", i);
	return GTD_OK;
}

static int read_uncommon(struct rt_module *m, uint32_t idx, uint64_t at)
{
	struct rt_type *t = &m->t[idx];
	struct rt_method *methods = NULL;
	uint8_t u[16], *a;
	int32_t pkgpath;
	uint32_t pkg = RT_NO_TYPE, n;

	if (gtd_objfile_read(m->f, at, u, sizeof u, m->err))
		return gtd_context(m->err, "uncommon type");
	pkgpath = (int32_t)u32(m, u);
	t->rec.uncommon_pkgpath_off = pkgpath;
	t->rec.mcount = u16(m, u + 4);
	t->rec.xcount = u16(m, u + 6);
	t->rec.moff = u32(m, u + 8);
	n = t->rec.mcount;
	if (t->rec.xcount > n)
		return gtd_fail(m->err, GTD_EDATA, "uncommon type: %u exported methods of %u",
				t->rec.xcount, n);
	if (pkgpath && rt_name_at(m, pkgpath, &pkg))
		return gtd_context(m->err, "uncommon type's package path");
	m->t[idx].uncommon_pkgpath = pkg;
	if (read_array(m, at + m->t[idx].rec.moff, n, 16, "methods", &a))
		return m->err->code;
	if (n && !(methods = gtd_arena_calloc(&m->arena, n, sizeof *methods)))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for methods");
	m->t[idx].methods = methods;
	m->t[idx].nmethods = n;
	for (uint32_t i = 0; i < n; i++) {
		struct rt_method *me = &methods[i];
		const uint8_t *p = a + 16 * i;

		me->name_off = (int32_t)u32(m, p);
		me->mtyp_off = (int32_t)u32(m, p + 4);
		me->ifn = (int32_t)u32(m, p + 8);
		me->tfn = (int32_t)u32(m, p + 12);
		if (rt_name_at(m, me->name_off, &me->name) || type_off(m, me->mtyp_off, &me->mtyp))
			return gtd_context(m->err, "method %u", i);
	}
	return GTD_OK;
}

static int read_kind(struct rt_module *m, uint32_t idx, const uint8_t *k)
{
	unsigned h = header_size(m), w = m->w;
	struct rt_type *t = &m->t[idx];
	uint32_t elem = RT_NO_TYPE, key = RT_NO_TYPE, other;
	int rc;

	t->elem = t->key = RT_NO_TYPE;
	switch (t->rec.kind) {
	case RT_KIND_ARRAY:
		t->rec.len = (int64_t)word(m, k + h + 2 * w);
		rc = rt_type_ptr(m, word(m, k + h), &elem) || rt_type_ptr(m, word(m, k + h + w), &other);
		break;
	case RT_KIND_CHAN:
		t->rec.dir = (int64_t)word(m, k + h + w);
		if (t->rec.dir < 1 || t->rec.dir > 3)
			return gtd_fail(m->err, GTD_EDATA, "channel direction %lld, not 1-3",
					(long long)t->rec.dir);
		rc = rt_type_ptr(m, word(m, k + h), &elem);
		break;
	case RT_KIND_FUNC: {
		uint16_t out = u16(m, k + h + 2);

		t->rec.in_count = u16(m, k + h);
		t->rec.out_count = out & 0x7fff;
		t->rec.variadic = !!(out & 0x8000);
		return GTD_OK;
	}
	case RT_KIND_INTERFACE:
		return read_imethods(m, idx, k);
	case RT_KIND_MAP: /* and its bucket or group type */
		rc = rt_type_ptr(m, word(m, k + h), &key) || rt_type_ptr(m, word(m, k + h + w), &elem) ||
		     rt_type_ptr(m, word(m, k + h + 2 * w), &other);
		break;
	case RT_KIND_POINTER:
	case RT_KIND_SLICE:
		rc = rt_type_ptr(m, word(m, k + h), &elem);
		break;
	case RT_KIND_STRUCT:
		return read_fields(m, idx, k);
	default:
		return GTD_OK;
	}
	m->t[idx].elem = elem;
	m->t[idx].key = key;
	return rc ? m->err->code : GTD_OK;
}

static int read_type(struct rt_module *m, uint32_t idx)
{
	uint8_t k[256];
	struct rt_type *t;
	uint64_t addr;
	unsigned ks, w = m->w;
	int32_t ptrtothis;
	uint32_t ignored;

	t = &m->t[idx];
	addr = m->types + t->rec.off;
	if (gtd_objfile_read(m->f, addr, k, header_size(m), m->err))
		return m->err->code;
	t->rec.size = word(m, k);
	t->rec.ptrdata = word(m, k + w);
	t->rec.hash = u32(m, k + 2 * w);
	t->rec.tflag = k[2 * w + 4];
	t->rec.align = k[2 * w + 5];
	t->rec.fieldalign = k[2 * w + 6];
	t->rec.kind_byte = k[2 * w + 7];
	t->rec.kind = t->rec.kind_byte & 0x1f;
	t->rec.str_off = (int32_t)u32(m, k + 4 * w + 8);
	ptrtothis = (int32_t)u32(m, k + 4 * w + 12);
	t->rec.ptrtothis_off = ptrtothis;
	t->rec.uncommon_pkgpath_off = t->rec.elem_off = t->rec.key_off = GTD_RT_NONE;
	t->rec.len = t->rec.dir = t->rec.in_count = t->rec.out_count = GTD_RT_NONE;
	if (t->rec.kind == 0 || t->rec.kind > RT_KIND_UNSAFE_POINTER)
		return gtd_fail(m->err, GTD_EDATA, "kind %u, not 1-26", t->rec.kind);
	ks = kind_size(m, t->rec.kind);
	if (gtd_objfile_read(m->f, addr, k, ks, m->err) || rt_name_at(m, t->rec.str_off, &t->str))
		return m->err->code;
	/* (m->t moves as types are added: t is found again after each step) */
	if (ptrtothis && ptrtothis != -1 && type_off(m, ptrtothis, &ignored))
		return gtd_context(m->err, "PtrToThis");
	if (read_kind(m, idx, k))
		return m->err->code;
	t = &m->t[idx];
	t->rec.bytes = ks;
	if (t->rec.tflag & RT_TFLAG_UNCOMMON) {
		t->has_uncommon = 1;
		t->rec.bytes += 16;
	}
	if (t->rec.kind == RT_KIND_FUNC && read_params(m, idx, addr + t->rec.bytes))
		return m->err->code;
	t = &m->t[idx];
	if (t->has_uncommon && read_uncommon(m, idx, addr + ks))
		return m->err->code;
	t = &m->t[idx];
	t->rec.bytes = (uint32_t)rt_descriptor_size(m, t);
	return GTD_OK;
}

uint64_t rt_descriptor_size(const struct rt_module *m, const struct rt_type *t)
{
	uint64_t n = kind_size(m, t->rec.kind) + (t->has_uncommon ? 16 : 0);

	if (t->rec.kind == RT_KIND_STRUCT)
		n += (uint64_t)t->nfields * 3 * m->w;
	else if (t->rec.kind == RT_KIND_FUNC)
		n += (uint64_t)t->nfields * m->w;
	else if (t->rec.kind == RT_KIND_INTERFACE)
		n += (uint64_t)t->nimethods * 8;
	return n + (uint64_t)t->nmethods * 16;
}

int rt_read_queued(struct rt_module *m)
{
	while (m->nqueue) {
		uint32_t idx = m->queue[--m->nqueue];

		if (read_type(m, idx))
			return gtd_context(m->err, "type at 0x%llx",
					   (unsigned long long)(m->types + m->t[idx].rec.off));
	}
	return GTD_OK;
}
