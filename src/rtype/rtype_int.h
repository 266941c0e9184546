/* What the runtime decoder's files share: the layouts by Go release, a
 * module being decoded, and its type descriptors. */
#ifndef GOTYPEDB_RTYPE_INT_H
#define GOTYPEDB_RTYPE_INT_H

#include "gotypedb/arena.h"
#include "gotypedb/error.h"
#include "gotypedb/gotype.h"
#include "gotypedb/objfile.h"
#include "gotypedb/ptrmap.h"
#include "gotypedb/rtype.h"
#include "gotypedb/sink.h"

#define RT_FIRST_MINOR GTD_RT_FIRST_MINOR
#define RT_LAST_MINOR GTD_RT_LAST_MINOR

/* runtime.moduledata as the linker writes it, in pointer-sized words from
 * its start (every field gotypedb reads is word-aligned on every target);
 * -1 where the release has no such field.  layout.c holds one row per
 * group of releases whose file-visible fields lie alike. */
struct rt_md_layout {
	const char *name;                /* the first release of the group: "go1.21" */
	unsigned first, last;            /* its Go 1.x minors */
	uint32_t pclntab_magic;          /* the pcHeader magic its releases write */
	int ftab, minpc, maxpc, text, etext, types, etypes;
	int typedesclen, itaboffset, itabsize; /* 1.27's type region */
	int textsectmap, typelinks, itablinks, ptab, pluginpath, modulename, hasmain;
	unsigned words;                  /* through hasmain's word: what is read */
};

const struct rt_md_layout *rt_md_layouts(size_t *n);
const struct rt_md_layout *rt_md_layout_for(unsigned minor);

/* How type descriptors lie in a release (and, for maps, an experiment). */
struct rt_type_layout {
	unsigned minor;
	int varint_names;     /* 1.17+: uvarint lengths; before, 2 bytes big-endian */
	int embedded_in_name; /* 1.19+: a name flag; before, offsetEmbed's low bit */
	unsigned map_size;    /* the map descriptor's bytes (header included) */
	unsigned itab_fun;    /* the offset of an itab's Fun array */
	int type_region;      /* 1.27: typelinked descriptors and itabs by position */
};

/* swiss: a 1.24-1.25 binary was built with swiss maps (the default; a
 * build setting GOEXPERIMENT=noswissmap says otherwise). */
void rt_type_layout_for(unsigned minor, unsigned ptr_size, int swiss, struct rt_type_layout *out);

/* A decoded abi.Name. */
struct rt_name {
	int32_t off;            /* from types (a name may lie before them) */
	uint8_t flags;
	struct gtd_bytes name, tag; /* tag.p NULL: none */
	int64_t pkgpath_off;    /* GTD_RT_NONE: none */
};
#define RT_NAME_EXPORTED 0x1
#define RT_NAME_TAG 0x2
#define RT_NAME_PKGPATH 0x4
#define RT_NAME_EMBEDDED 0x8

enum { RT_KIND_ARRAY = 17, RT_KIND_CHAN, RT_KIND_FUNC, RT_KIND_INTERFACE, RT_KIND_MAP,
       RT_KIND_POINTER, RT_KIND_SLICE, RT_KIND_STRING, RT_KIND_STRUCT, RT_KIND_UNSAFE_POINTER };
#define RT_TFLAG_UNCOMMON 0x1
#define RT_TFLAG_EXTRA_STAR 0x2
#define RT_TFLAG_NAMED 0x4

/* A field, parameter or method of a descriptor, by what it refers to. */
struct rt_field {
	uint32_t name;          /* index into the module's names */
	uint32_t type;          /* index into the module's types */
	uint64_t offset;
	int embedded;
};
struct rt_imethod {
	uint32_t name, type;    /* names, types indexes */
	int32_t name_off, typ_off;
};
struct rt_method {
	int32_t name_off, mtyp_off, ifn, tfn;
	uint32_t name;          /* names index */
	uint32_t mtyp;          /* types index; RT_NO_TYPE where dropped */
};
#define RT_NO_TYPE UINT32_MAX

/* One type descriptor. */
struct rt_type {
	struct gtd_rtype_rec rec;   /* as emitted; string and name point into the file */
	uint32_t str;               /* names index of Str */
	int has_uncommon;
	uint32_t uncommon_pkgpath;  /* names index, RT_NO_TYPE: none or "" */
	uint32_t elem, key;         /* types indexes, RT_NO_TYPE: none */
	uint32_t pkgpath;           /* struct, interface: names index of PkgPath, RT_NO_TYPE: none */
	struct rt_field *fields;    /* struct fields; func params then results */
	uint32_t nfields;
	struct rt_imethod *imethods;
	uint32_t nimethods;
	struct rt_method *methods;
	uint32_t nmethods;
	struct gtd_gotype *go;      /* its Go type (model.c) */
};

/* A module being decoded. */
struct rt_module {
	const struct gtd_objfile *f;
	struct gtd_error *err;
	const struct gtd_sink *sink;
	unsigned w;                 /* pointer size */
	int be;                     /* big-endian (the file's, read per word) */
	const struct rt_md_layout *md;
	struct rt_type_layout tl;
	uint64_t md_addr;
	uint64_t words[96];         /* moduledata's words, relocated */
	uint64_t types, etypes;
	struct gtd_arena arena;     /* descriptors' arrays, names the model makes */
	struct gtd_arena nodes;     /* the model's nodes, packages and their arrays (model.c) */
	struct rt_type *t;
	uint32_t nt, capt;
	struct gtd_ptrmap type_at;  /* off + 1 -> types index */
	struct rt_name *names;
	uint32_t nnames, capnames;
	struct gtd_ptrmap name_at;  /* off + 1 -> names index */
	uint32_t *sorted_types;     /* types indexes by offset (emit.c) */
	uint32_t *queue;            /* types indexes still to read */
	uint32_t nqueue, capqueue;
	uint32_t *typelinks;        /* types indexes of the typelinked descriptors */
	uint32_t ntypelinks;
	struct rt_itab *itabs;
	uint32_t nitabs;
};

struct rt_itab {
	uint64_t addr;
	uint32_t inter, type;       /* types indexes */
	uint32_t hash, nfun;
	uint64_t fun0;
};

/* Words of moduledata by a layout's field index. */
static inline uint64_t rt_md_word(const struct rt_module *m, int field)
{
	return field < 0 ? 0 : m->words[field];
}

/* name.c: the name at types + off (each decoded once); its index. */
int rt_name_at(struct rt_module *m, int64_t off, uint32_t *idx);
/* The same by absolute address (a Name pointer). */
int rt_name_ptr(struct rt_module *m, uint64_t addr, uint32_t *idx);

/* desc.c: the descriptor at types + off, queued for reading when new; its
 * index.  rt_read_queued reads every queued one (and what they reach). */
int rt_type_at(struct rt_module *m, uint64_t off, uint32_t *idx);
int rt_type_ptr(struct rt_module *m, uint64_t addr, uint32_t *idx);
int rt_read_queued(struct rt_module *m);
/* A descriptor's bytes as 1.27's linker lays them out (abi.Type's
 * DescriptorSize), once read. */
uint64_t rt_descriptor_size(const struct rt_module *m, const struct rt_type *t);

/* tables.c: the typelinks and itabs of the module (roots of the walk). */
int rt_read_tables(struct rt_module *m);

/* cycles.c: refuses descriptors that hold themselves through unnamed
 * types only (no Go type does; the model could not describe them). */
int rt_check_cycles(struct rt_module *m);
/* One of the structs the compiler makes for a map's buckets through Go
 * 1.16, which contain themselves unnamed and which the model names by
 * their string: they close a cycle as a named type does (model.c). */
int rt_compiler_made(const struct rt_module *m, const struct rt_type *t);

/* model.c: every descriptor's Go type and its shape (S initialised here,
 * freed by the caller). */
struct gtd_shapes;
int rt_build_model(struct rt_module *m, struct gtd_shapes *S);
/* emit.c: the module's records but its descriptors (m->sorted_types is set),
 * then, after the model, the descriptors. */
int rt_emit_records(struct rt_module *m, const struct gtd_module_rec *rec);
int rt_emit_types(struct rt_module *m);

/* Reads through the objfile with the message saying what was read. */
int rt_ptr(const struct rt_module *m, uint64_t addr, uint64_t *v, const char *what);
int rt_u32(const struct rt_module *m, uint64_t addr, uint32_t *v, const char *what);
int rt_u16(const struct rt_module *m, uint64_t addr, uint16_t *v, const char *what);
int rt_u8(const struct rt_module *m, uint64_t addr, uint8_t *v, const char *what);

#endif
