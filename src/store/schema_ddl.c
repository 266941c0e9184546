/* A new database's tables and views: schema/, embedded at build time. */
#include <stdio.h>
#include <string.h>

#include "gotypedb/embedded.h"
#include "gotypedb/store.h"
#include "schema_ddl.h"

int store_schema_ddl(sqlite3 *db, const char **file)
{
	char sql[128];
	int rc;

	for (const struct gtd_embedded *f = gtd_schema_files; f->name; f++) {
		if (strcmp(f->name, STORE_INDEX_FILE) == 0)
			continue;
		*file = f->name;
		if ((rc = sqlite3_exec(db, f->text, NULL, NULL, NULL)) != SQLITE_OK)
			return rc;
	}
	*file = NULL;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		 GTD_SCHEMA_VERSION, GTD_APPLICATION_ID);
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}
