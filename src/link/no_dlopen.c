/* Linked into the fully static gotypedb only (Makefile, STATIC_LIBS=1, with
 * -Wl,--wrap=dlopen).
 *
 * SQLite's unix VFS calls dlopen for load_extension(), which gotypedb never
 * enables.  glibc's static dlopen would need the shared glibc at run time
 * after all (the linker warns so); with the wrap, SQLite's call comes here
 * instead and loading an extension fails with SQLite's own message. */
#include <stddef.h>

void *__wrap_dlopen(const char *file, int mode);

void *__wrap_dlopen(const char *file, int mode)
{
	(void)file;
	(void)mode;
	return NULL;
}
