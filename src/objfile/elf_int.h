/* What elf.c and elf_reloc.c share: the libelf handle. */
#ifndef GOTYPEDB_OBJFILE_ELF_INT_H
#define GOTYPEDB_OBJFILE_ELF_INT_H

#include <libelf.h>

#include "objfile_int.h"

/* GTD_EDATA with libelf's reason: "WHAT: invalid section header". */
int gtd_obj_elf_fail(struct gtd_error *err, const char *what);

/* Applies the dynamic relocations with base 0 (elf_reloc.c). */
int gtd_obj_elf_relocs(struct gtd_objfile *f, Elf *e, struct gtd_error *err);

#endif
