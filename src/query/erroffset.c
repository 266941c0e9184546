/* Where in the SQL an error is: SQLite's sqlite3_error_offset() where it
 * knows, else, for an error that names what it did not find ("no such
 * table: old.rtypo", "no such function: go_qoute"), the first place the
 * statement writes that name as a whole word outside string literals and
 * comments.  SQLite 3.40 gives no offset for a missing table, and a report
 * file's author is better served by the line and column of the name than
 * by those of the statement's start. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "open.h"

static int word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/* The offset of name as a word in sql, case-insensitively, outside '...'
 * literals and -- or block comments; -1 if none.  A "quoted" identifier is
 * searched inside too: it may be the name. */
static int find_word(const char *sql, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = sql; *p; p++) {
		if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');

			if (!end)
				return -1;
			p = end;
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
			if (!*p)
				return -1;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");

			if (!end)
				return -1;
			p = end + 1;
		} else if (strncasecmp(p, name, n) == 0 && (p == sql || !word_char((unsigned char)p[-1])) &&
			   !word_char((unsigned char)p[n])) {
			return (int)(p - sql);
		}
	}
	return -1;
}

int query_error_offset(sqlite3 *db, const char *sql)
{
	static const char *const prefixes[] = { "no such table: ", "no such column: ", "no such function: " };
	const char *msg = sqlite3_errmsg(db);
	int off = sqlite3_error_offset(db);

	if (off >= 0 || !msg)
		return off;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t k = strlen(prefixes[i]);
		char name[256];
		int at;

		if (strncmp(msg, prefixes[i], k) != 0 || strlen(msg + k) >= sizeof name)
			continue;
		strcpy(name, msg + k);
		if ((at = find_word(sql, name)) >= 0)
			return at;
		/* "old.rtypo" may be written "old . rtypo": the name alone */
		if (strchr(name, '.') && (at = find_word(sql, strrchr(name, '.') + 1)) >= 0)
			return at;
	}
	return -1;
}
