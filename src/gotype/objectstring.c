/* go/types' ObjectString of a package-scope object, qualifier = package
 * path (object.go writeObject): "const p.C untyped int", "type p.T[P any]
 * struct{...}" (the underlying type), "type p.A = rhs" (the declared rhs,
 * aliases kept), "func p.F(x int) error", "var p.V T". */
#include "gotypedb/gotype.h"

static void qualified(struct gtd_strbuf *b, const struct gtd_gopkg *pkg, struct gtd_bytes name)
{
	if (pkg) {
		gtd_strbuf_putn(b, pkg->path.p, pkg->path.n);
		gtd_strbuf_putc(b, '.');
	}
	gtd_strbuf_putn(b, name.p, name.n);
}

void gtd_go_object_string(struct gtd_strbuf *b, enum gtd_go_obj_kind kind, const struct gtd_gopkg *pkg,
			  struct gtd_bytes name, const struct gtd_gotype *type)
{
	switch (kind) {
	case GTD_GOOBJ_FUNC:
		gtd_strbuf_puts(b, "func ");
		qualified(b, pkg, name);
		if (type)
			gtd_go_signature_string(b, type);
		return;
	case GTD_GOOBJ_CONST:
		gtd_strbuf_puts(b, "const ");
		break;
	case GTD_GOOBJ_VAR:
		gtd_strbuf_puts(b, "var ");
		break;
	default:
		gtd_strbuf_puts(b, "type ");
		break;
	}
	qualified(b, pkg, name);
	if (!type)
		return;
	if (kind == GTD_GOOBJ_TYPE || kind == GTD_GOOBJ_ALIAS) {
		if (type->kind == GTD_GO_BASIC)
			return;
		if (type->ntparams)
			gtd_go_tparam_list_string(b, type->tparams, type->ntparams);
		if (kind == GTD_GOOBJ_ALIAS) {
			gtd_strbuf_puts(b, " =");
			type = type->under;
		} else {
			type = gtd_go_underlying(type);
		}
	}
	gtd_strbuf_putc(b, ' ');
	gtd_go_type_string(b, type);
}
