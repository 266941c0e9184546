/* base: the interning hash map, the arena, UTF-8 validation, the Unicode
 * tables, strbuf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotypedb/bmap.h"
#include "gotypedb/ptrmap.h"
#include "gotypedb/digest.h"
#include "gotypedb/keysort.h"
#include "gotypedb/strbuf.h"
#include "gotypedb/unicode.h"
#include "gotypedb/utf8.h"
#include "testlib.h"

static void test_bmap_many_keys(void **state)
{
	struct gtd_bmap m = { 0 };
	char key[32];
	uint64_t *slot, v;
	int inserted;
	(void)state;

	for (int i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof key, "k%d", i);

		assert_int_equal(gtd_bmap_upsert(&m, key, (size_t)n, &slot, &inserted), 0);
		assert_true(inserted);
		*slot = (uint64_t)i * 3;
	}
	assert_int_equal(m.count, 100000);
	for (int i = 0; i < 100000; i += 7) {
		int n = snprintf(key, sizeof key, "k%d", i);

		assert_true(gtd_bmap_get(&m, key, (size_t)n, &v));
		assert_true(v == (uint64_t)i * 3);
		/* the same key by precomputed hash finds the same slot */
		assert_int_equal(gtd_bmap_upsert_hashed(&m, key, (size_t)n, gtd_hash64(key, (size_t)n),
							&slot, &inserted), 0);
		assert_false(inserted);
		assert_true(*slot == (uint64_t)i * 3);
	}
	assert_false(gtd_bmap_get(&m, "k100000", 7, &v));
	/* the empty key and keys with NUL bytes are keys like any other */
	assert_int_equal(gtd_bmap_upsert(&m, "", 0, &slot, &inserted), 0);
	assert_true(inserted);
	assert_int_equal(gtd_bmap_upsert(&m, "a\0b", 3, &slot, &inserted), 0);
	assert_true(inserted);
	assert_false(gtd_bmap_get(&m, "a\0c", 3, &v));
	gtd_bmap_free(&m);
}

/* Removing the keys of the values from K on (what a failed write gave
 * out), at every table size from 16 slots up, where clusters wrap round
 * the table's end: the rest is found with its value, the removed are not,
 * and come back as new keys. */
static void test_bmap_remove_values_from(void **state)
{
	char key[32];
	uint64_t *slot, v;
	int inserted;
	(void)state;

	for (int n = 1; n <= 300; n += (n < 40 ? 1 : 13)) {
		for (int k = 0; k <= n; k += (n < 40 ? 1 : 7)) {
			struct gtd_bmap m = { 0 };

			for (int i = 0; i < n; i++) {
				int len = snprintf(key, sizeof key, "key %d of %d", i, n);

				assert_int_equal(gtd_bmap_upsert(&m, key, (size_t)len, &slot, &inserted), 0);
				*slot = (uint64_t)i;
			}
			gtd_bmap_remove_values_from(&m, (uint64_t)k);
			assert_int_equal(m.count, k);
			for (int i = 0; i < n; i++) {
				int len = snprintf(key, sizeof key, "key %d of %d", i, n);

				if (i < k) {
					assert_true(gtd_bmap_get(&m, key, (size_t)len, &v));
					assert_true(v == (uint64_t)i);
				} else {
					assert_false(gtd_bmap_get(&m, key, (size_t)len, &v));
				}
			}
			for (int i = k; i < n; i++) {
				int len = snprintf(key, sizeof key, "key %d of %d", i, n);

				assert_int_equal(gtd_bmap_upsert(&m, key, (size_t)len, &slot, &inserted), 0);
				assert_true(inserted);
			}
			assert_int_equal(m.count, n);
			gtd_bmap_free(&m);
		}
	}
}

/* Addresses as keys: many of them (through several doublings), values
 * replaced in place, absent and NULL keys refused. */
static void test_ptrmap(void **state)
{
	enum { N = 50000 };
	static int nodes[N];
	struct gtd_ptrmap m = { 0 };
	uint32_t v = 7;

	(void)state;
	assert_false(gtd_ptrmap_get(&m, &nodes[0], &v));
	for (uint32_t i = 0; i < N; i++)
		assert_int_equal(gtd_ptrmap_put(&m, &nodes[i], i * 3), 0);
	assert_int_equal(m.count, N);
	for (uint32_t i = 0; i < N; i++) {
		assert_true(gtd_ptrmap_get(&m, &nodes[i], &v));
		assert_int_equal(v, i * 3);
	}
	assert_int_equal(gtd_ptrmap_put(&m, &nodes[5], 11), 0);
	assert_int_equal(m.count, N);
	assert_true(gtd_ptrmap_get(&m, &nodes[5], &v));
	assert_int_equal(v, 11);
	assert_false(gtd_ptrmap_get(&m, (const char *)nodes + 1, &v));
	assert_int_equal(gtd_ptrmap_put(&m, NULL, 1), -1);
	assert_false(gtd_ptrmap_get(&m, NULL, &v));
	gtd_ptrmap_free(&m);
	assert_false(gtd_ptrmap_get(&m, &nodes[1], &v));
}

/* Keys whose hashes are all equal (a slot's tag, its home slot and the
 * length then match every probe) stay distinct through several doublings,
 * and a value's pointer stays valid across them. */
static void test_bmap_colliding_hashes(void **state)
{
	enum { N = 3000 };
	struct gtd_bmap m = { 0 };
	uint64_t *slot, *first = NULL;
	char key[16];
	int inserted;
	(void)state;

	for (int i = 0; i < N; i++) {
		int n = snprintf(key, sizeof key, "%08d", i);

		assert_int_equal(gtd_bmap_upsert_hashed(&m, key, (size_t)n, 12345, &slot, &inserted), 0);
		assert_true(inserted);
		*slot = (uint64_t)i + 1;
		if (!first)
			first = slot;
	}
	assert_int_equal(m.count, N);
	assert_true(*first == 1);
	for (int i = 0; i < N; i++) {
		int n = snprintf(key, sizeof key, "%08d", i);

		assert_int_equal(gtd_bmap_upsert_hashed(&m, key, (size_t)n, 12345, &slot, &inserted), 0);
		assert_false(inserted);
		assert_true(*slot == (uint64_t)i + 1);
	}
	assert_int_equal(gtd_bmap_upsert_hashed(&m, "00000000x", 9, 12345, &slot, &inserted), 0);
	assert_true(inserted);
	gtd_bmap_free(&m);
}

/* A hash of 0 is a hash like any other. */
static void test_bmap_zero_hash(void **state)
{
	struct gtd_bmap m = { 0 };
	uint64_t *slot;
	int inserted;
	(void)state;

	assert_int_equal(gtd_bmap_upsert_hashed(&m, "x", 1, 0, &slot, &inserted), 0);
	assert_true(inserted);
	*slot = 42;
	assert_int_equal(gtd_bmap_upsert_hashed(&m, "x", 1, 0, &slot, &inserted), 0);
	assert_false(inserted);
	assert_int_equal(*slot, 42);
	gtd_bmap_free(&m);
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(gtd_utf8_valid((const uint8_t *)"", 0));
	assert_true(gtd_utf8_valid((const uint8_t *)"ascii", 5));
	assert_true(gtd_utf8_valid((const uint8_t *)"\xc2\xb7", 2));         /* U+00B7, Go's vargen dot */
	assert_true(gtd_utf8_valid((const uint8_t *)"\xf0\x9f\x98\x80", 4)); /* U+1F600 */
	assert_false(gtd_utf8_valid((const uint8_t *)"\xc0\xaf", 2));        /* overlong */
	assert_false(gtd_utf8_valid((const uint8_t *)"\xed\xa0\x80", 3));    /* surrogate */
	assert_false(gtd_utf8_valid((const uint8_t *)"\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(gtd_utf8_valid((const uint8_t *)"\xe2\x82", 2));        /* truncated */
	assert_false(gtd_utf8_valid((const uint8_t *)"\x80", 1));            /* lone continuation */
	assert_true(gtd_utf8_valid((const uint8_t *)"a\0b", 3));             /* NUL is valid UTF-8 */
	/* past an ASCII run read 8 bytes at a time: a rune across the
	 * boundary of two words, a bad byte in the last word or in the tail */
	assert_true(gtd_utf8_valid((const uint8_t *)"github.com/x/y\xc2\xb7z", 17));
	assert_true(gtd_utf8_valid((const uint8_t *)"0123456\xf0\x9f\x98\x80" "abcdefgh", 19));
	assert_false(gtd_utf8_valid((const uint8_t *)"0123456\xf0\x9f\x98" "abcdefgh", 18));
	assert_false(gtd_utf8_valid((const uint8_t *)"0123456789abcde\xff", 16));
	assert_false(gtd_utf8_valid((const uint8_t *)"0123456789abcdefgh\x80", 19));
	assert_true(gtd_utf8_valid((const uint8_t *)"0123456789abcdefgh\x80", 18));
}

/* The answers of go1.26.8's unicode.IsUpper and unicode.IsPrint. */
static void test_unicode(void **state)
{
	(void)state;
	assert_true(gtd_unicode_is_upper('A'));
	assert_true(gtd_unicode_is_upper('Z'));
	assert_false(gtd_unicode_is_upper('a'));
	assert_false(gtd_unicode_is_upper('_'));
	assert_true(gtd_unicode_is_upper(0xc4));      /* Ä */
	assert_false(gtd_unicode_is_upper(0xe4));     /* ä */
	assert_false(gtd_unicode_is_upper(0xd7));     /* ×, Sm between two Lu runs */
	assert_false(gtd_unicode_is_upper(0xdf));     /* ß, Ll */
	assert_true(gtd_unicode_is_upper(0x3a9));     /* Ω */
	assert_true(gtd_unicode_is_upper(0x1c4));     /* Ǆ, Lu */
	assert_false(gtd_unicode_is_upper(0x1c5));    /* ǅ, Lt: title case is not upper */
	assert_false(gtd_unicode_is_upper(0x3c0));    /* π */
	assert_false(gtd_unicode_is_upper(0x65e5));   /* 日, Lo */
	assert_true(gtd_unicode_is_upper(0x1d400));   /* mathematical bold capital A */
	assert_false(gtd_unicode_is_upper(0x10ffff));
	assert_false(gtd_unicode_is_upper(0x110000));

	assert_true(gtd_unicode_is_print(' '));
	assert_true(gtd_unicode_is_print('~'));
	assert_false(gtd_unicode_is_print(0));
	assert_false(gtd_unicode_is_print(0x7f));
	assert_false(gtd_unicode_is_print(0xa0));     /* no-break space: Zs */
	assert_true(gtd_unicode_is_print(0xa1));
	assert_false(gtd_unicode_is_print(0xad));     /* soft hyphen: Cf */
	assert_false(gtd_unicode_is_print(0x378));    /* unassigned */
	assert_false(gtd_unicode_is_print(0x3000));   /* ideographic space */
	assert_false(gtd_unicode_is_print(0xd800));   /* surrogate */
	assert_false(gtd_unicode_is_print(0xe000));   /* private use */
	assert_false(gtd_unicode_is_print(0xfeff));   /* BOM: Cf */
	assert_true(gtd_unicode_is_print(0xfffd));
	assert_true(gtd_unicode_is_print(0x1f600));
	assert_false(gtd_unicode_is_print(0x10ffff)); /* noncharacter */
	assert_false(gtd_unicode_is_print(0x110000));
}

static void test_strbuf(void **state)
{
	struct gtd_strbuf b = { 0 };
	(void)state;

	for (int i = 0; i < 1000; i++) {
		gtd_strbuf_putu(&b, (uint64_t)i);
		gtd_strbuf_putc(&b, ',');
	}
	gtd_strbuf_puts(&b, "end");
	assert_int_equal(strncmp(b.p, "0,1,2,3,", 8), 0);
	assert_int_equal(b.n, strlen(b.p));
	gtd_strbuf_reset(&b);
	gtd_strbuf_putu(&b, UINT64_MAX);
	assert_string_equal(b.p, "18446744073709551615");
	gtd_strbuf_reset(&b);
	/* The two JSON array shapes the raw layer writes. */
	gtd_strbuf_putc(&b, '[');
	gtd_strbuf_put_pair(&b, 0, 0, 7);
	gtd_strbuf_put_pair(&b, 1, 4294967295u, 10);
	gtd_strbuf_puts(&b, "],[");
	gtd_strbuf_put_items2(&b, 0, 5, 3);
	gtd_strbuf_put_items2(&b, 1, 0, UINT64_MAX);
	gtd_strbuf_putc(&b, ']');
	assert_string_equal(b.p, "[[0,7],[4294967295,10]],[5,3,0,18446744073709551615]");
	assert_false(b.oom);
	gtd_strbuf_free(&b);
}

static int by_key_then_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Keys over all four bytes (each pass must carry the order of the ones
 * before), many equal (ties keep their order: the values, given rising,
 * stay rising), and the lengths 0 and 1; then keys that differ in only
 * some bytes (the passes over the others are skipped, an odd number of
 * passes leaving the result in tmp until it is copied back). */
static void test_keysort(void **state)
{
	enum { N = 5000 };
	static uint64_t v[N], tmp[N], want[N];
	static const uint32_t masks[] = { 0xffffffffu, 0xffu, 0xff00u, 0xff00ffu, 0xffffffu, 0xff000000u };
	uint32_t x = 12345;
	(void)state;

	for (size_t m = 0; m < sizeof masks / sizeof *masks; m++)
		for (size_t n = 0; n <= N; n = n ? n * 5 : 1) {
			for (uint32_t i = 0; i < n; i++) {
				x = x * 1103515245u + 12345u;
				/* every fourth key from a set of 16 (ties), the rest
				 * anywhere: in the mask's bytes, the others 0x5a */
				uint32_t key = i % 4 ? x : (x >> 28) << 24 | 0x80;

				v[i] = want[i] = gtd_keysort_item((key & masks[m]) | (0x5a5a5a5au & ~masks[m]), i);
			}
			qsort(want, n, sizeof *want, by_key_then_value);
			gtd_keysort(v, tmp, n);
			assert_memory_equal(v, want, n * sizeof *v);
		}
	v[0] = gtd_keysort_item(0xffffffffu, 7);
	v[1] = gtd_keysort_item(0, 9);
	gtd_keysort(v, tmp, 2);
	assert_true(v[0] == gtd_keysort_item(0, 9) && v[1] == gtd_keysort_item(0xffffffffu, 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bmap_many_keys),
		cmocka_unit_test(test_bmap_remove_values_from),
		cmocka_unit_test(test_bmap_colliding_hashes),
		cmocka_unit_test(test_bmap_zero_hash),
		cmocka_unit_test(test_ptrmap),
		cmocka_unit_test(test_keysort),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_strbuf),
	};
	return cmocka_run_group_tests_name("base", tests, NULL, NULL) ? 1 : 0;
}
