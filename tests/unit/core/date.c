/* tests/unit/core/date.c: calendar dates (src/lib/core/date.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "resorb/date.h"
#include "resorb/error.h"

/* Parses a NUL-terminated string; returns the code, fills *out only on success. */
static int parse(const char *s, resorb_date *out)
{
    return resorb_date_parse(s, strlen(s), out);
}

static void assert_parses_to(const char *s, int y, int m, int d)
{
    resorb_date got = RESORB_DATE_NONE;
    if (parse(s, &got) != 0)
        fail_msg("\"%s\" was rejected", s);
    assert_int_equal(got, resorb_date_from_ymd(y, m, d));
}

static void assert_rejected(const char *s, size_t len)
{
    resorb_date got = 12345;
    if (resorb_date_parse(s, len, &got) != RESORB_EINVALID)
        fail_msg("\"%.*s\" (length %zu) was accepted", (int)len, s, len);
    assert_int_equal(got, 12345); /* the output is assigned only on success */
}

static void assert_text_rejected(const char *s)
{
    assert_rejected(s, strlen(s));
}

static void assert_formats_as(resorb_date date, const char *want)
{
    char out[RESORB_DATE_TEXT];
    memset(out, 'x', sizeof out);
    resorb_date_format(date, out);
    assert_string_equal(out, want);
}

static void test_date__epoch_is_day_zero(void **state)
{
    (void)state;
    int y, m, d;
    assert_int_equal(resorb_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(resorb_date_from_ymd(2000, 1, 1), 10957);
    assert_int_equal(resorb_date_from_ymd(1900, 1, 1), -25567);
    resorb_date_to_ymd(-1, &y, &m, &d);
    assert_int_equal(y, 1969);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
}

static void test_date__parses_real_dates(void **state)
{
    (void)state;
    assert_parses_to("2025-03-10", 2025, 3, 10);
    assert_parses_to("1970-01-01", 1970, 1, 1);
    assert_parses_to("2024-12-31", 2024, 12, 31);
    assert_parses_to("2025-04-30", 2025, 4, 30);
}

static void test_date__accepts_feb_29_in_leap_years(void **state)
{
    (void)state;
    assert_parses_to("2024-02-29", 2024, 2, 29);
    assert_parses_to("2000-02-29", 2000, 2, 29); /* divisible by 400 */
    assert_parses_to("2196-02-29", 2196, 2, 29);
}

static void test_date__rejects_feb_29_in_common_years(void **state)
{
    (void)state;
    assert_text_rejected("2023-02-29");
    assert_text_rejected("1900-02-29"); /* divisible by 100, not by 400 */
    assert_text_rejected("2100-02-29");
}

static void test_date__rejects_feb_30(void **state)
{
    (void)state;
    assert_text_rejected("2025-02-30");
    assert_text_rejected("2024-02-30");
}

static void test_date__rejects_day_31_in_30_day_months(void **state)
{
    (void)state;
    assert_text_rejected("2025-04-31");
    assert_text_rejected("2025-06-31");
    assert_text_rejected("2025-09-31");
    assert_text_rejected("2025-11-31");
    assert_parses_to("2025-12-31", 2025, 12, 31);
}

static void test_date__rejects_month_0_and_month_13(void **state)
{
    (void)state;
    assert_text_rejected("2025-13-01");
    assert_text_rejected("2025-00-10");
    assert_text_rejected("2025-99-10");
}

static void test_date__rejects_day_0_and_day_32(void **state)
{
    (void)state;
    assert_text_rejected("2025-01-00");
    assert_text_rejected("2025-01-32");
}

static void test_date__rejects_wrong_lengths(void **state)
{
    (void)state;
    assert_text_rejected("");
    assert_text_rejected("2025");
    assert_text_rejected("20250310");
    assert_text_rejected("2025-03-1");
    assert_text_rejected("2025-03-100");
    assert_text_rejected("02025-03-10");
}

static void test_date__rejects_unpadded_month_and_day(void **state)
{
    (void)state;
    assert_text_rejected("2025-3-1");
    assert_text_rejected("2025-3-01");
    assert_text_rejected("2025-03-1");
    assert_text_rejected("2025-3-1  "); /* right length, wrong shape */
    assert_text_rejected(" 2025-3-01");
}

static void test_date__rejects_trailing_garbage(void **state)
{
    (void)state;
    assert_text_rejected("2025-03-10x");
    assert_text_rejected("2025-03-10 ");
    assert_text_rejected("2025-03-10T00:00:00Z");
    assert_text_rejected("2025-03-10\n");
}

static void test_date__accepts_years_1900_to_2199_only(void **state)
{
    (void)state;
    assert_parses_to("1900-01-01", 1900, 1, 1);
    assert_parses_to("2199-12-31", 2199, 12, 31);
    assert_text_rejected("1899-12-31");
    assert_text_rejected("2200-01-01");
    assert_text_rejected("0000-01-01");
    assert_text_rejected("9999-12-31");
}

static void test_date__rejects_non_digits(void **state)
{
    (void)state;
    assert_text_rejected("2025-0a-10");
    assert_text_rejected("2025-03-1a");
    assert_text_rejected("abcd-03-10");
    assert_text_rejected("2025/03/10");
    assert_text_rejected("2025.03.10");
    assert_text_rejected("+025-03-10");
    assert_text_rejected("-025-03-10");
    assert_text_rejected("2025-+3-10");
    assert_text_rejected("2025--3-10");
    assert_text_rejected("2025-03- 1");
    assert_text_rejected("2 25-03-10");
    assert_text_rejected("2025-03-\xef\xbc");
}

static void test_date__rejects_embedded_nul_within_the_given_length(void **state)
{
    (void)state;
    static const char nul_in_day[10] = {'2', '0', '2', '5', '-', '0', '3', '-', '1', '\0'};
    static const char nul_for_dash[10] = {'2', '0', '2', '5', '-', '0', '3', '\0', '1', '0'};
    static const char nul_in_year[10] = {'2', '\0', '2', '5', '-', '0', '3', '-', '1', '0'};
    assert_rejected(nul_in_day, sizeof nul_in_day);
    assert_rejected(nul_for_dash, sizeof nul_for_dash);
    assert_rejected(nul_in_year, sizeof nul_in_year);
    assert_rejected("2025-03-10\0", 11); /* a trailing NUL counted in the length */
}

static void test_date__reads_only_the_given_length(void **state)
{
    (void)state;
    resorb_date got = RESORB_DATE_NONE;
    /* The bytes after len are not part of the input (a field inside a larger buffer). */
    assert_int_equal(resorb_date_parse("2025-03-10xyz", 10, &got), 0);
    assert_int_equal(got, resorb_date_from_ymd(2025, 3, 10));
    assert_rejected("2025-03-10", 9);
    assert_rejected("2025-03-10", 0);
}

static void test_date__ymd_round_trips_every_day_from_1900_to_2199(void **state)
{
    (void)state;
    resorb_date first = resorb_date_from_ymd(1900, 1, 1);
    resorb_date last = resorb_date_from_ymd(2199, 12, 31);
    int py = 1899, pm = 12, pd = 31;
    assert_int_equal(last - first + 1, 300 * 365 + 73); /* 73 leap days: not 1900, 2100 */
    for (resorb_date day = first; day <= last; day++) {
        int y, m, d;
        resorb_date_to_ymd(day, &y, &m, &d);
        if (resorb_date_from_ymd(y, m, d) != day)
            fail_msg("day %d -> %04d-%02d-%02d does not map back", (int)day, y, m, d);
        /* Consecutive days: the next day of the month, or the 1st of the next month. */
        int next_day = d == pd + 1 && m == pm && y == py;
        int next_month = d == 1 && ((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1));
        if (!next_day && !next_month)
            fail_msg("%04d-%02d-%02d follows %04d-%02d-%02d", y, m, d, py, pm, pd);
        py = y;
        pm = m;
        pd = d;
    }
    assert_int_equal(py, 2199);
    assert_int_equal(pm, 12);
    assert_int_equal(pd, 31);
}

static void test_date__format_then_parse_round_trips(void **state)
{
    (void)state;
    resorb_date first = resorb_date_from_ymd(1900, 1, 1);
    resorb_date last = resorb_date_from_ymd(2199, 12, 31);
    for (resorb_date day = first; day <= last; day += 7) {
        char text[RESORB_DATE_TEXT];
        resorb_date back = RESORB_DATE_NONE;
        resorb_date_format(day, text);
        assert_int_equal(strlen(text), RESORB_DATE_TEXT - 1);
        if (resorb_date_parse(text, strlen(text), &back) != 0 || back != day)
            fail_msg("day %d formats as \"%s\" which does not parse back", (int)day, text);
    }
}

static void test_date__format_writes_zero_padded_iso_text(void **state)
{
    (void)state;
    assert_formats_as(resorb_date_from_ymd(2025, 3, 1), "2025-03-01");
    assert_formats_as(resorb_date_from_ymd(1900, 1, 1), "1900-01-01");
    assert_formats_as(resorb_date_from_ymd(2199, 12, 31), "2199-12-31");
    assert_formats_as(0, "1970-01-01");
}

static void test_date__format_of_none_is_empty(void **state)
{
    (void)state;
    assert_formats_as(RESORB_DATE_NONE, "");
}

static void assert_add_months(int y, int m, int d, int months, int wy, int wm, int wd)
{
    resorb_date got = resorb_date_add_months(resorb_date_from_ymd(y, m, d), months);
    int gy, gm, gd;
    resorb_date_to_ymd(got, &gy, &gm, &gd);
    if (gy != wy || gm != wm || gd != wd)
        fail_msg("%04d-%02d-%02d %+d months = %04d-%02d-%02d, expected %04d-%02d-%02d", y, m, d,
                 months, gy, gm, gd, wy, wm, wd);
}

static void test_date__add_months_keeps_the_day_of_month(void **state)
{
    (void)state;
    assert_add_months(2025, 3, 10, 0, 2025, 3, 10);
    assert_add_months(2025, 3, 10, 1, 2025, 4, 10);
    assert_add_months(2025, 3, 10, 6, 2025, 9, 10);
}

static void test_date__add_months_clamps_jan_31_to_end_of_february(void **state)
{
    (void)state;
    assert_add_months(2025, 1, 31, 1, 2025, 2, 28);
    assert_add_months(2024, 1, 31, 1, 2024, 2, 29);
    assert_add_months(2000, 1, 31, 1, 2000, 2, 29);
    assert_add_months(2100, 1, 31, 1, 2100, 2, 28);
    assert_add_months(2025, 3, 31, 1, 2025, 4, 30);
}

static void test_date__add_months_goes_back_with_negative_months(void **state)
{
    (void)state;
    assert_add_months(2025, 3, 31, -1, 2025, 2, 28);
    assert_add_months(2024, 3, 31, -1, 2024, 2, 29);
    assert_add_months(2025, 5, 15, -3, 2025, 2, 15);
    assert_add_months(2025, 7, 31, -2, 2025, 5, 31);
}

static void test_date__add_months_wraps_across_years(void **state)
{
    (void)state;
    assert_add_months(2024, 11, 30, 3, 2025, 2, 28);
    assert_add_months(2025, 12, 15, 1, 2026, 1, 15);
    assert_add_months(2025, 1, 15, -1, 2024, 12, 15);
    assert_add_months(2025, 1, 15, -13, 2023, 12, 15);
    assert_add_months(2025, 6, 1, 24, 2027, 6, 1);
    assert_add_months(2024, 2, 29, 12, 2025, 2, 28);
    assert_add_months(2024, 2, 29, -48, 2020, 2, 29);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date__epoch_is_day_zero),
        cmocka_unit_test(test_date__parses_real_dates),
        cmocka_unit_test(test_date__accepts_feb_29_in_leap_years),
        cmocka_unit_test(test_date__rejects_feb_29_in_common_years),
        cmocka_unit_test(test_date__rejects_feb_30),
        cmocka_unit_test(test_date__rejects_day_31_in_30_day_months),
        cmocka_unit_test(test_date__rejects_month_0_and_month_13),
        cmocka_unit_test(test_date__rejects_day_0_and_day_32),
        cmocka_unit_test(test_date__rejects_wrong_lengths),
        cmocka_unit_test(test_date__rejects_unpadded_month_and_day),
        cmocka_unit_test(test_date__rejects_trailing_garbage),
        cmocka_unit_test(test_date__accepts_years_1900_to_2199_only),
        cmocka_unit_test(test_date__rejects_non_digits),
        cmocka_unit_test(test_date__rejects_embedded_nul_within_the_given_length),
        cmocka_unit_test(test_date__reads_only_the_given_length),
        cmocka_unit_test(test_date__ymd_round_trips_every_day_from_1900_to_2199),
        cmocka_unit_test(test_date__format_then_parse_round_trips),
        cmocka_unit_test(test_date__format_writes_zero_padded_iso_text),
        cmocka_unit_test(test_date__format_of_none_is_empty),
        cmocka_unit_test(test_date__add_months_keeps_the_day_of_month),
        cmocka_unit_test(test_date__add_months_clamps_jan_31_to_end_of_february),
        cmocka_unit_test(test_date__add_months_goes_back_with_negative_months),
        cmocka_unit_test(test_date__add_months_wraps_across_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
