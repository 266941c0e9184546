#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gotypedb/error.h"

int gtd_fail(struct gtd_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

int gtd_context(struct gtd_error *err, const char *fmt, ...)
{
	char prefix[256];
	size_t plen, mlen;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	plen = strlen(prefix) + 2; /* "PREFIX: " */
	mlen = strlen(err->msg);
	if (plen + mlen >= sizeof err->msg)
		mlen = sizeof err->msg - 1 - plen;
	memmove(err->msg + plen, err->msg, mlen);
	err->msg[plen + mlen] = '\0';
	memcpy(err->msg, prefix, plen - 2);
	err->msg[plen - 2] = ':';
	err->msg[plen - 1] = ' ';
	return err->code;
}

void gtd_error_clear(struct gtd_error *err)
{
	err->code = GTD_OK;
	err->msg[0] = '\0';
}
