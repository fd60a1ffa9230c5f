/* tests/unit/core/text.c: bounded output buffers and resorb_strlcpy (src/lib/core/text.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/text.h"

static void test_text__buf_collects_output(void **state)
{
    (void)state;
    char data[32];
    resorb_buf b;
    resorb_buf_init(&b, data, sizeof data);
    assert_string_equal(data, "");
    assert_int_equal(resorb_buf_len(&b), 0);
    resorb_buf_puts(&b, "abc");
    resorb_buf_putc(&b, '-');
    resorb_buf_put(&b, "xyzzy", 2);
    assert_string_equal(data, "abc-xy");
    assert_int_equal(resorb_buf_len(&b), 6);
}

static void test_text__buf_truncates_and_returns_needed_length(void **state)
{
    (void)state;
    char data[8];
    resorb_buf b;
    resorb_buf_init(&b, data, 5);
    memset(data + 5, '#', 3);
    resorb_buf_puts(&b, "hello, ");
    resorb_buf_puts(&b, "world");
    resorb_buf_putc(&b, '!');
    assert_int_equal(resorb_buf_len(&b), 13);
    assert_string_equal(data, "hell");
    assert_memory_equal(data + 5, "###", 3); /* nothing past the capacity */
}

static void test_text__buf_is_always_nul_terminated(void **state)
{
    (void)state;
    char data[4];
    resorb_buf b;
    for (size_t cap = 1; cap <= sizeof data; cap++) {
        memset(data, '#', sizeof data);
        resorb_buf_init(&b, data, cap);
        assert_int_equal(data[0], '\0');
        for (int i = 0; i < 6; i++) {
            resorb_buf_putc(&b, 'x');
            if (!memchr(data, '\0', cap))
                fail_msg("cap %zu: no NUL after %d characters", cap, i + 1);
        }
        assert_int_equal(strlen(data), cap - 1);
        assert_int_equal(resorb_buf_len(&b), 6);
    }
}

static void test_text__buf_without_storage_only_counts(void **state)
{
    (void)state;
    resorb_buf b;
    resorb_buf_init(&b, NULL, 100);
    resorb_buf_puts(&b, "abc");
    resorb_buf_printf(&b, "%d", 12345);
    assert_int_equal(resorb_buf_len(&b), 8);

    char one = '#';
    resorb_buf_init(&b, &one, 0);
    resorb_buf_puts(&b, "abc");
    assert_int_equal(one, '#');
    assert_int_equal(resorb_buf_len(&b), 3);
}

static void test_text__buf_printf_formats(void **state)
{
    (void)state;
    char data[64];
    resorb_buf b;
    resorb_buf_init(&b, data, sizeof data);
    resorb_buf_puts(&b, "at ");
    resorb_buf_printf(&b, "%d:%d %s %.1f%%", 3, 14, "line", 12.5);
    assert_string_equal(data, "at 3:14 line 12.5%");
    assert_int_equal(resorb_buf_len(&b), strlen(data));
}

static void test_text__buf_printf_truncates_and_returns_needed_length(void **state)
{
    (void)state;
    char data[6];
    resorb_buf b;
    resorb_buf_init(&b, data, sizeof data);
    resorb_buf_printf(&b, "%s=%d", "value", 123456);
    assert_string_equal(data, "value");
    assert_int_equal(resorb_buf_len(&b), strlen("value=123456"));
}

static void test_text__buf_printf_counts_long_output_in_full(void **state)
{
    (void)state;
    char longtext[601];
    memset(longtext, 'y', 600);
    longtext[600] = '\0';
    char data[1024];
    resorb_buf b;
    resorb_buf_init(&b, data, sizeof data);
    resorb_buf_printf(&b, "<%s>", longtext);
    assert_int_equal(resorb_buf_len(&b), 602);
    assert_int_equal(strlen(data), 602);
    assert_int_equal(data[601], '>');
}

static void test_text__strlcpy_copies_short_strings(void **state)
{
    (void)state;
    char dst[8];
    resorb_strlcpy(dst, "abc", sizeof dst);
    assert_string_equal(dst, "abc");
    resorb_strlcpy(dst, "", sizeof dst);
    assert_string_equal(dst, "");
    resorb_strlcpy(dst, "1234567", sizeof dst); /* exactly fits */
    assert_string_equal(dst, "1234567");
}

static void test_text__strlcpy_truncates_and_terminates(void **state)
{
    (void)state;
    char dst[8];
    memset(dst, '#', sizeof dst);
    resorb_strlcpy(dst, "123456789", 5);
    assert_string_equal(dst, "1234");
    assert_memory_equal(dst + 5, "###", 3);
    resorb_strlcpy(dst, "abc", 1);
    assert_string_equal(dst, "");
}

static void test_text__strlcpy_with_zero_size_writes_nothing(void **state)
{
    (void)state;
    char dst[4] = "old";
    resorb_strlcpy(dst, "new", 0);
    assert_string_equal(dst, "old");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text__buf_collects_output),
        cmocka_unit_test(test_text__buf_truncates_and_returns_needed_length),
        cmocka_unit_test(test_text__buf_is_always_nul_terminated),
        cmocka_unit_test(test_text__buf_without_storage_only_counts),
        cmocka_unit_test(test_text__buf_printf_formats),
        cmocka_unit_test(test_text__buf_printf_truncates_and_returns_needed_length),
        cmocka_unit_test(test_text__buf_printf_counts_long_output_in_full),
        cmocka_unit_test(test_text__strlcpy_copies_short_strings),
        cmocka_unit_test(test_text__strlcpy_truncates_and_terminates),
        cmocka_unit_test(test_text__strlcpy_with_zero_size_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
