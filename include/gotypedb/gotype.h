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

#include "gotypedb/arena.h"
#include "gotypedb/bmap.h"
#include "gotypedb/bytes.h"
#include "gotypedb/ptrmap.h"
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
	uint8_t positional;           /* TypeParam: a generic signature's parameter, read $index
				       * wherever it stands (the shapes of the signature's parts) */
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
 * anything changed, each node of t's graph copied at most once); NULL when
 * out of memory or nested too deep. */
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
/* strconv.Quote with every run of GTD_QUOTE_RUN_MIN or more of one rune
 * (or of one byte that starts no rune) written once with its count,
 * segments joined by " + ": 256 NULs are "\x00"×256, and "ab" then 100
 * spaces "ab" + " "×100.  Distinct strings never print alike, and a long
 * padding does not fill the screen. */
#define GTD_QUOTE_RUN_MIN 8
void gtd_go_quote_runs(struct gtd_strbuf *b, struct gtd_bytes s);

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
	struct gtd_bmap names;        /* the methods' identities, for dedup */
	struct gtd_ptrmap visited;    /* interfaces whose methods are in */
	int oom, too_deep;
};
void gtd_go_interface_methods(const struct gtd_gotype *iface, const struct gtd_goenv *env,
			      struct gtd_gomethod_set *set);
void gtd_go_method_set_free(struct gtd_gomethod_set *set);

/* The deepest nesting of types (and chain of declarations referring to
 * each other) that gotypedb builds and renders.  Go sets no limit; a unit
 * that goes deeper is reported as unsupported, never as corrupt.  Every
 * recursion over types stops here, and the decoding threads get a stack
 * that the deepest recursion fits (src/ingest/pipeline.c, tests/cli/deep.sh). */
#define GTD_MAX_TYPE_DEPTH 10000
/* The stack a thread that decodes units gets: the recursion of the deepest
 * supported type fits with a wide margin, in the sanitizer build too
 * (tests/cli/deep.sh decodes one under `ulimit -s 512`).  Only the pages a
 * decode touches are ever mapped in. */
#define GTD_DECODE_STACK_BYTES ((size_t)64 << 20)

/* The longest go/types-style string written for one object or method
 * (ObjectString of a type that is huge written out, as a type built of an
 * unnamed type shared many times is): longer ones are cut at a rune
 * boundary there and end with "…" (schema/20_semantic.sql says so). */
#define GTD_TYPESTRING_MAX 65536
/* Cuts b (a string written from offset 0) to GTD_TYPESTRING_MAX as above. */
void gtd_go_string_cap(struct gtd_strbuf *b);

/* t with the bindings of env applied, innermost first (a method reached
 * through instances, as gtd_go_interface_methods reports it); NULL when
 * out of memory or nested too deep. */
struct gtd_gotype *gtd_go_subst_env(struct gtd_arena *a, struct gtd_gotype *t,
				    const struct gtd_goenv *env);

/* Canonical identity strings (canonical.c; the format is defined in
 * schema/20_semantic.sql).  Two types get the same string exactly when
 * go/types' Identical holds.  Each (type node, generic signature it is
 * read in) is rendered once and its string reused by every type built of
 * it, and a part whose string is longer than GTD_CANON_INLINE_MAX bytes
 * appears in its parent's as "#" and the SHA-256 of its string in hex: a
 * string is as long as its type's own syntax, however large the type
 * written out, and the cost of every string of a graph is linear in its
 * nodes. */
#define GTD_CANON_INLINE_MAX 512
#define GTD_CANON_REF_LEN 65 /* "#" and 64 hex digits */

struct gtd_canon_entry;
/* Why a canonical string could not be made (gtd_canon.why). */
enum gtd_canon_failure {
	GTD_CANON_OK,
	GTD_CANON_NOMEM,
	GTD_CANON_TOO_DEEP,  /* nested deeper than GTD_MAX_TYPE_DEPTH (GTD_ELIMIT) */
	GTD_CANON_TOO_LONG,  /* more than write_limit bytes written (GTD_ELIMIT) */
	GTD_CANON_CYCLE,     /* a type that contains itself unnamed (GTD_EDATA) */
	GTD_CANON_NO_TYPE,   /* an alias whose rhs was never built (GTD_EDATA) */
};

struct gtd_canon {
	struct gtd_arena *a;            /* strings, substituted nodes */
	struct gtd_ptrmap plain;        /* node -> entry, outside any generic signature */
	struct gtd_bmap in_sig;         /* (node, signature) -> entry, inside one */
	struct gtd_canon_entry *v;
	uint32_t n, cap;
	struct gtd_ptrmap unaliased;    /* alias node -> index into resolved */
	const struct gtd_gotype **resolved;
	uint32_t nresolved, capresolved;
	struct gtd_ptrmap open;         /* node -> 1 while its string is being made, then 0 */
	struct gtd_strbuf *bufs;        /* one per string being made, nested, reused */
	uint32_t nbufs, level;
	uint32_t depth;                 /* nodes being rendered, nested */
	/* Every byte the builder writes (strings made, attempts given up)
	 * counts against write_limit, and so do the strings still being made
	 * around the current one (outer): what a unit's strings cost in time
	 * and memory is bounded by it, however often a string of the input is
	 * repeated in them (a tag shared by every field of a large struct). */
	size_t written, outer, write_limit;
	int failed;                     /* 0 or the error code of why */
	enum gtd_canon_failure why;
};

/* write_limit is SIZE_MAX until the caller sets it. */
void gtd_canon_init(struct gtd_canon *c, struct gtd_arena *a);
/* t's canonical string (valid until the next call: copy it to keep it); the failure code
 * (c->failed and c->why stay set) when out of memory, nested deeper than
 * GTD_MAX_TYPE_DEPTH, past write_limit, or when t contains itself. */
int gtd_canon_text(struct gtd_canon *c, const struct gtd_gotype *t, struct gtd_bytes *out);
/* What t denotes once aliases are followed (an instance of a generic alias:
 * its rhs with the arguments substituted, computed once per node); NULL
 * on failure, as above. */
const struct gtd_gotype *gtd_canon_unalias(struct gtd_canon *c, const struct gtd_gotype *t);
void gtd_canon_free(struct gtd_canon *c);

/* One type's canonical string into b, with a builder of its own (tests,
 * one-off uses); -1 on failure. */
int gtd_go_canonical(struct gtd_strbuf *b, const struct gtd_gotype *t);

#endif
