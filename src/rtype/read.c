/* Reads of the module's memory, each failure saying what was read. */
#include "rtype_int.h"

int rt_ptr(const struct rt_module *m, uint64_t addr, uint64_t *v, const char *what)
{
	if (gtd_objfile_ptr(m->f, addr, v, m->err))
		return gtd_context(m->err, "%s", what);
	return GTD_OK;
}

int rt_u32(const struct rt_module *m, uint64_t addr, uint32_t *v, const char *what)
{
	if (gtd_objfile_u32(m->f, addr, v, m->err))
		return gtd_context(m->err, "%s", what);
	return GTD_OK;
}

int rt_u16(const struct rt_module *m, uint64_t addr, uint16_t *v, const char *what)
{
	uint8_t b[2];

	if (gtd_objfile_read(m->f, addr, b, 2, m->err))
		return gtd_context(m->err, "%s", what);
	*v = m->be ? (uint16_t)(b[0] << 8 | b[1]) : (uint16_t)(b[1] << 8 | b[0]);
	return GTD_OK;
}

int rt_u8(const struct rt_module *m, uint64_t addr, uint8_t *v, const char *what)
{
	if (gtd_objfile_read(m->f, addr, v, 1, m->err))
		return gtd_context(m->err, "%s", what);
	return GTD_OK;
}
