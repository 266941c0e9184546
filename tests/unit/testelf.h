/* A minimal ELF writer for the tests: an executable (ET_EXEC) of the given
 * class, byte order and machine holding the sections it is given, a
 * symbol table of the symbols it is given, and a section name table;
 * no program headers (src/objfile reads sections).  Written from the ELF
 * specification (the System V gABI, <elf.h>), never from src/objfile. */
#ifndef GOTYPEDB_TESTELF_H
#define GOTYPEDB_TESTELF_H

#include <stddef.h>
#include <stdint.h>

#include "testlib.h"

struct telf_section {
	const char *name;
	uint32_t type;          /* SHT_PROGBITS, SHT_NOBITS, ... */
	uint64_t flags;         /* SHF_ALLOC, SHF_WRITE, SHF_EXECINSTR */
	uint64_t addr;
	const uint8_t *p;       /* its file bytes (none for SHT_NOBITS) */
	size_t n;
	uint64_t size;          /* bytes in memory: n, or more (0: n) */
};

struct telf_symbol {
	const char *name;
	uint64_t value, size;
	unsigned section;       /* 1 + the index in the sections given; 0: undefined */
};

struct telf {
	int is64, be;
	uint16_t machine;       /* EM_X86_64, EM_386, EM_S390, EM_MIPS, ... */
	const struct telf_section *sec;
	size_t nsec;
	const struct telf_symbol *sym;
	size_t nsym;            /* 0: no symbol table */
};

/* The file's bytes: header, each section's bytes (16-byte aligned), the
 * symbol and string tables, the section headers. */
void telf_write(const struct telf *e, struct tbuf *out);

/* v as n bytes at off in the given byte order, b grown (zero-filled) to
 * hold them. */
void telf_put(struct tbuf *b, size_t off, unsigned n, uint64_t v, int be);
/* The same read back. */
uint64_t telf_get(const struct tbuf *b, size_t off, unsigned n, int be);

#endif
