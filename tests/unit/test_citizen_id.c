/* GB 11643 citizen ID numbers, good and bad, with real-shaped numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/citizen_id.h"
#include "model/province.h"

static const struct dj_date today = {2024, 6, 1};

/* The check character computed the other way GB 11643 states it (ISO 7064
 * MOD 11-2: weight of position i is 2^(17-i) mod 11, check = (12 - sum) mod 11),
 * so the validator's table is tested against an independent formula. */
static char reference_check(const char *first17)
{
    int sum = 0, w = 1;
    for (int i = 16; i >= 0; i--) {
        w = (w * 2) % 11;
        sum += (first17[i] - '0') * w;
    }
    int c = (12 - sum % 11) % 11;
    return c == 10 ? 'X' : (char)('0' + c);
}

/* A valid 18-character number from its first 17 digits. */
static const char *make_id(const char *first17)
{
    static char buf[19];
    assert_int_equal(strlen(first17), 17);
    memcpy(buf, first17, 17);
    buf[17] = reference_check(first17);
    buf[18] = '\0';
    return buf;
}

static enum dj_id_result check(const char *s, struct dj_id *id, char *msg)
{
    return dj_id_check(s, today, id, msg, DJ_ID_MSGLEN);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static void known_samples_are_valid(void **state)
{
    (void)state;
    /* 11010519491231002X is the example printed in GB 11643 itself. */
    assert_int_equal(dj_id_check_char("11010519491231002"), 'X');
    assert_int_equal(reference_check("11010519491231002"), 'X');
    /* The same person registered in Shanghai (310105) gets 7, not X: the sum
     * grows by 2*7 = 14, and 181 mod 11 = 5 gives '7'. */
    assert_int_equal(dj_id_check_char("31010519491231002"), '7');
    assert_int_equal(reference_check("31010519491231002"), '7');

    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("11010519491231002X", &id, msg), DJ_ID_OK);
    assert_string_equal(id.number, "11010519491231002X");
    assert_int_equal(id.birth.y, 1949);
    assert_int_equal(id.birth.m, 12);
    assert_int_equal(id.birth.d, 31);
    assert_int_equal(id.sex, 2); /* 17th digit 2: even, female */
    assert_int_equal(id.province, 11);
    assert_string_equal(id.area, "110105");
    assert_string_equal(dj_province_find(id.province)->shortname, "北京");
    assert_true(dj_id_accepted(DJ_ID_OK));

    assert_int_equal(check("310105194912310027", &id, msg), DJ_ID_OK);
    assert_int_equal(id.province, 31);
    assert_string_equal(id.area, "310105");
    assert_int_equal(check("31010519491231002X", &id, msg), DJ_ID_BAD_CHECK);
    assert_contains(msg, "应为「7」");
}

static void check_char_agrees_with_the_standard_formula(void **state)
{
    (void)state;
    /* Every sequence number under one prefix reaches all 11 check characters. */
    int seen[11] = {0};
    char first17[18];
    for (int seq = 0; seq < 1000; seq++) {
        snprintf(first17, sizeof first17, "44030619900307%03u", (unsigned)seq % 1000u);
        char c = dj_id_check_char(first17);
        assert_int_equal(c, reference_check(first17));
        seen[c == 'X' ? 10 : c - '0']++;
    }
    for (int i = 0; i < 11; i++)
        assert_true(seen[i] > 0);
    assert_int_equal(dj_id_check_char("4403061990030700"), '\0'); /* 16 digits */
    assert_int_equal(dj_id_check_char("4403061990030700A"), '\0');
}

static void male_number_gives_sex_1(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check(make_id("11010519800101001"), &id, msg), DJ_ID_OK);
    assert_int_equal(id.sex, 1);
    assert_int_equal(check(make_id("11010519800101008"), &id, msg), DJ_ID_OK);
    assert_int_equal(id.sex, 2);
}

static void lower_case_x_is_normalised(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("11010519491231002x", &id, msg), DJ_ID_OK);
    assert_string_equal(id.number, "11010519491231002X");
}

static void surrounding_blanks_are_ignored(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("  11010519491231002X\t", &id, msg), DJ_ID_OK);
    assert_string_equal(id.number, "11010519491231002X");
    /* The full-width space U+3000 an input method types. */
    assert_int_equal(check("\xE3\x80\x80"
                           "11010519491231002X"
                           "\xE3\x80\x80",
                           &id, msg),
                     DJ_ID_OK);
}

static void hash_means_unknown(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("#", &id, msg), DJ_ID_UNKNOWN);
    assert_true(dj_id_accepted(DJ_ID_UNKNOWN));
    assert_string_equal(id.number, "#");
    assert_int_equal(id.sex, 0);
    assert_int_equal(check(" # ", &id, msg), DJ_ID_UNKNOWN);
    assert_int_equal(check("＃", &id, msg), DJ_ID_UNKNOWN);
    assert_string_equal(id.number, "#");
    assert_int_equal(check("##", &id, msg), DJ_ID_BAD_LENGTH);
}

static void empty_is_refused(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("", &id, msg), DJ_ID_EMPTY);
    assert_false(dj_id_accepted(DJ_ID_EMPTY));
    assert_contains(msg, "#");
    assert_int_equal(check("   ", &id, msg), DJ_ID_EMPTY);
    assert_int_equal(check(NULL, &id, msg), DJ_ID_EMPTY);
}

static void old_15_digit_number_has_its_own_message(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("310105491231002", &id, msg), DJ_ID_OLD_15);
    assert_contains(msg, "旧的15位身份证号码，请换算为18位");
    assert_contains(msg, "310105194912310027"); /* the converted number */
    assert_string_equal(id.number, "");

    char out[19];
    assert_int_equal(dj_id_upgrade15("110105800101001", out), 0);
    assert_string_equal(out, make_id("11010519800101001"));
    assert_int_equal(dj_id_upgrade15("11010580010100", out), -1);
    assert_int_equal(dj_id_upgrade15("11010580010100A", out), -1);
}

static void wrong_length_says_how_long(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("3101051949123100", &id, msg), DJ_ID_BAD_LENGTH);
    assert_contains(msg, "应为18位");
    assert_contains(msg, "16位");
    assert_int_equal(check("31010519491231002X1", &id, msg), DJ_ID_BAD_LENGTH);
    assert_contains(msg, "19位");
    /* 15 characters that are not all digits are just the wrong length. */
    assert_int_equal(check("31010549123100X", &id, msg), DJ_ID_BAD_LENGTH);
    /* Length counts characters, not bytes: 18 CJK characters are 18 long. */
    assert_int_equal(check("上海市徐汇区某某路一二三号四五六七八", &id, msg), DJ_ID_BAD_CHAR);
}

static void bad_characters_are_located(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("3101051949A231002X", &id, msg), DJ_ID_BAD_CHAR);
    assert_contains(msg, "第11位「A」");
    assert_string_equal(id.number, "");

    /* X is only for the check character. */
    assert_int_equal(check("31010519491231X02X", &id, msg), DJ_ID_BAD_CHAR);
    assert_contains(msg, "第15位「X」");

    assert_int_equal(check("31010519491231002Y", &id, msg), DJ_ID_BAD_CHAR);
    assert_contains(msg, "第18位");
    assert_contains(msg, "「Y」");

    assert_int_equal(check("310105194912310中2X", &id, msg), DJ_ID_BAD_CHAR);
    assert_contains(msg, "第16位「中」");

    /* A full-width digit from a Chinese input method. */
    assert_int_equal(check("31010519491231００2X", &id, msg), DJ_ID_BAD_CHAR);
    assert_contains(msg, "第15位");
    assert_contains(msg, "全角");

    /* Bytes that are not UTF-8 are named without being echoed. */
    assert_int_equal(check("310105194912\xff"
                           "1002X",
                           &id, msg),
                     DJ_ID_BAD_CHAR);
    assert_contains(msg, "第13位是无法识别的字符");
    assert_int_equal(check("310105194912\x1b"
                           "1002X",
                           &id, msg),
                     DJ_ID_BAD_CHAR);
    assert_contains(msg, "第13位是无法识别的字符");
}

static void unknown_province_is_refused(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check(make_id("99010519491231002"), &id, msg), DJ_ID_BAD_PROVINCE);
    assert_contains(msg, "「99」");
    assert_int_equal(check(make_id("00010519491231002"), &id, msg), DJ_ID_BAD_PROVINCE);
    assert_int_equal(check(make_id("20010519491231002"), &id, msg), DJ_ID_BAD_PROVINCE);
    /* Every listed province is accepted. */
    size_t n;
    const struct dj_province *all = dj_province_all(&n);
    assert_int_equal(n, 34);
    for (size_t i = 0; i < n; i++) {
        char first17[18];
        snprintf(first17, sizeof first17, "%02u010519800101001", (unsigned)all[i].code % 100u);
        assert_int_equal(check(make_id(first17), &id, msg), DJ_ID_OK);
        assert_int_equal(id.province, all[i].code);
    }
    assert_string_equal(dj_province_find(15)->name, "内蒙古自治区");
    assert_null(dj_province_find(99));
}

static void unknown_county_is_accepted(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    /* 319999 is no county in GB/T 2260, but counties change: not an error. */
    assert_int_equal(check(make_id("31999919800101001"), &id, msg), DJ_ID_OK);
    assert_string_equal(id.area, "319999");
}

static void birth_date_must_exist(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check(make_id("31010519990230002"), &id, msg), DJ_ID_BAD_DATE);
    assert_contains(msg, "19990230");
    assert_contains(msg, "1999年2月只有28天");
    assert_int_equal(check(make_id("31010519991301002"), &id, msg), DJ_ID_BAD_DATE);
    assert_contains(msg, "月份");
    assert_int_equal(check(make_id("31010519990100002"), &id, msg), DJ_ID_BAD_DATE);
    assert_int_equal(check(make_id("31010519990431002"), &id, msg), DJ_ID_BAD_DATE);
    /* Leap years: 2000 and 2004 are, 1900 and 2100 are not. */
    assert_int_equal(check(make_id("31010520000229002"), &id, msg), DJ_ID_OK);
    assert_int_equal(check(make_id("31010520040229002"), &id, msg), DJ_ID_OK);
    assert_int_equal(check(make_id("31010519000229002"), &id, msg), DJ_ID_BAD_DATE);
    assert_contains(msg, "1900年2月只有28天");
    /* Before 1900. */
    assert_int_equal(check(make_id("31010518991231002"), &id, msg), DJ_ID_BAD_DATE);
    assert_contains(msg, "1900");
    assert_int_equal(check(make_id("31010519000101002"), &id, msg), DJ_ID_OK);
}

static void birth_date_must_not_be_in_the_future(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    /* today is 2024-06-01 */
    assert_int_equal(check(make_id("31010520240602002"), &id, msg), DJ_ID_FUTURE_DATE);
    assert_contains(msg, "2024-06-02");
    assert_contains(msg, "2024-06-01");
    assert_int_equal(check(make_id("31010520240601002"), &id, msg), DJ_ID_OK);
    assert_int_equal(check(make_id("31010520990101002"), &id, msg), DJ_ID_FUTURE_DATE);
    /* The same number is fine once that day has come. */
    struct dj_date later = {2099, 1, 1};
    assert_int_equal(dj_id_check(make_id("31010520990101002"), later, &id, msg, sizeof msg),
                     DJ_ID_OK);
}

static void wrong_check_char_names_the_expected_one(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("110105194912310025", &id, msg), DJ_ID_BAD_CHECK);
    assert_contains(msg, "应为「X」");
    assert_contains(msg, "现在是「5」");
    assert_string_equal(id.number, "");
    /* One mistyped digit in the middle shows as a check failure. */
    assert_int_equal(check("11010519491231012X", &id, msg), DJ_ID_BAD_CHECK);
    /* Swapped digits too (the MOD 11-2 check catches transpositions). */
    assert_int_equal(check("11100519491231002X", &id, msg), DJ_ID_BAD_CHECK);
    /* A number whose check is 0 and someone typed X. */
    const char *good = make_id("44030619900307000");
    char bad[19];
    memcpy(bad, good, sizeof bad);
    bad[17] = good[17] == 'X' ? '0' : 'X';
    assert_int_equal(check(bad, &id, msg), DJ_ID_BAD_CHECK);
}

static void checks_run_in_order(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    /* Bad province, bad date and bad check at once: the province is named. */
    assert_int_equal(check("990105199902300021", &id, msg), DJ_ID_BAD_PROVINCE);
    /* Bad date and bad check: the date is named. */
    assert_int_equal(check("310105199902300021", &id, msg), DJ_ID_BAD_DATE);
    /* A letter and a wrong length: the length is named. */
    assert_int_equal(check("3101051949A231002", &id, msg), DJ_ID_BAD_LENGTH);
}

static void small_message_buffer_is_safe(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[8];
    assert_int_equal(dj_id_check("3101051949A231002X", today, &id, msg, sizeof msg),
                     DJ_ID_BAD_CHAR);
    assert_true(strlen(msg) < sizeof msg);
    assert_int_equal(dj_id_check("3101051949A231002X", today, NULL, NULL, 0), DJ_ID_BAD_CHAR);
}

static void record_must_agree_with_number(void **state)
{
    (void)state;
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    assert_int_equal(check("11010519491231002X", &id, msg), DJ_ID_OK);

    struct dj_date right = {1949, 12, 31}, wrong = {1950, 1, 1}, none = {0, 0, 0};
    assert_int_equal(dj_id_match_record(&id, right, 2, msg, sizeof msg), DJ_ID_MATCH_OK);
    assert_string_equal(msg, "");

    assert_int_equal(dj_id_match_record(&id, wrong, 2, msg, sizeof msg), DJ_ID_MISMATCH_BIRTH);
    assert_contains(msg, "出生日期是 1949-12-31");
    assert_contains(msg, "1950-01-01");
    assert_null(strstr(msg, "性别"));

    assert_int_equal(dj_id_match_record(&id, right, 1, msg, sizeof msg), DJ_ID_MISMATCH_SEX);
    assert_contains(msg, "性别为女");
    assert_contains(msg, "「男」");
    assert_null(strstr(msg, "出生日期"));

    assert_int_equal(dj_id_match_record(&id, wrong, 1, msg, sizeof msg),
                     DJ_ID_MISMATCH_BIRTH | DJ_ID_MISMATCH_SEX);
    assert_contains(msg, "出生日期");
    assert_contains(msg, "性别");

    /* Sex 0 (未知) and 9 (未说明), and a birth date not filled in, are not compared. */
    assert_int_equal(dj_id_match_record(&id, right, 0, msg, sizeof msg), DJ_ID_MATCH_OK);
    assert_int_equal(dj_id_match_record(&id, right, 9, msg, sizeof msg), DJ_ID_MATCH_OK);
    assert_int_equal(dj_id_match_record(&id, none, 2, msg, sizeof msg), DJ_ID_MATCH_OK);

    /* An unknown number agrees with everything. */
    assert_int_equal(check("#", &id, msg), DJ_ID_UNKNOWN);
    assert_int_equal(dj_id_match_record(&id, wrong, 1, msg, sizeof msg), DJ_ID_MATCH_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_samples_are_valid),
        cmocka_unit_test(check_char_agrees_with_the_standard_formula),
        cmocka_unit_test(male_number_gives_sex_1),
        cmocka_unit_test(lower_case_x_is_normalised),
        cmocka_unit_test(surrounding_blanks_are_ignored),
        cmocka_unit_test(hash_means_unknown),
        cmocka_unit_test(empty_is_refused),
        cmocka_unit_test(old_15_digit_number_has_its_own_message),
        cmocka_unit_test(wrong_length_says_how_long),
        cmocka_unit_test(bad_characters_are_located),
        cmocka_unit_test(unknown_province_is_refused),
        cmocka_unit_test(unknown_county_is_accepted),
        cmocka_unit_test(birth_date_must_exist),
        cmocka_unit_test(birth_date_must_not_be_in_the_future),
        cmocka_unit_test(wrong_check_char_names_the_expected_one),
        cmocka_unit_test(checks_run_in_order),
        cmocka_unit_test(small_message_buffer_is_safe),
        cmocka_unit_test(record_must_agree_with_number),
    };
    return cmocka_run_group_tests_name("citizen_id", tests, NULL, NULL);
}
