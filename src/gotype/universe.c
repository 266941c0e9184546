/* go/types' universe as far as types go: the basic types (with byte and
 * rune as their own named basics), and the walks every renderer needs. */
#include <string.h>

#include "gotypedb/gotype.h"

static const char *const basic_names[GTD_BASIC_NKINDS] = {
	"invalid type", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8",
	"uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64",
	"complex128", "string", "Pointer", "untyped bool", "untyped int", "untyped rune",
	"untyped float", "untyped complex", "untyped string", "untyped nil",
};

static struct gtd_gotype basics[GTD_BASIC_NKINDS];
static struct gtd_gotype byte_type = { .kind = GTD_GO_BASIC, .basic = GTD_BASIC_UINT8 };
static struct gtd_gotype rune_type = { .kind = GTD_GO_BASIC, .basic = GTD_BASIC_INT32 };

/* The table is built on first use; every thread builds the same bytes, so
 * the race is benign, but keep it simple: build under a once. */
#include <pthread.h>
static pthread_once_t basics_once = PTHREAD_ONCE_INIT;

static void init_basics(void)
{
	for (uint32_t k = 0; k < GTD_BASIC_NKINDS; k++) {
		basics[k].kind = GTD_GO_BASIC;
		basics[k].basic = k;
		basics[k].name = gtd_bytes_of(basic_names[k], strlen(basic_names[k]));
	}
	byte_type.name = gtd_bytes_of("byte", 4);
	rune_type.name = gtd_bytes_of("rune", 4);
}

struct gtd_gotype *gtd_go_basic(uint32_t kind)
{
	pthread_once(&basics_once, init_basics);
	return kind < GTD_BASIC_NKINDS ? &basics[kind] : NULL;
}

struct gtd_gotype *gtd_go_basic_named(const char *name)
{
	pthread_once(&basics_once, init_basics);
	if (strcmp(name, "byte") == 0)
		return &byte_type;
	if (strcmp(name, "rune") == 0)
		return &rune_type;
	for (uint32_t k = 1; k <= 17; k++) /* bool .. string: the universe's basic names */
		if (strcmp(name, basic_names[k]) == 0)
			return &basics[k];
	return NULL;
}

const char *gtd_go_basic_name(uint32_t kind)
{
	return kind < GTD_BASIC_NKINDS ? basic_names[kind] : "invalid type";
}

/* Alias chains are bounded by construction (the builder refuses cycles), but
 * a bound keeps a damaged graph from looping. */
#define MAX_ALIAS_CHAIN 1000

const struct gtd_gotype *gtd_go_unalias(const struct gtd_gotype *t)
{
	for (int i = 0; t && t->kind == GTD_GO_ALIAS && i < MAX_ALIAS_CHAIN; i++)
		t = t->orig ? t->orig->under : t->under;
	return t && t->kind == GTD_GO_ALIAS ? NULL : t;
}

const struct gtd_gotype *gtd_go_underlying(const struct gtd_gotype *t)
{
	t = gtd_go_unalias(t);
	if (t && t->kind == GTD_GO_NAMED)
		return t->orig ? t->orig->under : t->under;
	if (t && t->kind == GTD_GO_TYPEPARAM)
		return t->under ? gtd_go_underlying(t->under) : NULL;
	return t;
}

const char *gtd_go_kind_name(const struct gtd_gotype *t)
{
	static const char *const names[] = {
		[GTD_GO_BASIC] = "basic", [GTD_GO_NAMED] = "named", [GTD_GO_ALIAS] = "alias",
		[GTD_GO_POINTER] = "pointer", [GTD_GO_SLICE] = "slice", [GTD_GO_ARRAY] = "array",
		[GTD_GO_CHAN] = "chan", [GTD_GO_MAP] = "map", [GTD_GO_SIGNATURE] = "func",
		[GTD_GO_STRUCT] = "struct", [GTD_GO_INTERFACE] = "interface", [GTD_GO_UNION] = "union",
		[GTD_GO_TYPEPARAM] = "typeparam",
	};
	const struct gtd_gotype *u = gtd_go_unalias(t);

	if (u && u->kind == GTD_GO_ALIAS)
		return "alias";
	return u ? names[u->kind] : "invalid";
}
