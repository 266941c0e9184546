/* craft: writes the crafted Go binaries of tests/data/rtype (written by
 * tests/unit/testrt.c from the formats, a few KiB each), named by what
 * `gotypedb index` must make of them:
 *   ok-*    indexed: the sample program of tests/unit/trtsample.h in a
 *           release's layout, pointer size and byte order, found by symbol,
 *           by section or by scanning, with or without build info;
 *   rej-*   rejected with a counted reason (a release gotypedb does not
 *           read, types nested past its limit);
 *   err-*   corrupt (a cycle no named type closes, no moduledata);
 *   skip-*  no Go binary.
 *
 *   craft OUTDIR
 * tests/badinput/binaries.sh checks that the committed files are what craft
 * writes, then indexes them and damaged copies of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/gotype.h"
#include "../unit/testrt.h"
#include "../unit/trtsample.h"

static const char *outdir;

static void write_file(const char *name, const struct trt *b)
{
	char path[4096];
	struct tbuf file;
	FILE *f;

	trt_binary(b, &file);
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(file.p, 1, file.n, f) != file.n || fclose(f)) {
		perror(path);
		exit(1);
	}
	tb_free(&file);
}

/* The sample in go1.minor's layout; how: "" (symbol, build info), "nosym"
 * (found by scanning, or by .go.module from 1.26), "nobuildinfo" (no
 * release: the layout is tried), "noswiss" (1.24-1.25 with
 * GOEXPERIMENT=noswissmap). */
static void sample(unsigned minor, unsigned w, int be, const char *how)
{
	struct trt b;
	struct trt_sample s;
	char name[64];

	trt_init(&b, minor, w, be);
	b.symbol = strcmp(how, "nosym") != 0;
	if (strcmp(how, "nobuildinfo") == 0)
		b.version[0] = '\0';
	if (strcmp(how, "noswiss") == 0) {
		b.swiss = 0;
		b.modinfo = "path\tmain\nbuild\tGOEXPERIMENT=noswissmap\n";
	} else {
		b.modinfo = "path\texample.com/sample\nmod\texample.com/sample\t(devel)\t\n"
			    "build\t-compiler=gc\nbuild\tCGO_ENABLED=0\n";
	}
	trt_write_sample(&b, &s);
	snprintf(name, sizeof name, "ok-go1.%u-%u%s%s%s", minor, 8 * w, be ? "be" : "le", *how ? "-" : "",
		 how);
	write_file(name, &b);
	trt_free(&b);
}

/* A binary of go1.21 whose one typelink is what build writes. */
static void one_typelink(const char *name, uint32_t (*build)(struct trt *))
{
	struct trt b;

	trt_init(&b, 21, 8, 0);
	trt_typelink(&b, build(&b));
	trt_typelinks_end(&b);
	write_file(name, &b);
	trt_free(&b);
}

static void hostile(void)
{
	struct trt b;
	struct trt_sample s;

	trt_init(&b, 16, 8, 0);
	strcpy(b.version, "go1.15.15");
	trt_write_sample(&b, &s);
	write_file("rej-go1.15", &b);
	trt_free(&b);
	trt_init(&b, 21, 8, 0);
	trt_typelink(&b, trt_deep_pointers(&b, GTD_MAX_TYPE_DEPTH));
	write_file("rej-deep10000", &b);
	trt_free(&b);
	one_typelink("err-cycle-struct", trt_struct_in_itself);
	one_typelink("err-cycle-pointer", trt_pointer_to_itself);
	trt_init(&b, 21, 8, 0);
	trt_write_sample(&b, &s);
	b.symbol = 0;
	b.no_moduledata = 1;
	write_file("err-nomoduledata", &b);
	b.version[0] = '\0';
	write_file("skip-notgo", &b);
	trt_free(&b);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: craft OUTDIR\n");
		return 2;
	}
	outdir = argv[1];
	for (unsigned minor = 16; minor <= 27; minor++)
		sample(minor, 8, 0, "");
	sample(24, 8, 0, "noswiss");
	sample(22, 4, 0, "");   /* the 32-bit itab with its padding */
	sample(23, 4, 0, "");   /* ... and without */
	sample(27, 4, 0, "");
	sample(16, 4, 1, "");
	sample(21, 4, 1, "");
	sample(26, 8, 1, "");
	sample(21, 8, 0, "nosym");
	sample(26, 8, 0, "nosym");
	sample(27, 8, 1, "nosym");
	sample(25, 8, 0, "nobuildinfo");
	sample(27, 4, 0, "nobuildinfo");
	hostile();
	return 0;
}
