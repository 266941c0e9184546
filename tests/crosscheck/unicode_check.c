/* unicode_check: gotypedb's strconv.Quote and go/token.IsExported against
 * Go's, input by input.  Reads the reference that tests/crosscheck/unicode
 * (a Go program) prints, "HEX TAB QUOTED TAB EXPORTED" per byte string and
 * a closing "end TAB N", quotes and judges each string itself, and compares
 * as the lines stream by (millions of them: no file is kept).
 *
 *   go run tests/crosscheck/unicode/main.go | unicode_check
 *
 * Exit 0 when every line agrees and the count closes the stream; 1 on any
 * difference (the first ones printed), a malformed or cut stream. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/gotype.h"

enum { MAX_INPUT = 16, SHOW = 10 };

struct tally {
	unsigned long lines, quote_diffs, exported_diffs;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The bytes spelled by hex[0:n] into out (at most MAX_INPUT); -1 if malformed. */
static long unhex(const char *hex, size_t n, uint8_t *out)
{
	if (n % 2 || n / 2 > MAX_INPUT)
		return -1;
	for (size_t i = 0; i < n; i += 2) {
		int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	return (long)(n / 2);
}

/* Checks one reference line (without its newline); -1 if malformed. */
static int check_line(char *line, struct gtd_strbuf *b, struct tally *t)
{
	char *quoted = strchr(line, '\t'), *flag;
	uint8_t in[MAX_INPUT];
	long n;
	int exported;

	if (!quoted || !(flag = strrchr(quoted + 1, '\t')) || flag == quoted)
		return -1;
	*quoted++ = '\0';
	*flag++ = '\0';
	if ((n = unhex(line, (size_t)(quoted - 1 - line), in)) < 0 || (strcmp(flag, "0") && strcmp(flag, "1")))
		return -1;
	gtd_strbuf_reset(b);
	gtd_go_quote(b, gtd_bytes_of(in, (size_t)n));
	if (b->oom)
		return -1;
	if (strcmp(b->p, quoted) && t->quote_diffs++ < SHOW)
		printf("unicode: %s: strconv.Quote says %s, gotypedb %s\n", line, quoted, b->p);
	exported = gtd_go_is_exported(gtd_bytes_of(in, (size_t)n));
	if (exported != (flag[0] == '1') && t->exported_diffs++ < SHOW)
		printf("unicode: %s: token.IsExported says %s, gotypedb %d\n", line, flag, exported);
	t->lines++;
	return 0;
}

static int fail(const char *what, const char *line)
{
	fprintf(stderr, "unicode: %s: %.80s\n", what, line);
	return 1;
}

int main(void)
{
	struct gtd_strbuf b = { 0 };
	struct tally t = { 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long end = 0;
	int ended = 0, status = 0;

	while (!status && (len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (ended) {
			status = fail("a line after the end", line);
		} else if (!strncmp(line, "end\t", 4)) {
			ended = 1;
			if (sscanf(line + 4, "%lu", &end) != 1)
				status = fail("a malformed end", line);
		} else if (check_line(line, &b, &t)) {
			status = fail("a malformed reference line", line);
		}
	}
	free(line);
	gtd_strbuf_free(&b);
	if (status)
		return 1;
	if (!ended || end != t.lines || t.lines == 0) {
		fprintf(stderr, "unicode: the reference stream was cut: %lu lines, its end says %lu\n", t.lines, end);
		return 1;
	}
	printf("unicode: %lu byte strings: %lu quoted differently from strconv.Quote, "
	       "%lu judged differently from token.IsExported\n", t.lines, t.quote_diffs, t.exported_diffs);
	return t.quote_diffs || t.exported_diffs;
}
