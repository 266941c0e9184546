//go:build ignore

/* host: loads the reflect oracle's c-shared build as a C program would
 * and calls its exported GotypedbReflectFacts, which prints the rows.
 * (The build constraint above keeps cgo from compiling it into the
 * package.) */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	void *lib;
	int (*facts)(void);

	if (argc != 2) {
		fprintf(stderr, "usage: host LIB\n");
		return 2;
	}
	lib = dlopen(argv[1], RTLD_NOW);
	if (!lib || !(*(void **)&facts = dlsym(lib, "GotypedbReflectFacts"))) {
		fprintf(stderr, "host: %s\n", dlerror());
		return 2;
	}
	return facts();
}
