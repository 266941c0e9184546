/* host: loads a c-shared library as a C program would, says "ready" and
 * waits for stdin to close, so that tests/oracle/objfile (objoracle live)
 * can read the library's memory as the dynamic loader relocated it. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	char buf[256];

	if (argc != 2 || !dlopen(argv[1], RTLD_NOW)) {
		fprintf(stderr, "host: %s\n", argc == 2 ? dlerror() : "usage: host LIB");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	while (fread(buf, 1, sizeof buf, stdin) > 0)
		;
	return 0;
}
