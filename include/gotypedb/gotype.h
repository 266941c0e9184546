/* One model of Go types for both worlds (export data now, runtime type
 * descriptors later), and the only renderers of its strings: go/types'
 * TypeString and ObjectString, and the canonical identity string behind a
 * typeid (schema/20_semantic.sql defines it).
 *
 * The model is a graph shaped like go/types': a defined type is a Named
 * node whose underlying type points back into the graph, so cycles
 * (type T struct{ next *T }) go through Named nodes and are never expanded.
 * Nodes are built by a decoder into its arena; the renderers only read. */
#ifndef GOTYPEDB_GOTYPE_H
#define GOTYPEDB_GOTYPE_H

#include <stdint.h>

#include "gotypedb/bytes.h"
#include "gotypedb/strbuf.h"
#include "gotypedb/unicode.h"

enum gtd_go_kind {
	GTD_GO_BASIC, GTD_GO_NAMED, GTD_GO_ALIAS, GTD_GO_POINTER, GTD_GO_SLICE, GTD_GO_ARRAY,
	GTD_GO_CHAN, GTD_GO_MAP, GTD_GO_SIGNATURE, GTD_GO_STRUCT, GTD_GO_INTERFACE,
	GTD_GO_UNION, GTD_GO_TYPEPARAM
};

/* go/types BasicKind (Invalid .. UntypedNil); byte and rune are Uint8 and
 * Int32 with their own names, as in go/types' universe. */
enum { GTD_BASIC_UINT8 = 8, GTD_BASIC_INT32 = 5, GTD_BASIC_UNSAFE_POINTER = 18,
       GTD_BASIC_NKINDS = 26 };

enum { GTD_UNIVERSE_ANY = 1, GTD_UNIVERSE_COMPARABLE = 2 };

enum gtd_go_chan_dir { GTD_CHAN_BOTH, GTD_CHAN_SEND, GTD_CHAN_RECV };

/* A package; path "" is never used: the universe is a NULL package. */
struct gtd_gopkg {
	struct gtd_bytes path, name;
};

/* A struct field, a parameter or result, a receiver, or a union term. */
struct gtd_govar {
	const struct gtd_gopkg *pkg;  /* the package an unexported name belongs to */
	struct gtd_bytes name, tag;
	struct gtd_gotype *type;
	uint8_t embedded;             /* field */
	uint8_t tilde;                /* union term */
};

/* A method: declared on a Named type, or of an interface. */
struct gtd_gofunc {
	const struct gtd_gopkg *pkg;
	struct gtd_bytes name;
	struct gtd_gotype *sig;       /* a Signature, with its receiver */
};

struct gtd_gotype {
	enum gtd_go_kind kind;
	uint8_t dir;                  /* Chan */
	uint8_t variadic;             /* Signature */
	uint8_t implicit;             /* Interface: constraint sugar such as [T ~int] */
	uint8_t universe;             /* Interface: the universe's any (1) or comparable (2) underlying */
	uint32_t basic;               /* Basic: BasicKind */
	uint64_t len;                 /* Array */
	struct gtd_gotype *elem, *key;/* Pointer, Slice, Array, Chan, Map */

	struct gtd_govar *vars;       /* Struct fields; Signature params then results; Union terms */
	uint32_t nvars, nparams;      /* Signature: vars[0..nparams) are the params */
	struct gtd_govar *recv;       /* Signature of a method */

	/* Named, Alias, TypeParam: the type name (pkg NULL: universe). */
	const struct gtd_gopkg *pkg;
	struct gtd_bytes name;
	struct gtd_gotype **tparams;  /* Named, Alias, Signature: own type parameters */
	uint32_t ntparams;
	struct gtd_gotype *orig;      /* an instance: the generic Named or Alias */
	struct gtd_gotype **targs;    /* an instance's type arguments */
	uint32_t ntargs;
	struct gtd_gotype *under;     /* Named: underlying; Alias: the declared rhs; TypeParam: bound */

	struct gtd_gofunc *methods;   /* Named: declared; Interface: explicit, in go/types order */
	uint32_t nmethods;
	struct gtd_gotype **embeddeds;/* Interface */
	uint32_t nembeddeds;

	uint32_t index;               /* TypeParam: position in its list */
	const struct gtd_gopkg *owner_pkg;  /* TypeParam: the declaring object, for identity */
	struct gtd_bytes owner_name;
};

/* go/types' universe basic types and names (basic kind k, or "byte"/"rune"). */
struct gtd_gotype *gtd_go_basic(uint32_t kind);
struct gtd_gotype *gtd_go_basic_named(const char *name); /* byte, rune; NULL otherwise */
const char *gtd_go_basic_name(uint32_t kind);

/* Follows Alias nodes to the aliased type (types.Unalias); NULL stays NULL. */
const struct gtd_gotype *gtd_go_unalias(const struct gtd_gotype *t);
/* typedef.kind: what the type is once aliases are followed (basic, named,
 * pointer, slice, array, chan, map, func, struct, interface, union,
 * typeparam). */
const char *gtd_go_kind_name(const struct gtd_gotype *t);
/* types.Type.Underlying(); NULL while a Named node is still being built. */
const struct gtd_gotype *gtd_go_underlying(const struct gtd_gotype *t);

/* t with type parameters from[i] replaced by to[i] (new nodes in a where
 * anything changed); NULL when out of memory or nested too deep. */
struct gtd_arena;
struct gtd_gotype *gtd_go_subst(struct gtd_arena *a, struct gtd_gotype *t,
				struct gtd_gotype *const *from, struct gtd_gotype *const *to, uint32_t n);

/* A binding of type parameters to type arguments, which the renderers apply
 * while walking an instance's origin (substitution without copying). */
struct gtd_goenv {
	struct gtd_gotype *const *from;   /* type parameters */
	struct gtd_gotype *const *to;     /* their arguments, rendered in `outer` */
	uint32_t n;
	const struct gtd_goenv *outer;
	const struct gtd_goenv *parent;   /* bindings further out */
};

/* go/types: TypeString(t, q) and ObjectString(obj, q) with q = package path. */
void gtd_go_type_string(struct gtd_strbuf *b, const struct gtd_gotype *t);
void gtd_go_signature_string(struct gtd_strbuf *b, const struct gtd_gotype *sig);
void gtd_go_tparam_list_string(struct gtd_strbuf *b, struct gtd_gotype *const *tparams,
			       uint32_t n);
void gtd_go_method_string(struct gtd_strbuf *b, const struct gtd_gofunc *m,
			  const struct gtd_goenv *env);
enum gtd_go_obj_kind { GTD_GOOBJ_CONST, GTD_GOOBJ_TYPE, GTD_GOOBJ_ALIAS, GTD_GOOBJ_FUNC,
			GTD_GOOBJ_VAR };
/* type: Const/Var: the declared type; Type/Alias: the Named or Alias node;
 * Func: the signature. */
void gtd_go_object_string(struct gtd_strbuf *b, enum gtd_go_obj_kind kind, const struct gtd_gopkg *pkg,
			  struct gtd_bytes name, const struct gtd_gotype *type);
/* strconv.Quote */
void gtd_go_quote(struct gtd_strbuf *b, struct gtd_bytes s);

/* go/token.IsExported: unicode.IsUpper of the first rune (not ASCII only:
 * Äpfel is exported, ǅ and 日本 are not).  Exportedness decides whether a
 * field or method name is qualified by its package (go/types' sameId) and
 * the method order below, so every such test goes through this one.
 * Inline for a name that starts with an ASCII byte (its own rune), as
 * canonical strings and method sorting ask for every field and method. */
int gtd_go_is_exported_nonascii(struct gtd_bytes name);
static inline int gtd_go_is_exported(struct gtd_bytes name)
{
	if (name.n && name.p[0] < 0x80)
		return gtd_unicode_is_upper(name.p[0]);
	return gtd_go_is_exported_nonascii(name);
}
/* go/types' method order (object.cmp): exported first, then by name
 * bytewise, then (unexported) by package path. */
int gtd_go_func_cmp(const struct gtd_gofunc *a, const struct gtd_gofunc *b);

/* The interface's complete method set, flattened and in go/types order. */
struct gtd_gomethod_ref {
	const struct gtd_gofunc *fn;
	const struct gtd_goenv *env;  /* the instance bindings it was reached through */
};
struct gtd_gomethod_set {
	struct gtd_gomethod_ref *m;
	uint32_t n, cap;
	struct gtd_goenv **envs;      /* the bindings made on the way, owned */
	uint32_t nenvs, capenvs;
	int oom, too_deep;
};
void gtd_go_interface_methods(const struct gtd_gotype *iface, const struct gtd_goenv *env,
			      struct gtd_gomethod_set *set);
void gtd_go_method_set_free(struct gtd_gomethod_set *set);

/* The canonical identity string: equal exactly for identical Go types. */
/* -1 when the graph nests deeper than any real type (or memory ran out). */
int gtd_go_canonical(struct gtd_strbuf *b, const struct gtd_gotype *t);

#endif
