/* The __.PKGDEF member: "go object" header lines, then "$$B\n", the format
 * byte and the export data, then the "\n$$\n" end marker.
 *
 *   go object linux amd64 go1.26.8 GOAMD64=v1 X:regabiwrappers\n   <- header
 *   build id "Ab.../Cd..."\n                                        <- optional
 *   main\n                                                          <- optional
 *   \n
 *   \n$$B\n u <pkgbits blob> \n$$\n
 *
 * Parsing finds and classifies the export data; it does not decode it. */
#ifndef GOTYPEDB_EXPORTDATA_H
#define GOTYPEDB_EXPORTDATA_H

#include "gotypedb/bytes.h"
#include "gotypedb/cursor.h"

enum gtd_export_format {
	GTD_EXPORT_UNIFIED,           /* 'u': pkgbits, Go 1.19 (unified experiment) on */
	GTD_EXPORT_INDEXED,           /* 'i': iexport, Go 1.11-1.19 default */
	GTD_EXPORT_OLD_BINARY,        /* 'c', 'd', 'v': bexport, Go 1.7-1.10 */
	GTD_EXPORT_TEXTUAL,           /* "$$\n": Go <= 1.6 */
	GTD_EXPORT_UNIFIED_PROTOTYPE, /* go1.18 "newexportsize" tail after 'i' data */
	GTD_EXPORT_UNKNOWN,           /* any other byte after "$$B\n" */
};

struct gtd_exportdata {
	struct gtd_bytes header;      /* all lines before the "$$" line, verbatim */
	struct gtd_bytes goos, goarch, go_version, experiments; /* from "go object" */
	struct gtd_bytes arch_variant; /* "GOAMD64=v1" etc. after the version; n=0 if absent */
	struct gtd_bytes build_id;    /* inside the quotes of `build id "..."`; n=0 if absent */
	int is_main;                  /* a "main" header line was present */
	enum gtd_export_format format;
	uint8_t format_byte;          /* the byte after "$$B\n" */
	uint64_t indexed_version;     /* for GTD_EXPORT_INDEXED: the uvarint after 'i' */
	uint64_t data_off;            /* member offset after the format byte (and 'i''s version) */
	struct gtd_cursor blob;       /* for GTD_EXPORT_UNIFIED: after 'u', before "\n$$\n" */
};

/* member: the __.PKGDEF member's bytes (or a whole bare "go object" file). */
int gtd_exportdata_parse(const struct gtd_cursor *member, struct gtd_exportdata *ed);

/* The same from the member's first bytes alone (prefix; the member has
 * member_size bytes), up to the format byte and, for 'i', its version:
 * everything but blob, which needs the member's end.  The header must end
 * within the prefix when the member is longer, so that a file that merely
 * starts like Go output is never scanned further. */
int gtd_exportdata_parse_header(const struct gtd_cursor *prefix, uint64_t member_size,
				struct gtd_exportdata *ed);

const char *gtd_export_format_name(enum gtd_export_format f);

#endif
