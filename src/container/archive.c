#include <string.h>

#include "gotypedb/archive.h"

int gtd_archive_has_magic(const uint8_t *p, size_t len)
{
	return len >= GTD_AR_MAGIC_LEN && memcmp(p, GTD_AR_MAGIC, GTD_AR_MAGIC_LEN) == 0;
}

/* The size field is "%-10d": decimal digits, then spaces. */
static int parse_size(const uint8_t *f, uint64_t *out)
{
	uint64_t v = 0;
	int i = 0, digits = 0;

	for (; i < 10 && f[i] >= '0' && f[i] <= '9'; i++, digits++)
		v = v * 10 + (uint64_t)(f[i] - '0');
	for (; i < 10 && f[i] == ' '; i++)
		;
	if (i != 10 || digits == 0)
		return -1;
	*out = v;
	return 0;
}

int gtd_archive_first_member(const struct gtd_cursor *head, uint64_t file_size,
			     struct gtd_ar_member *m)
{
	struct gtd_cursor c = *head;
	const uint8_t *hdr;
	size_t n;

	if (!gtd_archive_has_magic(c.data, c.len))
		return gtd_fail(c.err, GTD_EDATA, "offset 0x0: not an ar archive (no \"!<arch>\\n\")");
	c.pos = GTD_AR_MAGIC_LEN;
	if (gtd_cursor_bytes(&c, GTD_AR_HEADER_LEN, &hdr))
		return gtd_context(c.err, "first archive member header");
	if (hdr[58] != '`' || hdr[59] != '\n')
		return gtd_fail(c.err, GTD_EDATA,
				"offset 0x8: archive member header does not end in \"`\\n\"");
	for (n = 16; n > 0 && hdr[n - 1] == ' '; n--)
		;
	memcpy(m->name, hdr, n);
	m->name[n] = '\0';
	if (parse_size(hdr + 48, &m->size))
		return gtd_fail(c.err, GTD_EDATA,
				"offset 0x38: archive member size \"%.10s\" is not a decimal number",
				(const char *)hdr + 48);
	m->off = GTD_AR_MAGIC_LEN + GTD_AR_HEADER_LEN;
	if (m->size > file_size - m->off)
		return gtd_fail(c.err, GTD_EDATA,
				"offset 0x38: member %s claims %llu bytes but the file has %llu after its "
				"header (truncated archive)", m->name, (unsigned long long)m->size,
				(unsigned long long)(file_size - m->off));
	return GTD_OK;
}
