/* The bounded reader: every read checks bounds and names the offset. */
#include <string.h>

#include "gotypedb/cursor.h"
#include "testlib.h"

static void test_uvarint_values(void **state)
{
	/* encoding/binary.PutUvarint outputs */
	static const struct { uint8_t b[10]; size_t n; uint64_t v; } cases[] = {
		{ { 0x00 }, 1, 0 },
		{ { 0x7f }, 1, 127 },
		{ { 0x80, 0x01 }, 2, 128 },
		{ { 0xac, 0x02 }, 2, 300 },
		{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, 10, UINT64_MAX },
	};
	struct gtd_error err;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gtd_cursor c;
		uint64_t v;

		gtd_cursor_init(&c, cases[i].b, cases[i].n, 0, &err);
		assert_int_equal(gtd_cursor_uvarint(&c, &v), GTD_OK);
		assert_true(v == cases[i].v);
		assert_int_equal(c.pos, cases[i].n);
	}
}

static void test_uvarint_overflow_and_truncation(void **state)
{
	static const uint8_t overflow[10] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02 };
	static const uint8_t eleven[11] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 };
	static const uint8_t truncated[2] = { 0x80, 0x80 };
	struct gtd_error err;
	struct gtd_cursor c;
	uint64_t v;
	(void)state;

	gtd_cursor_init(&c, overflow, sizeof overflow, 0x100, &err);
	assert_int_equal(gtd_cursor_uvarint(&c, &v), GTD_EDATA);
	assert_non_null(strstr(err.msg, "offset 0x100: varint overflows 64 bits"));
	assert_int_equal(c.pos, 0);

	gtd_cursor_init(&c, eleven, sizeof eleven, 0, &err);
	assert_int_equal(gtd_cursor_uvarint(&c, &v), GTD_EDATA);

	gtd_cursor_init(&c, truncated, sizeof truncated, 0x20, &err);
	assert_int_equal(gtd_cursor_uvarint(&c, &v), GTD_EDATA);
	assert_non_null(strstr(err.msg, "offset 0x20: varint runs past the end"));
}

/* The inline short path (gtd_cursor_peek_short_uvarint, used by
 * gtd_cursor_uvarint and the element reader) agrees with the full reader on
 * every two-byte input and every one-byte input: same result, value and
 * position; and peeking consumes nothing. */
static void test_short_uvarint_matches_full_reader(void **state)
{
	struct gtd_error err;
	(void)state;

	for (unsigned n = 1; n <= 2; n++)
		for (unsigned x = 0; x < (n == 1 ? 256u : 65536u); x++) {
			uint8_t b[2] = { (uint8_t)(x & 0xff), (uint8_t)(x >> 8) };
			struct gtd_cursor fast, full;
			uint64_t vf = 0, vs = 0;
			uint32_t peeked;
			unsigned len;
			int rf, rs;

			gtd_cursor_init(&fast, b, n, 0, &err);
			gtd_cursor_init(&full, b, n, 0, &err);
			len = gtd_cursor_peek_short_uvarint(&fast, &peeked);
			assert_int_equal(fast.pos, 0);
			rf = gtd_cursor_uvarint(&fast, &vf);
			rs = gtd_cursor_uvarint_slow(&full, &vs);
			assert_int_equal(rf, rs);
			assert_int_equal(fast.pos, full.pos);
			if (rs == GTD_OK)
				assert_true(vf == vs);
			if (len) {
				assert_int_equal(rs, GTD_OK);
				assert_int_equal(len, full.pos);
				assert_true(peeked == vs);
			}
		}
}

static void test_varint_zigzag(void **state)
{
	/* binary.PutVarint: 0->0, -1->1, 1->2, -2->3, min int64 -> all ones */
	static const struct { uint8_t b[10]; size_t n; int64_t v; } cases[] = {
		{ { 0x00 }, 1, 0 },
		{ { 0x01 }, 1, -1 },
		{ { 0x02 }, 1, 1 },
		{ { 0x03 }, 1, -2 },
		{ { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, 10, INT64_MIN },
		{ { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, 10, INT64_MAX },
	};
	struct gtd_error err;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gtd_cursor c;
		int64_t v;

		gtd_cursor_init(&c, cases[i].b, cases[i].n, 0, &err);
		assert_int_equal(gtd_cursor_varint(&c, &v), GTD_OK);
		assert_true(v == cases[i].v);
	}
}

static void test_fixed_width(void **state)
{
	static const uint8_t b[8] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
	struct gtd_error err;
	struct gtd_cursor c;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	(void)state;

	gtd_cursor_init(&c, b, sizeof b, 0, &err);
	assert_int_equal(gtd_cursor_u32le(&c, &u32), GTD_OK);
	assert_int_equal(u32, 0x04030201);
	assert_int_equal(gtd_cursor_u16be(&c, &u16), GTD_OK);
	assert_int_equal(u16, 0x0506);
	assert_int_equal(gtd_cursor_u16le(&c, &u16), GTD_OK);
	assert_int_equal(u16, 0x0807);
	assert_int_equal(gtd_cursor_u8(&c, (uint8_t *)&u16), GTD_EDATA);

	gtd_cursor_init(&c, b, sizeof b, 0, &err);
	assert_int_equal(gtd_cursor_u64be(&c, &u64), GTD_OK);
	assert_true(u64 == 0x0102030405060708ull);
	gtd_cursor_init(&c, b, sizeof b, 0, &err);
	assert_int_equal(gtd_cursor_u64le(&c, &u64), GTD_OK);
	assert_true(u64 == 0x0807060504030201ull);
	gtd_cursor_init(&c, b, sizeof b, 0, &err);
	assert_int_equal(gtd_cursor_u32be(&c, &u32), GTD_OK);
	assert_int_equal(u32, 0x01020304);
}

static void test_short_read_names_offset(void **state)
{
	static const uint8_t b[3] = { 1, 2, 3 };
	struct gtd_error err;
	struct gtd_cursor c;
	uint32_t v = 0xdead;
	(void)state;

	gtd_cursor_init(&c, b, sizeof b, 0x1000, &err);
	assert_int_equal(gtd_cursor_skip(&c, 1), GTD_OK);
	assert_int_equal(gtd_cursor_u32le(&c, &v), GTD_EDATA);
	assert_int_equal(v, 0xdead); /* untouched on failure */
	assert_int_equal(c.pos, 1);
	assert_string_equal(err.msg, "offset 0x1001: unexpected end of data (need 4 bytes, 2 left)");
}

static void test_sub_views(void **state)
{
	static const uint8_t b[10] = { 0 };
	struct gtd_error err;
	struct gtd_cursor c, sub;
	(void)state;

	gtd_cursor_init(&c, b, sizeof b, 100, &err);
	assert_int_equal(gtd_cursor_sub(&c, 4, 6, &sub), GTD_OK);
	assert_int_equal(sub.len, 6);
	assert_int_equal(sub.base, 104);
	assert_int_equal(gtd_cursor_sub(&c, 4, 7, &sub), GTD_EDATA);
	assert_int_equal(gtd_cursor_sub(&c, 11, 0, &sub), GTD_EDATA);
	assert_int_equal(gtd_cursor_sub(&c, SIZE_MAX, 2, &sub), GTD_EDATA);
	assert_int_equal(gtd_cursor_seek(&c, 10), GTD_OK);
	assert_int_equal(gtd_cursor_seek(&c, 11), GTD_EDATA);
}

static void test_error_context_chain(void **state)
{
	struct gtd_error err;
	(void)state;

	gtd_fail(&err, GTD_EDATA, "offset 0x10: bad");
	assert_int_equal(gtd_context(&err, "Type %u", 12), GTD_EDATA);
	gtd_context(&err, "__.PKGDEF");
	assert_string_equal(err.msg, "__.PKGDEF: Type 12: offset 0x10: bad");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uvarint_values),
		cmocka_unit_test(test_uvarint_overflow_and_truncation),
		cmocka_unit_test(test_short_uvarint_matches_full_reader),
		cmocka_unit_test(test_varint_zigzag),
		cmocka_unit_test(test_fixed_width),
		cmocka_unit_test(test_short_read_names_offset),
		cmocka_unit_test(test_sub_views),
		cmocka_unit_test(test_error_context_chain),
	};
	return cmocka_run_group_tests_name("cursor", tests, NULL, NULL) ? 1 : 0;
}
