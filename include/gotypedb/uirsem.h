/* The semantic view of a unit: its model (uirmodel.h) resolved into Go
 * types and package-scope objects as go/types' importer
 * (golang.org/x/tools/internal/gcimporter, ureader.go) builds them:
 *
 * - objects are loaded from the public root's list and then through every
 *   type that refers to another object, each (package path, name) once, so
 *   the scope holds exactly what an importer's packages would hold;
 * - derived types and type-parameter indices are resolved against the
 *   owning object's dictionary, in each version's index space;
 * - local types (names with a ·N suffix) and V4+ generic methods promoted
 *   to package scope (names with a '.') are resolved but not listed.
 *
 * Every node lives in the semantic arena; strings borrow the unit's bytes. */
#ifndef GOTYPEDB_UIRSEM_H
#define GOTYPEDB_UIRSEM_H

#include "gotypedb/gotype.h"
#include "gotypedb/sink.h"
#include "gotypedb/uirmodel.h"

struct gtd_uir_object {
	uint32_t idx;                  /* Obj element */
	enum gtd_obj_code code;
	const struct gtd_gopkg *pkg;
	struct gtd_bytes name;
	struct gtd_pos pos;
	/* Type and Alias: the Named or Alias node; Func: its Signature (with
	 * its type parameters); Const and Var: the declared type. */
	struct gtd_gotype *type;
	const struct gtd_value *value; /* Const */
};

struct gtd_uir_semantic {
	const struct gtd_uir_model *m;
	struct gtd_uir_object *objs;   /* the scope's objects, in loading order */
	uint32_t nobjs;
	/* Type elements that are not derived (in no ObjDict's list), resolved
	 * globally; NULL for derived ones. */
	struct gtd_gotype **types;
	uint32_t ntypes;
	struct gtd_arena arena;
	void *priv;                    /* the builder's state */
};

/* The most memory, in bytes, that a unit's semantic layer may take to
 * describe its types, for the built graph and again for the emitted types
 * and strings: a multiple of its export data (instances expand generic
 * bodies, method sets are flattened; a unit of a go build std cmd cache
 * takes under four times its export data).  Past it a unit is unsupported
 * ("its types take more than N bytes to describe"), so that no input costs
 * memory, time or rows out of proportion to its size. */
static inline size_t gtd_uir_semantic_budget(size_t export_bytes)
{
	return 32 * export_bytes + ((size_t)16 << 20);
}

int gtd_uir_semantic_build(const struct gtd_uir_model *m, struct gtd_uir_semantic *s);
void gtd_uir_semantic_free(struct gtd_uir_semantic *s);

/* Emits the records of the semantic layer (sink.h) in a fixed order: the
 * unit's distinct types (shapes) by number, objects in loading order with
 * each type's methods after it, then the global Type elements by index. */
int gtd_uir_emit_semantic(const struct gtd_uir_semantic *s, const struct gtd_sink *sink,
			  struct gtd_error *err);

/* ExactString of a constant (go/constant), as go/types' importer makes it.
 * A number bigger than cmd/compile can write is corrupt (value_string.c). */
int gtd_uir_value_string(const struct gtd_uir_model *m, const struct gtd_value *v,
			 struct gtd_strbuf *b, struct gtd_error *err);

#endif
