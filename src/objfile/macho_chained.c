/* Chained fixups (LC_DYLD_CHAINED_FIXUPS, Apple's ld for macOS 12 and
 * later), applied with slide 0: each pointer word of a page holds either a
 * rebase (the target address, packed) or a bind (an import), and the
 * distance to the next such word of the page; a table gives each page's
 * first.  Unlike ELF's addends, a rebase word is no address until it is
 * unpacked, so without this a PIE's pointers read as garbage (gore#96).
 * Layouts from Apple's <mach-o/fixup-chains.h>; only the 64-bit formats
 * dyld uses for x86_64 and arm64 are read (arm64e's authenticated
 * pointers, the 32-bit and kernel formats are refused by name). */
#include "objfile_int.h"

#define DYLD_CHAINED_PTR_64 2u
#define DYLD_CHAINED_PTR_64_OFFSET 6u
#define DYLD_CHAINED_PTR_START_NONE 0xffffu
#define DYLD_CHAINED_PTR_START_MULTI 0x8000u
#define CHAINED_STRIDE 4u /* bytes per unit of `next`, both 64-bit formats */

static int u32_at(const struct gtd_objfile *f, struct gtd_cursor *c, size_t off, uint32_t *v)
{
	if (gtd_cursor_seek(c, off))
		return c->err->code;
	return f->info.big_endian ? gtd_cursor_u32be(c, v) : gtd_cursor_u32le(c, v);
}

static int u16_next(const struct gtd_objfile *f, struct gtd_cursor *c, uint16_t *v)
{
	return f->info.big_endian ? gtd_cursor_u16be(c, v) : gtd_cursor_u16le(c, v);
}

/* dyld_chained_ptr_64_rebase {target:36, high8:8, reserved:7, next:12,
 * bind:1}; a bind (dyld_chained_ptr_64_bind) has next and bind in the same
 * bits.  64_OFFSET's target is relative to the image's base address. */
static uint64_t rebase_value(uint64_t raw, unsigned format, uint64_t image_base)
{
	uint64_t target = raw & ((UINT64_C(1) << 36) - 1);
	uint64_t unpacked = target | ((raw >> 36) & 0xff) << 56;

	return format == DYLD_CHAINED_PTR_64_OFFSET ? image_base + unpacked : unpacked;
}

/* One page's chain, from its first word at addr to a word whose next is
 * 0; a chain never leaves its page (page_end). */
static int walk_chain(struct gtd_objfile *f, uint64_t addr, uint64_t page_end, unsigned format,
		      uint64_t image_base, struct gtd_error *err)
{
	for (;;) {
		uint64_t raw, next;

		if (addr > page_end || page_end - addr < 8)
			return gtd_fail(err, GTD_EDATA, "chain at 0x%llx: past its page's end (0x%llx)",
					(unsigned long long)addr, (unsigned long long)page_end);
		if (gtd_obj_raw_word(f, addr, &raw, err))
			return err->code;
		/* a bind is an import: its word holds no address and reads as 0 */
		if (gtd_obj_add_reloc(f, addr, raw >> 63 ? 0 : rebase_value(raw, format, image_base), err))
			return err->code;
		if (!(next = (raw >> 51) & 0xfff))
			return GTD_OK;
		addr += next * CHAINED_STRIDE;
	}
}

struct starts {
	uint16_t page_size, format, page_count;
	uint64_t segment_offset;
};

/* dyld_chained_starts_in_segment {size u32, page_size u16, pointer_format
 * u16, segment_offset u64, max_valid_pointer u32, page_count u16,
 * page_start[page_count] u16}: page p's first word is at image_base +
 * segment_offset + p * page_size + page_start[p]. */
static int read_starts(struct gtd_objfile *f, struct gtd_cursor *c, size_t at, struct starts *s)
{
	uint32_t size;

	if (u32_at(f, c, at, &size) || u16_next(f, c, &s->page_size) || u16_next(f, c, &s->format) ||
	    (f->info.big_endian ? gtd_cursor_u64be(c, &s->segment_offset)
				: gtd_cursor_u64le(c, &s->segment_offset)) ||
	    gtd_cursor_skip(c, 4) || u16_next(f, c, &s->page_count))
		return c->err->code;
	if (size < (uint32_t)s->page_count * 2 + 22)
		return gtd_fail(c->err, GTD_EDATA, "starts at +%zu: %u bytes, too few for %u pages", at,
				size, s->page_count);
	if (s->format != DYLD_CHAINED_PTR_64 && s->format != DYLD_CHAINED_PTR_64_OFFSET)
		return gtd_fail(c->err, GTD_EUNSUPPORTED, "starts at +%zu: pointer format %u: only "
				"DYLD_CHAINED_PTR_64 (2) and DYLD_CHAINED_PTR_64_OFFSET (6) are read",
				at, s->format);
	if (s->page_size == 0)
		return gtd_fail(c->err, GTD_EDATA, "starts at +%zu: page size 0", at);
	if (f->info.ptr_size != 8)
		return gtd_fail(c->err, GTD_EDATA, "starts at +%zu: 64-bit pointers in a 32-bit file", at);
	return GTD_OK;
}

static int walk_segment(struct gtd_objfile *f, struct gtd_cursor *c, size_t at, uint64_t image_base)
{
	struct starts s;

	if (read_starts(f, c, at, &s))
		return c->err->code;
	for (uint32_t p = 0; p < s.page_count; p++) {
		uint16_t start;
		uint64_t page = image_base + s.segment_offset + (uint64_t)p * s.page_size;

		if (u16_next(f, c, &start))
			return c->err->code;
		if (start == DYLD_CHAINED_PTR_START_NONE)
			continue;
		if (start & DYLD_CHAINED_PTR_START_MULTI)
			return gtd_fail(c->err, GTD_EDATA, "page %u: several starts (0x%x) in a 64-bit "
					"format", p, start);
		if (walk_chain(f, page + start, page + s.page_size, s.format, image_base, c->err))
			return gtd_context(c->err, "segment starts at +%zu, page %u", at, p);
	}
	return GTD_OK;
}

/* dyld_chained_fixups_header {fixups_version, starts_offset, ...} and at
 * starts_offset dyld_chained_starts_in_image {seg_count, seg_info_offset
 * [seg_count]} (0: no fixups in that segment). */
int gtd_obj_macho_chained_fixups(struct gtd_objfile *f, const struct gtd_cursor *data,
				 uint64_t image_base)
{
	struct gtd_cursor c = *data;
	uint32_t version, starts, nseg;

	if (u32_at(f, &c, 0, &version) || u32_at(f, &c, 4, &starts) || u32_at(f, &c, starts, &nseg))
		return c.err->code;
	if (version != 0)
		return gtd_fail(c.err, GTD_EUNSUPPORTED, "fixups version %u: only 0 is read", version);
	if (nseg > (c.len - starts - 4) / 4)
		return gtd_fail(c.err, GTD_EDATA, "%u segments' starts: past the data's end", nseg);
	for (uint32_t i = 0; i < nseg; i++) {
		uint32_t off;

		if (u32_at(f, &c, starts + 4 + (size_t)i * 4, &off))
			return c.err->code;
		if (off && walk_segment(f, &c, (size_t)starts + off, image_base))
			return gtd_context(c.err, "segment %u", i);
	}
	return GTD_OK;
}
