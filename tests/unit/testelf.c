/* A minimal ELF executable, field by field (the gABI's Elf32/Elf64
 * headers, section headers and symbols). */
#include <elf.h>
#include <string.h>

#include "testelf.h"

void telf_put(struct tbuf *b, size_t off, unsigned n, uint64_t v, int be)
{
	static const uint8_t zero[64];

	while (b->n < off + n)
		tb_bytes(b, zero, off + n - b->n < sizeof zero ? off + n - b->n : sizeof zero);
	for (unsigned i = 0; i < n; i++)
		b->p[off + (be ? n - 1 - i : i)] = (uint8_t)(v >> (8 * i));
}

uint64_t telf_get(const struct tbuf *b, size_t off, unsigned n, int be)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)b->p[off + (be ? n - 1 - i : i)] << (8 * i);
	return v;
}

static void pad_to(struct tbuf *b, size_t align)
{
	while (b->n % align)
		tb_u8(b, 0);
}

/* A string table entry: its offset. */
static uint32_t strtab_add(struct tbuf *t, const char *s)
{
	uint32_t off = (uint32_t)t->n;

	tb_bytes(t, s, strlen(s) + 1);
	return off;
}

struct shdr {
	uint32_t name, type, link, info;
	uint64_t flags, addr, offset, size, align, entsize;
};

static void put_shdr(const struct telf *e, struct tbuf *out, const struct shdr *h)
{
	size_t p = out->n;
	int be = e->be;

	if (e->is64) {
		telf_put(out, p, 4, h->name, be);
		telf_put(out, p + 4, 4, h->type, be);
		telf_put(out, p + 8, 8, h->flags, be);
		telf_put(out, p + 16, 8, h->addr, be);
		telf_put(out, p + 24, 8, h->offset, be);
		telf_put(out, p + 32, 8, h->size, be);
		telf_put(out, p + 40, 4, h->link, be);
		telf_put(out, p + 44, 4, h->info, be);
		telf_put(out, p + 48, 8, h->align, be);
		telf_put(out, p + 56, 8, h->entsize, be);
	} else {
		telf_put(out, p, 4, h->name, be);
		telf_put(out, p + 4, 4, h->type, be);
		telf_put(out, p + 8, 4, h->flags, be);
		telf_put(out, p + 12, 4, h->addr, be);
		telf_put(out, p + 16, 4, h->offset, be);
		telf_put(out, p + 20, 4, h->size, be);
		telf_put(out, p + 24, 4, h->link, be);
		telf_put(out, p + 28, 4, h->info, be);
		telf_put(out, p + 32, 4, h->align, be);
		telf_put(out, p + 36, 4, h->entsize, be);
	}
}

static void put_symbol(const struct telf *e, struct tbuf *t, uint32_t name, const struct telf_symbol *s)
{
	size_t p = t->n;
	uint8_t info = (uint8_t)(STB_GLOBAL << 4 | STT_OBJECT);

	if (e->is64) {
		telf_put(t, p, 4, name, e->be);
		telf_put(t, p + 4, 1, info, e->be);
		telf_put(t, p + 6, 2, s->section, e->be);
		telf_put(t, p + 8, 8, s->value, e->be);
		telf_put(t, p + 16, 8, s->size, e->be);
	} else {
		telf_put(t, p, 4, name, e->be);
		telf_put(t, p + 4, 4, s->value, e->be);
		telf_put(t, p + 8, 4, s->size, e->be);
		telf_put(t, p + 12, 1, info, e->be);
		telf_put(t, p + 14, 2, s->section, e->be);
	}
}

static void put_header(const struct telf *e, struct tbuf *out, uint64_t shoff, unsigned shnum)
{
	int be = e->be;

	memcpy(out->p, ELFMAG, SELFMAG);
	out->p[EI_CLASS] = e->is64 ? ELFCLASS64 : ELFCLASS32;
	out->p[EI_DATA] = be ? ELFDATA2MSB : ELFDATA2LSB;
	out->p[EI_VERSION] = EV_CURRENT;
	telf_put(out, 16, 2, ET_EXEC, be);
	telf_put(out, 18, 2, e->machine, be);
	telf_put(out, 20, 4, EV_CURRENT, be);
	if (e->is64) {
		telf_put(out, 40, 8, shoff, be);
		telf_put(out, 52, 2, 64, be);
		telf_put(out, 58, 2, 64, be);
		telf_put(out, 60, 2, shnum, be);
		telf_put(out, 62, 2, shnum - 1, be);
	} else {
		telf_put(out, 32, 4, shoff, be);
		telf_put(out, 40, 2, 52, be);
		telf_put(out, 46, 2, 40, be);
		telf_put(out, 48, 2, shnum, be);
		telf_put(out, 50, 2, shnum - 1, be);
	}
}

void telf_write(const struct telf *e, struct tbuf *out)
{
	struct tbuf shstr = { 0 }, str = { 0 }, sym = { 0 };
	struct shdr h[64] = { { 0 } };
	size_t n = 1; /* the null section */
	unsigned symsz = e->is64 ? 24 : 16;

	memset(out, 0, sizeof *out);
	telf_put(out, 0, 1, 0, 0);
	telf_put(out, (e->is64 ? 64 : 52) - 1, 1, 0, 0);
	tb_u8(&shstr, 0);
	assert_true(e->nsec + 5 <= sizeof h / sizeof h[0]);
	for (size_t i = 0; i < e->nsec; i++, n++) {
		const struct telf_section *s = &e->sec[i];

		pad_to(out, 16);
		h[n] = (struct shdr){ .name = strtab_add(&shstr, s->name), .type = s->type, .flags = s->flags,
				      .addr = s->addr, .offset = out->n, .size = s->size ? s->size : s->n,
				      .align = 16 };
		if (s->type != SHT_NOBITS)
			tb_bytes(out, s->p, s->n);
	}
	if (e->nsym) {
		tb_u8(&str, 0);
		telf_put(&sym, symsz - 1, 1, 0, 0); /* the null symbol */
		for (size_t i = 0; i < e->nsym; i++)
			put_symbol(e, &sym, strtab_add(&str, e->sym[i].name), &e->sym[i]);
		pad_to(out, 8);
		h[n] = (struct shdr){ .name = strtab_add(&shstr, ".symtab"), .type = SHT_SYMTAB,
				      .offset = out->n, .size = sym.n, .link = (uint32_t)n + 1, .info = 1,
				      .align = 8, .entsize = symsz };
		tb_bytes(out, sym.p, sym.n);
		n++;
		h[n] = (struct shdr){ .name = strtab_add(&shstr, ".strtab"), .type = SHT_STRTAB,
				      .offset = out->n, .size = str.n, .align = 1 };
		tb_bytes(out, str.p, str.n);
		n++;
	}
	h[n] = (struct shdr){ .name = strtab_add(&shstr, ".shstrtab"), .type = SHT_STRTAB,
			      .align = 1 };
	h[n].offset = out->n;
	h[n].size = shstr.n;
	tb_bytes(out, shstr.p, shstr.n);
	n++;
	pad_to(out, 8);
	put_header(e, out, out->n, (unsigned)n);
	for (size_t i = 0; i < n; i++)
		put_shdr(e, out, &h[i]);
	tb_free(&shstr);
	tb_free(&str);
	tb_free(&sym);
}
