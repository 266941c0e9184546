/* Classic dyld rebase opcodes (LC_DYLD_INFO_ONLY: Go's internal linker
 * writes them for a darwin PIE, cmd/link/internal/ld/macho.go
 * machoDyldInfo; so did Apple's ld before chained fixups), applied with
 * slide 0: the word in place holds the unslid address, so each rebase
 * leaves its word as it is.  They are read to know which words are
 * pointers, and to check them.  Layout from Apple's <mach-o/loader.h>. */
#include "objfile_int.h"

#define REBASE_TYPE_POINTER 1u
#define REBASE_OPCODE_DONE 0x00u
#define REBASE_OPCODE_SET_TYPE_IMM 0x10u
#define REBASE_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB 0x20u
#define REBASE_OPCODE_ADD_ADDR_ULEB 0x30u
#define REBASE_OPCODE_ADD_ADDR_IMM_SCALED 0x40u
#define REBASE_OPCODE_DO_REBASE_IMM_TIMES 0x50u
#define REBASE_OPCODE_DO_REBASE_ULEB_TIMES 0x60u
#define REBASE_OPCODE_DO_REBASE_ADD_ADDR_ULEB 0x70u
#define REBASE_OPCODE_DO_REBASE_ULEB_TIMES_SKIPPING_ULEB 0x80u

struct rebase_state {
	struct gtd_objfile *f;
	uint64_t addr;
	unsigned type;
	int have_addr;
};

/* count rebases from the current address, skip bytes apart (after the
 * word): each one adds a relocation or fails, so a huge count stops at
 * the table's limit or at the end of the section. */
static int rebase_words(struct rebase_state *st, uint64_t count, uint64_t skip, struct gtd_error *err)
{
	unsigned w = st->f->info.ptr_size;

	if (!st->have_addr)
		return gtd_fail(err, GTD_EDATA, "a rebase before any segment was set");
	if (st->type != REBASE_TYPE_POINTER)
		return gtd_fail(err, GTD_EUNSUPPORTED, "rebase type %u: only pointers (1) are read",
				st->type);
	for (uint64_t k = 0; k < count; k++) {
		uint64_t raw;

		if (gtd_obj_raw_word(st->f, st->addr, &raw, err) ||
		    gtd_obj_add_reloc(st->f, st->addr, raw, err))
			return err->code;
		st->addr += w + skip;
	}
	return GTD_OK;
}

static int rebase_op(struct rebase_state *st, struct gtd_cursor *c, uint8_t op, uint8_t imm,
		     const uint64_t *seg_vmaddr, size_t nseg)
{
	uint64_t a, b;

	switch (op) {
	case REBASE_OPCODE_SET_TYPE_IMM:
		st->type = imm;
		return GTD_OK;
	case REBASE_OPCODE_SET_SEGMENT_AND_OFFSET_ULEB:
		if (imm >= nseg)
			return gtd_fail(c->err, GTD_EDATA, "segment %u of %zu", imm, nseg);
		if (gtd_cursor_uvarint(c, &a))
			return c->err->code;
		st->addr = seg_vmaddr[imm] + a;
		st->have_addr = 1;
		return GTD_OK;
	case REBASE_OPCODE_ADD_ADDR_ULEB:
		if (gtd_cursor_uvarint(c, &a))
			return c->err->code;
		st->addr += a;
		return GTD_OK;
	case REBASE_OPCODE_ADD_ADDR_IMM_SCALED:
		st->addr += (uint64_t)imm * st->f->info.ptr_size;
		return GTD_OK;
	case REBASE_OPCODE_DO_REBASE_IMM_TIMES:
		return rebase_words(st, imm, 0, c->err);
	case REBASE_OPCODE_DO_REBASE_ULEB_TIMES:
		return gtd_cursor_uvarint(c, &a) ? c->err->code : rebase_words(st, a, 0, c->err);
	case REBASE_OPCODE_DO_REBASE_ADD_ADDR_ULEB:
		return gtd_cursor_uvarint(c, &a) ? c->err->code : rebase_words(st, 1, a, c->err);
	case REBASE_OPCODE_DO_REBASE_ULEB_TIMES_SKIPPING_ULEB:
		if (gtd_cursor_uvarint(c, &a) || gtd_cursor_uvarint(c, &b))
			return c->err->code;
		return rebase_words(st, a, b, c->err);
	}
	return gtd_fail(c->err, GTD_EDATA, "opcode 0x%02x is not a rebase opcode", op | imm);
}

int gtd_obj_macho_rebase(struct gtd_objfile *f, const struct gtd_cursor *ops,
			 const uint64_t *seg_vmaddr, size_t nseg)
{
	struct gtd_cursor c = *ops;
	struct rebase_state st = { f, 0, 0, 0 };

	while (gtd_cursor_left(&c)) {
		uint64_t at = gtd_cursor_offset(&c);
		uint8_t b;

		if (gtd_cursor_u8(&c, &b))
			return c.err->code;
		if ((b & 0xf0) == REBASE_OPCODE_DONE)
			return GTD_OK;
		if (rebase_op(&st, &c, b & 0xf0, b & 0x0f, seg_vmaddr, nseg))
			return gtd_context(c.err, "opcode at offset 0x%llx", (unsigned long long)at);
	}
	return GTD_OK;
}
