/* Shared by the model decoders: one element being read into the model, and
 * the composite primitives of the public sections (uir-format.md §4). */
#ifndef GOTYPEDB_UIR_READ_H
#define GOTYPEDB_UIR_READ_H

#include "gotypedb/uirmodel.h"

struct rd {
	struct gtd_elem e;
	struct gtd_uir_model *m;
	unsigned version;
};

int rd_open(struct rd *r, struct gtd_uir_model *m, unsigned section, uint32_t idx,
	    struct gtd_reloc_buf *rb);
/* The element must be consumed exactly: trailing bytes mean a misread. */
int rd_end(struct rd *r);
/* A count of items of at least one byte each: bounded by the bytes left. */
int rd_count(struct rd *r, uint32_t *n);
void *rd_alloc(struct rd *r, uint32_t n, size_t size);
/* Allocates n items into ptr; non-zero (with the error set) on failure. */
#define ALLOC(r, ptr, n) ((ptr) = rd_alloc((r), (n), sizeof *(ptr)), (n) && !(ptr))
int rd_string_idx(struct rd *r, uint32_t *idx);
int rd_pos(struct rd *r, struct gtd_pos *p);
int rd_pkgref(struct rd *r, uint32_t *pkg);
int rd_ident(struct rd *r, enum gtd_sync marker, struct gtd_ident *id);
int rd_typeinfo(struct rd *r, struct gtd_typeinfo *t);
int rd_objuse(struct rd *r, struct gtd_objuse *u);
int rd_param(struct rd *r, struct gtd_param *p);
int rd_signature(struct rd *r, struct gtd_signature *s);
int rd_tparam_names(struct rd *r, uint32_t n, struct gtd_tparam_name **out);
int rd_value(struct rd *r, struct gtd_value *v);

int rd_type_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb);
int rd_obj_element(struct gtd_uir_model *m, uint32_t idx, struct gtd_reloc_buf *rb);

#endif
