/* The field editor (field_edit.c): characters, not bytes; display columns,
 * CJK counting two; scrolling that never shows half a character; a limit in
 * characters. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tui/field_edit.h"
#include "tui/width.h"

static struct tui_key ch(int c)
{
    return (struct tui_key){TUI_KEY_CHAR, c};
}

static struct tui_key fn(int c)
{
    return (struct tui_key){TUI_KEY_FN, c};
}

/* Types a UTF-8 string key by key, as wget_wch delivers it. */
static void type(struct tui_edit *e, const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t len = strlen(s);
    while (len > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, len, &st);
        assert_true(n > 0 && n <= len);
        struct tui_key k = ch((int)wc);
        assert_int_equal(tui_edit_key(e, tui_key_action(&k), &k), TUI_EDIT_CHANGED);
        s += n;
        len -= n;
    }
}

static void press(struct tui_edit *e, enum tui_action a, struct tui_key k,
                  enum tui_edit_result want)
{
    assert_int_equal(tui_edit_key(e, a, &k), want);
}

static void insert_cjk_and_ascii_anywhere(void **state)
{
    (void)state;
    struct tui_edit e;
    assert_int_equal(tui_edit_init(&e, 0, false), 0);
    type(&e, "张伟");
    assert_string_equal(tui_edit_text(&e), "张伟");
    assert_int_equal(e.n, 2);
    assert_int_equal(e.len, 6);
    assert_int_equal(tui_edit_cursor_col(&e), 4);
    /* Between the two characters. */
    press(&e, TUI_A_LEFT, fn(KEY_LEFT), TUI_EDIT_MOVED);
    assert_int_equal(tui_edit_cursor_col(&e), 2);
    type(&e, "a");
    assert_string_equal(tui_edit_text(&e), "张a伟");
    assert_int_equal(tui_edit_cursor_col(&e), 3);
    /* At the start. */
    press(&e, TUI_A_HOME, fn(KEY_HOME), TUI_EDIT_MOVED);
    type(&e, "欧阳");
    assert_string_equal(tui_edit_text(&e), "欧阳张a伟");
    assert_int_equal(e.cur, 2);
    assert_int_equal(tui_edit_cursor_col(&e), 4);
    /* At the end. */
    press(&e, TUI_A_END, fn(KEY_END), TUI_EDIT_MOVED);
    type(&e, "1");
    assert_string_equal(tui_edit_text(&e), "欧阳张a伟1");
    assert_int_equal(tui_edit_cursor_col(&e), 10);
    /* Offsets and columns per character. */
    int off[] = {0, 3, 6, 9, 10, 13, 14}, col[] = {0, 2, 4, 6, 7, 9, 10};
    for (int i = 0; i <= e.n; i++) {
        assert_int_equal(e.off[i], off[i]);
        assert_int_equal(e.col[i], col[i]);
    }
    assert_true(e.changed);
    tui_edit_free(&e);
}

static void delete_whole_characters(void **state)
{
    (void)state;
    struct tui_edit e;
    assert_int_equal(tui_edit_init(&e, 0, false), 0);
    assert_int_equal(tui_edit_set(&e, "党a员b"), 0);
    assert_false(e.changed);
    /* Backspace from the end: b, then 员 (all three bytes). */
    press(&e, TUI_A_ERASE, fn(KEY_BACKSPACE), TUI_EDIT_CHANGED);
    assert_string_equal(tui_edit_text(&e), "党a员");
    press(&e, TUI_A_NONE, ch(0x7f), TUI_EDIT_CHANGED); /* DEL, as most terminals send */
    assert_string_equal(tui_edit_text(&e), "党a");
    assert_int_equal(e.len, 4);
    /* Delete at the cursor, from the start. */
    press(&e, TUI_A_HOME, fn(KEY_HOME), TUI_EDIT_MOVED);
    press(&e, TUI_A_DEL_CHAR, fn(KEY_DC), TUI_EDIT_CHANGED);
    assert_string_equal(tui_edit_text(&e), "a");
    assert_int_equal(e.cur, 0);
    /* Nothing before the start, nothing after the end. */
    press(&e, TUI_A_NONE, ch('H' - '@'), TUI_EDIT_MOVED);
    press(&e, TUI_A_END, fn(KEY_END), TUI_EDIT_MOVED);
    press(&e, TUI_A_DEL_CHAR, fn(KEY_DC), TUI_EDIT_MOVED);
    assert_string_equal(tui_edit_text(&e), "a");
    press(&e, TUI_A_CLEAR_FIELD, ch('U' - '@'), TUI_EDIT_CHANGED);
    assert_string_equal(tui_edit_text(&e), "");
    assert_int_equal(e.n, 0);
    assert_true(e.changed);
    tui_edit_free(&e);
}

static void limit_in_characters(void **state)
{
    (void)state;
    struct tui_edit e;
    assert_int_equal(tui_edit_init(&e, 5, false), 0);
    type(&e, "党员党组织"); /* five characters, fifteen bytes */
    assert_int_equal(e.len, 15);
    struct tui_key k = ch(0x7ba1); /* 管 */
    assert_int_equal(tui_edit_key(&e, TUI_A_NONE, &k), TUI_EDIT_FULL);
    k = ch('x');
    assert_int_equal(tui_edit_key(&e, TUI_A_NONE, &k), TUI_EDIT_FULL);
    assert_string_equal(tui_edit_text(&e), "党员党组织");
    /* Loading longer text keeps the first five characters. */
    assert_int_equal(tui_edit_set(&e, "abcdefg"), 0);
    assert_string_equal(tui_edit_text(&e), "abcde");
    assert_int_equal(tui_edit_set(&e, "中华人民共和国"), 0);
    assert_string_equal(tui_edit_text(&e), "中华人民共");
    tui_edit_free(&e);
}

static void keys_that_are_text_here(void **state)
{
    (void)state;
    struct tui_edit e;
    assert_int_equal(tui_edit_init(&e, 0, false), 0);
    /* Space and '/' are bound to actions elsewhere, but are text in a field. */
    press(&e, TUI_A_TOGGLE, ch(' '), TUI_EDIT_CHANGED);
    press(&e, TUI_A_NONE, ch('/'), TUI_EDIT_CHANGED);
    press(&e, TUI_A_NONE, ch('#'), TUI_EDIT_CHANGED);
    assert_string_equal(tui_edit_text(&e), " /#");
    /* Enter is not text in a one-line field; Tab and F-keys are not either. */
    press(&e, TUI_A_OPEN, ch('\n'), TUI_EDIT_IGNORED);
    press(&e, TUI_A_FOCUS, ch('\t'), TUI_EDIT_IGNORED);
    press(&e, TUI_A_SAVE, fn(KEY_F(2)), TUI_EDIT_IGNORED);
    press(&e, TUI_A_UP, fn(KEY_UP), TUI_EDIT_IGNORED);
    /* Control characters never get in. */
    assert_int_equal(tui_edit_insert(&e, 0x1b), TUI_EDIT_REFUSED);
    assert_int_equal(tui_edit_insert(&e, 0x9b), TUI_EDIT_REFUSED);
    assert_int_equal(tui_edit_insert(&e, 0x202e), TUI_EDIT_REFUSED);
    assert_int_equal(tui_edit_insert(&e, L'\n'), TUI_EDIT_REFUSED);
    assert_string_equal(tui_edit_text(&e), " /#");
    /* Nor through set: they become '?'. */
    assert_int_equal(tui_edit_set(&e, "a\x1b[31mb\xff"), 0);
    assert_string_equal(tui_edit_text(&e), "a?[31mb?");
    tui_edit_free(&e);
}

/* Checks one view: exactly width columns, whole characters from e.scroll,
 * the cursor's cell inside. */
static void check_view(struct tui_edit *e, int width)
{
    char out[256];
    int cx, cw;
    int scroll = tui_edit_view(e, width, out, sizeof out, &cx, &cw);
    assert_int_equal(tui_width(out), width);
    assert_true(cx >= 0);
    assert_true(cx + cw <= width);
    /* What is shown is the text from character `scroll` on, cut between
     * characters and padded with spaces. */
    const char *from = tui_edit_text(e) + e->off[scroll];
    size_t shown = strcspn(out, " ");
    assert_true(shown <= strlen(from));
    assert_memory_equal(out, from, shown);
    int i = scroll;
    while (i < e->n && e->off[i] - e->off[scroll] < (int)shown)
        i++;
    assert_int_equal(e->off[i] - e->off[scroll], (int)shown); /* a boundary */
    assert_int_equal(cx, e->col[e->cur] - e->col[scroll]);
}

static void horizontal_scroll_never_splits(void **state)
{
    (void)state;
    struct tui_edit e;
    assert_int_equal(tui_edit_init(&e, 0, false), 0);
    assert_int_equal(tui_edit_set(&e, "党员ab党组织c管理信息系统"), 0);
    for (int width = 2; width <= 30; width++) {
        for (int i = e.n; i >= 0; i--) {
            tui_edit_move_to(&e, i);
            check_view(&e, width);
        }
        for (int i = 0; i <= e.n; i++) {
            tui_edit_move_to(&e, i);
            check_view(&e, width);
        }
    }
    /* At the end of a long text in 7 columns: "信息系统" does not fit with the
     * cursor cell, so the view starts at 息 and shows 息系统 and the cursor. */
    tui_edit_move_to(&e, e.n);
    char out[64];
    int cx, cw;
    tui_edit_view(&e, 7, out, sizeof out, &cx, &cw);
    assert_string_equal(out, "息系统 ");
    assert_int_equal(cx, 6);
    assert_int_equal(cw, 1);
    /* Home shows the start again; a CJK character at the right edge that
     * does not fit whole is left out, a space standing in. */
    tui_edit_move_to(&e, 0);
    tui_edit_view(&e, 5, out, sizeof out, &cx, &cw);
    assert_string_equal(out, "党员a");
    tui_edit_view(&e, 7, out, sizeof out, &cx, &cw);
    assert_string_equal(out, "党员ab ");
    assert_int_equal(cx, 0);
    assert_int_equal(cw, 2);
    tui_edit_free(&e);
}

static void scroll_comes_back_after_deleting(void **state)
{
    (void)state;
    struct tui_edit e;
    assert_int_equal(tui_edit_init(&e, 0, false), 0);
    assert_int_equal(tui_edit_set(&e, "一二三四五六七八"), 0);
    char out[64];
    int cx, cw;
    tui_edit_view(&e, 9, out, sizeof out, &cx, &cw);
    assert_string_equal(out, "五六七八 ");
    for (int i = 0; i < 4; i++)
        tui_edit_backspace(&e);
    tui_edit_view(&e, 9, out, sizeof out, &cx, &cw);
    assert_string_equal(out, "一二三四 ");
    assert_int_equal(e.scroll, 0);
    tui_edit_free(&e);
}

static void multiline_wraps_between_characters(void **state)
{
    (void)state;
    struct tui_edit e;
    assert_int_equal(tui_edit_init(&e, 0, true), 0);
    type(&e, "第一行");
    press(&e, TUI_A_OPEN, ch('\n'), TUI_EDIT_CHANGED);
    type(&e, "ab第二行很长");
    assert_string_equal(tui_edit_text(&e), "第一行\nab第二行很长");
    int starts[8];
    /* 7 columns: "ab第二" is 6, 行 would make 8. */
    assert_int_equal(tui_edit_wrap(&e, 7, starts, 8), 3);
    assert_int_equal(starts[0], 0);
    assert_int_equal(starts[1], 4);
    assert_int_equal(starts[2], 8);
    char lines[2][64];
    int cy, cx;
    int total = tui_edit_view_lines(&e, 7, 2, &lines[0][0], sizeof lines[0], &cy, &cx);
    assert_int_equal(total, 3);
    assert_string_equal(lines[0], "ab第二 ");
    assert_string_equal(lines[1], "行很长 ");
    assert_int_equal(cy, 1);
    assert_int_equal(cx, 6);
    /* CR LF loads as LF. */
    assert_int_equal(tui_edit_set(&e, "甲\r\n乙"), 0);
    assert_string_equal(tui_edit_text(&e), "甲\n乙");
    tui_edit_free(&e);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
        fprintf(stderr, "test_field_edit: the C.UTF-8 locale is missing\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(insert_cjk_and_ascii_anywhere),
        cmocka_unit_test(delete_whole_characters),
        cmocka_unit_test(limit_in_characters),
        cmocka_unit_test(keys_that_are_text_here),
        cmocka_unit_test(horizontal_scroll_never_splits),
        cmocka_unit_test(scroll_comes_back_after_deleting),
        cmocka_unit_test(multiline_wraps_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
