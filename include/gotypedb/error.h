/* Error codes and the message that travels with them.
 *
 * Every function that can fail returns an int code and fills a caller-owned
 * struct gtd_error.  Context is added as the error travels up, innermost
 * first, so the final message reads outermost-first:
 *   "__.PKGDEF+0x1a2: Type 12: reloc entry 3: section 14 is not 0-9"
 * The command line prefixes "gotypedb: FILE: ". */
#ifndef GOTYPEDB_ERROR_H
#define GOTYPEDB_ERROR_H

#include <stddef.h>

enum gtd_code {
	GTD_OK = 0,
	GTD_EDATA,        /* malformed or corrupt input */
	GTD_EUNSUPPORTED, /* well-formed input of a kind or version we do not decode */
	GTD_ENOMEM,
	GTD_EIO,          /* the operating system refused a read, map or stat */
	GTD_EDB,          /* SQLite reported an error */
	GTD_EUSAGE,       /* bad arguments or configuration */
	GTD_ENOINPUT,     /* an input path does not exist or cannot be opened */
	GTD_EINTERNAL,    /* an invariant of gotypedb's own code failed: a bug to report */
	GTD_EBUSY,        /* another index run holds the database */
	GTD_EINTR,        /* stopped by a signal */
	GTD_ELIMIT,       /* well-formed input past a limit gotypedb sets (nesting depth, size):
			   * unsupported, not corrupt */
};

struct gtd_error {
	int code;
	char msg[1024];
};

/* Sets the message (replacing any earlier one) and returns code. */
int gtd_fail(struct gtd_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prepends "CONTEXT: " to the message; returns err->code so callers can
 * write `return gtd_context(err, "Type %u", idx);`. */
int gtd_context(struct gtd_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void gtd_error_clear(struct gtd_error *err);

#endif
