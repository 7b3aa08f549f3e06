/* Dates as clerks type them and as PostgreSQL computes with them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/date.h"

static struct dj_date D(int y, int m, int d) {
    return (struct dj_date){y, m, d};
}

static void
assert_date(struct dj_date got, int y, int m, int d)
{
    if (got.y != y || got.m != m || got.d != d)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d, y, m, d);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static void leap_years(void **state)
{
    (void)state;
    assert_true(dj_date_is_leap(2000));
    assert_true(dj_date_is_leap(2024));
    assert_false(dj_date_is_leap(1900));
    assert_false(dj_date_is_leap(2100));
    assert_false(dj_date_is_leap(2023));
    assert_int_equal(dj_date_days_in_month(2024, 2), 29);
    assert_int_equal(dj_date_days_in_month(2023, 2), 28);
    assert_int_equal(dj_date_days_in_month(1900, 2), 28);
    assert_int_equal(dj_date_days_in_month(2023, 4), 30);
    assert_int_equal(dj_date_days_in_month(2023, 12), 31);
    assert_int_equal(dj_date_days_in_month(2023, 0), 0);
    assert_int_equal(dj_date_days_in_month(2023, 13), 0);
}

static void validity(void **state)
{
    (void)state;
    assert_true(dj_date_valid(D(2024, 2, 29)));
    assert_false(dj_date_valid(D(2023, 2, 29)));
    assert_false(dj_date_valid(D(2023, 4, 31)));
    assert_false(dj_date_valid(D(2023, 1, 0)));
    assert_false(dj_date_valid(D(0, 1, 1)));
    assert_false(dj_date_valid(D(10000, 1, 1)));
    assert_true(dj_date_valid(D(1, 1, 1)));
}

static void parse_accepts_the_three_shapes(void **state)
{
    (void)state;
    struct dj_date d;
    char msg[256];
    assert_int_equal(dj_date_parse("入党日期", "2021-07-01", &d, msg, sizeof msg), 0);
    assert_date(d, 2021, 7, 1);
    assert_int_equal(dj_date_parse("入党日期", "20210701", &d, msg, sizeof msg), 0);
    assert_date(d, 2021, 7, 1);
    assert_int_equal(dj_date_parse("入党日期", "2021.07.01", &d, msg, sizeof msg), 0);
    assert_date(d, 2021, 7, 1);
    assert_int_equal(dj_date_parse("入党日期", "2021-7-1", &d, msg, sizeof msg), 0);
    assert_date(d, 2021, 7, 1);
    assert_int_equal(dj_date_parse("入党日期", "2021/7/1", &d, msg, sizeof msg), 0);
    assert_date(d, 2021, 7, 1);
    assert_int_equal(dj_date_parse("入党日期", "  2024-02-29 ", &d, msg, sizeof msg), 0);
    assert_date(d, 2024, 2, 29);
}

static void parse_refuses_bad_shapes(void **state)
{
    (void)state;
    const char *bad[] = {
        "",          "2021-07",     "21-07-01", "2021-07/01",   "2021-007-01", "202107011",
        "2021071",   "2021-07-01x", "abc",      "2021年7月1日", "2021--07-01", "-2021-07-01",
        "2021 07 01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct dj_date d = {7, 7, 7};
        char msg[256] = "";
        if (dj_date_parse("入党日期", bad[i], &d, msg, sizeof msg) != -1)
            fail_msg("\"%s\" was accepted", bad[i]);
        assert_contains(msg, "「入党日期」应写成 YYYY-MM-DD");
        assert_date(d, 7, 7, 7); /* untouched on failure */
    }
    struct dj_date d;
    assert_int_equal(dj_date_parse(NULL, NULL, &d, NULL, 0), -1);
    char msg[256];
    assert_int_equal(dj_date_parse(NULL, "x", &d, msg, sizeof msg), -1);
    assert_contains(msg, "「日期」");
}

static void parse_refuses_dates_that_do_not_exist(void **state)
{
    (void)state;
    struct dj_date d;
    char msg[256];
    assert_int_equal(dj_date_parse("出生日期", "2023-02-29", &d, msg, sizeof msg), -1);
    assert_contains(msg, "「出生日期」2023-02-29 不存在");
    assert_contains(msg, "2023年2月只有28天");
    assert_int_equal(dj_date_parse("出生日期", "19000229", &d, msg, sizeof msg), -1);
    assert_contains(msg, "1900年2月只有28天");
    assert_int_equal(dj_date_parse("出生日期", "2023-04-31", &d, msg, sizeof msg), -1);
    assert_contains(msg, "只有30天");
    assert_int_equal(dj_date_parse("出生日期", "2023-13-01", &d, msg, sizeof msg), -1);
    assert_contains(msg, "月份");
    assert_int_equal(dj_date_parse("出生日期", "2023.00.10", &d, msg, sizeof msg), -1);
    assert_contains(msg, "月份");
    assert_int_equal(dj_date_parse("出生日期", "20230100", &d, msg, sizeof msg), -1);
    assert_int_equal(dj_date_parse("出生日期", "0000-01-01", &d, msg, sizeof msg), -1);
    assert_contains(msg, "年份");
}

static void format_and_compare(void **state)
{
    (void)state;
    char buf[DJ_DATE_STRLEN];
    assert_string_equal(dj_date_format(D(2021, 7, 1), buf), "2021-07-01");
    assert_string_equal(dj_date_format(D(5, 1, 9), buf), "0005-01-09");
    assert_true(dj_date_cmp(D(2021, 7, 1), D(2021, 7, 2)) < 0);
    assert_true(dj_date_cmp(D(2021, 8, 1), D(2021, 7, 31)) > 0);
    assert_true(dj_date_cmp(D(2020, 12, 31), D(2021, 1, 1)) < 0);
    assert_int_equal(dj_date_cmp(D(2021, 7, 1), D(2021, 7, 1)), 0);
}

/* Expected values are what PostgreSQL 15 returns for date + interval. */
static void add_months_clamps_like_postgresql(void **state)
{
    (void)state;
    assert_date(dj_date_add_months(D(2021, 1, 31), 1), 2021, 2, 28);
    assert_date(dj_date_add_months(D(2020, 1, 31), 1), 2020, 2, 29);
    assert_date(dj_date_add_months(D(2021, 3, 31), 1), 2021, 4, 30);
    assert_date(dj_date_add_months(D(2021, 12, 31), 1), 2022, 1, 31);
    assert_date(dj_date_add_months(D(2021, 3, 31), -1), 2021, 2, 28);
    assert_date(dj_date_add_months(D(2021, 1, 15), -1), 2020, 12, 15);
    assert_date(dj_date_add_months(D(2021, 1, 15), -13), 2019, 12, 15);
    assert_date(dj_date_add_months(D(2021, 5, 10), 0), 2021, 5, 10);
    assert_date(dj_date_add_months(D(2021, 5, 10), 6), 2021, 11, 10);
    assert_date(dj_date_add_months(D(2021, 8, 31), 6), 2022, 2, 28);
    /* Clamping is not undone by a second step. */
    assert_date(dj_date_add_months(dj_date_add_months(D(2021, 1, 31), 1), 1), 2021, 3, 28);
}

static void add_years_from_february_29(void **state)
{
    (void)state;
    assert_date(dj_date_add_years(D(2020, 2, 29), 1), 2021, 2, 28);
    assert_date(dj_date_add_years(D(2020, 2, 29), 4), 2024, 2, 29);
    assert_date(dj_date_add_years(D(2020, 2, 29), -1), 2019, 2, 28);
    assert_date(dj_date_add_years(D(2096, 2, 29), 4), 2100, 2, 28);
    assert_date(dj_date_add_years(D(2021, 7, 1), 1), 2022, 7, 1);
}

static void add_days_walks_the_calendar(void **state)
{
    (void)state;
    assert_date(dj_date_add_days(D(2020, 2, 28), 1), 2020, 2, 29);
    assert_date(dj_date_add_days(D(2020, 2, 28), 2), 2020, 3, 1);
    assert_date(dj_date_add_days(D(2021, 2, 28), 1), 2021, 3, 1);
    assert_date(dj_date_add_days(D(2021, 12, 31), 1), 2022, 1, 1);
    assert_date(dj_date_add_days(D(2021, 1, 1), -1), 2020, 12, 31);
    assert_date(dj_date_add_days(D(2021, 7, 1), 10), 2021, 7, 11);
    assert_int_equal(dj_date_diff_days(D(2020, 1, 1), D(2021, 1, 1)), 366);
    assert_int_equal(dj_date_diff_days(D(2021, 1, 1), D(2020, 1, 1)), -366);
    assert_int_equal(dj_date_diff_days(D(1900, 1, 1), D(2000, 1, 1)), 36524);
    assert_int_equal(dj_date_diff_days(D(1970, 1, 1), D(1970, 1, 1)), 0);

    /* Day by day from 1899 to 2101 against a plain walk through the months. */
    struct dj_date walk = D(1899, 1, 1), start = walk;
    for (long n = 0; n < 74000; n++) {
        struct dj_date got = dj_date_add_days(start, n);
        assert_date(got, walk.y, walk.m, walk.d);
        assert_int_equal(dj_date_diff_days(start, got), n);
        if (++walk.d > dj_date_days_in_month(walk.y, walk.m)) {
            walk.d = 1;
            if (++walk.m > 12) {
                walk.m = 1;
                walk.y++;
            }
        }
    }
}

static void age_in_full_years(void **state)
{
    (void)state;
    assert_int_equal(dj_date_age(D(2000, 6, 15), D(2018, 6, 14)), 17);
    assert_int_equal(dj_date_age(D(2000, 6, 15), D(2018, 6, 15)), 18);
    assert_int_equal(dj_date_age(D(2000, 6, 15), D(2018, 12, 31)), 18);
    assert_int_equal(dj_date_age(D(2000, 6, 15), D(2000, 6, 15)), 0);
    /* Born 29 February: 18 on 28 February of a common year, the day
     * birth + interval '18 years' gives in PostgreSQL. */
    assert_int_equal(dj_date_age(D(2004, 2, 29), D(2022, 2, 27)), 17);
    assert_int_equal(dj_date_age(D(2004, 2, 29), D(2022, 2, 28)), 18);
    assert_int_equal(dj_date_age(D(2004, 2, 29), D(2024, 2, 28)), 19);
    assert_int_equal(dj_date_age(D(2004, 2, 29), D(2024, 2, 29)), 20);
    assert_true(dj_date_age(D(2000, 6, 15), D(1999, 6, 15)) < 0);
}

static void today_is_a_real_date(void **state)
{
    (void)state;
    struct dj_date t = dj_date_today();
    assert_true(dj_date_valid(t));
    assert_true(dj_date_cmp(t, D(2024, 1, 1)) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(leap_years),
        cmocka_unit_test(validity),
        cmocka_unit_test(parse_accepts_the_three_shapes),
        cmocka_unit_test(parse_refuses_bad_shapes),
        cmocka_unit_test(parse_refuses_dates_that_do_not_exist),
        cmocka_unit_test(format_and_compare),
        cmocka_unit_test(add_months_clamps_like_postgresql),
        cmocka_unit_test(add_years_from_february_29),
        cmocka_unit_test(add_days_walks_the_calendar),
        cmocka_unit_test(age_in_full_years),
        cmocka_unit_test(today_is_a_real_date),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
