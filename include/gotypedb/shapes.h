/* The distinct Go types of a unit with their parts (src/gotype/shapes.c). */
#ifndef GOTYPEDB_SHAPES_H
#define GOTYPEDB_SHAPES_H

#include "gotypedb/arena.h"
#include "gotypedb/bmap.h"
#include "gotypedb/ptrmap.h"
#include "gotypedb/gotype.h"
#include "gotypedb/sink.h"

struct gtd_shapes {
	struct gtd_error *err;
	struct gtd_shape_rec *v;   /* by shape number; parts and strings in arena */
	uint32_t n, cap;
	struct gtd_ptrmap by_node; /* node -> shape */
	struct gtd_bmap by_canon;  /* canonical string -> shape */
	struct gtd_canon canon;    /* canonical strings, each part's once */
	struct gtd_arena arena;    /* canonical strings, parts, substituted nodes */
	size_t budget;             /* the most the arena may hold (src/gotype/shapes.c, over_budget) */
	/* Parts being collected, a stack: a type's parts are pushed after its
	 * parts' own (a part's shape is complete, and its parts moved to the
	 * arena, before the part itself is pushed). */
	struct gtd_shape_part *scratch;
	uint32_t nscratch, capscratch;
};

/* budget: bytes the unit's types may take to describe (src/gotype/shapes.c). */
void gtd_shapes_init(struct gtd_shapes *S, size_t budget, struct gtd_error *err);
/* The shape of t (adding it and its parts' shapes when new). */
int gtd_shapes_of(struct gtd_shapes *S, const struct gtd_gotype *t, uint32_t *idx);
/* Every type has its shape: what only finding shapes needed (the node
 * and canonical maps, the memo of canonical strings, the scratch stack)
 * is freed; the records and what they point at stay until
 * gtd_shapes_free.  No gtd_shapes_of after it. */
void gtd_shapes_seal(struct gtd_shapes *S);
void gtd_shapes_free(struct gtd_shapes *S);

#endif
