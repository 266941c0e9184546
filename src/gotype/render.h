/* Shared by the renderers of src/gotype: type-parameter bindings and the
 * universe's names. */
#ifndef GOTYPEDB_GOTYPE_RENDER_H
#define GOTYPEDB_GOTYPE_RENDER_H

#include "gotypedb/gotype.h"

/* Deeper nesting than this is refused by the builders; the renderers stop
 * there too rather than trust a damaged graph. */
#define GTD_RENDER_MAX_DEPTH GTD_MAX_TYPE_DEPTH

/* The innermost binding of type parameter tp (*i its position), or NULL. */
const struct gtd_goenv *gtd_goenv_lookup(const struct gtd_goenv *env, const struct gtd_gotype *tp,
					 uint32_t *i);
/* Whether the universe declares name (go/types marks type parameters that
 * shadow one). */
int gtd_go_is_universe_name(struct gtd_bytes name);

#endif
