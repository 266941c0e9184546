/* Finding a module's moduledata (moduledata.c). */
#ifndef GOTYPEDB_RTYPE_MODULEDATA_H
#define GOTYPEDB_RTYPE_MODULEDATA_H

#include "rtype_int.h"

/* Sets m->md_addr, m->md and m->words; minor 0: the release is not
 * known.  found: "symbol", "section" or "scan". */
int rt_find_moduledata(struct rt_module *m, unsigned minor, const char **found);

#endif
