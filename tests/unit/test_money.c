/* Money in fen: yuan text in, integer fen out, and back. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/money.h"

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static int64_t parse_ok(const char *s)
{
    int64_t fen = -12345;
    char msg[256] = "";
    if (dj_money_parse("党费", s, &fen, msg, sizeof msg) != 0)
        fail_msg("\"%s\" was refused: %s", s, msg);
    return fen;
}

/* Parses s, expects a refusal whose message contains want; fen must stay untouched. */
static void parse_bad(const char *s, const char *want)
{
    int64_t fen = -12345;
    char msg[256] = "";
    if (dj_money_parse("党费", s, &fen, msg, sizeof msg) != -1)
        fail_msg("\"%s\" was accepted as %lld fen", s, (long long)fen);
    assert_int_equal(fen, -12345);
    assert_contains(msg, "「党费」");
    assert_contains(msg, want);
}

static void yuan_to_fen(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("12.34"), 1234);
    assert_int_equal(parse_ok("12"), 1200);
    assert_int_equal(parse_ok("0.5"), 50);
    assert_int_equal(parse_ok(".5"), 50);
    assert_int_equal(parse_ok("12."), 1200);
    assert_int_equal(parse_ok("0"), 0);
    assert_int_equal(parse_ok("0.05"), 5);
    assert_int_equal(parse_ok("0.2"), 20); /* students' monthly dues */
    assert_int_equal(parse_ok(" 3.00 "), 300);
    assert_int_equal(parse_ok("007.10"), 710);
    assert_int_equal(parse_ok("10000"), 1000000);
}

static void refusals_say_why(void **state)
{
    (void)state;
    parse_bad("12.345", "最多填写两位小数");
    parse_bad("0.001", "最多填写两位小数");
    parse_bad("-1", "不能为负数");
    parse_bad(" -0.50", "不能为负数");
    parse_bad("", "不能为空");
    parse_bad("   ", "不能为空");
    parse_bad("1,234.00", "应填写以元为单位的数字");
    parse_bad("12元", "不要带单位");
    parse_bad("abc", "应填写以元为单位的数字");
    parse_bad(".", "应填写以元为单位的数字");
    parse_bad("1.2.3", "应填写以元为单位的数字");
    parse_bad("+5", "应填写以元为单位的数字");
    parse_bad("1e3", "应填写以元为单位的数字");
    parse_bad("12 34", "应填写以元为单位的数字");
    parse_bad("１２", "应填写以元为单位的数字"); /* full-width digits */

    int64_t fen;
    char msg[256];
    assert_int_equal(dj_money_parse(NULL, "x", &fen, msg, sizeof msg), -1);
    assert_contains(msg, "「金额」");
    assert_int_equal(dj_money_parse(NULL, NULL, &fen, NULL, 0), -1);
}

static void overflow_is_refused(void **state)
{
    (void)state;
    assert_int_equal(parse_ok("92233720368547758.07"), INT64_MAX);
    assert_int_equal(parse_ok("92233720368547758"), INT64_MAX - 7);
    parse_bad("92233720368547758.08", "数额太大");
    parse_bad("92233720368547759", "数额太大");
    parse_bad("922337203685477580", "数额太大");
    parse_bad("99999999999999999999999999", "数额太大");
}

static void fen_to_yuan(void **state)
{
    (void)state;
    char buf[DJ_MONEY_STRLEN];
    assert_string_equal(dj_money_format(1234, buf), "12.34");
    assert_string_equal(dj_money_format(5, buf), "0.05");
    assert_string_equal(dj_money_format(50, buf), "0.50");
    assert_string_equal(dj_money_format(0, buf), "0.00");
    assert_string_equal(dj_money_format(100, buf), "1.00");
    assert_string_equal(dj_money_format(-150, buf), "-1.50");
    assert_string_equal(dj_money_format(-5, buf), "-0.05");
    assert_string_equal(dj_money_format(INT64_MAX, buf), "92233720368547758.07");
    assert_string_equal(dj_money_format(INT64_MIN, buf), "-92233720368547758.08");
}

static void format_then_parse_round_trips(void **state)
{
    (void)state;
    char buf[DJ_MONEY_STRLEN];
    for (int64_t fen = 0; fen < 100000; fen += 7)
        assert_int_equal(parse_ok(dj_money_format(fen, buf)), fen);
    assert_int_equal(parse_ok(dj_money_format(INT64_MAX, buf)), INT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yuan_to_fen),
        cmocka_unit_test(refusals_say_why),
        cmocka_unit_test(overflow_is_refused),
        cmocka_unit_test(fen_to_yuan),
        cmocka_unit_test(format_then_parse_round_trips),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
