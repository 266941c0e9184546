/* What a file is, by its bytes alone (never by its name): a Go package
 * archive or bare "go object" file to decode, or something to skip with a
 * counted reason. */
#ifndef GOTYPEDB_CLASSIFY_H
#define GOTYPEDB_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "gotypedb/archive.h"

enum gtd_file_kind {
	GTD_FILE_ARCHIVE,  /* ar archive whose first member is __.PKGDEF */
	GTD_FILE_OBJECT,   /* bare "go object" file (pre-archive compilers) */
	GTD_FILE_BINARY,   /* ELF, Mach-O or PE: a Go binary's runtime tables, if it is one */
	GTD_FILE_SKIP,     /* see the reason */
};

/* Reasons a file is skipped; also the text stored in file.skip_reason. */
enum gtd_skip {
	GTD_SKIP_NONE,
	GTD_SKIP_EMPTY,            /* zero bytes (empty cache outputs are normal) */
	GTD_SKIP_NOT_GO,           /* none of the formats below */
	GTD_SKIP_CACHE_ACTION,     /* a GOCACHE "-a" action entry */
	GTD_SKIP_NON_GC_ARCHIVE,   /* ar archive whose first member is not __.PKGDEF (gccgo, C) */
	GTD_SKIP_LINKER_OBJECT,    /* ar archive of a -linkobj object only: no export data */
	GTD_SKIP_GCCGO_EXPORT,     /* gccgo .gox export data */
	GTD_SKIP_NOT_GO_BINARY,    /* ELF, Mach-O or PE without Go's tables, or of a kind not read */
	GTD_SKIP_COUNT
};

const char *gtd_skip_name(enum gtd_skip r);

/* Bytes of a file's start that classification needs: enough for the archive
 * magic and first member header, and for a whole cache action entry. */
#define GTD_CLASSIFY_HEAD 512

struct gtd_classified {
	enum gtd_file_kind kind;
	enum gtd_skip skip;
	/* ARCHIVE: the __.PKGDEF member; OBJECT: the whole file (its export
	 * data, which ends before the object code, is found in it). */
	uint64_t member_off, member_size;
};

/* head: the first min(file_size, GTD_CLASSIFY_HEAD) bytes of the file.
 * Fails only for an archive too damaged to find its first member. */
int gtd_classify(const struct gtd_cursor *head, uint64_t file_size, struct gtd_classified *out);

#endif
