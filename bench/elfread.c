/* elfread: what reading an ELF file's sections and symbols costs through
 * libelf (what src/objfile/elf.c does) and through a minimal reader of
 * our own doing the same walk with the same bounds checks, on the same
 * bytes in memory, in interleaved runs (libelf, own, libelf, own, ...).
 * Both compute a checksum of every section's and symbol's name, address
 * and size, which must agree, so the two did the same work.
 *
 *   elfread ROUNDS FILE...
 *
 * Prints per file the median time per open of each and their ratio, then
 * the totals. */
#include <elf.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t name_sum(const char *s)
{
	uint64_t h = 0;

	while (*s)
		h = h * 31 + (uint8_t)*s++;
	return h;
}

/* ---- libelf ---- */

static uint64_t walk_libelf(const uint8_t *data, size_t len)
{
	Elf *e = elf_memory((char *)(uintptr_t)data, len);
	size_t n, strndx;
	uint64_t sum = 0;
	Elf_Scn *scn = NULL;

	if (!e || elf_getshdrnum(e, &n) || elf_getshdrstrndx(e, &strndx))
		return 0;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(e, strndx, sh.sh_name)))
			return 0;
		sum += name_sum(name) + sh.sh_addr + sh.sh_size;
		if (sh.sh_type == SHT_SYMTAB) {
			Elf_Data *d = elf_getdata(scn, NULL);
			size_t k = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;

			for (size_t i = 1; d && i < k; i++) {
				GElf_Sym sym;
				const char *sn;

				if (!gelf_getsym(d, (int)i, &sym) || !(sn = elf_strptr(e, sh.sh_link, sym.st_name)))
					return 0;
				sum += name_sum(sn) + sym.st_value + sym.st_size;
			}
		}
	}
	elf_end(e);
	return sum;
}

/* ---- a minimal reader of our own: little-endian ELF64 only ---- */

static uint64_t get(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* A string table: in the file and ending with a NUL (checked once, as
 * libelf does), so that any index inside it starts a string. */
struct strtab {
	const char *p;
	uint64_t size;
};

static int strtab_at(const uint8_t *data, size_t len, const uint8_t *sh, struct strtab *t)
{
	uint64_t off = get(sh + 24, 8), size = get(sh + 32, 8);

	if (off > len || size > len - off || size == 0 || data[off + size - 1] != 0)
		return -1;
	t->p = (const char *)data + off;
	t->size = size;
	return 0;
}

static uint64_t walk_own(const uint8_t *data, size_t len)
{
	uint64_t shoff, n, strndx, sum = 0;
	const uint8_t *sh;
	struct strtab names;

	if (len < 64 || data[EI_CLASS] != ELFCLASS64 || data[EI_DATA] != ELFDATA2LSB)
		return 0;
	shoff = get(data + 40, 8);
	n = get(data + 60, 2);
	strndx = get(data + 62, 2);
	if (shoff > len || n > (len - shoff) / 64 || strndx >= n)
		return 0;
	sh = data + shoff;
	if (strtab_at(data, len, sh + strndx * 64, &names))
		return 0;
	for (uint64_t i = 1; i < n; i++) {
		const uint8_t *s = sh + i * 64;
		uint64_t off = get(s + 24, 8), size = get(s + 32, 8), link = get(s + 40, 4);
		struct strtab str;

		if (get(s, 4) >= names.size)
			return 0;
		sum += name_sum(names.p + get(s, 4)) + get(s + 16, 8) + size;
		if (get(s + 4, 4) != SHT_SYMTAB)
			continue;
		if (link >= n || off > len || size > len - off || strtab_at(data, len, sh + link * 64, &str))
			return 0;
		for (uint64_t k = 1; k < size / 24; k++) {
			const uint8_t *y = data + off + k * 24;

			if (get(y, 4) >= str.size)
				return 0;
			sum += name_sum(str.p + get(y, 4)) + get(y + 8, 8) + get(y + 16, 8);
		}
	}
	return sum;
}

/* ---- timing ---- */

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Seconds per call of walk, one round: enough calls to take 20 ms. */
static double round_time(uint64_t (*walk)(const uint8_t *, size_t), const uint8_t *d, size_t n, int calls)
{
	double t = now();

	for (int i = 0; i < calls; i++)
		if (!walk(d, n))
			return -1;
	return (now() - t) / calls;
}

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long len;

	if (f && !fseek(f, 0, SEEK_END) && (len = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET) &&
	    (p = malloc((size_t)len)) && fread(p, 1, (size_t)len, f) == (size_t)len)
		*n = (size_t)len;
	else
		p = (free(p), NULL);
	if (f)
		fclose(f);
	return p;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 0;
	double total_lib = 0, total_own = 0;

	if (argc < 3 || rounds < 1) {
		fprintf(stderr, "usage: elfread ROUNDS FILE...\n");
		return 2;
	}
	elf_version(EV_CURRENT);
	printf("%-40s %10s %12s %12s %7s\n", "file", "bytes", "libelf us", "own us", "ratio");
	for (int a = 2; a < argc; a++) {
		size_t n;
		uint8_t *d = slurp(argv[a], &n);
		double *lib = calloc((size_t)rounds, sizeof *lib), *own = calloc((size_t)rounds, sizeof *own);
		int calls;
		double once;

		if (!d || walk_libelf(d, n) != walk_own(d, n) || !walk_own(d, n)) {
			fprintf(stderr, "elfread: %s: unreadable, or the two readers disagree\n", argv[a]);
			return 1;
		}
		once = round_time(walk_libelf, d, n, 1);
		calls = once > 0.02 ? 1 : (int)(0.02 / (once > 1e-7 ? once : 1e-7)) + 1;
		for (int r = 0; r < rounds; r++) {
			lib[r] = round_time(walk_libelf, d, n, calls);
			own[r] = round_time(walk_own, d, n, calls);
		}
		qsort(lib, (size_t)rounds, sizeof *lib, cmp);
		qsort(own, (size_t)rounds, sizeof *own, cmp);
		printf("%-40.40s %10zu %12.1f %12.1f %6.2fx\n", argv[a], n, lib[rounds / 2] * 1e6,
		       own[rounds / 2] * 1e6, lib[rounds / 2] / own[rounds / 2]);
		total_lib += lib[rounds / 2];
		total_own += own[rounds / 2];
		free(lib);
		free(own);
		free(d);
	}
	printf("%-40s %10s %12.1f %12.1f %6.2fx\n", "total (medians)", "", total_lib * 1e6, total_own * 1e6,
	       total_lib / total_own);
	return 0;
}
