/* abi.Name: a flags byte, the name's length and bytes, then, as the flags
 * say, the tag's length and bytes and a NameOff of the package path
 * (4 bytes in the target's order, unaligned).  Lengths are uvarints from
 * 1.17 on and 2-byte big-endian numbers before.  Names lie in the types
 * region, read where they are (they hold no pointer). */
#include <stdlib.h>
#include <string.h>

#include "rtype_int.h"

/* The most bytes a name's header and lengths take. */
#define NAME_MAX_HEAD 16

static int grow_names(struct rt_module *m)
{
	if (m->nnames < m->capnames)
		return GTD_OK;
	uint32_t cap = m->capnames ? m->capnames * 2 : 1024;
	struct rt_name *v = realloc(m->names, cap * sizeof *v);

	if (!v)
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for names");
	m->names = v;
	m->capnames = cap;
	return GTD_OK;
}

/* A length at p[*i] (within [0, n)), moving *i past it. */
static int length(const struct rt_module *m, const uint8_t *p, size_t n, size_t *i, uint64_t *len)
{
	if (!m->tl.varint_names) {
		if (n - *i < 2)
			return -1;
		*len = (uint64_t)p[*i] << 8 | p[*i + 1];
		*i += 2;
		return 0;
	}
	*len = 0;
	for (unsigned shift = 0; shift < 35; shift += 7) {
		if (*i >= n)
			return -1;
		uint8_t b = p[(*i)++];

		*len |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

static int decode(struct rt_module *m, int64_t off, struct rt_name *out)
{
	uint64_t addr = m->types + (uint64_t)off, len;
	const struct gtd_obj_section *s = gtd_objfile_section_at(m->f, addr);
	const uint8_t *p;
	size_t n, i = 1;

	if (!s || addr - s->addr >= s->file_size || gtd_objfile_bytes(m->f, addr, 1, &p, m->err))
		return gtd_fail(m->err, GTD_EDATA, "name at 0x%llx: not in the file's bytes",
				(unsigned long long)addr);
	n = s->file_size - (addr - s->addr);
	memset(out, 0, sizeof *out);
	out->off = (int32_t)off;
	out->flags = p[0];
	out->pkgpath_off = GTD_RT_NONE;
	if (length(m, p, n, &i, &len) || len > n - i)
		goto bad;
	out->name = gtd_bytes_of(p + i, len);
	i += len;
	if (out->flags & RT_NAME_TAG) {
		if (length(m, p, n, &i, &len) || len > n - i)
			goto bad;
		out->tag = gtd_bytes_of(p + i, len);
		i += len;
	}
	if (out->flags & RT_NAME_PKGPATH) {
		uint32_t v;

		if (n - i < 4)
			goto bad;
		v = m->be
			    ? (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3]
			    : (uint32_t)p[i + 3] << 24 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 1] << 8 | p[i];
		out->pkgpath_off = (int32_t)v;
	}
	return GTD_OK;
bad:
	return gtd_fail(m->err, GTD_EDATA, "name at 0x%llx: its lengths run past section %s",
			(unsigned long long)addr, s->name);
}

/* The names map's key for a NameOff: never 0. */
static const void *name_key(int64_t off)
{
	return (const void *)(uintptr_t)(uint64_t)(off + ((int64_t)1 << 32));
}

int rt_name_at(struct rt_module *m, int64_t off, uint32_t *idx)
{
	/* Names need not lie within [types, etypes): 1.27's linker keeps only
	 * descriptors and itabs there.  A NameOff is an int32 from types. */
	if (off < INT32_MIN || off > INT32_MAX)
		return gtd_fail(m->err, GTD_EDATA, "name at 0x%llx: %lld bytes from the module's types "
				"0x%llx, past what a NameOff holds", (unsigned long long)(m->types + off),
				(long long)off, (unsigned long long)m->types);
	if (gtd_ptrmap_get(&m->name_at, name_key(off), idx))
		return GTD_OK;
	if (grow_names(m) || decode(m, off, &m->names[m->nnames]))
		return m->err->code;
	*idx = m->nnames++;
	if (gtd_ptrmap_put(&m->name_at, name_key(off), *idx))
		return gtd_fail(m->err, GTD_ENOMEM, "out of memory for names");
	return GTD_OK;
}

int rt_name_ptr(struct rt_module *m, uint64_t addr, uint32_t *idx)
{
	return rt_name_at(m, (int64_t)(addr - m->types), idx);
}
