/* SQLite's URI filenames, for opening or attaching a database read-only. */
#ifndef GOTYPEDB_URI_H
#define GOTYPEDB_URI_H

#include "gotypedb/strbuf.h"

/* Appends path as a read-only SQLite URI: "file:" (or "file://" before an
 * absolute path), every byte but unreserved ones and '/' percent-encoded,
 * so that no byte of a path is taken for URI syntax and no parameter but
 * ours applies; then "?mode=ro", and "&immutable=1" if immutable. */
void gtd_strbuf_put_ro_uri(struct gtd_strbuf *b, const char *path, int immutable);

#endif
