#include <string.h>

#include "gotypedb/classify.h"

const char *gtd_skip_name(enum gtd_skip r)
{
	static const char *const names[GTD_SKIP_COUNT] = {
		[GTD_SKIP_NONE] = "none",
		[GTD_SKIP_EMPTY] = "empty",
		[GTD_SKIP_NOT_GO] = "not-go-output",
		[GTD_SKIP_CACHE_ACTION] = "cache-action-entry",
		[GTD_SKIP_NON_GC_ARCHIVE] = "non-gc-archive",
		[GTD_SKIP_LINKER_OBJECT] = "linker-object-only",
		[GTD_SKIP_GCCGO_EXPORT] = "gccgo-export-data",
		[GTD_SKIP_NOT_GO_BINARY] = "not-go-binary",
	};
	return r < GTD_SKIP_COUNT ? names[r] : "?";
}

static int has_prefix(const struct gtd_cursor *f, const void *magic, size_t n)
{
	return f->len >= n && memcmp(f->data, magic, n) == 0;
}

/* cmd/go's action entry: "v1 <64 hex> <64 hex> <%20d> <%20d>\n", 175 bytes. */
static int is_cache_action(const struct gtd_cursor *f)
{
	if (f->len != 175 || !has_prefix(f, "v1 ", 3) || f->data[174] != '\n')
		return 0;
	for (size_t i = 3; i < 3 + 64; i++)
		if (!((f->data[i] >= '0' && f->data[i] <= '9') || (f->data[i] >= 'a' && f->data[i] <= 'f')))
			return 0;
	return f->data[67] == ' ';
}

static int is_binary(const struct gtd_cursor *f)
{
	static const uint8_t macho[][4] = {
		{ 0xfe, 0xed, 0xfa, 0xce }, { 0xce, 0xfa, 0xed, 0xfe }, /* 32-bit, both orders */
		{ 0xfe, 0xed, 0xfa, 0xcf }, { 0xcf, 0xfa, 0xed, 0xfe }, /* 64-bit */
		{ 0xca, 0xfe, 0xba, 0xbe },                             /* universal */
	};

	if (has_prefix(f, "\x7f" "ELF", 4) || has_prefix(f, "MZ", 2))
		return 1;
	for (size_t i = 0; i < sizeof macho / sizeof macho[0]; i++)
		if (has_prefix(f, macho[i], 4))
			return 1;
	return 0;
}

static enum gtd_skip skip_reason(const struct gtd_cursor *f, uint64_t file_size)
{
	if (file_size == 0)
		return GTD_SKIP_EMPTY;
	if (file_size == 175 && is_cache_action(f))
		return GTD_SKIP_CACHE_ACTION;
	if (has_prefix(f, "v1;\n", 4) || has_prefix(f, "v2;\n", 4) || has_prefix(f, "v3;\n", 4))
		return GTD_SKIP_GCCGO_EXPORT;
	if (has_prefix(f, "<bigaf>\n", 8))
		return GTD_SKIP_NON_GC_ARCHIVE; /* AIX big archive, gccgo */
	return GTD_SKIP_NOT_GO;
}

int gtd_classify(const struct gtd_cursor *head, uint64_t file_size, struct gtd_classified *out)
{
	struct gtd_ar_member m;

	memset(out, 0, sizeof *out);
	if (gtd_archive_has_magic(head->data, head->len)) {
		if (gtd_archive_first_member(head, file_size, &m))
			return head->err->code;
		out->member_off = m.off;
		out->member_size = m.size;
		if (strcmp(m.name, "__.PKGDEF") == 0) {
			out->kind = GTD_FILE_ARCHIVE;
		} else {
			out->kind = GTD_FILE_SKIP;
			out->skip = strcmp(m.name, "_go_.o") == 0 ? GTD_SKIP_LINKER_OBJECT
								  : GTD_SKIP_NON_GC_ARCHIVE;
		}
		return GTD_OK;
	}
	if (has_prefix(head, "go object ", 10)) {
		out->kind = GTD_FILE_OBJECT;
		out->member_size = file_size;
		return GTD_OK;
	}
	if (file_size && is_binary(head)) {
		out->kind = GTD_FILE_BINARY;
		out->member_size = file_size;
		return GTD_OK;
	}
	out->kind = GTD_FILE_SKIP;
	out->skip = skip_reason(head, file_size);
	return GTD_OK;
}
