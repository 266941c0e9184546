/* Object files: one interface over ELF, Mach-O and PE, for the runtime
 * decoder that reads a Go binary's type tables by virtual address.
 *
 * An objfile is opened over a byte view of the whole file (or of one slice
 * of a universal Mach-O), which the caller keeps alive and unchanged until
 * gtd_objfile_free: sections, symbol names and every read point into it.
 * Nothing is read outside the view, and what an objfile allocates (its
 * tables of sections, symbols and relocations) is in proportion to the
 * view's size, whatever the counts in the file's headers say.
 *
 * Addresses are those of the file loaded at its preferred place: for ELF
 * and Mach-O files that can be loaded anywhere (PIE, c-shared, a Mach-O
 * with a slide) the dynamic relocations are applied with base 0 (slide 0)
 * when the file is opened, so that a PIE or a shared library reads as an
 * executable does: a pointer word reads as the link-time address it
 * stands for, whether the linker left that address in the word (Go's own
 * linker, GNU ld), left 0 there and put it in the relocation's addend
 * (lld, mold), or encoded it as a Mach-O chained fixup (Apple's ld).  PE
 * files hold absolute addresses at their ImageBase, which is where they
 * are read (their base relocations only matter when Windows moves the
 * image, so they are not read).
 *
 * A universal ("fat") Mach-O holds one object per architecture:
 * gtd_objfile_slices lists them, and each is opened on its own with
 * gtd_objfile_open(data + off, size, off, ...). */
#ifndef GOTYPEDB_OBJFILE_H
#define GOTYPEDB_OBJFILE_H

#include <stddef.h>
#include <stdint.h>

#include "gotypedb/error.h"

enum gtd_obj_format {
	GTD_OBJ_ELF = 1,
	GTD_OBJ_MACHO,
	GTD_OBJ_PE,
};

const char *gtd_obj_format_name(enum gtd_obj_format f); /* "elf", "macho", "pe" */

/* How the file is loaded, by its own headers: where the linker put it
 * (EXEC), anywhere as a program (PIE: an ELF ET_DYN with an interpreter,
 * a Mach-O executable marked MH_PIE, a PE with a dynamic base), or
 * anywhere as a library (an ELF ET_DYN without interpreter, a Mach-O
 * dylib or bundle, a PE DLL). */
enum gtd_obj_image {
	GTD_OBJ_IMAGE_EXEC,
	GTD_OBJ_IMAGE_PIE,
	GTD_OBJ_IMAGE_LIBRARY,
};

struct gtd_obj_info {
	enum gtd_obj_format format;
	/* GOOS and GOARCH as Go spells them ("linux", "darwin", "windows";
	 * "amd64", "arm64", "386", "ppc64le", ...), from the file's own
	 * marks: an ELF file's OS ABI byte, notes and interpreter ("linux"
	 * where none names another system: Go's linker marks no Linux
	 * binary), a Mach-O's build-version platform ("darwin" or "ios"). */
	const char *goos;
	const char *goarch;
	uint32_t machine;  /* the format's own code: e_machine, cputype, Machine */
	unsigned ptr_size; /* 4 or 8 */
	int big_endian;
	enum gtd_obj_image image;
};

/* Section flags. */
#define GTD_OBJ_SEC_ALLOC 0x1u /* part of the loaded image: addr is meaningful */
#define GTD_OBJ_SEC_WRITE 0x2u
#define GTD_OBJ_SEC_EXEC  0x4u
#define GTD_OBJ_SEC_TLS   0x8u /* a thread-local template (ELF .tdata/.tbss) */

struct gtd_obj_section {
	const char *name;    /* ".data.rel.ro", "__data", ".rdata" */
	const char *segment; /* Mach-O: the segment ("__DATA_CONST"); ELF, PE: "" */
	uint64_t addr;       /* address when loaded (PE: ImageBase + VirtualAddress) */
	uint64_t size;       /* bytes in memory */
	/* Of those, the first file_size are in the file at offset (from the
	 * view's start); the rest read as zeros.  file_size is 0 for ELF
	 * NOBITS and Mach-O zerofill sections, and less than size for a PE
	 * section whose tail is zero-filled (Go's .data holds the .bss). */
	uint64_t offset, file_size;
	uint32_t type;       /* the format's own: sh_type, Mach-O flags, PE Characteristics */
	unsigned flags;      /* GTD_OBJ_SEC_* */
};

struct gtd_obj_symbol {
	const char *name;    /* as in the file (a Mach-O name has C's leading '_') */
	uint64_t value;      /* its address (PE: ImageBase + section's VirtualAddress + Value) */
	uint64_t size;       /* ELF st_size; 0 where the format records none */
	int64_t section;     /* index into the sections, or -1: undefined, absolute, common */
};

/* A pointer-sized word the loader writes: at addr, the value it holds when
 * the file is loaded at base 0 (slide 0).  Imports (words bound to symbols
 * of other files) have no value in this file: ELF's are not listed and
 * read as the file holds them; a Mach-O chained bind, whose word encodes
 * the import and is no address, is listed with value 0 and reads as 0. */
struct gtd_obj_reloc {
	uint64_t addr;
	uint64_t value;
};

struct gtd_objfile;

/* At most this many architectures in a universal Mach-O: the list of CPU
 * types Apple has defined is shorter, and a Java class file, which starts
 * with the same magic, has a class-file version of 45 or more there. */
#define GTD_OBJ_MAX_SLICES 32

struct gtd_obj_slice {
	uint64_t off, size;   /* the object's bytes in the view */
	uint32_t cputype;     /* a universal Mach-O's entry; 0 otherwise */
};

/* The objects in a file: one for ELF, PE and a thin Mach-O (the whole
 * view), one per architecture for a universal Mach-O.  out has room for
 * GTD_OBJ_MAX_SLICES. */
int gtd_objfile_slices(const uint8_t *data, size_t len, struct gtd_obj_slice *out, size_t *n,
		       struct gtd_error *err);

/* Opens one object.  base is the view's offset in its file, for messages
 * (a slice's offset; 0 for a whole file).  Errors: GTD_EDATA for a
 * malformed file, GTD_EUNSUPPORTED for a well-formed one of a machine,
 * layout or relocation type gotypedb does not read (named, never guessed)
 * or for what is no ELF, Mach-O or PE file, GTD_EUSAGE for a universal
 * Mach-O (open its slices), GTD_ENOMEM. */
int gtd_objfile_open(const uint8_t *data, size_t len, uint64_t base, struct gtd_objfile **out,
		     struct gtd_error *err);
void gtd_objfile_free(struct gtd_objfile *f);

/* The caller's word that the bytes are a read-only private mapping of a
 * file, never written: their pages may be dropped from memory and are
 * read again from the file when touched. */
void gtd_objfile_set_file_mapped(struct gtd_objfile *f);
/* A hint from a decoder that has read what it reads in bulk (a binary's
 * type descriptors) and will touch only a few of the pages again: on a
 * file mapping, its pages leave this process's memory (they stay in the
 * page cache); otherwise nothing. */
void gtd_objfile_drop_pages(const struct gtd_objfile *f);

const struct gtd_obj_info *gtd_objfile_info(const struct gtd_objfile *f);

/* Sections in the file's order (ELF: its section header table, the null
 * section 0 included, so that an index is the file's own; Mach-O: load
 * command order, n_sect - 1; PE: SectionNumber - 1). */
size_t gtd_objfile_nsections(const struct gtd_objfile *f);
const struct gtd_obj_section *gtd_objfile_section(const struct gtd_objfile *f, size_t i);
/* The first section called name; for Mach-O, "SEGMENT,SECTION" names both
 * ("__DATA_CONST,__rodata").  NULL if none. */
const struct gtd_obj_section *gtd_objfile_section_by_name(const struct gtd_objfile *f,
							  const char *name);
/* The loaded section holding addr, NULL if none. */
const struct gtd_obj_section *gtd_objfile_section_at(const struct gtd_objfile *f, uint64_t addr);

/* Symbols of the symbol table, in the file's order; an ELF file without
 * one (stripped) gives its dynamic symbols.  ELF's null symbol 0 and PE's
 * auxiliary records are not symbols. */
size_t gtd_objfile_nsymbols(const struct gtd_objfile *f);
const struct gtd_obj_symbol *gtd_objfile_symbol(const struct gtd_objfile *f, size_t i);
/* The first defined symbol called name, or (Mach-O; PE for 386) called
 * '_' name, as C names it there.  A linear search: for the few symbols a
 * decoder starts from.  NULL if none. */
const struct gtd_obj_symbol *gtd_objfile_symbol_by_name(const struct gtd_objfile *f,
							const char *name);

/* The words relocated at open, by address (each once, none overlapping). */
size_t gtd_objfile_nrelocs(const struct gtd_objfile *f);
const struct gtd_obj_reloc *gtd_objfile_reloc(const struct gtd_objfile *f, size_t i);

/* n bytes at addr, relocated, within one loaded section (zeros past its
 * file bytes).  GTD_EDATA naming the address if [addr, addr+n) is not. */
int gtd_objfile_read(const struct gtd_objfile *f, uint64_t addr, void *buf, size_t n,
		     struct gtd_error *err);
/* The file's own n bytes at addr, unrelocated, without a copy: *p points
 * into the view.  GTD_EDATA naming the address unless [addr, addr+n) is
 * within one loaded section's file bytes.  For what holds no pointer
 * (names, strings, offset tables), read where they lie. */
int gtd_objfile_bytes(const struct gtd_objfile *f, uint64_t addr, size_t n, const uint8_t **p,
		      struct gtd_error *err);
/* A pointer-sized word, a uint32 and a uint64 at addr, in the file's byte
 * order. */
int gtd_objfile_ptr(const struct gtd_objfile *f, uint64_t addr, uint64_t *v, struct gtd_error *err);
int gtd_objfile_u32(const struct gtd_objfile *f, uint64_t addr, uint32_t *v, struct gtd_error *err);
int gtd_objfile_u64(const struct gtd_objfile *f, uint64_t addr, uint64_t *v, struct gtd_error *err);

#endif
