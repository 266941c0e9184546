/* What the three format readers share: the objfile they fill, and the
 * steps every one of them takes in the same order (sections, then the
 * address map, then symbols, then relocations, then their sorting). */
#ifndef GOTYPEDB_OBJFILE_INT_H
#define GOTYPEDB_OBJFILE_INT_H

#include "gotypedb/arena.h"
#include "gotypedb/cursor.h"
#include "gotypedb/objfile.h"

/* A loaded section's addresses [addr, end) and its index. */
struct gtd_obj_span {
	uint64_t addr, end;
	size_t idx;
};

struct gtd_objfile {
	struct gtd_obj_info info;
	const uint8_t *data;
	size_t len;
	uint64_t base; /* the view's offset in its file, for messages */

	struct gtd_obj_section *sec;
	size_t nsec;
	struct gtd_obj_span *mapped; /* the sections with addresses, by address */
	size_t nmapped;

	struct gtd_obj_symbol *sym;
	size_t nsym;

	struct gtd_obj_reloc *rel; /* by address once the reader is done */
	size_t nrel, relcap;
	/* Some relocation's value differs from the word it is written over,
	 * so reads must patch; not so for classic Mach-O rebases at slide 0,
	 * whose tens of thousands a darwin PIE's reads then skip. */
	int patches;
	size_t reloc_span; /* the mapped span of the last word relocated (relocs.c) */

	struct gtd_arena names; /* names the file does not end with a NUL */
	void *elf;              /* libelf's handle (Elf *), whose data names point into */
	int file_mapped;        /* data is a read-only mapping of a file (gtd_objfile_drop_pages) */
};

int gtd_obj_open_elf(struct gtd_objfile *f, struct gtd_error *err);
int gtd_obj_open_macho(struct gtd_objfile *f, struct gtd_error *err);
int gtd_obj_open_pe(struct gtd_objfile *f, struct gtd_error *err);
void gtd_obj_close_elf(struct gtd_objfile *f);

/* Mach-O's dyld information (macho_chained.c, macho_rebase.c), applied
 * with slide 0:
 * LC_DYLD_CHAINED_FIXUPS' data (image_base: the vmaddr the header is
 * mapped at), and LC_DYLD_INFO's rebase opcodes (seg_vmaddr: each segment
 * command's vmaddr, in load command order).  Errors go to the cursor's. */
int gtd_obj_macho_chained_fixups(struct gtd_objfile *f, const struct gtd_cursor *data,
				 uint64_t image_base);
int gtd_obj_macho_rebase(struct gtd_objfile *f, const struct gtd_cursor *ops,
			 const uint64_t *seg_vmaddr, size_t nseg);

/* count entries of record bytes each at off: within the view?  Every
 * table is checked so before anything is allocated for its entries. */
int gtd_obj_check_table(const struct gtd_objfile *f, uint64_t off, uint64_t count, uint64_t record,
			const char *what, struct gtd_error *err);

/* n zeroed sections (n bounded by the file's headers, already checked
 * against the view). */
int gtd_obj_alloc_sections(struct gtd_objfile *f, size_t n, struct gtd_error *err);
int gtd_obj_alloc_symbols(struct gtd_objfile *f, size_t n, struct gtd_error *err);
/* A NUL-terminated copy of p[0..strnlen(p, max)) among the names. */
const char *gtd_obj_name(struct gtd_objfile *f, const uint8_t *p, size_t max, struct gtd_error *err);

/* Checks every section's file bytes against the view and sorts the
 * sections with addresses (non-overlapping, or the file is refused). */
int gtd_obj_map_sections(struct gtd_objfile *f, struct gtd_error *err);
/* The loaded section holding addr, NULL if none. */
const struct gtd_obj_span *gtd_obj_span_at(const struct gtd_objfile *f, uint64_t addr);

/* The file's own word of ptr_size bytes at addr, before relocation: the
 * implicit addend of REL and RELR entries and of classic Mach-O rebases.
 * addr must be inside the file bytes of a loaded section. */
int gtd_obj_raw_word(struct gtd_objfile *f, uint64_t addr, uint64_t *v, struct gtd_error *err);
/* The loader writes value into the word at addr: the word must be in a
 * loaded section's file bytes, and the count stays below one per word of
 * the view, so the table is in proportion to the file. */
int gtd_obj_add_reloc(struct gtd_objfile *f, uint64_t addr, uint64_t value, struct gtd_error *err);
/* Sorts the relocations by address; two on one word, or overlapping, are
 * refused (no loader relocates a word twice, so a table that does is
 * corrupt, and which one wins would be a guess). */
int gtd_obj_sort_relocs(struct gtd_objfile *f, struct gtd_error *err);

/* A uint of n (1-8) bytes in the file's byte order. */
uint64_t gtd_obj_get(const struct gtd_objfile *f, const uint8_t *p, unsigned n);

#endif
