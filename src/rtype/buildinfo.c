/* The Go release and build information of a binary: the build info blob
 * the linker writes (".go.buildinfo" on ELF, "__go_buildinfo" on Mach-O,
 * near the start of the data on PE; debug/buildinfo reads the same), and
 * runtime.buildVersion where the blob is missing (a binary built before
 * 1.13, or one whose blob was removed) but the symbol table is not. */
#include <string.h>

#include "buildinfo.h"

static const uint8_t magic[14] = "\xff Go buildinf:";

/* A uvarint-prefixed string at p[*i] (within n bytes), moving *i past it. */
static int inline_string(const uint8_t *p, size_t n, size_t *i, struct gtd_bytes *out)
{
	uint64_t len = 0;

	for (unsigned shift = 0;; shift += 7) {
		if (*i >= n || shift > 63)
			return -1;
		uint8_t b = p[(*i)++];

		len |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
	}
	if (len > n - *i)
		return -1;
	*out = gtd_bytes_of(p + *i, len);
	*i += len;
	return 0;
}

/* A Go string header (pointer, length) at addr, and its bytes. */
static int go_string(const struct gtd_objfile *f, uint64_t addr, struct gtd_bytes *out,
		     struct gtd_error *err)
{
	uint64_t p, n;
	const uint8_t *b;

	if (gtd_objfile_ptr(f, addr, &p, err) || gtd_objfile_ptr(f, addr + gtd_objfile_info(f)->ptr_size, &n, err))
		return err->code;
	if (n > (1u << 20))
		return gtd_fail(err, GTD_EDATA, "string at 0x%llx: %llu bytes long",
				(unsigned long long)addr, (unsigned long long)n);
	if (n && gtd_objfile_bytes(f, p, n, &b, err))
		return err->code;
	*out = gtd_bytes_of(n ? b : (const uint8_t *)"", n);
	return GTD_OK;
}

/* The module text is framed by 16 bytes on each side, and ends in a
 * newline before the closing ones (debug/buildinfo). */
static struct gtd_bytes unframe(struct gtd_bytes mod)
{
	if (mod.n >= 33 && mod.p[mod.n - 17] == '\n')
		return gtd_bytes_of(mod.p + 16, mod.n - 32);
	return gtd_bytes_of(NULL, 0);
}

static int read_blob(const struct gtd_objfile *f, const uint8_t *p, size_t n, uint64_t addr,
		     struct rt_buildinfo *bi, struct gtd_error *err)
{
	size_t i = 32;
	struct gtd_bytes mod;

	if (n < 32)
		return gtd_fail(err, GTD_EDATA, "build info at 0x%llx: %zu bytes, fewer than its header",
				(unsigned long long)addr, n);
	if (p[15] & 2) { /* 1.18+: the strings inline */
		if (inline_string(p, n, &i, &bi->version) || inline_string(p, n, &i, &mod))
			return gtd_fail(err, GTD_EDATA, "build info at 0x%llx: its strings run past "
					"its section", (unsigned long long)addr);
	} else {
		uint64_t vp, mp;
		unsigned w = p[14];

		if (w != gtd_objfile_info(f)->ptr_size)
			return gtd_fail(err, GTD_EDATA, "build info at 0x%llx: pointer size %u in a "
					"%u-byte binary", (unsigned long long)addr, w,
					gtd_objfile_info(f)->ptr_size);
		if (gtd_objfile_ptr(f, addr + 16, &vp, err) || gtd_objfile_ptr(f, addr + 16 + w, &mp, err) ||
		    go_string(f, vp, &bi->version, err) || go_string(f, mp, &mod, err))
			return gtd_context(err, "build info at 0x%llx", (unsigned long long)addr);
	}
	bi->modinfo = unframe(mod);
	bi->source = "buildinfo";
	return GTD_OK;
}

/* The blob's section, or the first 64 KiB of a writable section, where
 * the linker puts it at a 16-byte boundary. */
static int find_blob(const struct gtd_objfile *f, struct rt_buildinfo *bi, struct gtd_error *err)
{
	const char *names[] = { ".go.buildinfo", "__DATA,__go_buildinfo" };

	for (size_t k = 0; k < 2; k++) {
		const struct gtd_obj_section *s = gtd_objfile_section_by_name(f, names[k]);

		if (s && s->file_size >= sizeof magic) {
			const uint8_t *p;

			if (gtd_objfile_bytes(f, s->addr, s->file_size, &p, err))
				return err->code;
			if (memcmp(p, magic, sizeof magic) == 0)
				return read_blob(f, p, s->file_size, s->addr, bi, err);
		}
	}
	for (size_t k = 0; k < gtd_objfile_nsections(f); k++) {
		const struct gtd_obj_section *s = gtd_objfile_section(f, k);
		uint64_t n = s->file_size < 65536 ? s->file_size : 65536;
		const uint8_t *p;

		if (!(s->flags & GTD_OBJ_SEC_ALLOC) || !(s->flags & GTD_OBJ_SEC_WRITE) || n < 32 ||
		    gtd_objfile_bytes(f, s->addr, s->file_size, &p, err))
			continue;
		for (uint64_t i = (16 - (s->addr & 15)) & 15; i + 32 <= n; i += 16)
			if (memcmp(p + i, magic, sizeof magic) == 0)
				return read_blob(f, p + i, s->file_size - i, s->addr + i, bi, err);
	}
	gtd_error_clear(err);
	return GTD_OK;
}

/* "go1.26.8", "go1.22.1 X:loopvar", "devel go1.27-abc123": the minor. */
static unsigned minor_of(struct gtd_bytes v)
{
	size_t i = 0;
	unsigned minor = 0;

	if (gtd_bytes_has_prefix(v, "devel "))
		i = 6;
	if (v.n - i < 5 || memcmp(v.p + i, "go1.", 4) != 0)
		return 0;
	for (i += 4; i < v.n && v.p[i] >= '0' && v.p[i] <= '9' && minor < 1000; i++)
		minor = minor * 10 + (unsigned)(v.p[i] - '0');
	return minor;
}

int rt_buildinfo_read(const struct gtd_objfile *f, struct rt_buildinfo *bi, struct gtd_error *err)
{
	const struct gtd_obj_symbol *sym;

	memset(bi, 0, sizeof *bi);
	if (find_blob(f, bi, err))
		return err->code;
	if (!bi->version.n && (sym = gtd_objfile_symbol_by_name(f, "runtime.buildVersion")) &&
	    sym->section >= 0) {
		if (go_string(f, sym->value, &bi->version, err))
			return gtd_context(err, "runtime.buildVersion");
		bi->source = "runtime.buildVersion";
	}
	bi->minor = minor_of(bi->version);
	return GTD_OK;
}

/* The next line of text at *i: its fields split at tabs (at most 4). */
static unsigned line_fields(struct gtd_bytes text, size_t *i, struct gtd_bytes fields[4])
{
	size_t start = *i, end = *i;
	unsigned n = 0;

	while (end < text.n && text.p[end] != '\n')
		end++;
	*i = end < text.n ? end + 1 : end;
	for (size_t k = start; n < 4; k++) {
		if (k == end || text.p[k] == '\t') {
			fields[n++] = gtd_bytes_of(text.p + start, k - start);
			start = k + 1;
			if (k == end)
				break;
		}
	}
	return n;
}

int rt_buildinfo_emit(const struct rt_buildinfo *bi, const struct gtd_sink *sink)
{
	struct gtd_bytes fl[4], none = gtd_bytes_of("", 0);
	uint32_t ndeps = 0, nsettings = 0;
	int rc;

	for (size_t i = 0; i < bi->modinfo.n;) {
		unsigned n = line_fields(bi->modinfo, &i, fl);

		if (n >= 2 && (gtd_bytes_eq_str(fl[0], "mod") || gtd_bytes_eq_str(fl[0], "dep") ||
			       gtd_bytes_eq_str(fl[0], "=>"))) {
			struct gtd_build_dep_rec d = {
				ndeps++, gtd_bytes_eq_str(fl[0], "mod") ? "mod" : gtd_bytes_eq_str(fl[0], "dep") ? "dep" : "=>",
				fl[1], n > 2 ? fl[2] : none, n > 3 ? fl[3] : none,
			};

			if (sink->build_dep && (rc = sink->build_dep(sink->ctx, &d)))
				return rc;
		} else if (n == 2 && gtd_bytes_eq_str(fl[0], "build")) {
			const uint8_t *eq = memchr(fl[1].p, '=', fl[1].n);
			struct gtd_build_setting_rec s = { nsettings++, fl[1], none };

			if (eq) {
				s.key = gtd_bytes_of(fl[1].p, (size_t)(eq - fl[1].p));
				s.value = gtd_bytes_of(eq + 1, fl[1].n - s.key.n - 1);
			}
			if (sink->build_setting && (rc = sink->build_setting(sink->ctx, &s)))
				return rc;
		}
	}
	return GTD_OK;
}

struct gtd_bytes rt_buildinfo_field(const struct rt_buildinfo *bi, const char *kind, const char *key)
{
	struct gtd_bytes fl[4];

	for (size_t i = 0; i < bi->modinfo.n;) {
		unsigned n = line_fields(bi->modinfo, &i, fl);

		if (n < 2 || !gtd_bytes_eq_str(fl[0], kind))
			continue;
		if (!key)
			return fl[1];
		size_t kl = strlen(key);

		if (fl[1].n > kl && memcmp(fl[1].p, key, kl) == 0 && fl[1].p[kl] == '=')
			return gtd_bytes_of(fl[1].p + kl + 1, fl[1].n - kl - 1);
	}
	return gtd_bytes_of(NULL, 0);
}
