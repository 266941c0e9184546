/* ELF executables and shared objects, through libelf (elfutils).
 *
 * libelf reads the view in place (elf_memory) and never writes to it; it
 * allocates only what the headers say, so their counts are checked
 * against the view first (check_headers): a 64-byte file claiming 65535
 * sections is refused before libelf sizes a table for them. */
#include <gelf.h>
#include <libelf.h>
#include <pthread.h>
#include <string.h>

#include "objfile_int.h"
#include "elf_int.h"

static pthread_once_t libelf_once = PTHREAD_ONCE_INIT;
static unsigned libelf_version = EV_NONE;

static void init_libelf(void)
{
	libelf_version = elf_version(EV_CURRENT);
}

int gtd_obj_elf_fail(struct gtd_error *err, const char *what)
{
	return gtd_fail(err, GTD_EDATA, "%s: %s", what, elf_errmsg(-1));
}

/* What Go calls each machine it builds ELF files for.  (data 0: either
 * byte order.) */
static const struct elf_arch {
	uint16_t machine;
	uint8_t class, data;
	const char *goarch;
} elf_arches[] = {
	{ EM_X86_64, ELFCLASS64, ELFDATA2LSB, "amd64" },
	{ EM_386, ELFCLASS32, ELFDATA2LSB, "386" },
	{ EM_ARM, ELFCLASS32, ELFDATA2LSB, "arm" },
	{ EM_AARCH64, ELFCLASS64, ELFDATA2LSB, "arm64" },
	{ EM_PPC64, ELFCLASS64, ELFDATA2MSB, "ppc64" },
	{ EM_PPC64, ELFCLASS64, ELFDATA2LSB, "ppc64le" },
	{ EM_S390, ELFCLASS64, ELFDATA2MSB, "s390x" },
	{ EM_RISCV, ELFCLASS64, ELFDATA2LSB, "riscv64" },
	{ EM_LOONGARCH, ELFCLASS64, ELFDATA2LSB, "loong64" },
	{ EM_MIPS, ELFCLASS32, ELFDATA2MSB, "mips" },
	{ EM_MIPS, ELFCLASS32, ELFDATA2LSB, "mipsle" },
	{ EM_MIPS, ELFCLASS64, ELFDATA2MSB, "mips64" },
	{ EM_MIPS, ELFCLASS64, ELFDATA2LSB, "mips64le" },
};

/* The header's fields that size what libelf will allocate, read by hand,
 * each table checked to lie within the view. */
static int check_headers(struct gtd_objfile *f, unsigned class, struct gtd_error *err)
{
	const uint8_t *p = f->data;
	int is64 = class == ELFCLASS64;
	unsigned ehsize = is64 ? 64 : 52, shentsize, phentsize, phnum;
	uint64_t shoff, phoff, shnum;

	if (f->len < ehsize)
		return gtd_fail(err, GTD_EDATA, "ELF header: %u bytes expected, the file has %zu",
				ehsize, f->len);
	phoff = gtd_obj_get(f, p + (is64 ? 32 : 28), is64 ? 8 : 4);
	shoff = gtd_obj_get(f, p + (is64 ? 40 : 32), is64 ? 8 : 4);
	phentsize = (unsigned)gtd_obj_get(f, p + (is64 ? 54 : 42), 2);
	phnum = (unsigned)gtd_obj_get(f, p + (is64 ? 56 : 44), 2);
	shentsize = (unsigned)gtd_obj_get(f, p + (is64 ? 58 : 46), 2);
	shnum = gtd_obj_get(f, p + (is64 ? 60 : 48), 2);
	if (shoff && shentsize != (is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
		return gtd_fail(err, GTD_EDATA, "ELF header: section header size %u, not %zu",
				shentsize, is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr));
	if (phnum && phentsize != (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
		return gtd_fail(err, GTD_EDATA, "ELF header: program header size %u, not %zu",
				phentsize, is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr));
	if (phnum == PN_XNUM)
		return gtd_fail(err, GTD_EUNSUPPORTED, "ELF header: 65535 or more program headers "
				"(PN_XNUM): not read");
	if (shoff && shnum == 0) { /* the count is section 0's sh_size */
		if (gtd_obj_check_table(f, shoff, 1, shentsize, "ELF section header 0", err))
			return err->code;
		shnum = gtd_obj_get(f, p + shoff + (is64 ? 32 : 20), is64 ? 8 : 4);
	}
	if (shoff && gtd_obj_check_table(f, shoff, shnum, shentsize, "ELF section header table", err))
		return err->code;
	return gtd_obj_check_table(f, phoff, phnum, phentsize, "ELF program header table", err);
}

static int set_arch(struct gtd_objfile *f, const GElf_Ehdr *eh, unsigned class, unsigned data,
		    struct gtd_error *err)
{
	for (size_t i = 0; i < sizeof elf_arches / sizeof elf_arches[0]; i++) {
		const struct elf_arch *a = &elf_arches[i];

		if (a->machine == eh->e_machine && a->class == class && a->data == data) {
			f->info.goarch = a->goarch;
			f->info.machine = eh->e_machine;
			return GTD_OK;
		}
	}
	return gtd_fail(err, GTD_EUNSUPPORTED, "ELF header: machine %u (%u-bit, %s-endian) is not a "
			"Go target", eh->e_machine, class == ELFCLASS64 ? 64 : 32,
			data == ELFDATA2MSB ? "big" : "little");
}

static unsigned section_flags(const GElf_Shdr *sh)
{
	return (sh->sh_flags & SHF_ALLOC ? GTD_OBJ_SEC_ALLOC : 0) |
	       (sh->sh_flags & SHF_WRITE ? GTD_OBJ_SEC_WRITE : 0) |
	       (sh->sh_flags & SHF_EXECINSTR ? GTD_OBJ_SEC_EXEC : 0) |
	       (sh->sh_flags & SHF_TLS ? GTD_OBJ_SEC_TLS : 0);
}

static int read_sections(struct gtd_objfile *f, Elf *e, struct gtd_error *err)
{
	size_t n, strndx;

	if (elf_getshdrnum(e, &n) || elf_getshdrstrndx(e, &strndx))
		return gtd_obj_elf_fail(err, "ELF section headers");
	if (gtd_obj_alloc_sections(f, n, err))
		return err->code;
	for (size_t i = 0; i < n; i++) {
		struct gtd_obj_section *s = &f->sec[i];
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(e, i);

		if (!scn || !gelf_getshdr(scn, &sh))
			return gtd_obj_elf_fail(err, "ELF section header");
		s->name = strndx ? elf_strptr(e, strndx, sh.sh_name) : "";
		if (!s->name)
			return gtd_fail(err, GTD_EDATA, "ELF section %zu: name at %u: not a string of "
					"the section name table (section %zu)", i, sh.sh_name, strndx);
		s->segment = "";
		s->addr = sh.sh_addr;
		s->size = sh.sh_size;
		s->offset = sh.sh_offset;
		s->file_size = sh.sh_type == SHT_NOBITS || sh.sh_type == SHT_NULL ? 0 : sh.sh_size;
		s->type = sh.sh_type;
		s->flags = section_flags(&sh);
	}
	return GTD_OK;
}

/* The section of type type, or 0 (the null section) if none. */
static size_t find_section(const struct gtd_objfile *f, uint32_t type)
{
	for (size_t i = 1; i < f->nsec; i++)
		if (f->sec[i].type == type)
			return i;
	return 0;
}

/* The extended section indices of symbol table symtab, if any. */
static Elf_Data *symtab_shndx(const struct gtd_objfile *f, Elf *e, size_t symtab)
{
	for (size_t i = 1; i < f->nsec; i++) {
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(e, i);

		if (f->sec[i].type == SHT_SYMTAB_SHNDX && gelf_getshdr(scn, &sh) && sh.sh_link == symtab)
			return elf_getdata(scn, NULL);
	}
	return NULL;
}

static int read_symbol(struct gtd_objfile *f, Elf *e, Elf_Data *d, Elf_Data *xd, size_t strtab,
		       size_t i, struct gtd_obj_symbol *out, struct gtd_error *err)
{
	GElf_Sym sym;
	Elf32_Word xndx = 0;
	size_t shndx;

	if (!gelf_getsymshndx(d, xd, (int)i, &sym, &xndx))
		return gtd_obj_elf_fail(err, "ELF symbol");
	if (!(out->name = elf_strptr(e, strtab, sym.st_name)))
		return gtd_fail(err, GTD_EDATA, "ELF symbol %zu: name at %u: not a string of its "
				"string table (section %zu)", i, sym.st_name, strtab);
	out->value = sym.st_value;
	out->size = sym.st_size;
	shndx = sym.st_shndx == SHN_XINDEX ? xndx : sym.st_shndx;
	out->section = -1;
	if (shndx == SHN_UNDEF || (sym.st_shndx >= SHN_LORESERVE && sym.st_shndx != SHN_XINDEX))
		return GTD_OK; /* undefined, absolute or common */
	if (shndx >= f->nsec)
		return gtd_fail(err, GTD_EDATA, "ELF symbol %zu (%s): section %zu of %zu", i,
				out->name, shndx, f->nsec);
	out->section = (int64_t)shndx;
	return GTD_OK;
}

/* The symbol table, or the dynamic symbols of a file without one. */
static int read_symbols(struct gtd_objfile *f, Elf *e, struct gtd_error *err)
{
	size_t idx = find_section(f, SHT_SYMTAB), entsize, n;
	Elf_Scn *scn;
	Elf_Data *d, *xd;
	GElf_Shdr sh;

	if (!idx)
		idx = find_section(f, SHT_DYNSYM);
	if (!idx)
		return GTD_OK;
	scn = elf_getscn(e, idx);
	entsize = gelf_fsize(e, ELF_T_SYM, 1, EV_CURRENT);
	if (!gelf_getshdr(scn, &sh))
		return gtd_obj_elf_fail(err, "ELF symbol table");
	if (sh.sh_entsize != entsize || sh.sh_size % entsize)
		return gtd_fail(err, GTD_EDATA, "ELF symbol table (section %zu): entry size %llu and "
				"size %llu, not a multiple of %zu", idx,
				(unsigned long long)sh.sh_entsize, (unsigned long long)sh.sh_size, entsize);
	if (!(d = elf_getdata(scn, NULL)) || d->d_size != sh.sh_size)
		return gtd_obj_elf_fail(err, "ELF symbol table");
	n = sh.sh_size / entsize;
	if (n && gtd_obj_alloc_symbols(f, n - 1, err)) /* without the null symbol 0 */
		return err->code;
	xd = symtab_shndx(f, e, idx);
	for (size_t i = 1; i < n; i++)
		if (read_symbol(f, e, d, xd, sh.sh_link, i, &f->sym[i - 1], err))
			return err->code;
	return GTD_OK;
}

/* The PT_INTERP path, or "" (a static binary). */
static const char *interpreter(const struct gtd_objfile *f, Elf *e)
{
	size_t n;

	if (elf_getphdrnum(e, &n))
		return "";
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_INTERP && ph.p_offset < f->len &&
		    ph.p_filesz <= f->len - ph.p_offset &&
		    memchr(f->data + ph.p_offset, '\0', ph.p_filesz))
			return (const char *)f->data + ph.p_offset;
	}
	return "";
}

/* GOOS from the marks Go's linker (cmd/link/internal/ld/elf.go) leaves:
 * the OS ABI byte for the BSDs, their ident notes, and for the systems
 * it marks with neither, the dynamic linker it names.  Linux gets no
 * mark at all, so it is what is left. */
static const char *elf_goos(const struct gtd_objfile *f, Elf *e, unsigned osabi)
{
	static const struct { const char *prefix, *goos; } interps[] = {
		{ "/system/bin/linker", "android" },
		{ "/usr/libexec/ld-elf.so.2", "dragonfly" },
		{ "/usr/lib/amd64/ld.so.1", "solaris" },
	};
	const char *interp = interpreter(f, e);

	switch (osabi) {
	case ELFOSABI_FREEBSD:
		return "freebsd";
	case ELFOSABI_NETBSD:
		return "netbsd";
	case ELFOSABI_OPENBSD:
		return "openbsd";
	}
	if (gtd_objfile_section_by_name(f, ".note.netbsd.ident"))
		return "netbsd";
	if (gtd_objfile_section_by_name(f, ".note.openbsd.ident"))
		return "openbsd";
	for (size_t i = 0; i < sizeof interps / sizeof interps[0]; i++)
		if (strncmp(interp, interps[i].prefix, strlen(interps[i].prefix)) == 0)
			return interps[i].goos;
	return "linux";
}

static int read_elf(struct gtd_objfile *f, Elf *e, unsigned class, struct gtd_error *err)
{
	GElf_Ehdr eh;

	if (elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh))
		return gtd_obj_elf_fail(err, "ELF header");
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return gtd_fail(err, GTD_EUNSUPPORTED, "ELF header: type %u: not an executable or "
				"shared object", eh.e_type);
	if (set_arch(f, &eh, class, f->data[EI_DATA], err) || read_sections(f, e, err) ||
	    gtd_obj_map_sections(f, err) || read_symbols(f, e, err))
		return err->code;
	f->info.goos = elf_goos(f, e, eh.e_ident[EI_OSABI]);
	f->info.image = eh.e_type == ET_EXEC ? GTD_OBJ_IMAGE_EXEC
		      : *interpreter(f, e) ? GTD_OBJ_IMAGE_PIE : GTD_OBJ_IMAGE_LIBRARY;
	if (gtd_obj_elf_relocs(f, e, err))
		return err->code;
	return gtd_obj_sort_relocs(f, err);
}

int gtd_obj_open_elf(struct gtd_objfile *f, struct gtd_error *err)
{
	unsigned class, data;
	Elf *e;

	if (f->len < EI_NIDENT)
		return gtd_fail(err, GTD_EDATA, "ELF header: %d bytes expected, the file has %zu",
				EI_NIDENT, f->len);
	class = f->data[EI_CLASS];
	data = f->data[EI_DATA];
	if ((class != ELFCLASS32 && class != ELFCLASS64) || (data != ELFDATA2LSB && data != ELFDATA2MSB))
		return gtd_fail(err, GTD_EDATA, "ELF header: class %u and data encoding %u, not 1 or 2",
				class, data);
	f->info.format = GTD_OBJ_ELF;
	f->info.ptr_size = class == ELFCLASS64 ? 8 : 4;
	f->info.big_endian = data == ELFDATA2MSB;
	if (check_headers(f, class, err))
		return err->code;
	pthread_once(&libelf_once, init_libelf);
	if (libelf_version == EV_NONE)
		return gtd_fail(err, GTD_EINTERNAL, "libelf: %s", elf_errmsg(-1));
	/* libelf takes a char * but only reads an image opened for reading */
	if (!(e = elf_memory((char *)(uintptr_t)f->data, f->len)))
		return gtd_obj_elf_fail(err, "ELF header");
	f->elf = e;
	return read_elf(f, e, class, err);
}

void gtd_obj_close_elf(struct gtd_objfile *f)
{
	elf_end(f->elf);
	f->elf = NULL;
}
