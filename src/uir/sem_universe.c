/* The objects of the universe and of unsafe (Stub elements): the types
 * they name, as go/types' universe has them. */
#include <stdlib.h>
#include <string.h>

#include "sem.h"

static struct gtd_gotype *universe_named(struct sem *s, enum gtd_go_kind kind, const char *name,
					 struct gtd_gotype *under)
{
	struct gtd_gotype *t = sem_node(s, kind);

	if (t) {
		t->name = gtd_bytes_of(name, strlen(name));
		t->under = under;
	}
	return t;
}

/* error, comparable and any, built once per unit as go/types has them. */
int sem_universe_types(struct sem *s)
{
	struct gtd_gotype *iface, *sig;
	struct gtd_govar *recv;

	if (!(iface = sem_node(s, GTD_GO_INTERFACE)) || !(sig = sem_node(s, GTD_GO_SIGNATURE)) ||
	    !(recv = sem_alloc(s, 1, sizeof *recv)) || !(sig->vars = sem_alloc(s, 1, sizeof *sig->vars)) ||
	    !(iface->methods = sem_alloc(s, 1, sizeof *iface->methods)))
		return s->err->code;
	sig->nvars = 1;
	sig->vars[0].type = gtd_go_basic(17); /* string */
	sig->recv = recv;
	iface->nmethods = 1;
	iface->methods[0].name = gtd_bytes_of("Error", 5);
	iface->methods[0].sig = sig;
	if (!(s->error_type = universe_named(s, GTD_GO_NAMED, "error", iface)))
		return s->err->code;
	recv->type = s->error_type;
	if (!(iface = sem_node(s, GTD_GO_INTERFACE)) ||
	    !(s->comparable_type = universe_named(s, GTD_GO_NAMED, "comparable", iface)))
		return s->err->code;
	iface->universe = GTD_UNIVERSE_COMPARABLE;
	if (!(iface = sem_node(s, GTD_GO_INTERFACE)) ||
	    !(s->any_type = universe_named(s, GTD_GO_ALIAS, "any", iface)))
		return s->err->code;
	iface->universe = GTD_UNIVERSE_ANY;
	return GTD_OK;
}

/* A Stub's type, or NULL (not an error) for the universe's functions and
 * values and unsafe's functions, which no type can name. */
struct gtd_gotype *sem_stub_type(struct sem *s, const struct sem_obj *o)
{
	char name[16];

	if (o->pkg)
		return gtd_bytes_eq_str(o->name, "Pointer") ? gtd_go_basic(GTD_BASIC_UNSAFE_POINTER) : NULL;
	if (gtd_bytes_eq_str(o->name, "error"))
		return s->error_type;
	if (gtd_bytes_eq_str(o->name, "comparable"))
		return s->comparable_type;
	if (gtd_bytes_eq_str(o->name, "any"))
		return s->any_type;
	if (o->name.n >= sizeof name)
		return NULL;
	memcpy(name, o->name.p, o->name.n);
	name[o->name.n] = '\0';
	return gtd_go_basic_named(name);
}
