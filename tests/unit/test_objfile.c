/* Object files: small ELF (32/64-bit, little/big-endian), Mach-O 64 (with
 * chained fixups and rebase opcodes), universal and PE32+ files written
 * here from the formats' specifications, read through objfile.h; and
 * hostile variants of each (counts and tables past the end, overlapping
 * chains, unknown relocation types), which must fail with a message
 * naming where. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gotypedb/objfile.h"
#include "testlib.h"

/* ---- a byte image written by field ---------------------------------- */

#define IMG_MAX 0x9000

struct img {
	uint8_t p[IMG_MAX];
	size_t n;
	int be;
};

static void put(struct img *m, size_t off, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		m->p[off + (m->be ? n - 1 - i : i)] = (uint8_t)(v >> (8 * i));
	if (off + n > m->n)
		m->n = off + n;
}

static void put_str(struct img *m, size_t off, const char *s, size_t n)
{
	memcpy(m->p + off, s, n);
	if (off + n > m->n)
		m->n = off + n;
}

static int open_img(const struct img *m, struct gtd_objfile **f, struct gtd_error *err)
{
	return gtd_objfile_open(m->p, m->n, 0, f, err);
}

static uint64_t ptr_at(const struct gtd_objfile *f, uint64_t addr)
{
	struct gtd_error err;
	uint64_t v = 0xdeadbeef;

	if (gtd_objfile_ptr(f, addr, &v, &err))
		fail_msg("ptr at 0x%llx: %s", (unsigned long long)addr, err.msg);
	return v;
}

/* ---- ELF ------------------------------------------------------------- */

/* One layout for all four ELF flavours: file offsets below, loaded at
 * VBASE + offset.  The data section's words (W bytes each):
 *   0 RELATIVE, addend 0x103ab     1 absolute word to foo + 8 (foo defined)
 *   2 absolute word to bar (an import, holds 0x1234)
 *   3 RELR address entry (holds 0x5555)
 *   4, 6 RELR bitmap words (hold pointers)   5 not relocated (0x77)
 * RELA flavours leave words 0 and 1 zero in the file (as lld does); REL
 * flavours hold the addends there. */
enum {
	VBASE = 0x10000, PHDR = 0x40, RELT = 0x100, RELR = 0x160, DYNSYM = 0x180, DYNSTR = 0x1d0,
	DYNAMIC = 0x1e0, DATA = 0x300, SYMTAB = 0x380, STRTAB = 0x3e0, SHSTRTAB = 0x400,
	SHDRS = 0x480, NSEC = 11, SEC_DATA = 6, SEC_BSS = 7, FOO = VBASE + 0x320,
};

struct elfspec {
	int is64, be, rela;
	uint16_t machine;
	uint32_t relative, absolute; /* relocation types */
	int dynamic;                 /* write PT_DYNAMIC */
};

static const struct elfspec amd64 = { 1, 0, 1, EM_X86_64, R_X86_64_RELATIVE, R_X86_64_64, 1 };
static const struct elfspec i386 = { 0, 0, 0, EM_386, R_386_RELATIVE, R_386_32, 1 };
static const struct elfspec s390x = { 1, 1, 1, EM_S390, R_390_RELATIVE, R_390_64, 1 };
static const struct elfspec mips = { 0, 1, 0, EM_MIPS, 3, 2, 0 };

struct eb {
	struct img m;
	const struct elfspec *s;
	unsigned w; /* address size */
};

static void wa(struct eb *b, size_t off, uint64_t v) { put(&b->m, off, b->w, v); }

static void elf_header(struct eb *b)
{
	const struct elfspec *s = b->s;

	put_str(&b->m, 0, "\x7f" "ELF", 4);
	b->m.p[EI_CLASS] = s->is64 ? ELFCLASS64 : ELFCLASS32;
	b->m.p[EI_DATA] = s->be ? ELFDATA2MSB : ELFDATA2LSB;
	b->m.p[EI_VERSION] = EV_CURRENT;
	put(&b->m, 16, 2, ET_DYN);
	put(&b->m, 18, 2, s->machine);
	put(&b->m, 20, 4, EV_CURRENT);
	if (s->is64) {
		put(&b->m, 32, 8, PHDR);
		put(&b->m, 40, 8, SHDRS);
		put(&b->m, 52, 2, 64);
		put(&b->m, 54, 2, 56);
		put(&b->m, 56, 2, s->dynamic ? 2 : 1);
		put(&b->m, 58, 2, 64);
		put(&b->m, 60, 2, NSEC);
		put(&b->m, 62, 2, NSEC - 1);
	} else {
		put(&b->m, 28, 4, PHDR);
		put(&b->m, 32, 4, SHDRS);
		put(&b->m, 40, 2, 52);
		put(&b->m, 42, 2, 32);
		put(&b->m, 44, 2, s->dynamic ? 2 : 1);
		put(&b->m, 46, 2, 40);
		put(&b->m, 48, 2, NSEC);
		put(&b->m, 50, 2, NSEC - 1);
	}
}

static void phdr(struct eb *b, unsigned i, uint32_t type, uint64_t off, uint64_t size)
{
	size_t p = PHDR + i * (b->s->is64 ? 56 : 32);

	put(&b->m, p, 4, type);
	if (b->s->is64) {
		put(&b->m, p + 8, 8, off);
		put(&b->m, p + 16, 8, VBASE + off);
		put(&b->m, p + 32, 8, size);
		put(&b->m, p + 40, 8, size);
	} else {
		put(&b->m, p + 4, 4, off);
		put(&b->m, p + 8, 4, VBASE + off);
		put(&b->m, p + 16, 4, size);
		put(&b->m, p + 20, 4, size);
	}
}

static void shdr(struct eb *b, unsigned i, uint32_t name, uint32_t type, uint64_t flags, uint64_t off,
		 uint64_t size, uint32_t link, uint64_t entsize)
{
	size_t p = SHDRS + i * (b->s->is64 ? 64 : 40);
	uint64_t addr = flags & SHF_ALLOC ? VBASE + off : 0;

	put(&b->m, p, 4, name);
	put(&b->m, p + 4, 4, type);
	if (b->s->is64) {
		put(&b->m, p + 8, 8, flags);
		put(&b->m, p + 16, 8, addr);
		put(&b->m, p + 24, 8, off);
		put(&b->m, p + 32, 8, size);
		put(&b->m, p + 40, 4, link);
		put(&b->m, p + 56, 8, entsize);
	} else {
		put(&b->m, p + 8, 4, flags);
		put(&b->m, p + 12, 4, addr);
		put(&b->m, p + 16, 4, off);
		put(&b->m, p + 20, 4, size);
		put(&b->m, p + 24, 4, link);
		put(&b->m, p + 36, 4, entsize);
	}
}

static unsigned relent(const struct eb *b)
{
	return b->s->is64 ? (b->s->rela ? 24 : 16) : (b->s->rela ? 12 : 8);
}

static void reloc(struct eb *b, unsigned i, uint64_t off, uint32_t sym, uint32_t type, uint64_t addend)
{
	size_t p = RELT + i * relent(b);

	wa(b, p, VBASE + off);
	wa(b, p + b->w, b->s->is64 ? (uint64_t)sym << 32 | type : sym << 8 | type);
	if (b->s->rela)
		wa(b, p + 2 * b->w, addend);
	else
		wa(b, off, addend); /* REL: the addend is the word in place */
}

/* A symbol (null, foo defined in the data section, bar undefined). */
static void sym(struct eb *b, size_t table, unsigned i, uint32_t name, uint64_t value, uint16_t shndx)
{
	size_t p = table + i * (b->s->is64 ? 24 : 16);

	put(&b->m, p, 4, name);
	if (b->s->is64) {
		b->m.p[p + 4] = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT);
		put(&b->m, p + 6, 2, shndx);
		put(&b->m, p + 8, 8, value);
	} else {
		put(&b->m, p + 4, 4, value);
		b->m.p[p + 12] = ELF32_ST_INFO(STB_GLOBAL, STT_OBJECT);
		put(&b->m, p + 14, 2, shndx);
	}
}

static void dyn(struct eb *b, unsigned i, int64_t tag, uint64_t val)
{
	wa(b, DYNAMIC + i * 2 * b->w, (uint64_t)tag);
	wa(b, DYNAMIC + i * 2 * b->w + b->w, val);
}

static const char shstrtab[] = "\0.rela.dyn\0.relr.dyn\0.dynsym\0.dynstr\0.dynamic\0.data\0.bss\0"
			       ".symtab\0.strtab\0.shstrtab";
static unsigned shname(const char *name)
{
	for (unsigned i = 0; i < sizeof shstrtab; i += (unsigned)strlen(shstrtab + i) + 1)
		if (strcmp(shstrtab + i, name) == 0)
			return i;
	return 0;
}

static void elf_sections(struct eb *b)
{
	unsigned symsz = b->s->is64 ? 24 : 16;

	shdr(b, 1, shname(".rela.dyn"), b->s->rela ? SHT_RELA : SHT_REL, SHF_ALLOC, RELT, 3 * relent(b), 3,
	     relent(b));
	shdr(b, 2, shname(".relr.dyn"), SHT_RELR, SHF_ALLOC, RELR, 2 * b->w, 0, b->w);
	shdr(b, 3, shname(".dynsym"), SHT_DYNSYM, SHF_ALLOC, DYNSYM, 3 * symsz, 4, symsz);
	shdr(b, 4, shname(".dynstr"), SHT_STRTAB, SHF_ALLOC, DYNSTR, 9, 0, 0);
	shdr(b, 5, shname(".dynamic"), SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, DYNAMIC, 7 * 2 * b->w, 4,
	     2 * b->w);
	shdr(b, SEC_DATA, shname(".data"), SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, DATA, 0x40, 0, 0);
	shdr(b, SEC_BSS, shname(".bss"), SHT_NOBITS, SHF_ALLOC | SHF_WRITE, DATA + 0x40, 0x20, 0, 0);
	shdr(b, 8, shname(".symtab"), SHT_SYMTAB, 0, SYMTAB, 3 * symsz, 9, symsz);
	shdr(b, 9, shname(".strtab"), SHT_STRTAB, 0, STRTAB, 30, 0, 0);
	shdr(b, 10, shname(".shstrtab"), SHT_STRTAB, 0, SHSTRTAB, sizeof shstrtab, 0, 0);
	put_str(&b->m, SHSTRTAB, shstrtab, sizeof shstrtab);
}

static void elf_symbols(struct eb *b)
{
	put_str(&b->m, DYNSTR, "\0foo\0bar\0", 9);
	sym(b, DYNSYM, 1, 1, FOO, SEC_DATA);
	sym(b, DYNSYM, 2, 5, 0, SHN_UNDEF);
	put_str(&b->m, STRTAB, "\0runtime.firstmoduledata\0bar\0", 30);
	sym(b, SYMTAB, 1, 1, FOO, SEC_DATA);
	sym(b, SYMTAB, 2, 25, 0, SHN_UNDEF);
}

static void elf_relocs(struct eb *b)
{
	unsigned w = b->w;

	reloc(b, 0, DATA, 0, b->s->relative, VBASE + 0x3ab);
	reloc(b, 1, DATA + w, 1, b->s->absolute, 8);
	reloc(b, 2, DATA + 2 * w, 2, b->s->absolute, 0);
	wa(b, DATA + 2 * w, 0x1234);
	wa(b, DATA + 3 * w, 0x5555);
	wa(b, DATA + 4 * w, VBASE + DATA);
	wa(b, DATA + 5 * w, 0x77);
	wa(b, DATA + 6 * w, VBASE + DATA + w);
	wa(b, RELR, VBASE + DATA + 3 * w);    /* an address: word 3 */
	wa(b, RELR + w, 1 | 1u << 1 | 1u << 3); /* a bitmap: words 4 and 6 */
	dyn(b, 0, b->s->rela ? DT_RELA : DT_REL, VBASE + RELT);
	dyn(b, 1, b->s->rela ? DT_RELASZ : DT_RELSZ, 3 * relent(b));
	dyn(b, 2, b->s->rela ? DT_RELAENT : DT_RELENT, relent(b));
	dyn(b, 3, DT_RELR, VBASE + RELR);
	dyn(b, 4, DT_RELRSZ, 2 * w);
	dyn(b, 5, DT_RELRENT, w);
	dyn(b, 6, DT_NULL, 0);
}

static void build_elf(struct eb *b, const struct elfspec *s)
{
	memset(b, 0, sizeof *b);
	b->s = s;
	b->m.be = s->be;
	b->w = s->is64 ? 8 : 4;
	elf_header(b);
	elf_sections(b);
	elf_symbols(b);
	if (s->dynamic)
		elf_relocs(b);
	b->m.n = SHDRS + NSEC * (s->is64 ? 64 : 40);
	phdr(b, 0, PT_LOAD, 0, b->m.n);
	if (s->dynamic)
		phdr(b, 1, PT_DYNAMIC, DYNAMIC, 7 * 2 * b->w);
}

static void check_elf(const struct elfspec *s, const char *goarch)
{
	struct eb b;
	struct gtd_objfile *f;
	struct gtd_error err;
	const struct gtd_obj_info *info;
	const struct gtd_obj_section *data;
	const struct gtd_obj_symbol *md;
	uint8_t buf[16];
	unsigned w = s->is64 ? 8 : 4;
	static struct img word;

	build_elf(&b, s);
	assert_int_equal(open_img(&b.m, &f, &err), GTD_OK);
	info = gtd_objfile_info(f);
	assert_int_equal(info->format, GTD_OBJ_ELF);
	assert_string_equal(info->goos, "linux");
	assert_string_equal(info->goarch, goarch);
	assert_int_equal(info->ptr_size, w);
	assert_int_equal(info->big_endian, s->be);
	assert_int_equal(gtd_objfile_nsections(f), NSEC);
	data = gtd_objfile_section_by_name(f, ".data");
	assert_non_null(data);
	assert_ptr_equal(data, gtd_objfile_section(f, SEC_DATA));
	assert_int_equal(data->addr, VBASE + DATA);
	assert_int_equal(data->file_size, 0x40);
	assert_ptr_equal(gtd_objfile_section_at(f, VBASE + DATA + 0x3f), data);
	assert_ptr_equal(gtd_objfile_section_at(f, VBASE + DATA + 0x40), gtd_objfile_section(f, SEC_BSS));
	assert_null(gtd_objfile_section_at(f, VBASE + DATA + 0x60));
	/* the symbol table, without its null symbol */
	assert_int_equal(gtd_objfile_nsymbols(f), 2);
	md = gtd_objfile_symbol_by_name(f, "runtime.firstmoduledata");
	assert_non_null(md);
	assert_int_equal(md->value, FOO);
	assert_int_equal(md->section, SEC_DATA);
	assert_int_equal(gtd_objfile_symbol(f, 1)->section, -1);
	assert_null(gtd_objfile_symbol_by_name(f, "bar")); /* undefined */
	if (s->dynamic) {
		/* relocated with base 0; the import is not */
		assert_int_equal(gtd_objfile_nrelocs(f), 5);
		assert_int_equal(ptr_at(f, VBASE + DATA), VBASE + 0x3ab);
		assert_int_equal(ptr_at(f, VBASE + DATA + w), FOO + 8);
		assert_int_equal(ptr_at(f, VBASE + DATA + 2 * w), 0x1234);
		assert_int_equal(ptr_at(f, VBASE + DATA + 3 * w), 0x5555);
		assert_int_equal(gtd_objfile_reloc(f, 4)->addr, VBASE + DATA + 6 * w);
		assert_int_equal(gtd_objfile_reloc(f, 4)->value, VBASE + DATA + w);
		assert_int_equal(ptr_at(f, VBASE + DATA + 5 * w), 0x77);
		/* a read across relocated words, from the middle of one */
		assert_int_equal(gtd_objfile_read(f, VBASE + DATA + 2, buf, w, &err), GTD_OK);
		memset(&word, 0, sizeof word);
		word.be = s->be;
		put(&word, 0, w, VBASE + 0x3ab);
		put(&word, w, w, FOO + 8);
		assert_memory_equal(buf, word.p + 2, w);
	}
	/* NOBITS reads as zeros; a read past the section fails, naming it */
	assert_int_equal(ptr_at(f, VBASE + DATA + 0x48), 0);
	assert_int_equal(gtd_objfile_read(f, VBASE + DATA + 0x3c, buf, 8, &err), GTD_EDATA);
	assert_string_equal(err.msg, "address 0x1033c: 8 bytes past the end of section .data "
			    "(0x10300-0x10340)");
	assert_int_equal(gtd_objfile_ptr(f, 0x999999, &(uint64_t){ 0 }, &err), GTD_EDATA);
	assert_string_equal(err.msg, "address 0x999999: not in any loaded section");
	gtd_objfile_free(f);
}

static void test_elf64_le(void **state)
{
	(void)state;
	check_elf(&amd64, "amd64");
}

static void test_elf32_le_rel(void **state)
{
	(void)state;
	check_elf(&i386, "386");
}

static void test_elf64_be(void **state)
{
	struct eb b;
	struct gtd_objfile *f;
	struct gtd_error err;
	uint32_t v;
	(void)state;

	check_elf(&s390x, "s390x");
	build_elf(&b, &s390x);
	assert_int_equal(open_img(&b.m, &f, &err), GTD_OK);
	assert_int_equal(gtd_objfile_u32(f, VBASE + DATA + 2 * 8 + 4, &v, &err), GTD_OK);
	assert_int_equal(v, 0x1234);
	gtd_objfile_free(f);
}

static void test_elf32_be(void **state)
{
	struct eb b;
	struct gtd_objfile *f;
	struct gtd_error err;
	struct elfspec with_dynamic = mips;
	(void)state;

	check_elf(&mips, "mips");
	/* MIPS's dynamic relocations are not read: refused by name */
	with_dynamic.dynamic = 1;
	build_elf(&b, &with_dynamic);
	assert_int_equal(open_img(&b.m, &f, &err), GTD_EUNSUPPORTED);
	assert_string_equal(err.msg, "dynamic relocations of mips are not read");
}

/* libelf reads the caller's bytes in place and never writes them, also
 * where it converts a big-endian file's tables. */
static void test_elf_view_read_only(void **state)
{
	struct eb b;
	struct gtd_objfile *f;
	struct gtd_error err;
	uint8_t *ro;
	(void)state;

	build_elf(&b, &s390x);
	ro = mmap(NULL, sizeof b.m.p, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(ro != MAP_FAILED);
	memcpy(ro, b.m.p, b.m.n);
	assert_int_equal(mprotect(ro, sizeof b.m.p, PROT_READ), 0);
	assert_int_equal(gtd_objfile_open(ro, b.m.n, 0, &f, &err), GTD_OK);
	assert_int_equal(ptr_at(f, VBASE + DATA), VBASE + 0x3ab);
	gtd_objfile_free(f);
	munmap(ro, sizeof b.m.p);
}

static void expect_elf_error(struct eb *b, int code, const char *msg)
{
	struct gtd_objfile *f = (struct gtd_objfile *)1;
	struct gtd_error err;

	assert_int_equal(open_img(&b->m, &f, &err), code);
	assert_null(f);
	assert_string_equal(err.msg, msg);
}

static void test_elf_hostile(void **state)
{
	struct eb b;
	(void)state;

	build_elf(&b, &amd64); /* 65535 sections claimed in a 2 KiB file */
	put(&b.m, 60, 2, 0xffff);
	expect_elf_error(&b, GTD_EDATA, "ELF section header table: 65535 entries of 64 bytes at "
			 "offset 0x480: past the end of the file (0x740)");
	build_elf(&b, &amd64); /* the extended count, section 0's sh_size */
	put(&b.m, 60, 2, 0);
	put(&b.m, SHDRS + 32, 8, 1u << 30);
	expect_elf_error(&b, GTD_EDATA, "ELF section header table: 1073741824 entries of 64 bytes "
			 "at offset 0x480: past the end of the file (0x740)");
	build_elf(&b, &amd64); /* program headers */
	put(&b.m, 56, 2, 1000);
	expect_elf_error(&b, GTD_EDATA, "ELF program header table: 1000 entries of 56 bytes at offset "
			 "0x40: past the end of the file (0x740)");
	build_elf(&b, &amd64); /* a section's bytes past the end */
	put(&b.m, SHDRS + SEC_DATA * 64 + 24, 8, 0x730);
	expect_elf_error(&b, GTD_EDATA, "section 6 (.data): bytes 0x730-0x770: past the end of the file "
			 "(0x740)");
	build_elf(&b, &amd64); /* a symbol table past the end */
	put(&b.m, SHDRS + 8 * 64 + 32, 8, 24 * 1000);
	expect_elf_error(&b, GTD_EDATA, "section 8 (.symtab): bytes 0x380-0x6140: past the end of the "
			 "file (0x740)");
	build_elf(&b, &amd64); /* a relocation table past its segment */
	put(&b.m, DYNAMIC + 16 + 8, 8, 24 * 1000);
	expect_elf_error(&b, GTD_EDATA, "DT_RELA: 0x5dc0 bytes at 0x10100: not in the file bytes of a "
			 "loadable segment");
	build_elf(&b, &amd64); /* an unknown relocation type */
	put(&b.m, RELT + 24 + 8, 4, 42);
	expect_elf_error(&b, GTD_EUNSUPPORTED, "DT_RELA entry 1: at 0x10308: relocation type 42 is not "
			 "one gotypedb knows for amd64");
	build_elf(&b, &amd64); /* a relocation outside every section */
	put(&b.m, RELT, 8, 0x999999);
	expect_elf_error(&b, GTD_EDATA, "DT_RELA entry 0: relocation: address 0x999999: not in any "
			 "loaded section");
	build_elf(&b, &amd64); /* into a section without file bytes */
	put(&b.m, RELT, 8, VBASE + DATA + 0x40);
	expect_elf_error(&b, GTD_EDATA, "DT_RELA entry 0: relocation: address 0x10340: 8 bytes not in "
			 "the file bytes of section .bss (0x10340-0x10340)");
	build_elf(&b, &amd64); /* two relocations of one word */
	put(&b.m, RELT + 24, 8, VBASE + DATA + 4);
	expect_elf_error(&b, GTD_EDATA, "relocations at 0x10300 and 0x10304: on one word (a loader "
			 "relocates each word once)");
	build_elf(&b, &amd64); /* a symbol index past the dynamic symbols */
	put(&b.m, RELT + 24 + 12, 4, 7);
	expect_elf_error(&b, GTD_EDATA, "DT_RELA entry 1: symbol 7: not one of the 3 dynamic symbols");
	build_elf(&b, &amd64); /* a RELR bitmap with no address before it */
	put(&b.m, RELR, 8, 3);
	expect_elf_error(&b, GTD_EDATA, "DT_RELR entry 0: a bitmap before any address");
	build_elf(&b, &amd64); /* a name past the string table */
	put(&b.m, SYMTAB + 24, 4, 5000);
	expect_elf_error(&b, GTD_EDATA, "ELF symbol 1: name at 5000: not a string of its string table "
			 "(section 9)");
	build_elf(&b, &amd64); /* a machine Go does not build for */
	put(&b.m, 18, 2, EM_SPARCV9);
	expect_elf_error(&b, GTD_EUNSUPPORTED, "ELF header: machine 43 (64-bit, little-endian) is not a "
			 "Go target");
	build_elf(&b, &amd64); /* sections overlapping in memory */
	put(&b.m, SHDRS + SEC_BSS * 64 + 16, 8, VBASE + DATA + 0x20);
	expect_elf_error(&b, GTD_EDATA, "sections 6 (.data, 0x10300-0x10340) and 7 (.bss, at 0x10320) "
			 "overlap");
	build_elf(&b, &amd64); /* cut short inside the section headers */
	b.m.n = SHDRS + 64;
	expect_elf_error(&b, GTD_EDATA, "ELF section header table: 11 entries of 64 bytes at offset 0x480: "
			 "past the end of the file (0x4c0)");
}

/* ---- Mach-O -------------------------------------------------------- */

enum {
	MBASE_TEXT = 0x0, MSYM = 0x2000, MSTR = 0x2040, MFIX = 0x2100, MREBASE = 0x2200, MSIZE = 0x2300,
};
#define IMAGE_BASE UINT64_C(0x100000000)
#define DATA_VM (IMAGE_BASE + 0x4000)

struct mb {
	struct img m;
	size_t cmd; /* where the next load command goes */
	uint32_t ncmds;
	size_t data_sect; /* the __data section header, for the tests to change */
};

static void seg_name(struct mb *b, size_t off, const char *name)
{
	put_str(&b->m, off, name, strlen(name));
}

static size_t segment(struct mb *b, const char *name, uint64_t vmaddr, uint64_t fileoff, uint64_t filesize,
		      uint32_t prot, uint32_t nsects)
{
	size_t p = b->cmd;

	put(&b->m, p, 4, 0x19); /* LC_SEGMENT_64 */
	put(&b->m, p + 4, 4, 72 + 80 * nsects);
	seg_name(b, p + 8, name);
	put(&b->m, p + 24, 8, vmaddr);
	put(&b->m, p + 32, 8, 0x4000);
	put(&b->m, p + 40, 8, fileoff);
	put(&b->m, p + 48, 8, filesize);
	put(&b->m, p + 56, 4, prot);
	put(&b->m, p + 60, 4, prot);
	put(&b->m, p + 64, 4, nsects);
	b->cmd += 72 + 80 * nsects;
	b->ncmds++;
	return p + 72;
}

static void msection(struct mb *b, size_t p, const char *sect, const char *seg, uint64_t addr,
		     uint64_t size, uint32_t off, uint32_t flags)
{
	seg_name(b, p, sect);
	seg_name(b, p + 16, seg);
	put(&b->m, p + 32, 8, addr);
	put(&b->m, p + 40, 8, size);
	put(&b->m, p + 48, 4, off);
	put(&b->m, p + 64, 4, flags);
}

static void linkedit(struct mb *b, uint32_t cmd, uint32_t off, uint32_t size, uint32_t cmdsize)
{
	put(&b->m, b->cmd, 4, cmd);
	put(&b->m, b->cmd + 4, 4, cmdsize);
	put(&b->m, b->cmd + 8, 4, off);
	put(&b->m, b->cmd + 12, 4, size);
	b->cmd += cmdsize;
	b->ncmds++;
}

/* dyld_chained_ptr_64_rebase and _bind */
static uint64_t chained_rebase(uint64_t target, uint64_t high8, uint64_t next)
{
	return target | high8 << 36 | next << 51;
}

static uint64_t chained_bind(uint32_t ordinal, uint64_t next)
{
	return ordinal | next << 51 | UINT64_C(1) << 63;
}

/* Chained fixups in __data: three words (a rebase to __text, a rebase
 * with high8 bits, a bind), format 6 (offsets from the image base) or 2
 * (addresses). */
static void chained_fixups(struct mb *b, unsigned format)
{
	size_t s = MFIX + 0x20, seg = s + 12;
	uint64_t text = format == 6 ? 0x800 : IMAGE_BASE + 0x800;
	uint64_t data = format == 6 ? 0x4010 : DATA_VM + 0x10;

	put(&b->m, MFIX, 4, 0);        /* fixups_version */
	put(&b->m, MFIX + 4, 4, 0x20); /* starts_offset */
	put(&b->m, s, 4, 2);           /* seg_count: __TEXT, __DATA */
	put(&b->m, s + 4, 4, 0);
	put(&b->m, s + 8, 4, 12);
	put(&b->m, seg, 4, 24);
	put(&b->m, seg + 4, 2, 0x4000);
	put(&b->m, seg + 6, 2, format);
	put(&b->m, seg + 8, 8, 0x4000); /* segment_offset */
	put(&b->m, seg + 20, 2, 1);     /* page_count */
	put(&b->m, seg + 22, 2, 0);     /* page_start[0] */
	put(&b->m, 0x1000, 8, chained_rebase(text, 0, 2));
	put(&b->m, 0x1008, 8, chained_rebase(data, 0x12, 4));
	put(&b->m, 0x1018, 8, chained_bind(0, 0));
	linkedit(b, 0x80000034, MFIX, 0x100, 16);
}

/* Classic rebase opcodes: words 4 and 5 of __data (segment 1). */
static void rebase_opcodes(struct mb *b)
{
	static const uint8_t ops[] = {
		0x11,       /* SET_TYPE_IMM pointer */
		0x21, 0x20, /* SET_SEGMENT_AND_OFFSET_ULEB segment 1, offset 0x20 */
		0x52,       /* DO_REBASE_IMM_TIMES 2 */
		0x21, 0x10, /* back to offset 0x10: the table need not be in order */
		0x51,       /* DO_REBASE_IMM_TIMES 1 */
		0x00,       /* DONE */
	};

	put_str(&b->m, MREBASE, (const char *)ops, sizeof ops);
	put(&b->m, 0x1010, 8, IMAGE_BASE + 0x810);
	put(&b->m, 0x1020, 8, IMAGE_BASE + 0x800);
	put(&b->m, 0x1028, 8, DATA_VM);
	linkedit(b, 0x80000022, MREBASE, 16, 48); /* (zeros after DONE) */
}

static void build_macho(struct mb *b, int fixups_format)
{
	size_t sects;

	memset(b, 0, sizeof *b);
	b->cmd = 32;
	put(&b->m, 0, 4, 0xfeedfacf);
	put(&b->m, 4, 4, 0x0100000c); /* CPU_TYPE_ARM64 */
	put(&b->m, 12, 4, 2);          /* MH_EXECUTE */
	sects = segment(b, "__TEXT", IMAGE_BASE, 0, 0x1000, 5, 1);
	msection(b, sects, "__text", "__TEXT", IMAGE_BASE + 0x800, 0x100, 0x800, 0x80000400);
	sects = segment(b, "__DATA", DATA_VM, 0x1000, 0x1000, 3, 2);
	b->data_sect = sects;
	msection(b, sects, "__data", "__DATA", DATA_VM, 0x100, 0x1000, 0);
	msection(b, sects + 80, "__bss", "__DATA", DATA_VM + 0x100, 0x80, 0, 1);
	put(&b->m, b->cmd, 4, 2); /* LC_SYMTAB */
	put(&b->m, b->cmd + 4, 4, 24);
	put(&b->m, b->cmd + 8, 4, MSYM);
	put(&b->m, b->cmd + 12, 4, 2);
	put(&b->m, b->cmd + 16, 4, MSTR);
	put(&b->m, b->cmd + 20, 4, 32);
	b->cmd += 24;
	b->ncmds++;
	put(&b->m, MSYM, 4, 1); /* _runtime.firstmoduledata in section 2 */
	b->m.p[MSYM + 4] = 0x0f;
	b->m.p[MSYM + 5] = 2;
	put(&b->m, MSYM + 8, 8, DATA_VM + 0x40);
	put(&b->m, MSYM + 16, 4, 26); /* _main, undefined */
	b->m.p[MSYM + 20] = 0x01;
	put_str(&b->m, MSTR, "\0_runtime.firstmoduledata\0_main\0", 32);
	if (fixups_format)
		chained_fixups(b, (unsigned)fixups_format);
	else
		rebase_opcodes(b);
	put(&b->m, 16, 4, b->ncmds);
	put(&b->m, 20, 4, b->cmd - 32);
	b->m.n = MSIZE;
}

static void test_macho_chained_fixups(void **state)
{
	struct mb b;
	struct gtd_objfile *f;
	struct gtd_error err;
	const struct gtd_obj_info *info;
	(void)state;

	for (int format = 2; format <= 6; format += 4) {
		build_macho(&b, format);
		assert_int_equal(open_img(&b.m, &f, &err), GTD_OK);
		info = gtd_objfile_info(f);
		assert_int_equal(info->format, GTD_OBJ_MACHO);
		assert_string_equal(info->goos, "darwin");
		assert_string_equal(info->goarch, "arm64");
		assert_int_equal(gtd_objfile_nsections(f), 3);
		assert_string_equal(gtd_objfile_section(f, 1)->name, "__data");
		assert_string_equal(gtd_objfile_section(f, 1)->segment, "__DATA");
		assert_ptr_equal(gtd_objfile_section_by_name(f, "__DATA,__bss"), gtd_objfile_section(f, 2));
		assert_null(gtd_objfile_section_by_name(f, "__TEXT,__bss"));
		assert_int_equal(gtd_objfile_section(f, 2)->file_size, 0);
		assert_int_equal(gtd_objfile_symbol_by_name(f, "runtime.firstmoduledata")->value,
				 DATA_VM + 0x40);
		assert_int_equal(gtd_objfile_symbol_by_name(f, "runtime.firstmoduledata")->section, 1);
		assert_null(gtd_objfile_symbol_by_name(f, "main")); /* undefined */
		assert_int_equal(gtd_objfile_nrelocs(f), 3);
		assert_int_equal(ptr_at(f, DATA_VM), IMAGE_BASE + 0x800);
		assert_int_equal(ptr_at(f, DATA_VM + 8), UINT64_C(0x1200000100004010));
		assert_int_equal(ptr_at(f, DATA_VM + 0x18), 0); /* a bind: an import */
		assert_int_equal(ptr_at(f, DATA_VM + 0x100), 0); /* zerofill */
		gtd_objfile_free(f);
	}
}

static void test_macho_rebase_opcodes(void **state)
{
	struct mb b;
	struct gtd_objfile *f;
	struct gtd_error err;
	(void)state;

	build_macho(&b, 0);
	assert_int_equal(open_img(&b.m, &f, &err), GTD_OK);
	assert_int_equal(gtd_objfile_nrelocs(f), 3);
	/* by address, whatever the opcodes' order */
	assert_int_equal(gtd_objfile_reloc(f, 0)->addr, DATA_VM + 0x10);
	assert_int_equal(gtd_objfile_reloc(f, 0)->value, IMAGE_BASE + 0x810);
	assert_int_equal(gtd_objfile_reloc(f, 1)->addr, DATA_VM + 0x20);
	assert_int_equal(gtd_objfile_reloc(f, 2)->addr, DATA_VM + 0x28);
	assert_int_equal(gtd_objfile_reloc(f, 2)->value, DATA_VM);
	assert_int_equal(ptr_at(f, DATA_VM + 0x10), IMAGE_BASE + 0x810);
	assert_int_equal(ptr_at(f, DATA_VM + 0x20), IMAGE_BASE + 0x800);
	gtd_objfile_free(f);
	/* a count of 2^60: stops at the section's end, never loops */
	build_macho(&b, 0);
	put_str(&b.m, MREBASE + 3, "\x60\x80\x80\x80\x80\x80\x80\x80\x80\x10", 10);
	assert_int_equal(open_img(&b.m, &f, &err), GTD_EDATA);
	assert_string_equal(err.msg, "Mach-O rebase opcodes: opcode at offset 0x2203: address "
			    "0x100004100: 8 bytes not in the file bytes of section __bss "
			    "(0x100004100-0x100004100)");
}

static void expect_macho_error(struct mb *b, int code, const char *msg)
{
	struct gtd_objfile *f;
	struct gtd_error err;

	assert_int_equal(open_img(&b->m, &f, &err), code);
	assert_string_equal(err.msg, msg);
}

static void test_macho_hostile(void **state)
{
	struct mb b;
	(void)state;

	build_macho(&b, 6); /* a chain whose next word overlaps this one */
	put(&b.m, 0x1000, 8, chained_rebase(0x800, 0, 1));
	expect_macho_error(&b, GTD_EDATA, "relocations at 0x100004000 and 0x100004004: on one word (a "
			   "loader relocates each word once)");
	build_macho(&b, 6); /* a chain running past its page */
	put(&b.m, 0x1000, 8, chained_rebase(0x800, 0, 0xfff));
	put(&b.m, MFIX + 0x20 + 12 + 4, 2, 0x1000);
	expect_macho_error(&b, GTD_EDATA, "Mach-O chained fixups: segment 1: segment starts at +44, page "
			   "0: chain at 0x100007ffc: past its page's end (0x100005000)");
	build_macho(&b, 6); /* a chain into the zero-filled section */
	put(&b.m, 0x1018, 8, chained_bind(0, 0x3a));
	expect_macho_error(&b, GTD_EDATA, "Mach-O chained fixups: segment 1: segment starts at +44, page "
			   "0: address 0x100004100: 8 bytes not in the file bytes of section __bss "
			   "(0x100004100-0x100004100)");
	build_macho(&b, 6); /* arm64e's authenticated pointers */
	put(&b.m, MFIX + 0x20 + 12 + 6, 2, 1);
	expect_macho_error(&b, GTD_EUNSUPPORTED, "Mach-O chained fixups: segment 1: starts at +44: pointer "
			   "format 1: only DYLD_CHAINED_PTR_64 (2) and DYLD_CHAINED_PTR_64_OFFSET (6) "
			   "are read");
	build_macho(&b, 6); /* a page count past the starts' size */
	put(&b.m, MFIX + 0x20 + 12 + 20, 2, 0xffff);
	expect_macho_error(&b, GTD_EDATA, "Mach-O chained fixups: segment 1: starts at +44: 24 bytes, too "
			   "few for 65535 pages");
	put(&b.m, MFIX + 0x20 + 12, 4, 2 * 0xffff + 22); /* and past the data (no start in page 1-) */
	memset(b.m.p + MFIX + 0x20 + 12 + 24, 0xff, 0x100 - (0x20 + 12 + 24));
	expect_macho_error(&b, GTD_EDATA, "Mach-O chained fixups: segment 1: offset 0x2200: unexpected end "
			   "of data (need 2 bytes, 0 left)");
	build_macho(&b, 6); /* the segments' starts past the data */
	put(&b.m, MFIX + 0x20, 4, 1000);
	expect_macho_error(&b, GTD_EDATA, "Mach-O chained fixups: 1000 segments' starts: past the data's "
			   "end");
	build_macho(&b, 6); /* more sections than the segment command holds */
	put(&b.m, 32 + 64, 4, 1000);
	expect_macho_error(&b, GTD_EDATA, "Mach-O load command 0 (0x19) at offset 0x20: 1000 sections of "
			   "80 bytes: more than the command's 152 bytes hold");
	build_macho(&b, 6); /* more load commands than their bytes */
	put(&b.m, 16, 4, 100000);
	expect_macho_error(&b, GTD_EDATA, "Mach-O header: 100000 load commands in 424 bytes at offset "
			   "0x20: past the end of the file (0x2300) or smaller than 8 bytes each");
	build_macho(&b, 6); /* a symbol table past the end */
	put(&b.m, b.data_sect + 160 + 12, 4, 1000);
	expect_macho_error(&b, GTD_EDATA, "Mach-O symbol table: 1000 entries of 16 bytes at offset 0x2000: "
			   "past the end of the file (0x2300)");
	build_macho(&b, 6); /* a section past the end */
	put(&b.m, b.data_sect + 48, 4, 0x2280);
	expect_macho_error(&b, GTD_EDATA, "section 1 (__data): bytes 0x2280-0x2380: past the end of the "
			   "file (0x2300)");
	build_macho(&b, 6); /* a CPU Go does not build for */
	put(&b.m, 4, 4, 0x01000012);
	expect_macho_error(&b, GTD_EUNSUPPORTED, "Mach-O header: CPU type 0x1000012 (64-bit, "
			   "little-endian) is not a Go target");
}

/* ---- universal Mach-O ------------------------------------------------ */

static void build_fat(struct img *fat, const struct img *thin)
{
	memset(fat, 0, sizeof *fat);
	fat->be = 1;
	put(fat, 0, 4, 0xcafebabe);
	put(fat, 4, 4, 2);
	put(fat, 8, 4, 0x0100000c);
	put(fat, 16, 4, 0x1000);
	put(fat, 20, 4, 0x2300);
	put(fat, 28, 4, 0x0100000c);
	put(fat, 36, 4, 0x4000);
	put(fat, 40, 4, 0x2300);
	put_str(fat, 0x1000, (const char *)thin->p, 0x2300);
	put_str(fat, 0x4000, (const char *)thin->p, 0x2300);
}

static void test_universal(void **state)
{
	struct mb b;
	struct img fat;
	struct gtd_obj_slice s[GTD_OBJ_MAX_SLICES];
	struct gtd_objfile *f;
	struct gtd_error err;
	size_t n;
	(void)state;

	build_macho(&b, 6);
	build_fat(&fat, &b.m);
	assert_int_equal(gtd_objfile_slices(fat.p, fat.n, s, &n, &err), GTD_OK);
	assert_int_equal(n, 2);
	assert_int_equal(s[1].off, 0x4000);
	assert_int_equal(s[1].size, 0x2300);
	assert_int_equal(s[1].cputype, 0x0100000c);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(gtd_objfile_open(fat.p + s[i].off, s[i].size, s[i].off, &f, &err), GTD_OK);
		assert_int_equal(ptr_at(f, DATA_VM), IMAGE_BASE + 0x800);
		gtd_objfile_free(f);
	}
	/* the universal file itself is no object; an error names the slice's offset */
	assert_int_equal(gtd_objfile_open(fat.p, fat.n, 0, &f, &err), GTD_EUSAGE);
	fat.be = 0; /* the thin file's own order */
	put(&fat, 0x4000 + 20, 4, 0x100000);
	assert_int_equal(gtd_objfile_open(fat.p + 0x4000, 0x2300, 0x4000, &f, &err), GTD_EDATA);
	assert_string_equal(err.msg, "Mach-O header: 4 load commands in 1048576 bytes at offset 0x4020: "
			    "past the end of the file (0x6300) or smaller than 8 bytes each");
}

static void test_universal_hostile(void **state)
{
	struct mb b;
	struct img fat;
	struct gtd_obj_slice s[GTD_OBJ_MAX_SLICES];
	struct gtd_error err;
	size_t n;
	(void)state;

	build_macho(&b, 6);
	build_fat(&fat, &b.m);
	put(&fat, 4, 4, 0x34); /* a Java class file: version 52 */
	assert_int_equal(gtd_objfile_slices(fat.p, fat.n, s, &n, &err), GTD_EDATA);
	assert_string_equal(err.msg, "universal Mach-O header: 52 architectures, not 1 to 32 (a Java "
			    "class file?)");
	build_fat(&fat, &b.m);
	put(&fat, 40, 4, 0x10000); /* a slice past the end */
	assert_int_equal(gtd_objfile_slices(fat.p, fat.n, s, &n, &err), GTD_EDATA);
	assert_string_equal(err.msg, "universal Mach-O architecture 1: 0x10000 bytes at offset 0x4000: "
			    "empty or past the end of the file (0x6300)");
	fat.n = 20; /* two architectures' records cut short */
	assert_int_equal(gtd_objfile_slices(fat.p, fat.n, s, &n, &err), GTD_EDATA);
	assert_string_equal(err.msg, "universal Mach-O header: 2 architectures of 20 bytes: past the end "
			    "of the file (0x14)");
}

/* ---- PE -------------------------------------------------------------- */

enum { LFANEW = 0x80, OPT = LFANEW + 24, PSECT = OPT + 0xf0, PSYM = 0x600, PSTR = PSYM + 4 * 18 };
#define PBASE UINT64_C(0x140000000)

static void psection(struct img *m, unsigned i, const char *name, uint32_t vsize, uint32_t va,
		     uint32_t raw, uint32_t ptr, uint32_t flags)
{
	size_t p = PSECT + i * 40;

	put_str(m, p, name, strlen(name));
	put(m, p + 8, 4, vsize);
	put(m, p + 12, 4, va);
	put(m, p + 16, 4, raw);
	put(m, p + 20, 4, ptr);
	put(m, p + 36, 4, flags);
}

static void build_pe(struct img *m)
{
	static const char strtab[] = "runtime.firstmoduledata\0.zdebug_info";

	memset(m, 0, sizeof *m);
	put_str(m, 0, "MZ", 2);
	put(m, 0x3c, 4, LFANEW);
	put_str(m, LFANEW, "PE\0\0", 4);
	put(m, LFANEW + 4, 2, 0x8664);
	put(m, LFANEW + 6, 2, 3);
	put(m, LFANEW + 12, 4, PSYM);
	put(m, LFANEW + 16, 4, 4);
	put(m, LFANEW + 20, 2, 0xf0);
	put(m, OPT, 2, 0x20b);
	put(m, OPT + 24, 8, PBASE);
	psection(m, 0, ".text", 0x100, 0x1000, 0x200, 0x200, 0x60000020);
	psection(m, 1, ".data", 0x300, 0x2000, 0x200, 0x400, 0xc0000040);
	psection(m, 2, "/28", 0x10, 0x3000, 0, 0, 0x42000040);
	put(m, 0x400 + 0x10, 8, PBASE + 0x1000);
	/* runtime.firstmoduledata (a long name), main.x (with one auxiliary
	 * record), an absolute symbol */
	put(m, PSYM + 4, 4, 4);
	put(m, PSYM + 8, 4, 0x10);
	put(m, PSYM + 12, 2, 2);
	put_str(m, PSYM + 18, "main.x", 6);
	put(m, PSYM + 18 + 8, 4, 0x20);
	put(m, PSYM + 18 + 12, 2, 2);
	m->p[PSYM + 18 + 17] = 1;
	put_str(m, PSYM + 54, "abs", 3);
	put(m, PSYM + 54 + 8, 4, 5);
	put(m, PSYM + 54 + 12, 2, 0xffff);
	put(m, PSTR, 4, 4 + sizeof strtab);
	put_str(m, PSTR + 4, strtab, sizeof strtab);
}

static void test_pe32plus(void **state)
{
	struct img m;
	struct gtd_objfile *f;
	struct gtd_error err;
	const struct gtd_obj_info *info;
	const struct gtd_obj_section *data;
	(void)state;

	build_pe(&m);
	assert_int_equal(open_img(&m, &f, &err), GTD_OK);
	info = gtd_objfile_info(f);
	assert_int_equal(info->format, GTD_OBJ_PE);
	assert_string_equal(info->goos, "windows");
	assert_string_equal(info->goarch, "amd64");
	assert_int_equal(info->ptr_size, 8);
	assert_string_equal(gtd_objfile_section(f, 2)->name, ".zdebug_info");
	data = gtd_objfile_section_by_name(f, ".data");
	assert_int_equal(data->addr, PBASE + 0x2000);
	assert_int_equal(data->size, 0x300);
	assert_int_equal(data->file_size, 0x200);
	assert_int_equal(ptr_at(f, PBASE + 0x2010), PBASE + 0x1000);
	assert_int_equal(ptr_at(f, PBASE + 0x2280), 0); /* past the raw data: zeros */
	assert_int_equal(gtd_objfile_nsymbols(f), 3);  /* the auxiliary record is none */
	assert_int_equal(gtd_objfile_symbol_by_name(f, "runtime.firstmoduledata")->value, PBASE + 0x2010);
	assert_string_equal(gtd_objfile_symbol(f, 1)->name, "main.x");
	assert_int_equal(gtd_objfile_symbol(f, 2)->section, -1);
	assert_int_equal(gtd_objfile_nrelocs(f), 0);
	gtd_objfile_free(f);
}

static void expect_pe_error(struct img *m, int code, const char *msg)
{
	struct gtd_objfile *f;
	struct gtd_error err;

	assert_int_equal(open_img(m, &f, &err), code);
	assert_string_equal(err.msg, msg);
}

static void test_pe_hostile(void **state)
{
	struct img m;
	(void)state;

	build_pe(&m);
	put(&m, LFANEW + 6, 2, 0xffff);
	expect_pe_error(&m, GTD_EDATA, "PE section table: 65535 entries of 40 bytes at offset 0x188: "
			"past the end of the file (0x671)");
	build_pe(&m);
	put(&m, LFANEW + 16, 4, 0x10000000);
	expect_pe_error(&m, GTD_EDATA, "COFF symbol table: 268435456 entries of 18 bytes at offset "
			"0x600: past the end of the file (0x671)");
	build_pe(&m);
	m.p[PSYM + 54 + 17] = 5; /* auxiliary records past the table */
	expect_pe_error(&m, GTD_EDATA, "COFF symbol 3: 5 auxiliary records past the table's 4");
	build_pe(&m);
	put_str(&m, PSECT + 80, "/9999", 5);
	expect_pe_error(&m, GTD_EDATA, "PE section 2: name at 9999: not a string of the 41-byte COFF "
			"string table");
	build_pe(&m);
	put(&m, PSECT + 40 + 20, 4, 0x600);
	expect_pe_error(&m, GTD_EDATA, "section 1 (.data): bytes 0x600-0x800: past the end of the file "
			"(0x671)");
	build_pe(&m);
	put(&m, LFANEW + 4, 2, 0x200); /* IA-64 */
	expect_pe_error(&m, GTD_EUNSUPPORTED, "PE header: machine 0x200 is not a Go target");
	build_pe(&m);
	put(&m, 0x3c, 4, 0x7fffffff);
	expect_pe_error(&m, GTD_EDATA, "PE header: 1 entries of 24 bytes at offset 0x7fffffff: past the "
			"end of the file (0x671)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elf64_le),
		cmocka_unit_test(test_elf32_le_rel),
		cmocka_unit_test(test_elf64_be),
		cmocka_unit_test(test_elf32_be),
		cmocka_unit_test(test_elf_view_read_only),
		cmocka_unit_test(test_elf_hostile),
		cmocka_unit_test(test_macho_chained_fixups),
		cmocka_unit_test(test_macho_rebase_opcodes),
		cmocka_unit_test(test_macho_hostile),
		cmocka_unit_test(test_universal),
		cmocka_unit_test(test_universal_hostile),
		cmocka_unit_test(test_pe32plus),
		cmocka_unit_test(test_pe_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
