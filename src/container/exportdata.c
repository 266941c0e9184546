#include <string.h>

#include "gotypedb/exportdata.h"

#define END_MARKER "\n$$\n"
#define END_MARKER_LEN 4

const char *gtd_export_format_name(enum gtd_export_format f)
{
	switch (f) {
	case GTD_EXPORT_UNIFIED: return "unified (u)";
	case GTD_EXPORT_INDEXED: return "indexed (i)";
	case GTD_EXPORT_OLD_BINARY: return "old binary (bexport)";
	case GTD_EXPORT_TEXTUAL: return "textual";
	case GTD_EXPORT_UNIFIED_PROTOTYPE: return "go1.18 unified prototype";
	case GTD_EXPORT_UNKNOWN: return "unknown";
	}
	return "unknown";
}

/* A GOARCH variant setting as objabi.HeaderString appends it after the
 * version (Go 1.21+): "GOAMD64=v1", "GOARM=7", "GO386=sse2", ... */
static int is_arch_variant(const uint8_t *p, size_t n)
{
	size_t i = 2;

	if (n < 4 || p[0] != 'G' || p[1] != 'O')
		return 0;
	while (i < n && ((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9')))
		i++;
	return i > 2 && i < n - 1 && p[i] == '=';
}

/* Splits off a trailing GOARCH variant from the version field. */
static void split_arch_variant(struct gtd_exportdata *ed)
{
	const uint8_t *v = ed->go_version.p;
	size_t n = ed->go_version.n, k = n;

	while (k > 0 && v[k - 1] != ' ')
		k--;
	if (k > 0 && is_arch_variant(v + k, n - k)) {
		ed->arch_variant = gtd_bytes_of(v + k, n - k);
		ed->go_version.n = k - 1;
	}
}

/* Splits "go object GOOS GOARCH VERSION[ VARIANT] X:EXPS".  VERSION may hold
 * spaces ("devel go1.27-abcdef Tue ..."), so it is everything between GOARCH
 * and a final "X:" field, less a trailing "GOAMD64=v1"-style variant. */
static int parse_object_line(struct gtd_bytes line, struct gtd_exportdata *ed)
{
	const uint8_t *p = line.p + strlen("go object "), *end = line.p + line.n;
	struct gtd_bytes *field[2] = { &ed->goos, &ed->goarch };
	const uint8_t *last_space;

	for (int i = 0; i < 2; i++) {
		const uint8_t *sp = memchr(p, ' ', (size_t)(end - p));
		if (!sp)
			return -1;
		*field[i] = gtd_bytes_of(p, (size_t)(sp - p));
		p = sp + 1;
	}
	last_space = NULL;
	for (const uint8_t *q = p; q < end; q++)
		if (*q == ' ')
			last_space = q;
	if (last_space && end - last_space >= 3 && last_space[1] == 'X' && last_space[2] == ':') {
		ed->go_version = gtd_bytes_of(p, (size_t)(last_space - p));
		ed->experiments = gtd_bytes_of(last_space + 3, (size_t)(end - last_space - 3));
	} else {
		ed->go_version = gtd_bytes_of(p, (size_t)(end - p));
	}
	split_arch_variant(ed);
	return ed->goos.n && ed->goarch.n && ed->go_version.n ? 0 : -1;
}

static void parse_header_line(struct gtd_bytes line, struct gtd_exportdata *ed, int *prototype)
{
	if (gtd_bytes_has_prefix(line, "build id \"") && line.n >= 11 && line.p[line.n - 1] == '"')
		ed->build_id = gtd_bytes_of(line.p + 10, line.n - 11);
	else if (gtd_bytes_eq_str(line, "main"))
		ed->is_main = 1;
	else if (gtd_bytes_has_prefix(line, "newexportsize "))
		*prototype = 1;
}

static int classify_format(struct gtd_cursor *c, struct gtd_exportdata *ed)
{
	int rc;

	if ((rc = gtd_cursor_u8(c, &ed->format_byte)))
		return gtd_context(c->err, "format byte after \"$$B\"");
	switch (ed->format_byte) {
	case 'u':
		ed->format = GTD_EXPORT_UNIFIED;
		break;
	case 'i':
		ed->format = GTD_EXPORT_INDEXED;
		if ((rc = gtd_cursor_uvarint(c, &ed->indexed_version)))
			return gtd_context(c->err, "indexed export data version");
		break;
	case 'c': case 'd': case 'v':
		ed->format = GTD_EXPORT_OLD_BINARY;
		break;
	default:
		ed->format = GTD_EXPORT_UNKNOWN;
	}
	return GTD_OK;
}

/* The blob ends where the "\n$$\n" marker starts: the last 4 bytes of the
 * member (x/tools ReadUnified computes the same size from the member size). */
static int locate_unified_blob(struct gtd_cursor *c, struct gtd_exportdata *ed)
{
	size_t start = c->pos;

	if (c->len - start < END_MARKER_LEN ||
	    memcmp(c->data + c->len - END_MARKER_LEN, END_MARKER, END_MARKER_LEN) != 0)
		return gtd_fail(c->err, GTD_EDATA,
				"offset 0x%llx: export data does not end with the \"\\n$$\\n\" marker "
				"(truncated or corrupt member)",
				(unsigned long long)(c->base + c->len));
	return gtd_cursor_sub(c, start, c->len - start - END_MARKER_LEN, &ed->blob);
}

/* The header's end within a prefix shorter than the member. */
static int header_past_prefix(const struct gtd_cursor *c)
{
	return gtd_fail(c->err, GTD_EDATA,
			"offset 0x%llx: the header lines and \"$$B\" do not end within the first %zu "
			"bytes (Go writes a few hundred)",
			(unsigned long long)c->base, c->len);
}

/* Header lines, "$$B\n" (or the textual "$$\n") and the format byte. */
static int parse_header(struct gtd_cursor *c, int whole, struct gtd_exportdata *ed)
{
	int prototype = 0, first = 1;

	memset(ed, 0, sizeof *ed);
	c->pos = 0;
	/* Header lines run until a line that starts with "$$" (old compilers
	 * wrote extra lines, so their number is not fixed). */
	while (!(gtd_cursor_left(c) >= 2 && c->data[c->pos] == '$' && c->data[c->pos + 1] == '$')) {
		const uint8_t *nl = memchr(c->data + c->pos, '\n', gtd_cursor_left(c));
		struct gtd_bytes line;

		if (!nl && !whole)
			return header_past_prefix(c);
		if (!nl)
			return gtd_fail(c->err, GTD_EDATA,
					"offset 0x%llx: header ends without a \"$$\" line",
					(unsigned long long)gtd_cursor_offset(c));
		line = gtd_bytes_of(c->data + c->pos, (size_t)(nl - (c->data + c->pos)));
		if (first) {
			if (!gtd_bytes_has_prefix(line, "go object ") || parse_object_line(line, ed))
				return gtd_fail(c->err, GTD_EDATA,
						"offset 0x%llx: first line is not \"go object GOOS GOARCH VERSION\"",
						(unsigned long long)gtd_cursor_offset(c));
			first = 0;
		} else {
			parse_header_line(line, ed, &prototype);
		}
		c->pos += line.n + 1;
	}
	ed->header = gtd_bytes_of(c->data, c->pos);
	if (first)
		return gtd_fail(c->err, GTD_EDATA, "offset 0x%llx: no \"go object\" header line",
				(unsigned long long)c->base);
	if (gtd_cursor_left(c) >= 3 && memcmp(c->data + c->pos, "$$\n", 3) == 0) {
		ed->format = GTD_EXPORT_TEXTUAL;
		return GTD_OK;
	}
	if (!whole && gtd_cursor_left(c) < 4 + 1) /* "$$B\n" and the format byte */
		return header_past_prefix(c);
	if (gtd_cursor_left(c) < 4 || memcmp(c->data + c->pos, "$$B\n", 4) != 0)
		return gtd_fail(c->err, GTD_EDATA, "offset 0x%llx: expected \"$$B\\n\" after the header",
				(unsigned long long)gtd_cursor_offset(c));
	c->pos += 4;
	if (classify_format(c, ed))
		return whole ? c->err->code : header_past_prefix(c); /* 'i' and a cut uvarint */
	ed->data_off = c->pos;
	if (prototype && ed->format == GTD_EXPORT_INDEXED)
		ed->format = GTD_EXPORT_UNIFIED_PROTOTYPE;
	return GTD_OK;
}

int gtd_exportdata_parse_header(const struct gtd_cursor *prefix, uint64_t member_size,
				struct gtd_exportdata *ed)
{
	struct gtd_cursor c = *prefix;

	return parse_header(&c, member_size <= c.len, ed);
}

int gtd_exportdata_parse(const struct gtd_cursor *member, struct gtd_exportdata *ed)
{
	struct gtd_cursor c = *member;

	if (parse_header(&c, 1, ed))
		return c.err->code;
	if (ed->format != GTD_EXPORT_UNIFIED)
		return GTD_OK;
	c.pos = ed->data_off;
	return locate_unified_blob(&c, ed);
}
