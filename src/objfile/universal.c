/* The objects a file holds: a universal ("fat") Mach-O is one object per
 * architecture; any other file is one.  Layout from Apple's
 * <mach-o/fat.h>: big-endian fat_header {magic, nfat_arch}, then
 * nfat_arch fat_arch {cputype, cpusubtype, offset, size, align} (32-bit
 * fields; fat_arch_64 for FAT_MAGIC_64: 64-bit offset and size, and a
 * reserved word). */
#include "objfile_int.h"

#define FAT_MAGIC 0xcafebabeu
#define FAT_MAGIC_64 0xcafebabfu

static uint64_t be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

int gtd_objfile_slices(const uint8_t *data, size_t len, struct gtd_obj_slice *out, size_t *n,
		       struct gtd_error *err)
{
	uint64_t magic = len >= 8 ? be(data, 4) : 0, narch;
	int is64 = magic == FAT_MAGIC_64;
	size_t rec = is64 ? 32 : 20;

	*n = 0;
	if (magic != FAT_MAGIC && magic != FAT_MAGIC_64) {
		out[(*n)++] = (struct gtd_obj_slice){ 0, len, 0 };
		return GTD_OK;
	}
	narch = be(data + 4, 4);
	if (narch == 0 || narch > GTD_OBJ_MAX_SLICES)
		return gtd_fail(err, GTD_EDATA, "universal Mach-O header: %llu architectures, not 1 to "
				"%d (a Java class file?)", (unsigned long long)narch, GTD_OBJ_MAX_SLICES);
	if (narch > (len - 8) / rec)
		return gtd_fail(err, GTD_EDATA, "universal Mach-O header: %llu architectures of %zu "
				"bytes: past the end of the file (0x%zx)", (unsigned long long)narch,
				rec, len);
	for (uint64_t i = 0; i < narch; i++) {
		const uint8_t *p = data + 8 + i * rec;
		uint64_t off = be(p + 8, is64 ? 8 : 4), size = be(p + (is64 ? 16 : 12), is64 ? 8 : 4);

		if (off > len || size > len - off || size == 0)
			return gtd_fail(err, GTD_EDATA, "universal Mach-O architecture %llu: 0x%llx bytes "
					"at offset 0x%llx: empty or past the end of the file (0x%zx)",
					(unsigned long long)i, (unsigned long long)size,
					(unsigned long long)off, len);
		out[(*n)++] = (struct gtd_obj_slice){ off, size, (uint32_t)be(p, 4) };
	}
	return GTD_OK;
}
