/* Messages safe for a terminal.  A message names files, and a file name
 * (like any text taken from an input) may hold control bytes: printed raw,
 * a crafted name retitles the window (ESC ] 0 ; ... BEL), clears the screen
 * or rewrites lines printed before.  So every message is written with:
 * - C0 controls and DEL escaped as Go's strconv.Quote writes them (\n, \t,
 *   \a, \b, \f, \r, \v; the rest \xNN);
 * - C1 controls (U+0080-U+009F) as \u00NN: a terminal set for 8-bit
 *   controls reads them as CSI, OSC and the like;
 * - bytes that are not UTF-8 as \xNN (a lone 0x9b is CSI to such a
 *   terminal, and the bytes are shown for what they are);
 * everything else as it is, backslashes included: a message is for people,
 * and the database keeps every name byte for byte. */
#include <stdio.h>

#include "cli.h"
#include "gotypedb/strbuf.h"
#include "gotypedb/utf8.h"

static void put_hex(struct gtd_strbuf *b, const char *prefix, unsigned v, int digits)
{
	static const char hex[] = "0123456789abcdef";

	gtd_strbuf_puts(b, prefix);
	for (int i = digits - 1; i >= 0; i--)
		gtd_strbuf_putc(b, hex[(v >> (4 * i)) & 0xf]);
}

static void put_control(struct gtd_strbuf *b, unsigned char c)
{
	static const char named[] = "\aa\bb\ff\nn\rr\tt\vv";

	for (const char *p = named; *p; p += 2)
		if ((unsigned char)*p == c) {
			gtd_strbuf_putc(b, '\\');
			gtd_strbuf_putc(b, p[1]);
			return;
		}
	put_hex(b, "\\x", c, 2);
}

void cli_escape(struct gtd_strbuf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		uint32_t r;
		size_t w;

		if (p[i] < 0x20 || p[i] == 0x7f) {
			put_control(b, p[i++]);
		} else if (p[i] < 0x80) {
			gtd_strbuf_putc(b, (char)p[i++]);
		} else if (!(w = gtd_utf8_decode(p + i, n - i, &r))) {
			put_hex(b, "\\x", p[i++], 2);
		} else if (r <= 0x9f) {
			put_hex(b, "\\u", r, 4);
			i += w;
		} else {
			gtd_strbuf_putn(b, p + i, w);
			i += w;
		}
	}
}
