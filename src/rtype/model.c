/* Each descriptor's Go type in the one model (gotype.h), so that the
 * canonical string and so the typeid of a type seen in a binary are
 * those of the same type seen in export data; then the module's records.
 *
 * Every descriptor gets its node before any is filled in (a named type's
 * node and its underlying type's are two), so that cycles, which go
 * through named types, need no recursion: filling a node only points at
 * other descriptors' nodes.
 *
 * What a descriptor says of its type: a named type is the package path of
 * its uncommon type and the name its string gives after the package's
 * name ("main.T", "innerpkg.G[example.com/x.T,int]"); an instance's type
 * arguments are in its name as the compiler wrote them (package paths,
 * "struct { p.x int }"), which are brought to the canonical form's
 * spacing (canonical_args); fields and methods whose names are not
 * exported are qualified by the name's package path, else the struct's
 * or interface's; the basic types and error are the universe's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/bmap.h"
#include "gotypedb/digest.h"
#include "gotypedb/shapes.h"
#include "gotypedb/strbuf.h"
#include "rtype_int.h"

struct model {
	struct rt_module *m;
	struct gtd_bmap pkgs; /* package path -> struct gtd_gopkg * */
	struct gtd_strbuf buf;
	uint64_t local_tries; /* hashes left to find local types' numbers */
	int hash;             /* enum hash_kind: how the module's compiler hashed */
	size_t name_at;       /* where the name starts in buf (put_link_name) */
};

static void *alloc(struct model *M, size_t n, size_t size)
{
	void *p = n ? gtd_arena_calloc(&M->m->nodes, n, size) : NULL;

	if (n && !p)
		gtd_fail(M->m->err, GTD_ENOMEM, "out of memory for the types' model");
	return p;
}

static struct gtd_gotype *node(struct model *M, enum gtd_go_kind kind)
{
	struct gtd_gotype *t = alloc(M, 1, sizeof *t);

	if (t)
		t->kind = kind;
	return t;
}

static const struct gtd_gopkg *package(struct model *M, struct gtd_bytes path, struct gtd_bytes name)
{
	uint64_t *slot;
	int inserted;
	struct gtd_gopkg *p;

	if (gtd_bmap_upsert(&M->pkgs, path.p, path.n, &slot, &inserted)) {
		gtd_fail(M->m->err, GTD_ENOMEM, "out of memory for packages");
		return NULL;
	}
	if (!inserted) {
		p = (struct gtd_gopkg *)(uintptr_t)*slot;
		if (!p->name.n && name.n)
			p->name = name;
		return p;
	}
	if (!(p = alloc(M, 1, sizeof *p)))
		return NULL;
	p->path = path;
	p->name = name;
	*slot = (uint64_t)(uintptr_t)p;
	return p;
}

static struct gtd_bytes name_of(const struct rt_module *m, uint32_t idx)
{
	return idx == RT_NO_TYPE ? gtd_bytes_of(NULL, 0) : m->names[idx].name;
}

/* The package path of a name: its own, or the given default. */
static struct gtd_bytes name_pkgpath(struct rt_module *m, uint32_t name, uint32_t dflt)
{
	const struct rt_name *n = &m->names[name];
	uint32_t idx;

	if (n->pkgpath_off != GTD_RT_NONE && n->pkgpath_off != 0 &&
	    !rt_name_at(m, n->pkgpath_off, &idx))
		return m->names[idx].name;
	return name_of(m, dflt);
}

/* reflect's Kind to go/types' BasicKind. */
static uint32_t basic_kind(unsigned kind)
{
	return kind == RT_KIND_STRING ? 17 : kind == RT_KIND_UNSAFE_POINTER ? GTD_BASIC_UNSAFE_POINTER : kind;
}

static int is_basic(unsigned kind)
{
	return (kind >= 1 && kind <= 16) || kind == RT_KIND_STRING || kind == RT_KIND_UNSAFE_POINTER;
}

/* The compiler writes type arguments with spaces go/types' form (and so
 * the canonical one) has not: "struct { p.x int; Y string }", "func(int,
 * string) (bool, error)", "interface {}".  Quoted tags are kept as they
 * are. */
static void canonical_args(struct gtd_strbuf *b, struct gtd_bytes s)
{
	for (size_t i = 0; i < s.n; i++) {
		uint8_t c = s.p[i];

		if (c == '"') {
			size_t j = i + 1;

			while (j < s.n && s.p[j] != '"')
				j += s.p[j] == '\\' ? 2 : 1;
			j = j < s.n ? j + 1 : s.n;
			gtd_strbuf_putn(b, s.p + i, j - i);
			i = j - 1;
			continue;
		}
		if (c == ' ' && i + 1 < s.n && (s.p[i + 1] == '{' || s.p[i + 1] == '}'))
			continue;
		if (c == ' ' && i > 0 && (s.p[i - 1] == '{' || s.p[i - 1] == ';' || s.p[i - 1] == ','))
			continue;
		gtd_strbuf_putc(b, (char)c);
	}
}

/* The compiler hashes a type's link name (types.TypeHash) by the first 4
 * bytes of its SHA-256 as a little-endian number, complemented
 * (notsha256, 1.18 to 1.25), with only the low byte complemented (1.26
 * on), or plain; older releases hashed the type's long string, which
 * names the package by its name ("config.Options", not its path), by its
 * MD5 (1.16 and 1.17).  A module uses one: the
 * first name whose hash matches tells which (a chance match of another
 * is 1 in 2^32), and later names are hashed that way only. */
enum hash_kind { HASH_UNKNOWN, HASH_NOT_SHA256, HASH_SHA256_LOW, HASH_SHA256, HASH_MD5 };

static uint32_t le32(const uint8_t *d)
{
	return (uint32_t)d[0] | (uint32_t)d[1] << 8 | (uint32_t)d[2] << 16 | (uint32_t)d[3] << 24;
}

/* Does the descriptor's hash say its type's link name is s?  md5: s is
 * the MD5 era's form of the name (by package name), else the SHA-256
 * era's (by package path). */
static int hash_says(struct model *M, uint32_t want, const uint8_t *s, size_t n, int md5)
{
	uint8_t d[32];
	uint32_t h;

	if (md5) {
		if (M->hash != HASH_UNKNOWN && M->hash != HASH_MD5)
			return 0;
		gtd_md5(s, n, d);
		return want == le32(d) ? (M->hash = HASH_MD5, 1) : 0;
	}
	if (M->hash == HASH_MD5)
		return 0;
	gtd_sha256(s, n, d);
	h = le32(d);
	if ((M->hash == HASH_UNKNOWN || M->hash == HASH_NOT_SHA256) && want == ~h)
		return M->hash = HASH_NOT_SHA256, 1;
	if ((M->hash == HASH_UNKNOWN || M->hash == HASH_SHA256_LOW) && want == (h ^ 0xff))
		return M->hash = HASH_SHA256_LOW, 1;
	if ((M->hash == HASH_UNKNOWN || M->hash == HASH_SHA256) && want == h)
		return M->hash = HASH_SHA256, 1;
	return 0;
}

/* The most local types one name may have in a package that the search
 * for a local type's number tries, and the tries a module may spend. */
#define LOCAL_MAX 4096
#define LOCAL_TRIES_PER_TYPE 64

/* The '.' after the package name a named type's string starts with: the
 * first, but for go.shape types (the compiler's shapes of type
 * arguments, "go.shape.struct { x int }"), whose package name is their
 * path. */
static const uint8_t *name_dot(struct gtd_bytes str, struct gtd_bytes path)
{
	if (gtd_bytes_eq_str(path, "go.shape") && str.n > path.n && memcmp(str.p, path.p, path.n) == 0 &&
	    str.p[path.n] == '.')
		return str.p + path.n;
	return memchr(str.p, '.', str.n);
}

/* "path.name" into M->buf, the link name of a package-level type: the
 * path as a symbol prefix (objabi.PathToPrefix: '.' after the last '/',
 * control bytes, space, '%', '"' and bytes from 0x7f escaped as %xx);
 * for the MD5 era's form (md5), "pkgname.name". */
static int put_link_name(struct model *M, int md5, struct gtd_bytes path, struct gtd_bytes pkgname,
			 struct gtd_bytes name)
{
	static const char hex[] = "0123456789abcdef";
	struct gtd_strbuf *b = &M->buf;
	size_t slash = 0;

	if (md5)
		path = pkgname;
	for (size_t i = 0; i < path.n; i++)
		if (path.p[i] == '/')
			slash = i + 1;
	gtd_strbuf_reset(b);
	for (size_t i = 0; i < path.n; i++) {
		uint8_t c = path.p[i];

		if (!md5 && (c <= ' ' || (c == '.' && i >= slash) || c == '%' || c == '"' || c >= 0x7f)) {
			gtd_strbuf_putc(b, '%');
			gtd_strbuf_putc(b, hex[c >> 4]);
			gtd_strbuf_putc(b, hex[c & 15]);
		} else {
			gtd_strbuf_putc(b, (char)c);
		}
	}
	gtd_strbuf_putc(b, '.');
	M->name_at = b->n;
	gtd_strbuf_putn(b, name.p, name.n);
	return b->oom ? gtd_fail(M->m->err, GTD_ENOMEM, "out of memory for a type's name") : GTD_OK;
}

/* Keeps M->buf[cut..] as *name, in the arena. */
static int keep_name(struct model *M, size_t cut, struct gtd_bytes *name)
{
	const uint8_t *p;

	if (M->buf.oom || !(p = gtd_arena_dup(&M->m->arena, M->buf.p + cut, M->buf.n - cut)))
		return gtd_fail(M->m->err, GTD_ENOMEM, "out of memory for a type's name");
	*name = gtd_bytes_of(p, M->buf.n - cut);
	return GTD_OK;
}

/* A function-local type has the string of a package-level one ("main.T")
 * but its link name has a number ("main.T·2"), which the hash tells.  name
 * becomes the name with its number; it stays when the hash is that of the
 * package-level name (or of an instance or a shape, whose name is its
 * own, and which the compiler hashes otherwise) or when
 * the module's hashing is not known (no name of it matched: a release
 * whose hashing gotypedb does not know); a local type whose number is not
 * found is named by its hash instead ("T·#0a1b2c3d"), distinct from
 * every other. */
static int local_name(struct model *M, const struct rt_type *t, struct gtd_bytes path,
		      struct gtd_bytes pkgname, struct gtd_bytes *name)
{
	int md5 = M->hash == HASH_MD5;
	struct gtd_strbuf *b = &M->buf;
	size_t base;
	char hex[16];

	if (memchr(name->p, '[', name->n) || M->hash == HASH_UNKNOWN || gtd_bytes_eq_str(path, "go.shape"))
		return GTD_OK;
	if (put_link_name(M, md5, path, pkgname, *name))
		return M->m->err->code;
	if (hash_says(M, t->rec.hash, (const uint8_t *)b->p, b->n, md5))
		return GTD_OK;
	base = b->n;
	for (unsigned i = 1; i <= LOCAL_MAX && M->local_tries; i++, M->local_tries--) {
		b->n = base;
		gtd_strbuf_puts(b, "\xc2\xb7"); /* · */
		gtd_strbuf_putu(b, i);
		if (!b->oom && hash_says(M, t->rec.hash, (const uint8_t *)b->p, b->n, md5))
			return keep_name(M, M->name_at, name);
	}
	b->n = base;
	snprintf(hex, sizeof hex, "\xc2\xb7#%08x", t->rec.hash);
	gtd_strbuf_puts(b, hex);
	return keep_name(M, M->name_at, name);
}

/* How the module's compiler hashed: by the first package-level name whose
 * hash matches one way. */
static int detect_hashing(struct model *M)
{
	struct rt_module *m = M->m;

	for (uint32_t i = 0; i < m->nt && M->hash == HASH_UNKNOWN && M->local_tries; i++, M->local_tries--) {
		const struct rt_type *t = &m->t[i];
		struct gtd_bytes path = name_of(m, t->uncommon_pkgpath), str = m->names[t->str].name;
		const uint8_t *dot;

		if (!(t->rec.tflag & RT_TFLAG_NAMED) || !path.n || !(dot = name_dot(str, path)) ||
		    memchr(str.p, '[', str.n))
			continue;
		struct gtd_bytes pkgname = gtd_bytes_of(str.p, (size_t)(dot - str.p));
		struct gtd_bytes name = gtd_bytes_of(dot + 1, str.n - pkgname.n - 1);

		for (int md5 = 0; md5 < 2 && M->hash == HASH_UNKNOWN; md5++)
			if (put_link_name(M, md5, path, pkgname, name))
				return m->err->code;
			else
				hash_says(M, t->rec.hash, (const uint8_t *)M->buf.p, M->buf.n, md5);
	}
	return GTD_OK;
}

/* A named type's node: the universe's, or one of a package. */
static int named_node(struct model *M, struct rt_type *t, struct gtd_bytes str)
{
	struct rt_module *m = M->m;
	struct gtd_bytes path = name_of(m, t->uncommon_pkgpath), pkgname, name;
	const uint8_t *dot = name_dot(str, path), *open;
	struct gtd_gotype *n;

	/* unsafe.Pointer carries the package path "unsafe" (an uncommon type,
	 * as reflect's PkgPath says), but to go/types it is the basic type
	 * Typ[UnsafePointer], as export data has it: one typedef row either
	 * way, whichever the index meets first */
	if (t->rec.kind == RT_KIND_UNSAFE_POINTER && gtd_bytes_eq_str(path, "unsafe") &&
	    gtd_bytes_eq_str(str, "unsafe.Pointer")) {
		t->go = gtd_go_basic(GTD_BASIC_UNSAFE_POINTER);
		return GTD_OK;
	}
	if (!path.n) {
		if (is_basic(t->rec.kind)) {
			t->go = gtd_go_basic(basic_kind(t->rec.kind));
			return GTD_OK;
		}
		if (!(t->go = node(M, GTD_GO_NAMED)) || !(t->go->under = node(M, GTD_GO_INTERFACE)))
			return m->err->code;
		t->go->name = str; /* error */
		return GTD_OK;
	}
	if (!dot)
		return gtd_fail(m->err, GTD_EDATA, "type at 0x%llx: named %.*s, without its package's name",
				(unsigned long long)(m->types + t->rec.off), (int)str.n, (const char *)str.p);
	pkgname = gtd_bytes_of(str.p, (size_t)(dot - str.p));
	name = gtd_bytes_of(dot + 1, str.n - pkgname.n - 1);
	if (local_name(M, t, path, pkgname, &name))
		return m->err->code;
	if ((open = memchr(name.p, '[', name.n)) && name.p[name.n - 1] == ']') {
		gtd_strbuf_reset(&M->buf);
		gtd_strbuf_putn(&M->buf, name.p, (size_t)(open - name.p) + 1);
		canonical_args(&M->buf, gtd_bytes_of(open + 1, name.n - (size_t)(open - name.p) - 2));
		gtd_strbuf_putc(&M->buf, ']');
		if (M->buf.oom)
			return gtd_fail(m->err, GTD_ENOMEM, "out of memory for a type's name");
		name = gtd_bytes_of(gtd_arena_dup(&m->arena, M->buf.p, M->buf.n), M->buf.n);
		if (!name.p)
			return gtd_fail(m->err, GTD_ENOMEM, "out of memory for a type's name");
	}
	if (!(n = node(M, GTD_GO_NAMED)) || !(n->pkg = package(M, path, pkgname)))
		return m->err->code;
	n->name = name;
	t->go = n;
	return GTD_OK;
}

/* The structs the compiler makes for a map's buckets through 1.16
 * ("map.bucket[K]V", whose overflow field points at itself) are no Go
 * type: unnamed, yet they contain themselves. */
static int compiler_made(const struct rt_type *t, struct gtd_bytes str)
{
	return !(t->rec.tflag & RT_TFLAG_NAMED) && t->rec.kind == RT_KIND_STRUCT &&
	       gtd_bytes_has_prefix(str, "map.");
}

int rt_compiler_made(const struct rt_module *m, const struct rt_type *t)
{
	struct gtd_bytes str = m->names[t->str].name;

	if (t->rec.tflag & RT_TFLAG_EXTRA_STAR && str.n)
		str = gtd_bytes_of(str.p + 1, str.n - 1);
	return compiler_made(t, str);
}

static const enum gtd_go_kind structural[] = {
	[RT_KIND_ARRAY] = GTD_GO_ARRAY, [RT_KIND_CHAN] = GTD_GO_CHAN, [RT_KIND_FUNC] = GTD_GO_SIGNATURE,
	[RT_KIND_INTERFACE] = GTD_GO_INTERFACE, [RT_KIND_MAP] = GTD_GO_MAP,
	[RT_KIND_POINTER] = GTD_GO_POINTER, [RT_KIND_SLICE] = GTD_GO_SLICE,
	[RT_KIND_STRUCT] = GTD_GO_STRUCT,
};

/* The node a descriptor's fields describe: itself, or a named type's
 * underlying type. */
static struct gtd_gotype *shape_node(struct rt_type *t)
{
	return t->go && t->go->kind == GTD_GO_NAMED ? t->go->under : t->go;
}

static int make_node(struct model *M, struct rt_type *t)
{
	struct rt_module *m = M->m;
	struct gtd_bytes str = m->names[t->str].name;
	struct gtd_gotype *s = NULL;

	if (t->rec.tflag & RT_TFLAG_EXTRA_STAR && str.n)
		str = gtd_bytes_of(str.p + 1, str.n - 1);
	if (compiler_made(t, str)) {
		/* named by its string in the universe, so that its cycle goes
		 * through a named node as every Go type's does */
		if (!(t->go = node(M, GTD_GO_NAMED)))
			return m->err->code;
		t->go->name = str;
	} else if (t->rec.tflag & RT_TFLAG_NAMED) {
		if (named_node(M, t, str))
			return m->err->code;
		if (t->go->kind != GTD_GO_NAMED || t->go->under)
			return GTD_OK;
	} else if (is_basic(t->rec.kind)) {
		t->go = gtd_go_basic(basic_kind(t->rec.kind)); /* (never unnamed in a binary) */
		return GTD_OK;
	}
	if (is_basic(t->rec.kind))
		s = gtd_go_basic(basic_kind(t->rec.kind));
	else if (!(s = node(M, structural[t->rec.kind])))
		return m->err->code;
	if (t->go)
		t->go->under = s;
	else
		t->go = s;
	return GTD_OK;
}

static int fill_struct(struct model *M, struct rt_type *t, struct gtd_gotype *s)
{
	struct rt_module *m = M->m;

	if (!(s->vars = alloc(M, t->nfields, sizeof *s->vars)) && t->nfields)
		return m->err->code;
	s->nvars = t->nfields;
	for (uint32_t i = 0; i < t->nfields; i++) {
		const struct rt_field *f = &t->fields[i];
		const struct rt_name *n = &m->names[f->name];
		struct gtd_govar *v = &s->vars[i];

		v->name = n->name;
		if (n->tag.p && n->tag.n)
			v->tag = n->tag;
		v->embedded = (uint8_t)f->embedded;
		v->type = m->t[f->type].go;
		if (!gtd_go_is_exported(n->name) &&
		    !(v->pkg = package(M, name_pkgpath(m, f->name, t->pkgpath), gtd_bytes_of(NULL, 0))))
			return m->err->code;
	}
	return GTD_OK;
}

static int fill_interface(struct model *M, struct rt_type *t, struct gtd_gotype *s)
{
	struct rt_module *m = M->m;

	if (!(s->methods = alloc(M, t->nimethods, sizeof *s->methods)) && t->nimethods)
		return m->err->code;
	s->nmethods = t->nimethods;
	for (uint32_t i = 0; i < t->nimethods; i++) {
		const struct rt_imethod *im = &t->imethods[i];
		struct gtd_gofunc *fn = &s->methods[i];
		const struct rt_type *sig = &m->t[im->type];

		if (sig->rec.kind != RT_KIND_FUNC)
			return gtd_fail(m->err, GTD_EDATA, "interface at 0x%llx: method %u's type is no func",
					(unsigned long long)(m->types + t->rec.off), i);
		fn->name = m->names[im->name].name;
		fn->sig = sig->go;
		if (!gtd_go_is_exported(fn->name) &&
		    !(fn->pkg = package(M, name_pkgpath(m, im->name, t->pkgpath), gtd_bytes_of(NULL, 0))))
			return m->err->code;
	}
	return GTD_OK;
}

static int fill_node(struct model *M, struct rt_type *t)
{
	struct rt_module *m = M->m;
	struct gtd_gotype *s = shape_node(t);

	if (!s || s->kind == GTD_GO_BASIC)
		return GTD_OK;
	switch (t->rec.kind) {
	case RT_KIND_ARRAY:
		s->len = (uint64_t)t->rec.len;
		/* fall through */
	case RT_KIND_POINTER:
	case RT_KIND_SLICE:
		s->elem = m->t[t->elem].go;
		return GTD_OK;
	case RT_KIND_CHAN:
		s->elem = m->t[t->elem].go;
		s->dir = t->rec.dir == 1 ? GTD_CHAN_RECV : t->rec.dir == 2 ? GTD_CHAN_SEND : GTD_CHAN_BOTH;
		return GTD_OK;
	case RT_KIND_MAP:
		s->key = m->t[t->key].go;
		s->elem = m->t[t->elem].go;
		return GTD_OK;
	case RT_KIND_FUNC:
		if (!(s->vars = alloc(M, t->nfields, sizeof *s->vars)) && t->nfields)
			return m->err->code;
		s->nvars = t->nfields;
		s->nparams = (uint32_t)t->rec.in_count;
		s->variadic = (uint8_t)t->rec.variadic;
		for (uint32_t i = 0; i < t->nfields; i++)
			s->vars[i].type = m->t[t->fields[i].type].go;
		return GTD_OK;
	case RT_KIND_STRUCT:
		return fill_struct(M, t, s);
	case RT_KIND_INTERFACE:
		return fill_interface(M, t, s);
	}
	return GTD_OK;
}

/* The bytes a module's types may take to describe (their shapes and
 * canonical strings): in proportion to its types region, as a unit's is
 * to its export data. */
static size_t shapes_budget(const struct rt_module *m)
{
	return (size_t)(m->etypes - m->types) * 64 + ((size_t)32 << 20);
}

int rt_build_model(struct rt_module *m, struct gtd_shapes *S)
{
	struct model M = { .m = m };
	int rc = GTD_OK;

	gtd_shapes_init(S, shapes_budget(m), m->err);
	M.local_tries = (uint64_t)m->nt * LOCAL_TRIES_PER_TYPE + LOCAL_MAX;
	rc = detect_hashing(&M);
	for (uint32_t i = 0; !rc && i < m->nt; i++)
		rc = make_node(&M, &m->t[i]);
	for (uint32_t i = 0; !rc && i < m->nt; i++)
		rc = fill_node(&M, &m->t[i]);
	for (uint32_t i = 0; !rc && i < m->nt; i++)
		if ((rc = gtd_shapes_of(S, m->t[i].go, &m->t[i].rec.shape)))
			gtd_context(m->err, "type at 0x%llx (%.*s)", (unsigned long long)(m->types + m->t[i].rec.off),
				    (int)(m->names[m->t[i].str].name.n < 200 ? m->names[m->t[i].str].name.n : 200),
				    (const char *)m->names[m->t[i].str].name.p);
	gtd_bmap_free(&M.pkgs);
	gtd_strbuf_free(&M.buf);
	/* The shapes hold what the records need (canonical strings, parts,
	 * and names in m->arena or the file): the nodes go before the sink
	 * copies the shapes, the peak of a module's memory. */
	gtd_arena_free(&m->nodes);
	for (uint32_t i = 0; i < m->nt; i++)
		m->t[i].go = NULL;
	if (!rc)
		gtd_shapes_seal(S);
	return rc;
}
