# gotypedb: plain make + pkg-config.  `make` builds build/gotypedb;
# `make check` builds the tests with ASan+UBSan and runs them all;
# `make run` is the quick start (installs what is missing first).

VERSION  := 0.1.0
PKGS     := sqlite3 yaml-0.1 libxxhash nettle gmp libelf
CC       ?= cc
CSTD     := -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# (libelf's own libraries, zlib, are named for a static link: --static)
PKG_LIBS   = $(shell pkg-config --libs $(filter-out libelf,$(PKGS))) \
             $(shell pkg-config --libs $(if $(filter 1,$(STATIC_LIBS)),--static) libelf)
CFLAGS   ?= -O2 -g
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) -Iinclude -DGTD_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -MMD -MP
# gotypedb is linked fully statically, glibc included (the -dev packages
# ship the .a files): a `gotypedb query` process then starts without the
# dynamic loader, ~0.35 ms sooner than with a shared glibc and ~1.3 ms
# sooner than with every library shared, which is most of a query's time.
# src/link/no_dlopen.c stands in for dlopen (-Wl,--wrap), which only
# SQLite's unused extension loading calls.  STATIC_LIBS=0 links everything
# dynamically.
# The test programs link the libraries statically and glibc dynamically
# (ASan needs the shared glibc).
STATIC_LIBS ?= 1
ifeq ($(STATIC_LIBS),1)
LDLIBS      = -static -Wl,--wrap=dlopen $(PKG_LIBS) -lpthread -lm
LINK_OBJ    = $(B)/obj/src/link/no_dlopen.o
TEST_LDLIBS = -Wl,-Bstatic $(PKG_LIBS) -Wl,-Bdynamic -lpthread -lm -ldl
else
LDLIBS      = $(PKG_LIBS) -lpthread -lm
LINK_OBJ    =
TEST_LDLIBS = $(LDLIBS)
endif

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRC  := $(wildcard src/base/*.c src/container/*.c src/objfile/*.c src/gotype/*.c src/uir/*.c \
                       src/rtype/*.c \
                       src/ingest/*.c src/store/*.c src/query/*.c src/report/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
GEN_SRC  := gen/schema_files.c gen/query_files.c gen/report_files.c
UNIT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

B        := build
S        := build/san

.PHONY: all check unit golden badinput check-toolchains check-badinput-sweep check-thirdparty fuzz fuzz-rtype run deps bench bench-runtime install uninstall clean
all: $(B)/gotypedb

# ---- objects: one tree per flavour ----------------------------------------
$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(S)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@
$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(S)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

# The schema and the bundled queries are compiled in: schema/*.sql is the
# single source of truth, printed by `gotypedb schema`.
# (The directories too: removing a file must also rebuild the list.)
$(B)/gen/schema_files.c: $(sort $(wildcard schema/*.sql)) schema scripts/embed.sh
	@mkdir -p $(dir $@)
	sh scripts/embed.sh gtd_schema_files $(sort $(wildcard schema/*.sql)) > $@
$(B)/gen/query_files.c: $(sort $(wildcard queries/*.sql)) queries scripts/embed.sh
	@mkdir -p $(dir $@)
	sh scripts/embed.sh gtd_query_files $(sort $(wildcard queries/*.sql)) > $@
$(B)/gen/report_files.c: queries/reports.yaml queries/diff.yaml scripts/embed.sh
	@mkdir -p $(dir $@)
	sh scripts/embed.sh gtd_report_files queries/reports.yaml queries/diff.yaml > $@

LIB_OBJ   = $(LIB_SRC:%.c=$(1)/obj/%.o) $(GEN_SRC:gen/%.c=$(1)/obj/gen/%.o)

# The schema image, a new database's file as the schema's DDL leaves it
# (include/gotypedb/store.h), made by running that DDL at build time: the
# maker links the DDL's code and schema/ alone, so libgotypedb needs no
# image to be built; the programs that create databases link the image.
$(B)/tools/schema_image: $(B)/obj/scripts/schema_image.o $(B)/obj/src/store/schema_ddl.o $(B)/obj/gen/schema_files.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(shell pkg-config --libs sqlite3)
$(B)/gen/schema_image.c: $(B)/tools/schema_image
	$< $(B)/gen/schema_image.db > $@.tmp
	@rm -f $(B)/gen/schema_image.db
	@mv $@.tmp $@

# (made anew: `ar rcs` keeps the members of a source file since removed)
$(B)/libgotypedb.a: $(call LIB_OBJ,$(B))
	@rm -f $@
	$(AR) rcs $@ $^
$(S)/libgotypedb.a: $(call LIB_OBJ,$(S))
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/gotypedb: $(CLI_SRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/schema_image.o $(B)/libgotypedb.a $(LINK_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)
$(S)/gotypedb: $(CLI_SRC:%.c=$(S)/obj/%.o) $(S)/obj/gen/schema_image.o $(S)/libgotypedb.a
	$(CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS)

# (the unit tests' helpers: testlib, the writers of ELF files and of a Go
# binary's runtime tables, and the types both the unit tests and the
# crafted binaries of tests/badinput write with them)
TESTLIB_OBJ := $(patsubst %,$(S)/obj/tests/unit/%.o,testlib testelf testrt trtsample)
$(S)/tests/%: $(S)/obj/tests/unit/%.o $(TESTLIB_OBJ) $(S)/obj/gen/schema_image.o $(S)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS) $(shell pkg-config --libs cmocka)
$(S)/obj/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(shell pkg-config --cflags cmocka) -c $< -o $@

# ---- tests ------------------------------------------------------------------
$(S)/tests/mutate: $(S)/obj/tests/badinput/mutate.o $(S)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS)

# (the crafted binaries of tests/data/rtype, written with the unit tests' writers)
$(S)/tests/craft: $(S)/obj/tests/badinput/craft.o $(TESTLIB_OBJ) $(S)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS) $(shell pkg-config --libs cmocka)

$(S)/tests/mutate_bin: $(S)/obj/tests/badinput/mutate_bin.o $(TESTLIB_OBJ) $(S)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS) $(shell pkg-config --libs cmocka)

$(S)/tests/rtcheck: $(S)/obj/tests/badinput/rtcheck.o $(S)/obj/tests/fuzz/rtsink.o $(S)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS)

$(S)/tests/decode_all: $(S)/obj/tests/crosscheck/decode_all.o $(S)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(SAN_FLAGS) -o $@ $^ $(TEST_LDLIBS)
$(B)/tests/decode_all: $(B)/obj/tests/crosscheck/decode_all.o $(B)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(TEST_LDLIBS)
$(B)/tests/objdump: $(B)/obj/tests/crosscheck/objdump.o $(B)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(TEST_LDLIBS)
$(B)/tests/unicode_check: $(B)/obj/tests/crosscheck/unicode_check.o $(B)/libgotypedb.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(TEST_LDLIBS)

BADINPUT_TOOLS := $(S)/tests/craft $(S)/tests/mutate_bin $(S)/tests/rtcheck
check: $(S)/gotypedb $(UNIT_TESTS:%=$(S)/tests/%) $(S)/tests/mutate $(S)/tests/decode_all $(BADINPUT_TOOLS)
	@GOTYPEDB=$(S)/gotypedb UNIT_TESTS="$(UNIT_TESTS:%=$(S)/tests/%)" bash tests/run.sh

# Compares fresh compiler output with the committed fixtures, verifies
# fingerprints over whole std caches, bounds the peak memory of indexing
# one at any -j, compares the raw and semantic layers with Go's own readers
# (tests/oracle), and the Unicode tables, quoting and exportedness with
# Go's for every code point (tests/crosscheck/unicode.sh), and what
# src/objfile reads of binaries with Go's debug/elf, debug/macho and
# debug/pe (tests/crosscheck/objfile.sh), and the runtime views against
# reflect (tests/oracle/reflect.sh, rt_identity.sh), for each Go toolchain
# of tests/crosscheck/toolchains.bash; ends with a summary of
# what was skipped (a missing toolchain; a failure under CI=true) and what
# failed.
check-toolchains: $(B)/gotypedb $(B)/tests/decode_all $(B)/tests/unicode_check $(B)/tests/objdump
	@GOTYPEDB=$(B)/gotypedb DECODE_ALL=$(B)/tests/decode_all UNICODE_CHECK=$(B)/tests/unicode_check \
		OBJDUMP=$(B)/tests/objdump bash tests/check-toolchains.sh

# Damaged copies of real binaries of every target, by every Go toolchain,
# through the sanitizer build (tests/badinput/binaries.sh --sweep; make
# check runs the crafted ones and go1.26's linux/amd64 build): 30k files,
# 8 minutes on 2 cores with the toolchains' build caches warm; not part of
# CI, which stays under 30 minutes.  BADINPUT_TARGETS=REGEX picks builds.
check-badinput-sweep: $(S)/gotypedb $(BADINPUT_TOOLS)
	@bash tests/badinput/binaries.sh --sweep

# libFuzzer target for the unit decoder (needs clang); FUZZ_SECONDS=N runs it
# for N seconds from tests/fuzz/seeds.  An input that takes more than a
# second, or allocates 256 MiB at once, is a finding too: no input may cost
# time or memory out of proportion to its size.  What an input holds at its
# peak is measured by tests/fuzz/replay.sh, each input of the corpus alone
# (it fails at 256 MB): the fuzzing process itself grows past that with the
# corpus and coverage it gathers and what ASan's allocator keeps of the
# inputs' peaks (375 MB after 22 minutes from a corpus of 2000 inputs), so
# its own RSS limit only catches a leak.  ASan's quarantine of freed memory
# (256 MiB by default) is kept at 8 MiB.
FUZZ_FLAGS ?= -timeout=1 -rss_limit_mb=2048 -malloc_limit_mb=256
fuzz: $(B)/fuzz/fuzz_unit $(B)/fuzz/fuzz_rtype
	@if [ -n "$(FUZZ_SECONDS)" ]; then mkdir -p $(B)/fuzz/corpus && \
		ASAN_OPTIONS=quarantine_size_mb=8 $(B)/fuzz/fuzz_unit -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
			$(B)/fuzz/corpus tests/fuzz/seeds; fi
$(B)/fuzz/fuzz_unit: tests/fuzz/fuzz_unit.c $(LIB_SRC) $(GEN_SRC:gen/%=$(B)/gen/%)
	@mkdir -p $(dir $@)
	clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude $(PKG_CFLAGS) \
		-o $@ $^ $(TEST_LDLIBS)

# The runtime decoder (src/objfile and src/rtype, its records checked by
# tests/fuzz/rtsink.c): build/fuzz/fuzz_rtype, built by `make fuzz`;
# `make fuzz-rtype FUZZ_SECONDS=N` runs it for N seconds from the crafted
# binaries of tests/data/rtype and real ones built and shrunk then
# (tests/fuzz/rtype_seeds.sh), inputs up to 1 MiB, with make fuzz's limits.
fuzz-rtype: $(B)/fuzz/fuzz_rtype $(S)/tests/mutate_bin
	@if [ -n "$(FUZZ_SECONDS)" ]; then mkdir -p $(B)/fuzz/rtcorpus && \
		bash tests/fuzz/rtype_seeds.sh $(B)/fuzz/rtseeds && \
		ASAN_OPTIONS=quarantine_size_mb=8 $(B)/fuzz/fuzz_rtype -max_total_time=$(FUZZ_SECONDS) \
			$(FUZZ_FLAGS) -max_len=1048576 $(B)/fuzz/rtcorpus tests/data/rtype $(B)/fuzz/rtseeds; fi
$(B)/fuzz/fuzz_rtype: tests/fuzz/fuzz_rtype.c tests/fuzz/rtsink.c $(LIB_SRC) $(GEN_SRC:gen/%=$(B)/gen/%)
	@mkdir -p $(dir $@)
	clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude $(PKG_CFLAGS) \
		-o $@ $^ $(TEST_LDLIBS)

# The same for src/objfile (ELF, Mach-O, PE): build/fuzz/fuzz_objfile, run
# by hand from a directory of small binaries (tests/fuzz/fuzz_objfile.c).
$(B)/fuzz/fuzz_objfile: tests/fuzz/fuzz_objfile.c $(LIB_SRC) $(GEN_SRC:gen/%=$(B)/gen/%)
	@mkdir -p $(dir $@)
	clang $(CSTD) -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude $(PKG_CFLAGS) \
		-o $@ $^ $(TEST_LDLIBS)

# ---- quick start ---------------------------------------------------------------
deps:
	@bash scripts/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	@bash scripts/run.sh

bench: $(B)/gotypedb
	bash bench/run.sh

# Real third-party Go binaries (npm-shipped esbuild and buf, Debian packages
# built with Go), fetched into ~/.cache/gotypedb-3p by
# tests/thirdparty/fetch.sh, pinned by tests/thirdparty/manifest.tsv:
# indexed and compared with GoReSym (GORESYM or GORESYM_SRC).  Not in
# `make check`: the first run needs the network.
check-thirdparty: $(B)/gotypedb
	@GOTYPEDB=$(B)/gotypedb bash tests/thirdparty/check.sh

# gotypedb against GoReSym per binary, and gotypedb over > 1 GB of binaries.
bench-runtime: $(B)/gotypedb
	GOTYPEDB=$(B)/gotypedb bash bench/runtime.sh

# ---- install ----------------------------------------------------------------
# The optimized binary (statically linked: it needs nothing installed
# beside it), its man page and its bash completion, under PREFIX;
# DESTDIR stages the tree for a package (make install DESTDIR=pkg PREFIX=/usr).
# The completion goes where bash-completion loads it on demand by the
# command's name.  uninstall removes exactly these three files.
PREFIX  ?= /usr/local
bindir   = $(DESTDIR)$(PREFIX)/bin
man1dir  = $(DESTDIR)$(PREFIX)/share/man/man1
bashcompdir = $(DESTDIR)$(PREFIX)/share/bash-completion/completions

install: $(B)/gotypedb doc/gotypedb.1 completion/gotypedb.bash
	install -D -m 755 $(B)/gotypedb "$(bindir)/gotypedb"
	install -D -m 644 doc/gotypedb.1 "$(man1dir)/gotypedb.1"
	install -D -m 644 completion/gotypedb.bash "$(bashcompdir)/gotypedb"

uninstall:
	rm -f "$(bindir)/gotypedb" "$(man1dir)/gotypedb.1" "$(bashcompdir)/gotypedb"

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
