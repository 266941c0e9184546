/* Shared by the semantic builder's files: its state, one object
 * dictionary being read, and the builders of types and objects. */
#ifndef GOTYPEDB_UIR_SEM_H
#define GOTYPEDB_UIR_SEM_H

#include "gotypedb/bmap.h"
#include "gotypedb/error.h"
#include "gotypedb/uirsem.h"

/* Types nest at most this deep (gotype.h): deeper is unsupported, and
 * the bound keeps the recursion within the decoding threads' stacks. */
#define SEM_MAX_DEPTH GTD_MAX_TYPE_DEPTH

/* An object's dictionary as the importer's readerDict: the derived types
 * already built, and the type parameters that TypeParam indices name. */
struct dict {
	uint32_t obj;
	const struct gtd_objdict *d;
	struct gtd_gotype **derived;
	uint8_t *building;        /* derived types being built: a re-entry is a cycle */
	struct gtd_gotype **tparams, **rtparams;
	uint32_t ntparams, nrtparams;
};

struct sem_obj {
	uint8_t loaded;
	uint8_t listed;           /* in the scope list (not local, promoted or a stub) */
	const struct gtd_gopkg *pkg;
	struct gtd_bytes name;
	struct gtd_gotype *type;  /* what a type use of the object denotes */
};

struct fixup {
	struct gtd_gotype *named, *rhs;
};

struct sem {
	const struct gtd_uir_model *m;
	struct gtd_uir_semantic *out;
	struct gtd_error *err;
	struct gtd_arena *a;
	size_t budget;            /* gtd_uir_semantic_budget: the most a may hold */
	unsigned version;
	uint32_t nobjs, ntypes, npkgs;
	struct gtd_gopkg **pkgs;  /* per Pkg element */
	uint8_t *pkg_done;
	struct gtd_bmap pkg_paths;  /* path -> gtd_gopkg*: one package per path, as an imports map */
	struct gtd_bmap scope;      /* path NUL name -> Obj index + 1 of the declared object */
	struct sem_obj *objs;
	uint8_t *derived_elem;      /* Type elements some ObjDict lists as derived */
	uint8_t *building;          /* global Type elements being built (see sem_typeinfo) */
	uint32_t depth;             /* types being built, nested */
	int listing;                /* still loading what the importer would */
	uint32_t cap_list;
	struct fixup *fixups;
	uint32_t nfixups, cap_fixups;
	struct gtd_gotype *error_type, *comparable_type, *any_type;
};

void *sem_alloc(struct sem *s, size_t n, size_t size);
int sem_string(struct sem *s, uint32_t idx, struct gtd_bytes *out);
int sem_pkg(struct sem *s, uint32_t idx, const struct gtd_gopkg **out);
struct sem_obj *sem_load_obj(struct sem *s, uint32_t idx);
struct dict *sem_new_dict(struct sem *s, uint32_t obj);

/* Builders of sem_type.c; NULL with the error set on failure. */
struct gtd_gotype *sem_typeinfo(struct sem *s, struct dict *d, struct gtd_typeinfo ti);
struct gtd_gotype *sem_signature(struct sem *s, struct dict *d, const struct gtd_signature *sig,
				 struct gtd_govar *recv);
int sem_param(struct sem *s, struct dict *d, const struct gtd_param *p, struct gtd_govar *v);
struct gtd_gotype **sem_tparams(struct sem *s, struct dict *d, const struct gtd_tparam_name *names,
				uint32_t n, const struct gtd_typeinfo *bounds, int receivers,
				const struct gtd_gopkg *owner_pkg, struct gtd_bytes owner_name);
struct gtd_gotype *sem_node(struct sem *s, enum gtd_go_kind kind);

/* sem_universe.c: error, comparable and any; a Stub's type (NULL when it
 * names no type: the universe's functions and values). */
int sem_universe_types(struct sem *s);
struct gtd_gotype *sem_stub_type(struct sem *s, const struct sem_obj *o);

/* sem_typename.c: an ObjType element into its Named node; the Named types
 * whose underlying type waited for another's. */
int sem_load_typename(struct sem *s, uint32_t idx, struct sem_obj *so, const struct gtd_obj *o);
int sem_run_fixups(struct sem *s);

#endif
