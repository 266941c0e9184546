/* The DDL of a new database's tables and views, shared by the store and by
 * the build's maker of the schema image (scripts/schema_image.c), which
 * links schema_ddl.c and the embedded schema/ files alone. */
#ifndef GOTYPEDB_STORE_SCHEMA_DDL_H
#define GOTYPEDB_STORE_SCHEMA_DDL_H

#include <sqlite3.h>

/* The page size of a database gotypedb creates: its tables are appended
 * to in key order, and larger pages mean fewer of them to balance. */
#define STORE_NEW_PAGE_SIZE_TEXT "16384"

/* The schema/ file of the secondary indexes, built after the bulk load. */
#define STORE_INDEX_FILE "90_indexes.sql"

/* Every schema/ file but STORE_INDEX_FILE, in order, then the schema
 * version and the application id.  SQLITE_OK, or SQLite's error with
 * *file the schema/ file that failed (NULL: the version pragmas). */
int store_schema_ddl(sqlite3 *db, const char **file);

#endif
