/* The decoded content of a unit's public elements: packages, position
 * bases, names, types, object dictionaries and objects, as plain data that
 * still uses the format's own indices (the semantic layer resolves them).
 *
 * Everything is decoded per element, context-free (uir-format.md §4.7), and
 * each element must be consumed exactly to its end where the format defines
 * all of it, which catches any misreading of a layout on real data.  Arrays
 * live in the model's arena. */
#ifndef GOTYPEDB_UIRMODEL_H
#define GOTYPEDB_UIRMODEL_H

#include <stdint.h>

#include "gotypedb/arena.h"
#include "gotypedb/pkgbits.h"

/* pkgbits CodeType, CodeObj and CodeVal ("public and cannot be changed"). */
enum gtd_type_code {
	GTD_TYPE_BASIC, GTD_TYPE_NAMED, GTD_TYPE_POINTER, GTD_TYPE_SLICE, GTD_TYPE_ARRAY,
	GTD_TYPE_CHAN, GTD_TYPE_MAP, GTD_TYPE_SIGNATURE, GTD_TYPE_STRUCT, GTD_TYPE_INTERFACE,
	GTD_TYPE_UNION, GTD_TYPE_TYPEPARAM, GTD_TYPE_NCODES
};
enum gtd_obj_code { GTD_OBJ_ALIAS, GTD_OBJ_CONST, GTD_OBJ_TYPE, GTD_OBJ_FUNC, GTD_OBJ_VAR,
		    GTD_OBJ_STUB, GTD_OBJ_NCODES };
enum gtd_val_code { GTD_VAL_BOOL, GTD_VAL_STRING, GTD_VAL_INT64, GTD_VAL_BIGINT,
		    GTD_VAL_BIGRAT, GTD_VAL_BIGFLOAT, GTD_VAL_NCODES };

#define GTD_NONE UINT32_MAX /* an absent index */

/* A type use (typInfo): a global Type element, or slot `idx` of the owning
 * object's derived-type list when derived. */
struct gtd_typeinfo {
	uint32_t idx;
	uint8_t derived;
};

/* A position: PosBase index (GTD_NONE when unknown), line and column. */
struct gtd_pos {
	uint32_t base;
	uint32_t line, col;
};

/* A package reference plus a name: selector, localIdent or qualifiedIdent. */
struct gtd_ident {
	uint32_t pkg;    /* Pkg element */
	uint32_t name;   /* String element */
};

struct gtd_param {
	struct gtd_pos pos;
	struct gtd_ident ident;
	struct gtd_typeinfo type;
};

struct gtd_signature {
	struct gtd_param *params, *results;
	uint32_t nparams, nresults;
	uint8_t variadic;
};

/* An object use: Obj element and type arguments (an instance when any). */
struct gtd_objuse {
	uint32_t obj;
	uint32_t ntargs;
	struct gtd_typeinfo *targs;
};

struct gtd_field {
	struct gtd_pos pos;
	struct gtd_ident ident;
	struct gtd_typeinfo type;
	uint32_t tag;     /* String element */
	uint8_t embedded;
};

struct gtd_imethod {
	struct gtd_pos pos;
	struct gtd_ident ident;
	struct gtd_signature sig;
};

struct gtd_term {
	uint8_t tilde;
	struct gtd_typeinfo type;
};

struct gtd_type {
	enum gtd_type_code code;
	union {
		uint32_t basic;                         /* BasicKind */
		struct gtd_objuse named;
		struct gtd_typeinfo elem;               /* Pointer, Slice */
		struct { uint64_t len; struct gtd_typeinfo elem; } array;
		struct { uint32_t dir; struct gtd_typeinfo elem; } chan; /* 0 both, 1 send, 2 recv */
		struct { struct gtd_typeinfo key, elem; } map;
		struct gtd_signature sig;
		struct { struct gtd_field *fields; uint32_t n; } strct;
		struct {
			struct gtd_imethod *methods;
			struct gtd_typeinfo *embeddeds;
			uint32_t nmethods, nembeddeds;
			uint8_t implicit;
		} iface;
		struct { struct gtd_term *terms; uint32_t n; } uni;
		uint32_t tparam;                        /* index in the owner's type-parameter list */
	} u;
};

/* A constant: a scalar, and its imaginary part when complex.  Integers that
 * fit are int64; bigger ones are big-endian magnitudes (String elements). */
struct gtd_scalar {
	enum gtd_val_code code;
	uint8_t b;                 /* Bool; for BigInt/BigRat: the numerator's sign */
	uint8_t den_neg;           /* BigRat: the denominator's sign */
	int64_t i64;
	uint32_t str;              /* String, BigInt magnitude, BigRat numerator, BigFloat text */
	uint32_t den;              /* BigRat denominator magnitude */
};

struct gtd_value {
	uint8_t is_complex;
	struct gtd_scalar re, im;
};

struct gtd_tparam_name {
	struct gtd_pos pos;
	struct gtd_ident ident;
};

/* A method record inside an ObjType element, or a V4+ generic method's own
 * Obj element. */
struct gtd_method {
	uint32_t source_index;     /* V5: the declaration order; else GTD_NONE */
	struct gtd_pos pos;
	struct gtd_ident ident;
	struct gtd_tparam_name *rtparams; /* the receiver's type parameters */
	uint32_t nrtparams;
	struct gtd_tparam_name *tparams;  /* a generic method's own (V4+) */
	uint32_t ntparams;
	struct gtd_param recv;
	struct gtd_signature sig;
};

struct gtd_objdict {
	uint32_t nimplicits, nreceivers, nexplicits;
	struct gtd_typeinfo *rbounds; /* nreceivers (V4+) */
	struct gtd_typeinfo *bounds;  /* nexplicits */
	uint32_t *derived;            /* Type elements of the derived slots */
	uint32_t nderived;
};

struct gtd_name {
	uint32_t pkg;   /* Pkg element */
	uint32_t name;  /* String element */
	enum gtd_obj_code code;
};

struct gtd_obj {
	enum gtd_obj_code code;         /* from the Name element */
	struct gtd_pos pos;
	struct gtd_tparam_name *tparams;
	uint32_t ntparams;
	struct gtd_typeinfo type;       /* Alias rhs, Const/Var type, Type rhs */
	struct gtd_value value;         /* Const */
	struct gtd_signature sig;       /* Func */
	uint8_t is_generic_method;      /* V4+: a promoted generic method's element */
	struct gtd_method *methods;     /* Type: declared methods (non-generic since V4) */
	uint32_t nmethods;
	uint32_t *generic_methods;      /* Type, V4+: Obj elements of generic methods */
	uint32_t ngeneric_methods;
	struct gtd_method gmethod;      /* a generic method's own record */
};

struct gtd_pkg {
	uint32_t path;       /* String element */
	uint32_t name;       /* String element; GTD_NONE for builtin and unsafe */
	uint32_t *imports;   /* Pkg elements */
	uint32_t nimports;
};

struct gtd_posbase {
	uint32_t filename;   /* String element */
	uint8_t is_file_base;
	struct gtd_pos pos;  /* line bases: where the //line directive is */
	uint32_t line, col;
};

struct gtd_uir_model {
	const struct gtd_pkgbits *pb;
	uint32_t self_pkg;          /* the public root's package */
	uint32_t *root_objs;        /* the public root's object list (Obj elements) */
	uint32_t nroot_objs;
	uint8_t has_init;           /* <V2: the public root's bool; V1+: the private root's */
	struct gtd_pkg *pkgs;
	struct gtd_posbase *posbases;
	struct gtd_name *names;
	struct gtd_type *types;
	struct gtd_objdict *dicts;
	struct gtd_obj *objs;
	struct gtd_arena arena;
};

/* Decodes every public element of the unit. */
int gtd_uir_model_decode(const struct gtd_pkgbits *pb, struct gtd_uir_model *m);
void gtd_uir_model_free(struct gtd_uir_model *m);

#endif
