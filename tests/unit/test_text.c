/* Clerk-typed text, judged as PostgreSQL (UTF8, varchar(n)) will judge it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "model/text.h"

static const struct dj_text_rule name_rule = {"姓名", 50, true, false};
static const struct dj_text_rule remark_rule = {"备注", 200, false, true};

static char out[1024];
static char msg[256];

static enum dj_text_result check(const struct dj_text_rule *rule, const char *in)
{
    snprintf(out, sizeof out, "untouched");
    msg[0] = '\0';
    return dj_text_check(rule, in, out, sizeof out, msg, sizeof msg);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("\"%s\" does not contain \"%s\"", haystack, needle);
}

static void plain_text_passes_trimmed(void **state)
{
    (void)state;
    assert_int_equal(check(&name_rule, "张三"), DJ_TEXT_OK);
    assert_string_equal(out, "张三");
    assert_string_equal(msg, "");
    assert_int_equal(check(&name_rule, "  张三\t"), DJ_TEXT_OK);
    assert_string_equal(out, "张三");
    /* The full-width space of Chinese input methods, and a pasted newline. */
    assert_int_equal(check(&name_rule, "\xE3\x80\x80张三\xE3\x80\x80\r\n"), DJ_TEXT_OK);
    assert_string_equal(out, "张三");
    /* Inner spaces stay. */
    assert_int_equal(check(&name_rule, " 阿依古丽 买买提 "), DJ_TEXT_OK);
    assert_string_equal(out, "阿依古丽 买买提");
    /* A no-break space is text, not a blank to trim or a control character. */
    assert_int_equal(check(&name_rule, "张\xC2\xA0三"), DJ_TEXT_OK);
}

static void required_field_cannot_be_blank(void **state)
{
    (void)state;
    assert_int_equal(check(&name_rule, ""), DJ_TEXT_EMPTY);
    assert_string_equal(msg, "「姓名」不能为空");
    assert_string_equal(out, "");
    assert_int_equal(check(&name_rule, "   "), DJ_TEXT_EMPTY);
    assert_int_equal(check(&name_rule, "\xE3\x80\x80"), DJ_TEXT_EMPTY);
    assert_int_equal(check(&name_rule, NULL), DJ_TEXT_EMPTY);
    /* An optional field may be empty. */
    assert_int_equal(check(&remark_rule, "  "), DJ_TEXT_OK);
    assert_string_equal(out, "");
}

static void length_counts_characters_not_bytes(void **state)
{
    (void)state;
    char fifty[160] = "", fiftyone[200], padded[200];
    for (int i = 0; i < 50; i++)
        memcpy(fifty + 3 * i, "党", 4);
    assert_int_equal(strlen(fifty), 150);
    assert_int_equal(check(&name_rule, fifty), DJ_TEXT_OK);
    assert_string_equal(out, fifty);

    snprintf(fiftyone, sizeof fiftyone, "%s员", fifty);
    assert_int_equal(check(&name_rule, fiftyone), DJ_TEXT_TOO_LONG);
    assert_string_equal(msg, "「姓名」不能超过 50 个字（现在 51 个）");
    assert_string_equal(out, "");

    /* Trimmed blanks do not count. */
    snprintf(padded, sizeof padded, "   %s\xE3\x80\x80  ", fifty);
    assert_int_equal(check(&name_rule, padded), DJ_TEXT_OK);

    /* A four-byte character is one character. */
    const struct dj_text_rule two = {"小组", 2, false, false};
    assert_int_equal(check(&two, "\xF0\x9F\x98\x80"
                                 "a"),
                     DJ_TEXT_OK);
    assert_int_equal(check(&two, "\xF0\x9F\x98\x80"
                                 "ab"),
                     DJ_TEXT_TOO_LONG);
    /* 0 means no limit. */
    const struct dj_text_rule unlimited = {"说明", 0, false, false};
    assert_int_equal(check(&unlimited, fiftyone), DJ_TEXT_OK);
}

static void control_characters_are_refused(void **state)
{
    (void)state;
    assert_int_equal(check(&name_rule, "张\x01三"), DJ_TEXT_CONTROL);
    assert_contains(msg, "「姓名」第 2 个字是控制字符");
    assert_string_equal(out, "");

    /* An arrow key's escape sequence typed into the field. */
    assert_int_equal(check(&name_rule, "张三\x1b[A"), DJ_TEXT_CONTROL);
    assert_contains(msg, "第 3 个字是ESC");

    assert_int_equal(check(&name_rule, "张\x7f三"), DJ_TEXT_CONTROL);     /* DEL */
    assert_int_equal(check(&name_rule, "张\xC2\x85三"), DJ_TEXT_CONTROL); /* C1 NEL */
    assert_int_equal(check(&name_rule, "张\xC2\x9B"
                                       "1m"),
                     DJ_TEXT_CONTROL); /* C1 CSI */
    assert_int_equal(check(&name_rule, "张\xC2\x9F三"), DJ_TEXT_CONTROL);

    assert_int_equal(check(&name_rule, "张\t三"), DJ_TEXT_CONTROL);
    assert_contains(msg, "Tab");
    assert_int_equal(check(&name_rule, "张\n三"), DJ_TEXT_CONTROL);
    assert_contains(msg, "换行符");

    /* Positions count the text as typed, leading blanks included. */
    assert_int_equal(check(&name_rule, "  ab\x02"), DJ_TEXT_CONTROL);
    assert_contains(msg, "第 5 个字");
}

static void multiline_fields_keep_line_feeds(void **state)
{
    (void)state;
    assert_int_equal(check(&remark_rule, "第一行\n第二行\n"), DJ_TEXT_OK);
    assert_string_equal(out, "第一行\n第二行");
    assert_int_equal(check(&remark_rule, "a\r\nb\r\nc"), DJ_TEXT_OK);
    assert_string_equal(out, "a\nb\nc");
    assert_int_equal(check(&remark_rule, "a\rb"), DJ_TEXT_CONTROL);
    assert_int_equal(check(&remark_rule, "a\x1b"
                                         "b"),
                     DJ_TEXT_CONTROL);
    /* CR LF counts as one character. */
    const struct dj_text_rule three = {"备注", 3, false, true};
    assert_int_equal(check(&three, "a\r\nb"), DJ_TEXT_OK);
}

static void invalid_utf8_is_refused(void **state)
{
    (void)state;
    const char *bad[] = {
        "\x80",             /* stray continuation byte */
        "\xE5\x85",         /* truncated three-byte sequence */
        "\xE5\x85\x61",     /* truncated, followed by 'a' */
        "\xC0\xAF",         /* overlong '/' */
        "\xC1\xBF",         /* overlong */
        "\xC0\x80",         /* overlong NUL */
        "\xE0\x80\xAF",     /* overlong three-byte '/' */
        "\xF0\x80\x80\xAF", /* overlong four-byte '/' */
        "\xED\xA0\x80",     /* UTF-16 surrogate U+D800 */
        "\xED\xBF\xBF",     /* surrogate U+DFFF */
        "\xF4\x90\x80\x80", /* U+110000 */
        "\xF5\x80\x80\x80", /* F5 never appears */
        "\xFF",             /* nor FF */
        "\xFE",             /* nor FE */
        "\xB5",             /* Latin-1 micro sign */
        "\xD5\xC5",         /* 张 in GBK, not UTF-8 */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (check(&name_rule, bad[i]) != DJ_TEXT_BAD_UTF8)
            fail_msg("case %zu was not refused as bad UTF-8", i);
        assert_contains(msg, "「姓名」第 1 个字处有无法识别的字符");
        assert_string_equal(out, "");
        assert_int_equal(dj_text_utf8_chars(bad[i]), -1);
    }
    assert_int_equal(check(&name_rule, "张三\xff"), DJ_TEXT_BAD_UTF8);
    assert_contains(msg, "第 3 个字处");
}

static void utf8_decoder_boundaries(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(dj_text_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(dj_text_utf8_decode("\xC2\x80", 2, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(dj_text_utf8_decode("\xDF\xBF", 2, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    assert_int_equal(dj_text_utf8_decode("\xE0\xA0\x80", 3, &cp), 3);
    assert_int_equal(cp, 0x800);
    assert_int_equal(dj_text_utf8_decode("党", 3, &cp), 3);
    assert_int_equal(cp, 0x515A);
    assert_int_equal(dj_text_utf8_decode("\xEF\xBF\xBD", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(dj_text_utf8_decode("\xF0\x90\x80\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x10000);
    assert_int_equal(dj_text_utf8_decode("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    /* The length limit is honoured: a complete sequence cut by len is bad. */
    assert_int_equal(dj_text_utf8_decode("党", 2, &cp), 0);
    assert_int_equal(dj_text_utf8_decode("", 0, &cp), 0);

    assert_int_equal(dj_text_utf8_chars("党员abc"), 5);
    assert_int_equal(dj_text_utf8_chars(""), 0);
}

static void small_output_buffer_is_reported(void **state)
{
    (void)state;
    char small[4] = "xyz";
    assert_int_equal(dj_text_check(&name_rule, "张三", small, sizeof small, msg, sizeof msg),
                     DJ_TEXT_NO_ROOM);
    assert_string_equal(small, "");
    assert_int_equal(dj_text_check(&name_rule, "张", small, sizeof small, NULL, 0), DJ_TEXT_OK);
    assert_string_equal(small, "张");
    assert_int_equal(dj_text_check(&name_rule, "张", small, 0, NULL, 0), DJ_TEXT_NO_ROOM);
    /* A short message buffer is cut, never overrun. */
    char tiny[10];
    assert_int_equal(dj_text_check(&name_rule, "", out, sizeof out, tiny, sizeof tiny),
                     DJ_TEXT_EMPTY);
    assert_true(strlen(tiny) < sizeof tiny);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_text_passes_trimmed),
        cmocka_unit_test(required_field_cannot_be_blank),
        cmocka_unit_test(length_counts_characters_not_bytes),
        cmocka_unit_test(control_characters_are_refused),
        cmocka_unit_test(multiline_fields_keep_line_feeds),
        cmocka_unit_test(invalid_utf8_is_refused),
        cmocka_unit_test(utf8_decoder_boundaries),
        cmocka_unit_test(small_output_buffer_is_reported),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
