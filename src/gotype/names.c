/* Names: the universe's, exportedness, go/types' method order,
 * type-parameter lookup. */
#include <string.h>

#include "gotypedb/utf8.h"
#include "render.h"

static const char *const universe_names[] = {
	"any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex",
	"complex128", "complex64", "copy", "delete", "error", "false", "float32", "float64",
	"imag", "int", "int16", "int32", "int64", "int8", "iota", "len", "make", "max", "min",
	"new", "nil", "panic", "print", "println", "real", "recover", "rune", "string", "true",
	"uint", "uint16", "uint32", "uint64", "uint8", "uintptr",
};

int gtd_go_is_universe_name(struct gtd_bytes name)
{
	for (size_t i = 0; i < sizeof universe_names / sizeof *universe_names; i++)
		if (gtd_bytes_eq_str(name, universe_names[i]))
			return 1;
	return 0;
}

const struct gtd_goenv *gtd_goenv_lookup(const struct gtd_goenv *env, const struct gtd_gotype *tp,
					 uint32_t *i)
{
	for (; env; env = env->parent)
		for (uint32_t k = 0; k < env->n; k++)
			if (env->from[k] == tp) {
				*i = k;
				return env;
			}
	return NULL;
}

int gtd_go_is_exported_nonascii(struct gtd_bytes name)
{
	uint32_t r;

	/* utf8.DecodeRuneInString gives RuneError, which is not upper case,
	 * for an empty name or an ill-formed first rune */
	if (name.n == 0 || gtd_utf8_decode(name.p, name.n, &r) == 0)
		return 0;
	return gtd_unicode_is_upper(r);
}

static int bytes_cmp(struct gtd_bytes a, struct gtd_bytes b)
{
	size_t n = a.n < b.n ? a.n : b.n;
	int c = n ? memcmp(a.p, b.p, n) : 0;

	return c ? c : (a.n > b.n) - (a.n < b.n);
}

int gtd_go_func_cmp(const struct gtd_gofunc *a, const struct gtd_gofunc *b)
{
	int ea = gtd_go_is_exported(a->name), eb = gtd_go_is_exported(b->name), c;

	if (ea != eb)
		return ea ? -1 : 1;
	if ((c = bytes_cmp(a->name, b->name)) || ea)
		return c;
	if (!a->pkg || !b->pkg)
		return (a->pkg != NULL) - (b->pkg != NULL);
	return bytes_cmp(a->pkg->path, b->pkg->path);
}
