/* The sample program and the hostile descriptor graphs (trtsample.h). */
#include <string.h>

#include "trtsample.h"

/* The typelinked (unnamed) descriptors come first, as 1.27's linker lays
 * them out; the others are reserved and filled once every offset is
 * known. */
void trt_write_sample(struct trt *b, struct trt_sample *s)
{
	unsigned w = b->w;
	const struct trt_desc slice = { .kind = TK_SLICE };
	const struct trt_desc array = { .kind = TK_ARRAY }, chan = { .kind = TK_CHAN };
	const struct trt_desc fn0 = { .kind = TK_FUNC }, fn = { .kind = TK_FUNC, .in = 2, .out = 1 };
	const struct trt_desc map = { .kind = TK_MAP };
	struct trt_field tf[3];
	struct trt_imethod im;
	struct trt_method tm[2], pm, mm;
	uint32_t params[3];
	int32_t main_path;

	memset(s, 0, sizeof *s);
	s->pT = trt_reserve(b, &(struct trt_desc){ .kind = TK_PTR, .uncommon = 1, .mcount = 1 });
	s->slice = trt_reserve(b, &slice);
	s->array = trt_reserve(b, &array);
	s->chan = trt_reserve(b, &chan);
	s->fnM = trt_reserve(b, &fn0);
	s->fn = trt_reserve(b, &fn);
	s->sstr = trt_reserve(b, &slice);
	s->map = trt_reserve(b, &map);
	s->sM = trt_reserve(b, &slice);
	trt_typelink(b, s->pT);
	trt_typelink(b, s->slice);
	trt_typelink(b, s->array);
	trt_typelink(b, s->chan);
	trt_typelink(b, s->fnM);
	trt_typelink(b, s->fn);
	trt_typelink(b, s->sstr);
	trt_typelink(b, s->map);
	trt_typelink(b, s->sM);
	trt_typelinks_end(b);

	/* names: a tag of 300 bytes takes two bytes of uvarint, and a
	 * 2-byte length (1.16) with both bytes set */
	memcpy(s->tag, "json:\"b\" doc:\"", 14);
	memset(s->tag + 14, 'x', 285);
	memcpy(s->tag + 299, "\"", 2);
	s->n_main = main_path = trt_name(b, 0, "main", NULL, 0);
	s->n_A = trt_name(b, TN_EXPORTED, "A", NULL, 0);
	s->n_b = trt_name(b, TN_TAG, "b", s->tag, 0);
	s->n_E = trt_name(b, TN_EXPORTED | (b->minor >= 19 ? TN_EMBEDDED : 0), "E", NULL, 0);
	s->n_M = trt_name(b, TN_EXPORTED, "M", NULL, 0);
	s->n_m2 = trt_name(b, 0, "m2", NULL, 0);
	s->n_Len = trt_name(b, TN_EXPORTED, "Len", NULL, 0);

	s->Int = trt_type(b, &(struct trt_desc){ .kind = TK_INT, .size = w, .tflag = TF_NAMED | TF_EXTRA_STAR,
						 .str = trt_name(b, 0, "*int", NULL, 0), .uncommon = 1 });
	s->String = trt_type(b, &(struct trt_desc){ .kind = TK_STRING, .size = 2 * w, .ptrdata = w,
						    .tflag = TF_NAMED | TF_EXTRA_STAR,
						    .str = trt_name(b, 0, "*string", NULL, 0), .uncommon = 1 });
	s->Bool = trt_type(b, &(struct trt_desc){ .kind = TK_BOOL, .size = 1, .tflag = TF_NAMED | TF_EXTRA_STAR,
						  .str = trt_name(b, 0, "*bool", NULL, 0), .uncommon = 1 });
	s->E = trt_type(b, &(struct trt_desc){ .kind = TK_STRUCT, .tflag = TF_NAMED | TF_EXTRA_STAR,
					       .str = trt_name(b, 0, "*main.E", NULL, 0), .pkgpath = main_path,
					       .uncommon = 1, .upkgpath = main_path });
	tf[0] = (struct trt_field){ s->n_A, s->Int, 0, 0 };
	tf[1] = (struct trt_field){ s->n_b, s->String, w, 0 };
	tf[2] = (struct trt_field){ s->n_E, s->E, 3 * w, 1 };
	tm[0] = (struct trt_method){ s->n_M, (int32_t)s->fnM, 0x10, 0x20 };
	tm[1] = (struct trt_method){ s->n_m2, -1, -1, -1 };
	int32_t str_T = trt_name(b, 0, "*main.T", NULL, 0);
	s->T = trt_type(b, &(struct trt_desc){ .kind = TK_STRUCT, .size = 3 * w, .ptrdata = 2 * w,
					       .tflag = TF_NAMED | TF_EXTRA_STAR, .str = str_T,
					       .ptrtothis = (int32_t)s->pT, .pkgpath = main_path,
					       .fields = tf, .nfields = 3, .uncommon = 1, .upkgpath = main_path,
					       .methods = tm, .mcount = 2, .xcount = 1 });
	im = (struct trt_imethod){ s->n_M, (int32_t)s->fnM };
	s->I = trt_type(b, &(struct trt_desc){ .kind = TK_INTERFACE, .size = 2 * w, .ptrdata = 2 * w,
					       .tflag = TF_NAMED | TF_EXTRA_STAR,
					       .str = trt_name(b, 0, "*main.I", NULL, 0), .pkgpath = main_path,
					       .imethods = &im, .nimethods = 1, .uncommon = 1,
					       .upkgpath = main_path });
	s->group = trt_type(b, &(struct trt_desc){ .kind = TK_STRUCT, .str = trt_name(b, 0, "struct {}", NULL, 0) });
	mm = (struct trt_method){ s->n_Len, (int32_t)s->fnM, 0x30, 0x40 };
	s->M = trt_type(b, &(struct trt_desc){ .kind = TK_MAP, .size = w, .ptrdata = w,
					       .tflag = TF_NAMED | TF_EXTRA_STAR,
					       .str = trt_name(b, 0, "*main.M", NULL, 0), .key = s->String,
					       .elem = s->Int, .group = s->group, .uncommon = 1,
					       .upkgpath = main_path, .methods = &mm, .mcount = 1, .xcount = 1 });

	pm = (struct trt_method){ s->n_M, (int32_t)s->fnM, 0x50, 0x60 };
	trt_fill(b, s->pT, &(struct trt_desc){ .kind = TK_PTR, .size = w, .ptrdata = w, .str = str_T,
					       .elem = s->T, .uncommon = 1, .upkgpath = main_path,
					       .methods = &pm, .mcount = 1, .xcount = 1 });
	trt_fill(b, s->slice, &(struct trt_desc){ .kind = TK_SLICE, .size = 3 * w,
						  .str = trt_name(b, 0, "[]int", NULL, 0), .elem = s->Int });
	trt_fill(b, s->array, &(struct trt_desc){ .kind = TK_ARRAY, .size = 4 * w,
						  .str = trt_name(b, 0, "[4]int", NULL, 0), .elem = s->Int,
						  .slice = s->slice, .len = 4 });
	trt_fill(b, s->chan, &(struct trt_desc){ .kind = TK_CHAN, .size = w,
						 .str = trt_name(b, 0, "chan<- int", NULL, 0), .elem = s->Int,
						 .dir = 2 });
	trt_fill(b, s->fnM, &(struct trt_desc){ .kind = TK_FUNC, .size = w,
						.str = trt_name(b, 0, "func()", NULL, 0) });
	params[0] = s->Int;
	params[1] = s->sstr;
	params[2] = s->Bool;
	trt_fill(b, s->fn, &(struct trt_desc){ .kind = TK_FUNC, .size = w,
					       .str = trt_name(b, 0, "func(int, ...string) bool", NULL, 0),
					       .in = 2, .out = 1, .variadic = 1, .params = params });
	trt_fill(b, s->sstr, &(struct trt_desc){ .kind = TK_SLICE, .size = 3 * w,
						 .str = trt_name(b, 0, "[]string", NULL, 0), .elem = s->String });
	trt_fill(b, s->map, &(struct trt_desc){ .kind = TK_MAP, .size = w,
						.str = trt_name(b, 0, "map[string]int", NULL, 0), .key = s->String,
						.elem = s->Int, .group = s->group });
	trt_fill(b, s->sM, &(struct trt_desc){ .kind = TK_SLICE, .size = 3 * w,
					       .str = trt_name(b, 0, "[]main.M", NULL, 0), .elem = s->M });
	s->itab = trt_itab(b, s->I, s->T, 0x1234, 1, TRT_TEXT + 0x10);
}

/* S = struct{ f *S }: the shape of type T struct{ f *T } with no named
 * type to close the cycle, which only a crafted file holds. */
uint32_t trt_struct_in_itself(struct trt *b)
{
	const struct trt_desc shape = { .kind = TK_STRUCT, .nfields = 1 };
	uint32_t S = trt_reserve(b, &shape);
	int32_t main_path = trt_name(b, 0, "main", NULL, 0);
	uint32_t P = trt_type(b, &(struct trt_desc){ .kind = TK_PTR, .size = 8,
						     .str = trt_name(b, 0, "*struct { f main.S }", NULL, 0),
						     .elem = S });
	struct trt_field f = { trt_name(b, 0, "f", NULL, 0), P, 0, 0 };

	trt_fill(b, S, &(struct trt_desc){ .kind = TK_STRUCT, .str = trt_name(b, 0, "struct { f main.S }", NULL, 0),
					   .pkgpath = main_path, .fields = &f, .nfields = 1 });
	return S;
}

uint32_t trt_map_bucket(struct trt *b)
{
	const struct trt_desc shape = { .kind = TK_STRUCT, .nfields = 1 };
	uint32_t S = trt_reserve(b, &shape);
	uint32_t P = trt_type(b, &(struct trt_desc){ .kind = TK_PTR, .size = 8,
						     .str = trt_name(b, 0, "*map.bucket[string]int", NULL, 0),
						     .elem = S });
	struct trt_field f = { trt_name(b, 0, "overflow", NULL, 0), P, 0, 0 };

	trt_fill(b, S, &(struct trt_desc){ .kind = TK_STRUCT, .size = 8, .tflag = TF_EXTRA_STAR,
					   .str = trt_name(b, 0, "*map.bucket[string]int", NULL, 0),
					   .fields = &f, .nfields = 1 });
	return S;
}

/* P = *P */
uint32_t trt_pointer_to_itself(struct trt *b)
{
	const struct trt_desc shape = { .kind = TK_PTR };
	uint32_t P = trt_reserve(b, &shape);

	trt_fill(b, P, &(struct trt_desc){ .kind = TK_PTR, .size = 8, .str = trt_name(b, 0, "*P", NULL, 0),
					   .elem = P });
	return P;
}

/* *...*int, depth pointers deep: its outermost pointer. */
uint32_t trt_deep_pointers(struct trt *b, unsigned depth)
{
	int32_t str = trt_name(b, 0, "*p", NULL, 0);
	uint32_t t = trt_type(b, &(struct trt_desc){ .kind = TK_INT, .size = 8, .tflag = TF_NAMED | TF_EXTRA_STAR,
						     .str = trt_name(b, 0, "*int", NULL, 0), .uncommon = 1 });

	for (unsigned i = 0; i < depth; i++)
		t = trt_type(b, &(struct trt_desc){ .kind = TK_PTR, .size = 8, .str = str, .elem = t });
	return t;
}

