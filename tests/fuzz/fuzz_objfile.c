/* libFuzzer target: a whole input file through include/gotypedb/objfile.h
 * as the runtime decoder will use it: every slice opened, every section,
 * symbol and relocation looked at, and words read at each section's start
 * and end, at every symbol and at every relocation (reads that fail are
 * fine; reading outside the input, hanging, or memory out of proportion
 * to it are findings).
 *
 *   make build/fuzz/fuzz_objfile && mkdir -p build/fuzz/objcorpus &&
 *   build/fuzz/fuzz_objfile -max_total_time=60 build/fuzz/objcorpus SEEDS */
#include <stddef.h>
#include <stdint.h>

#include "gotypedb/objfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_around(const struct gtd_objfile *f, uint64_t addr)
{
	struct gtd_error err;
	uint64_t v;
	uint32_t u;
	uint8_t buf[64];

	(void)gtd_objfile_ptr(f, addr, &v, &err);
	(void)gtd_objfile_u32(f, addr + 1, &u, &err);
	(void)gtd_objfile_read(f, addr - 3, buf, sizeof buf, &err);
}

static void walk(const uint8_t *data, size_t size, uint64_t base)
{
	struct gtd_objfile *f;
	struct gtd_error err;

	if (gtd_objfile_open(data, size, base, &f, &err))
		return;
	for (size_t i = 0; i < gtd_objfile_nsections(f); i++) {
		const struct gtd_obj_section *s = gtd_objfile_section(f, i);

		read_around(f, s->addr);
		read_around(f, s->addr + s->size - 1);
		(void)gtd_objfile_section_by_name(f, s->name);
	}
	for (size_t i = 0; i < gtd_objfile_nsymbols(f); i++)
		read_around(f, gtd_objfile_symbol(f, i)->value);
	for (size_t i = 0; i < gtd_objfile_nrelocs(f); i++)
		read_around(f, gtd_objfile_reloc(f, i)->addr);
	(void)gtd_objfile_symbol_by_name(f, "runtime.firstmoduledata");
	gtd_objfile_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gtd_obj_slice s[GTD_OBJ_MAX_SLICES];
	struct gtd_error err;
	size_t n;

	if (gtd_objfile_slices(data, size, s, &n, &err))
		return 0;
	for (size_t i = 0; i < n; i++)
		walk(data + s[i].off, s[i].size, s[i].off);
	return 0;
}
