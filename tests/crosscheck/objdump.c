/* objdump: what include/gotypedb/objfile.h reads of a binary, one fact a
 * line, in the rows tests/oracle/objfile (Go's debug/elf, debug/macho and
 * debug/pe) prints for the same file, so that tests/crosscheck/objfile.sh
 * can compare them row by row:
 *
 *   SLICE info FORMAT GOOS GOARCH PTRSIZE ENDIAN
 *   SLICE section NAME ADDR SIZE           (Mach-O: SEGMENT,NAME)
 *   SLICE symbol NAME VALUE
 *   SLICE reloc ADDR VALUE                 (the words relocated with base 0)
 *   SLICE word ADDR VALUE                  (the pointer-sized word at ADDR)
 *   SLICE moduledata ADDR                  (runtime.firstmoduledata, or the
 *   SLICE md OFFSET VALUE                   moduledata section of a stripped
 *                                           file, and its words)
 *
 * Fields are tab-separated (Go's symbol names have spaces), numbers in
 * hex.  SLICE is the architecture's index in a universal Mach-O, else 0.
 *
 *   objdump FILE [ADDRS]   ADDRS: lines "SLICE ADDR" whose words to print
 *
 * Exit 1 with "gotypedb: FILE: message" if the file cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/objfile.h"

/* The moduledata words printed: the whole struct on every release (the
 * largest, go1.26's, is 0x250 bytes on 64-bit). */
#define MD_WORDS 96

static const char *file;

static int die(const struct gtd_error *err)
{
	fprintf(stderr, "gotypedb: %s: %s\n", file, err->msg);
	return 1;
}

static int read_all(const char *path, uint8_t **out, size_t *n)
{
	FILE *f = fopen(path, "rb");
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(*out = malloc((size_t)len + 1)) || fread(*out, 1, (size_t)len, f) != (size_t)len) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	*n = (size_t)len;
	return 0;
}

static void print_sections(const struct gtd_objfile *f, size_t slice)
{
	for (size_t i = 0; i < gtd_objfile_nsections(f); i++) {
		const struct gtd_obj_section *s = gtd_objfile_section(f, i);

		printf("%zu\tsection\t%s%s%s\t%llx\t%llx\n", slice, s->segment, *s->segment ? "," : "",
		       s->name, (unsigned long long)s->addr, (unsigned long long)s->size);
	}
}

static void print_symbols(const struct gtd_objfile *f, size_t slice)
{
	for (size_t i = 0; i < gtd_objfile_nsymbols(f); i++) {
		const struct gtd_obj_symbol *s = gtd_objfile_symbol(f, i);

		printf("%zu\tsymbol\t%s\t%llx\n", slice, s->name, (unsigned long long)s->value);
	}
	for (size_t i = 0; i < gtd_objfile_nrelocs(f); i++) {
		const struct gtd_obj_reloc *r = gtd_objfile_reloc(f, i);

		printf("%zu\treloc\t%llx\t%llx\n", slice, (unsigned long long)r->addr,
		       (unsigned long long)r->value);
	}
}

/* runtime.firstmoduledata, or in a stripped file the section the linker
 * gives moduledata from go1.26 on. */
static int moduledata_addr(const struct gtd_objfile *f, uint64_t *addr)
{
	const struct gtd_obj_symbol *sym = gtd_objfile_symbol_by_name(f, "runtime.firstmoduledata");
	const struct gtd_obj_section *sec = gtd_objfile_section_by_name(f, ".go.module");

	if (!sec)
		sec = gtd_objfile_section_by_name(f, "__DATA,__go_module");
	if (sym)
		*addr = sym->value;
	else if (sec)
		*addr = sec->addr;
	return sym || sec;
}

static int print_moduledata(const struct gtd_objfile *f, size_t slice)
{
	struct gtd_error err;
	uint64_t md, v;
	unsigned w = gtd_objfile_info(f)->ptr_size;

	if (!moduledata_addr(f, &md))
		return 0;
	printf("%zu\tmoduledata\t%llx\n", slice, (unsigned long long)md);
	for (unsigned i = 0; i < MD_WORDS; i++) {
		const struct gtd_obj_section *s = gtd_objfile_section_at(f, md);

		if (!s || md + (uint64_t)(i + 1) * w > s->addr + s->size)
			break;
		if (gtd_objfile_ptr(f, md + (uint64_t)i * w, &v, &err))
			return die(&err);
		printf("%zu\tmd\t%x\t%llx\n", slice, i * w, (unsigned long long)v);
	}
	return 0;
}

static int print_words(const struct gtd_objfile *f, size_t slice, const char *addrs)
{
	FILE *in = fopen(addrs, "r");
	unsigned long long want, addr;
	struct gtd_error err;
	uint64_t v;

	if (!in) {
		perror(addrs);
		return 1;
	}
	while (fscanf(in, "%llu %llx", &want, &addr) == 2) {
		if (want != slice)
			continue;
		if (gtd_objfile_ptr(f, addr, &v, &err))
			printf("%zu\tword\t%llx\terror\n", slice, addr);
		else
			printf("%zu\tword\t%llx\t%llx\n", slice, addr, (unsigned long long)v);
	}
	fclose(in);
	return 0;
}

static int dump(const uint8_t *data, size_t len, size_t slice, uint64_t off, const char *addrs)
{
	struct gtd_objfile *f;
	struct gtd_error err;
	const struct gtd_obj_info *info;
	int rc;

	if (gtd_objfile_open(data, len, off, &f, &err))
		return die(&err);
	info = gtd_objfile_info(f);
	printf("%zu\tinfo\t%s\t%s\t%s\t%u\t%s\n", slice, gtd_obj_format_name(info->format), info->goos,
	       info->goarch, info->ptr_size, info->big_endian ? "big" : "little");
	print_sections(f, slice);
	print_symbols(f, slice);
	rc = print_moduledata(f, slice);
	if (!rc && addrs)
		rc = print_words(f, slice, addrs);
	gtd_objfile_free(f);
	return rc;
}

int main(int argc, char **argv)
{
	struct gtd_obj_slice slices[GTD_OBJ_MAX_SLICES];
	struct gtd_error err;
	uint8_t *data;
	size_t len, n;
	int rc = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: objdump FILE [ADDRS]\n");
		return 2;
	}
	file = argv[1];
	if (read_all(file, &data, &len)) {
		perror(file);
		return 1;
	}
	if (gtd_objfile_slices(data, len, slices, &n, &err))
		rc = die(&err);
	for (size_t i = 0; !rc && i < n; i++)
		rc = dump(data + slices[i].off, slices[i].size, i, slices[i].off, argc > 2 ? argv[2] : NULL);
	free(data);
	return rc;
}
