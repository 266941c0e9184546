/* Unix ar archives as cmd/compile and cmd/pack write them ("!<arch>\n", then
 * 60-byte member headers).  Only the first member is ever read: for a Go
 * package archive it is __.PKGDEF, and the object code after it is never
 * touched. */
#ifndef GOTYPEDB_ARCHIVE_H
#define GOTYPEDB_ARCHIVE_H

#include "gotypedb/bytes.h"
#include "gotypedb/cursor.h"

#define GTD_AR_MAGIC "!<arch>\n"
#define GTD_AR_MAGIC_LEN 8
#define GTD_AR_HEADER_LEN 60

struct gtd_ar_member {
	char name[17];   /* header bytes 0-15, trailing spaces trimmed */
	uint64_t off;    /* file offset of the member's data */
	uint64_t size;   /* header bytes 48-57, decimal; the even-padding byte excluded */
};

int gtd_archive_has_magic(const uint8_t *p, size_t len);

/* Reads the first member header.  head: the file's first bytes (at least
 * magic + header, else the file is truncated); file_size bounds the member. */
int gtd_archive_first_member(const struct gtd_cursor *head, uint64_t file_size,
			     struct gtd_ar_member *m);

#endif
