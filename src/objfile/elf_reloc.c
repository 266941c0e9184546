/* ELF dynamic relocations, applied with base 0, so that a PIE or a shared
 * object reads as an executable linked at its own addresses.
 *
 * The tables are found as the dynamic loader finds them, through the
 * PT_DYNAMIC segment (DT_RELA, DT_REL, DT_RELR, DT_JMPREL), not by section
 * name: Go's internal linker calls its table ".rela", other linkers
 * ".rela.dyn".  What each entry does at base 0:
 *   RELATIVE: the word is the addend (RELA: r_addend; REL: the word in
 *     place, which then already holds it);
 *   RELR entries: RELATIVE with the word in place as addend;
 *   the absolute word relocation (R_X86_64_64, R_AARCH64_ABS64, R_386_32,
 *     ...) against a symbol this file defines: its value plus the addend;
 *     against an undefined symbol it is an import, which stays as the
 *     file holds it.
 * Go's linker leaves the addend in the word too ("so it can be examined
 * statically", cmd/link/internal/amd64/asm.go), as GNU ld does; lld and
 * mold leave 0 there (golang/go#46560), which is why RELA addends are
 * applied and not assumed.  Every other type a loader handles for these
 * machines is known and left alone: GOT and PLT slots, copies, thread-local
 * offsets and ifunc results are bound at load time to what is not this
 * file's data.  A type not in the tables is reported, never guessed at. */
#include <gelf.h>
#include <string.h>

#include "elf_int.h"

/* Android's packed relocations (DT_ANDROID_REL, DT_ANDROID_RELA). */
#define DT_ANDROID_REL_TAG 0x6000000f
#define DT_ANDROID_RELA_TAG 0x60000011

enum how { LEFT, RELATIVE, ABSOLUTE };

struct rtype {
	uint32_t type;
	uint8_t how;
};

#define KNOWN_TLS_AND_SLOTS(P, COPY, GLOB, JUMP, IREL) \
	{ P##NONE, LEFT }, { P##COPY, LEFT }, { P##GLOB, LEFT }, { P##JUMP, LEFT }, { P##IREL, LEFT }

static const struct rtype amd64[] = {
	KNOWN_TLS_AND_SLOTS(R_X86_64_, COPY, GLOB_DAT, JUMP_SLOT, IRELATIVE),
	{ R_X86_64_RELATIVE, RELATIVE }, { R_X86_64_64, ABSOLUTE },
	{ R_X86_64_DTPMOD64, LEFT }, { R_X86_64_DTPOFF64, LEFT }, { R_X86_64_TPOFF64, LEFT },
	{ R_X86_64_TLSDESC, LEFT },
};
static const struct rtype i386[] = {
	KNOWN_TLS_AND_SLOTS(R_386_, COPY, GLOB_DAT, JMP_SLOT, IRELATIVE),
	{ R_386_RELATIVE, RELATIVE }, { R_386_32, ABSOLUTE },
	{ R_386_TLS_TPOFF, LEFT }, { R_386_TLS_DTPMOD32, LEFT }, { R_386_TLS_DTPOFF32, LEFT },
	{ R_386_TLS_TPOFF32, LEFT }, { R_386_TLS_DESC, LEFT },
};
static const struct rtype arm[] = {
	KNOWN_TLS_AND_SLOTS(R_ARM_, COPY, GLOB_DAT, JUMP_SLOT, IRELATIVE),
	{ R_ARM_RELATIVE, RELATIVE }, { R_ARM_ABS32, ABSOLUTE },
	{ R_ARM_TLS_DTPMOD32, LEFT }, { R_ARM_TLS_DTPOFF32, LEFT }, { R_ARM_TLS_TPOFF32, LEFT },
	{ R_ARM_TLS_DESC, LEFT },
};
static const struct rtype arm64[] = {
	KNOWN_TLS_AND_SLOTS(R_AARCH64_, COPY, GLOB_DAT, JUMP_SLOT, IRELATIVE),
	{ R_AARCH64_RELATIVE, RELATIVE }, { R_AARCH64_ABS64, ABSOLUTE },
	{ R_AARCH64_TLS_DTPMOD, LEFT }, { R_AARCH64_TLS_DTPREL, LEFT }, { R_AARCH64_TLS_TPREL, LEFT },
	{ R_AARCH64_TLSDESC, LEFT },
};
static const struct rtype ppc64[] = {
	KNOWN_TLS_AND_SLOTS(R_PPC64_, COPY, GLOB_DAT, JMP_SLOT, IRELATIVE),
	{ R_PPC64_RELATIVE, RELATIVE }, { R_PPC64_ADDR64, ABSOLUTE },
	{ R_PPC64_DTPMOD64, LEFT }, { R_PPC64_DTPREL64, LEFT }, { R_PPC64_TPREL64, LEFT },
	{ R_PPC64_JMP_IREL, LEFT },
};
static const struct rtype s390x[] = {
	KNOWN_TLS_AND_SLOTS(R_390_, COPY, GLOB_DAT, JMP_SLOT, IRELATIVE),
	{ R_390_RELATIVE, RELATIVE }, { R_390_64, ABSOLUTE },
	{ R_390_TLS_DTPMOD, LEFT }, { R_390_TLS_DTPOFF, LEFT }, { R_390_TLS_TPOFF, LEFT },
};
static const struct rtype riscv64[] = {
	{ R_RISCV_NONE, LEFT }, { R_RISCV_COPY, LEFT }, { R_RISCV_JUMP_SLOT, LEFT },
	{ R_RISCV_IRELATIVE, LEFT },
	{ R_RISCV_RELATIVE, RELATIVE }, { R_RISCV_64, ABSOLUTE },
	{ R_RISCV_TLS_DTPMOD64, LEFT }, { R_RISCV_TLS_DTPREL64, LEFT }, { R_RISCV_TLS_TPREL64, LEFT },
};
static const struct rtype loong64[] = {
	{ R_LARCH_NONE, LEFT }, { R_LARCH_COPY, LEFT }, { R_LARCH_JUMP_SLOT, LEFT },
	{ R_LARCH_IRELATIVE, LEFT },
	{ R_LARCH_RELATIVE, RELATIVE }, { R_LARCH_64, ABSOLUTE },
	{ R_LARCH_TLS_DTPMOD64, LEFT }, { R_LARCH_TLS_DTPREL64, LEFT }, { R_LARCH_TLS_TPREL64, LEFT },
};

#define RULES(m, t) { m, t, sizeof t / sizeof t[0] }
/* (MIPS has none here: Go builds no MIPS PIE or shared object, and a
 * MIPS file with dynamic relocations is refused.) */
static const struct rules {
	uint16_t machine;
	const struct rtype *types;
	size_t n;
} machines[] = {
	RULES(EM_X86_64, amd64), RULES(EM_386, i386), RULES(EM_ARM, arm), RULES(EM_AARCH64, arm64),
	RULES(EM_PPC64, ppc64), RULES(EM_S390, s390x), RULES(EM_RISCV, riscv64),
	RULES(EM_LOONGARCH, loong64),
};

/* A table a DT_ tag pair (or triple) describes. */
struct table {
	const char *tag;
	uint64_t addr, size, ent;
};

struct relctx {
	struct gtd_objfile *f;
	Elf *e;
	const struct rules *rules;
	Elf_Data *dynsym;
	size_t ndynsym;
	struct gtd_error *err;
};

static int how_of(const struct rules *r, uint32_t type)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->types[i].type == type)
			return r->types[i].how;
	return -1;
}

/* The dynamic symbol with index symi: its value, or *import for an
 * undefined one. */
static int dynsym_value(struct relctx *c, uint32_t symi, uint64_t *value, int *import)
{
	GElf_Sym sym;

	if (!c->dynsym || symi >= c->ndynsym)
		return gtd_fail(c->err, GTD_EDATA, "symbol %u: not one of the %zu dynamic symbols", symi,
				c->ndynsym);
	if (!gelf_getsym(c->dynsym, (int)symi, &sym))
		return gtd_obj_elf_fail(c->err, "dynamic symbol");
	*import = sym.st_shndx == SHN_UNDEF;
	*value = sym.st_value;
	return GTD_OK;
}

static int apply(struct relctx *c, uint64_t addr, uint32_t type, uint32_t symi, const int64_t *addend)
{
	int how = how_of(c->rules, type), import = 0;
	uint64_t a, s = 0;

	if (how < 0)
		return gtd_fail(c->err, GTD_EUNSUPPORTED, "at 0x%llx: relocation type %u is not one "
				"gotypedb knows for %s", (unsigned long long)addr, type,
				c->f->info.goarch);
	if (how == LEFT)
		return GTD_OK;
	if (addend)
		a = (uint64_t)*addend;
	else if (gtd_obj_raw_word(c->f, addr, &a, c->err))
		return c->err->code;
	if (how == ABSOLUTE && symi) {
		if (dynsym_value(c, symi, &s, &import))
			return c->err->code;
		if (import)
			return GTD_OK;
	}
	return gtd_obj_add_reloc(c->f, addr, s + a, c->err);
}

/* The file offset of the table's bytes, found through the loadable
 * segment holding them, as the loader maps it. */
static int table_offset(struct relctx *c, const struct table *t, uint64_t *off)
{
	size_t n;

	if (elf_getphdrnum(c->e, &n))
		return gtd_obj_elf_fail(c->err, "ELF program headers");
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(c->e, (int)i, &ph))
			return gtd_obj_elf_fail(c->err, "ELF program header");
		if (ph.p_type == PT_LOAD && t->addr >= ph.p_vaddr && t->addr - ph.p_vaddr <= ph.p_filesz &&
		    t->size <= ph.p_filesz - (t->addr - ph.p_vaddr)) {
			*off = ph.p_offset + (t->addr - ph.p_vaddr);
			return gtd_obj_check_table(c->f, *off, t->size, 1, t->tag, c->err);
		}
	}
	return gtd_fail(c->err, GTD_EDATA, "%s: 0x%llx bytes at 0x%llx: not in the file bytes of a "
			"loadable segment", t->tag, (unsigned long long)t->size,
			(unsigned long long)t->addr);
}

/* The table's entries as libelf converts them to this host's order. */
static Elf_Data *table_data(struct relctx *c, const struct table *t, Elf_Type type, size_t *n)
{
	size_t ent = gelf_fsize(c->e, type, 1, EV_CURRENT);
	uint64_t off = 0;
	Elf_Data *d;

	if ((t->ent && t->ent != ent) || t->size % ent) {
		gtd_fail(c->err, GTD_EDATA, "%s: entry size %llu, table size %llu: entries of %zu "
			 "bytes expected", t->tag, (unsigned long long)t->ent,
			 (unsigned long long)t->size, ent);
		return NULL;
	}
	if (table_offset(c, t, &off))
		return NULL;
	if (!(d = elf_getdata_rawchunk(c->e, (int64_t)off, t->size, type))) {
		gtd_obj_elf_fail(c->err, t->tag);
		return NULL;
	}
	*n = t->size / ent;
	return d;
}

static int walk_rela(struct relctx *c, const struct table *t)
{
	size_t n;
	Elf_Data *d = table_data(c, t, ELF_T_RELA, &n);

	if (!d)
		return c->err->code;
	for (size_t i = 0; i < n; i++) {
		GElf_Rela r;

		if (!gelf_getrela(d, (int)i, &r))
			return gtd_obj_elf_fail(c->err, t->tag);
		if (apply(c, r.r_offset, (uint32_t)GELF_R_TYPE(r.r_info), (uint32_t)GELF_R_SYM(r.r_info),
			  &r.r_addend))
			return gtd_context(c->err, "%s entry %zu", t->tag, i);
	}
	return GTD_OK;
}

static int walk_rel(struct relctx *c, const struct table *t)
{
	size_t n;
	Elf_Data *d = table_data(c, t, ELF_T_REL, &n);

	if (!d)
		return c->err->code;
	for (size_t i = 0; i < n; i++) {
		GElf_Rel r;

		if (!gelf_getrel(d, (int)i, &r))
			return gtd_obj_elf_fail(c->err, t->tag);
		if (apply(c, r.r_offset, (uint32_t)GELF_R_TYPE(r.r_info), (uint32_t)GELF_R_SYM(r.r_info),
			  NULL))
			return gtd_context(c->err, "%s entry %zu", t->tag, i);
	}
	return GTD_OK;
}

static int relr_one(struct relctx *c, uint64_t addr)
{
	uint64_t a;

	if (gtd_obj_raw_word(c->f, addr, &a, c->err))
		return c->err->code;
	return gtd_obj_add_reloc(c->f, addr, a, c->err);
}

/* RELR (the generic ABI's packed relative relocations): an even entry is
 * an address to relocate, and the next word; an odd entry is a bitmap of
 * the word-size - 1 words that follow the last ones described, bit i + 1
 * for word i. */
static int walk_relr(struct relctx *c, const struct table *t)
{
	unsigned w = c->f->info.ptr_size, bits = 8 * w;
	uint64_t where = 0;
	int have_where = 0;
	size_t n;
	Elf_Data *d = table_data(c, t, ELF_T_ADDR, &n);

	if (!d)
		return c->err->code;
	for (size_t i = 0; i < n; i++) {
		uint64_t entry = w == 8 ? ((const Elf64_Addr *)d->d_buf)[i]
					: ((const Elf32_Addr *)d->d_buf)[i];

		if (!(entry & 1)) {
			where = entry;
			have_where = 1;
			if (relr_one(c, where))
				return gtd_context(c->err, "%s entry %zu", t->tag, i);
			where += w;
			continue;
		}
		if (!have_where)
			return gtd_fail(c->err, GTD_EDATA, "%s entry %zu: a bitmap before any address",
					t->tag, i);
		for (unsigned k = 0; k + 1 < bits; k++)
			if ((entry >> (k + 1)) & 1 && relr_one(c, where + (uint64_t)k * w))
				return gtd_context(c->err, "%s entry %zu", t->tag, i);
		where += (uint64_t)(bits - 1) * w;
	}
	return GTD_OK;
}

struct dyn {
	struct table rela, rel, relr, jmprel;
	uint64_t pltrel;
};

static int note_tag(struct relctx *c, const GElf_Dyn *d, struct dyn *t)
{
	switch (d->d_tag) {
	case DT_RELA: t->rela.addr = d->d_un.d_ptr; break;
	case DT_RELASZ: t->rela.size = d->d_un.d_val; break;
	case DT_RELAENT: t->rela.ent = d->d_un.d_val; break;
	case DT_REL: t->rel.addr = d->d_un.d_ptr; break;
	case DT_RELSZ: t->rel.size = d->d_un.d_val; break;
	case DT_RELENT: t->rel.ent = d->d_un.d_val; break;
	case DT_RELR: t->relr.addr = d->d_un.d_ptr; break;
	case DT_RELRSZ: t->relr.size = d->d_un.d_val; break;
	case DT_RELRENT: t->relr.ent = d->d_un.d_val; break;
	case DT_JMPREL: t->jmprel.addr = d->d_un.d_ptr; break;
	case DT_PLTRELSZ: t->jmprel.size = d->d_un.d_val; break;
	case DT_PLTREL: t->pltrel = d->d_un.d_val; break;
	case DT_ANDROID_REL_TAG:
	case DT_ANDROID_RELA_TAG:
		return gtd_fail(c->err, GTD_EUNSUPPORTED, "dynamic section: Android packed relocations "
				"(tag 0x%llx) are not read", (unsigned long long)d->d_tag);
	}
	return GTD_OK;
}

/* The tables PT_DYNAMIC names; found 0 for a file without one (static). */
static int read_dynamic(struct relctx *c, struct dyn *t, int *found)
{
	size_t nph;

	*found = 0;
	if (elf_getphdrnum(c->e, &nph))
		return gtd_obj_elf_fail(c->err, "ELF program headers");
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		Elf_Data *d;
		size_t ent = gelf_fsize(c->e, ELF_T_DYN, 1, EV_CURRENT);

		if (!gelf_getphdr(c->e, (int)i, &ph))
			return gtd_obj_elf_fail(c->err, "ELF program header");
		if (ph.p_type != PT_DYNAMIC)
			continue;
		if (gtd_obj_check_table(c->f, ph.p_offset, ph.p_filesz / ent, ent, "PT_DYNAMIC", c->err))
			return c->err->code;
		if (!(d = elf_getdata_rawchunk(c->e, (int64_t)ph.p_offset, ph.p_filesz / ent * ent,
					       ELF_T_DYN)))
			return gtd_obj_elf_fail(c->err, "PT_DYNAMIC");
		for (size_t k = 0; k < ph.p_filesz / ent; k++) {
			GElf_Dyn dyn;

			if (!gelf_getdyn(d, (int)k, &dyn))
				return gtd_obj_elf_fail(c->err, "PT_DYNAMIC");
			if (dyn.d_tag == DT_NULL)
				break;
			if (note_tag(c, &dyn, t))
				return c->err->code;
		}
		*found = 1;
		return GTD_OK;
	}
	return GTD_OK;
}

static int within(const struct table *inner, const struct table *outer)
{
	return outer->size && inner->addr >= outer->addr && inner->addr - outer->addr <= outer->size &&
	       inner->size <= outer->size - (inner->addr - outer->addr);
}

static int dynsym_table(struct relctx *c)
{
	for (size_t i = 1; i < c->f->nsec; i++) {
		Elf_Scn *scn;
		GElf_Shdr sh;
		size_t ent = gelf_fsize(c->e, ELF_T_SYM, 1, EV_CURRENT);

		if (c->f->sec[i].type != SHT_DYNSYM)
			continue;
		if (!(scn = elf_getscn(c->e, i)) || !gelf_getshdr(scn, &sh) ||
		    !(c->dynsym = elf_getdata(scn, NULL)))
			return gtd_obj_elf_fail(c->err, "dynamic symbol table");
		c->ndynsym = c->dynsym->d_size / ent;
		return GTD_OK;
	}
	return GTD_OK;
}

static const struct rules *rules_of(uint16_t machine)
{
	for (size_t i = 0; i < sizeof machines / sizeof machines[0]; i++)
		if (machines[i].machine == machine)
			return &machines[i];
	return NULL;
}

static int walk_tables(struct relctx *c, struct dyn *t)
{
	int jmprel_rela = t->pltrel == DT_RELA;

	if (t->jmprel.size && t->pltrel != DT_RELA && t->pltrel != DT_REL)
		return gtd_fail(c->err, GTD_EDATA, "dynamic section: DT_PLTREL %llu, not DT_RELA or "
				"DT_REL", (unsigned long long)t->pltrel);
	if ((t->relr.size && walk_relr(c, &t->relr)) || (t->rel.size && walk_rel(c, &t->rel)) ||
	    (t->rela.size && walk_rela(c, &t->rela)))
		return c->err->code;
	/* Some linkers count the PLT's table within DT_RELASZ (glibc's
	 * loader then walks it once): it is walked with that one. */
	if (!t->jmprel.size || within(&t->jmprel, jmprel_rela ? &t->rela : &t->rel))
		return GTD_OK;
	return jmprel_rela ? walk_rela(c, &t->jmprel) : walk_rel(c, &t->jmprel);
}

int gtd_obj_elf_relocs(struct gtd_objfile *f, Elf *e, struct gtd_error *err)
{
	struct relctx c = { f, e, rules_of((uint16_t)f->info.machine), NULL, 0, err };
	struct dyn t = { { "DT_RELA", 0, 0, 0 }, { "DT_REL", 0, 0, 0 }, { "DT_RELR", 0, 0, 0 },
			 { "DT_JMPREL", 0, 0, 0 }, 0 };
	int found;

	if (read_dynamic(&c, &t, &found))
		return err->code;
	if (!found)
		return GTD_OK;
	if (!t.rela.size && !t.rel.size && !t.relr.size && !t.jmprel.size)
		return GTD_OK;
	if (!c.rules)
		return gtd_fail(err, GTD_EUNSUPPORTED, "dynamic relocations of %s are not read",
				f->info.goarch);
	if (dynsym_table(&c))
		return err->code;
	return walk_tables(&c, &t);
}
