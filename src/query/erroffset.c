/* Where in the SQL an error is: SQLite's sqlite3_error_offset() where it
 * knows, else, for an error that names what it did not find ("no such
 * table: old.rtypo", "no such function: go_qoute"), the first place the
 * statement writes that name as a whole word outside string literals and
 * comments.  SQLite 3.40 gives no offset for a missing table, and a report
 * file's author is better served by the line and column of the name than
 * by those of the statement's start.  gtd_sql_find (gotypedb/query.h),
 * the scan for a name, also places the report checker's messages about a
 * parameter. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "gotypedb/query.h"
#include "open.h"

static int word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

int gtd_sql_find(const char *sql, const char *name, unsigned flags)
{
	size_t n = strlen(name);
	int nocase = (flags & GTD_SQL_FIND_NOCASE) != 0;

	for (const char *p = sql; *p; p++) {
		if (*p == '\'' || (*p == '"' && !(flags & GTD_SQL_FIND_IN_IDENTIFIERS))) {
			const char *end = strchr(p + 1, *p);

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
		} else if ((nocase ? strncasecmp(p, name, n) : strncmp(p, name, n)) == 0 &&
			   (p == sql || !word_char((unsigned char)p[-1])) &&
			   !word_char((unsigned char)p[n])) {
			return (int)(p - sql);
		}
	}
	return -1;
}

/* A table, column or function name: any case, and perhaps "quoted". */
#define NOCASE_IDS (GTD_SQL_FIND_NOCASE | GTD_SQL_FIND_IN_IDENTIFIERS)

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
		if ((at = gtd_sql_find(sql, name, NOCASE_IDS)) >= 0)
			return at;
		/* "old.rtypo" may be written "old . rtypo": the name alone */
		if (strchr(name, '.') && (at = gtd_sql_find(sql, strrchr(name, '.') + 1, NOCASE_IDS)) >= 0)
			return at;
	}
	return -1;
}
