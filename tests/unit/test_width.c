/* Display-width arithmetic: what a clerk sees in columns, CJK counting two. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tui/width.h"

static void width_ascii(void **state)
{
    (void)state;
    assert_int_equal(tui_width(""), 0);
    assert_int_equal(tui_width("F10"), 3);
    assert_int_equal(tui_width("001.031.001"), 11);
    assert_int_equal(tui_width(NULL), 0);
}

static void width_cjk(void **state)
{
    (void)state;
    assert_int_equal(tui_width("党员管理"), 8);
    assert_int_equal(tui_width("党员党组织管理信息系统"), 22);
    /* Full-width punctuation from the manual's messages is wide too. */
    assert_int_equal(tui_width("「换届选举」"), 12);
    assert_int_equal(tui_width("成功！"), 6);
}

static void width_mixed(void **state)
{
    (void)state;
    assert_int_equal(tui_width("F1 帮助"), 7);
    assert_int_equal(tui_width("至少需要 80x24"), 14);
    /* A combining acute accent adds no column. */
    assert_int_equal(tui_width("e\xcc\x81"), 1);
    assert_int_equal(tui_width_n("党员管理", 6), 4);
}

static void truncate_never_splits_cjk(void **state)
{
    (void)state;
    char buf[64];
    /* 5 columns: two CJK characters fit, the third would straddle the edge. */
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "党员管理", 5, false), 4);
    assert_string_equal(buf, "党员");
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "a党员管理", 4, false), 3);
    assert_string_equal(buf, "a党");
    /* Fits exactly: unchanged, no mark. */
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "党员管理", 8, true), 8);
    assert_string_equal(buf, "党员管理");
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "党员管理", 0, true), 0);
    assert_string_equal(buf, "");
}

static void truncate_with_mark(void **state)
{
    (void)state;
    char buf[64];
    /* 7 columns with a mark: 6 for text, the 4th character needs 7-8, so 党员管… */
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "党员管理信息", 7, true), 7);
    assert_string_equal(buf, "党员管" TUI_WIDTH_ELLIPSIS);
    /* At an even width the mark leaves a gap of one column before it. */
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "党员管理信息", 6, true), 5);
    assert_string_equal(buf, "党员" TUI_WIDTH_ELLIPSIS);
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "abcdef", 4, true), 4);
    assert_string_equal(buf, "abc" TUI_WIDTH_ELLIPSIS);
}

static void truncate_small_buffer(void **state)
{
    (void)state;
    char buf[7]; /* room for two 3-byte characters and the NUL */
    tui_width_truncate(buf, sizeof buf, "党员管理", 80, false);
    assert_string_equal(buf, "党员");
    char one[1];
    assert_int_equal(tui_width_truncate(one, sizeof one, "abc", 3, false), 0);
    assert_string_equal(one, "");
}

static void pad_to_columns(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(tui_width_pad(buf, sizeof buf, "党员", 7, false), 7);
    assert_string_equal(buf, "党员   ");
    /* The cut lands inside 管: a space keeps the column count exact. */
    assert_int_equal(tui_width_pad(buf, sizeof buf, "党员管理", 5, false), 5);
    assert_string_equal(buf, "党员 ");
    assert_int_equal(tui_width(buf), 5);
    assert_int_equal(tui_width_pad(buf, sizeof buf, "", 3, false), 3);
    assert_string_equal(buf, "   ");
}

static void sanitize_escape_and_controls(void **state)
{
    (void)state;
    char buf[64];
    /* An escape sequence from the database must not reach the terminal. */
    tui_width_sanitize(buf, sizeof buf, "张\x1b[2J伟");
    assert_string_equal(buf, "张?[2J伟");
    tui_width_sanitize(buf, sizeof buf, "a\tb\nc\rd\x7f");
    assert_string_equal(buf, "a?b?c?d?");
    /* C1 control U+009B (CSI) encoded in UTF-8. */
    tui_width_sanitize(buf, sizeof buf, "x\xc2\x9by");
    assert_string_equal(buf, "x?y");
    /* Right-to-left override would reorder the row. */
    tui_width_sanitize(buf, sizeof buf,
                       "ab\xe2\x80\xae"
                       "cd");
    assert_string_equal(buf, "ab?cd");
    assert_int_equal(tui_width("张\x1b[2J伟"), 8);
}

static void sanitize_invalid_utf8(void **state)
{
    (void)state;
    char buf[64];
    /* A lone continuation byte, GBK bytes for 党, and a truncated sequence. */
    tui_width_sanitize(buf, sizeof buf, "a\x80z");
    assert_string_equal(buf, "a?z");
    tui_width_sanitize(buf, sizeof buf, "\xb5\xb3");
    assert_string_equal(buf, "??");
    tui_width_sanitize(buf, sizeof buf, "ok\xe5\x85");
    assert_string_equal(buf, "ok??");
    /* Overlong encoding of '/' is not valid UTF-8. */
    tui_width_sanitize(buf, sizeof buf, "\xc0\xaf");
    assert_string_equal(buf, "??");
    assert_int_equal(tui_width("\xb5\xb3"), 2);
    /* A literal question mark stays itself. */
    tui_width_sanitize(buf, sizeof buf, "何?");
    assert_string_equal(buf, "何?");
}

static void truncate_sanitizes(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(tui_width_truncate(buf, sizeof buf, "\x1b]0;x\x07title", 6, false), 6);
    assert_string_equal(buf, "?]0;x?");
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
        fprintf(stderr, "test_width: the C.UTF-8 locale is missing\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(width_ascii),           cmocka_unit_test(width_cjk),
        cmocka_unit_test(width_mixed),           cmocka_unit_test(truncate_never_splits_cjk),
        cmocka_unit_test(truncate_with_mark),    cmocka_unit_test(truncate_small_buffer),
        cmocka_unit_test(pad_to_columns),        cmocka_unit_test(sanitize_escape_and_controls),
        cmocka_unit_test(sanitize_invalid_utf8), cmocka_unit_test(truncate_sanitizes),
    };
    return cmocka_run_group_tests_name("width", tests, NULL, NULL);
}
