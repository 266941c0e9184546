/* Read-only SQLite URI filenames (gotypedb/uri.h): the one encoder the
 * query connections and the merge's attachments share. */
#include <string.h>

#include "gotypedb/uri.h"

void gtd_strbuf_put_ro_uri(struct gtd_strbuf *b, const char *path, int immutable)
{
	static const char hex[] = "0123456789ABCDEF";

	gtd_strbuf_puts(b, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p)) {
			gtd_strbuf_putc(b, (char)*p);
			continue;
		}
		gtd_strbuf_putc(b, '%');
		gtd_strbuf_putc(b, hex[*p >> 4]);
		gtd_strbuf_putc(b, hex[*p & 15]);
	}
	gtd_strbuf_puts(b, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
}
