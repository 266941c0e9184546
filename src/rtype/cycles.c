/* A cycle of descriptors that no named type closes (a struct that holds
 * itself, a pointer to itself) describes no Go type: every recursive Go
 * type goes through a named one, which the model renders by its name.
 * Only a corrupt file holds such a cycle, and it is refused here, naming
 * a descriptor on it, before the model would meet it.
 *
 * A depth-first walk over the unnamed descriptors with an explicit stack
 * (never recursion: the graph may be deep), each descriptor entered once:
 * time and memory in proportion to the descriptors and their edges. */
#include <stdlib.h>

#include "rtype_int.h"

enum { WHITE, GRAY, BLACK };

struct frame {
	uint32_t t;    /* types index */
	uint32_t next; /* its next edge to follow */
};

static uint32_t nedges(const struct rt_type *t)
{
	return 2 + t->nfields + t->nimethods;
}

/* Edge k of t: Elem, Key, then each field's or parameter's type, then
 * each interface method's; RT_NO_TYPE where there is none. */
static uint32_t edge(const struct rt_type *t, uint32_t k)
{
	if (k == 0)
		return t->elem;
	if (k == 1)
		return t->key;
	if (k - 2 < t->nfields)
		return t->fields[k - 2].type;
	return t->imethods[k - 2 - t->nfields].type;
}

/* A named type closes a cycle; so does a map's bucket struct through Go
 * 1.16, whose overflow field points at itself (the model names it; later
 * compilers make that field an unsafe.Pointer). */
static int is_named(const struct rt_module *m, uint32_t idx)
{
	return (m->t[idx].rec.tflag & RT_TFLAG_NAMED) != 0 ||
	       (m->tl.minor <= 16 && rt_compiler_made(m, &m->t[idx]));
}

/* From root: fails at the first descriptor met again while it is being
 * walked. */
static int walk(struct rt_module *m, uint32_t root, uint8_t *color, struct frame *stack)
{
	uint32_t n = 0;

	stack[n++] = (struct frame){ root, 0 };
	color[root] = GRAY;
	while (n) {
		struct frame *f = &stack[n - 1];
		const struct rt_type *t = &m->t[f->t];
		uint32_t to;

		if (f->next == nedges(t)) {
			color[f->t] = BLACK;
			n--;
			continue;
		}
		to = edge(t, f->next++);
		if (to == RT_NO_TYPE || is_named(m, to) || color[to] == BLACK)
			continue;
		if (color[to] == GRAY)
			return gtd_fail(m->err, GTD_EDATA, "type at 0x%llx: contains itself through "
					"unnamed types, a cycle no named type closes",
					(unsigned long long)(m->types + m->t[to].rec.off));
		color[to] = GRAY;
		stack[n++] = (struct frame){ to, 0 };
	}
	return GTD_OK;
}

int rt_check_cycles(struct rt_module *m)
{
	uint8_t *color = calloc(m->nt ? m->nt : 1, 1);
	struct frame *stack = malloc((m->nt ? m->nt : 1) * sizeof *stack);
	int rc = GTD_OK;

	if (!color || !stack)
		rc = gtd_fail(m->err, GTD_ENOMEM, "out of memory for type descriptors");
	for (uint32_t i = 0; !rc && i < m->nt; i++)
		if (!is_named(m, i) && color[i] == WHITE)
			rc = walk(m, i, color, stack);
	free(color);
	free(stack);
	return rc;
}
