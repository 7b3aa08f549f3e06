/* Form fields (form.c): each kind's good and bad values, the Chinese message
 * beside a wrong field, normal forms, and the typed text kept through a
 * failed check or a failed save. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model/citizen_id.h"
#include "tui/form.h"
#include "tui/wizard.h"

enum { F_NAME, F_BIRTH, F_SEX, F_ORG, F_ID, F_DUES, F_NOTE, N_FIELDS };

static const struct tui_field_def fields[N_FIELDS] = {
    [F_NAME] = {"name", "姓名", TUI_FIELD_TEXT, 0, 5, true, NULL, 0},
    [F_BIRTH] = {"birth", "出生日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    [F_SEX] = {"sex", "性别", TUI_FIELD_CODE, 0, 0, true, "sex", 0},
    [F_ORG] = {"org", "所在党组织", TUI_FIELD_ORG, 0, 0, true, NULL, 0},
    [F_ID] = {"id", "公民身份号码", TUI_FIELD_ID, 0, 0, false, NULL, 0},
    [F_DUES] = {"dues", "党费基数", TUI_FIELD_MONEY, 0, 0, false, NULL, 0},
    [F_NOTE] = {"note", "备注", TUI_FIELD_MULTILINE, 0, 20, false, NULL, 0},
};

static const struct tui_code_item sex_items[] = {{"1", "男"}, {"2", "女"}, {"9", "未说明的性别"}};
static const struct tui_code_table sex_table = {sex_items, 3};

static const struct tui_code_table *codes(void *ctx, const char *kind)
{
    (void)ctx;
    return strcmp(kind, "sex") == 0 ? &sex_table : NULL;
}

static int org_picks;

/* What the screens' organization tree does when the clerk chooses one. */
static void pick_org(void *ctx, struct tui_ctx *tctx, struct tui_form *form, int field)
{
    (void)ctx;
    (void)tctx;
    org_picks++;
    tui_form_set_org(form, field, "1001", "第一党支部");
}

static const struct tui_form_hooks hooks = {NULL, codes, pick_org};

static struct tui_key ch(int c)
{
    return (struct tui_key){TUI_KEY_CHAR, c};
}

static enum tui_form_event key(struct tui_form *f, struct tui_key k)
{
    return tui_form_handle(f, tui_key_action(&k), &k, NULL);
}

static void type(struct tui_form *f, const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t len = strlen(s);
    while (len > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, len, &st);
        assert_true(n > 0 && n <= len);
        key(f, ch(n == 1 && *s == '\n' ? '\n' : (int)wc));
        s += n;
        len -= n;
    }
}

static int setup(void **state)
{
    struct tui_form *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(tui_form_init(f, fields, N_FIELDS, &hooks), 0);
    tui_form_set_today(f, (struct dj_date){2024, 6, 1});
    org_picks = 0;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    tui_form_free(*state);
    free(*state);
    return 0;
}

/* Sets field i to text as loaded, checks it, and returns its message. */
static const char *check(struct tui_form *f, int i, const char *text)
{
    assert_int_equal(tui_form_set(f, i, text), 0);
    tui_form_check_field(f, i);
    return tui_form_error(f, i);
}

static void required_fields_say_so(void **state)
{
    struct tui_form *f = *state;
    assert_int_equal(tui_form_validate(f), F_NAME);
    assert_int_equal(f->focus, F_NAME);
    assert_string_equal(tui_form_error(f, F_NAME), "「姓名」不能为空");
    assert_string_equal(tui_form_error(f, F_BIRTH), "「出生日期」不能为空");
    assert_string_equal(tui_form_error(f, F_SEX), "请选择「性别」");
    assert_string_equal(tui_form_error(f, F_ORG), "请选择「所在党组织」");
    /* Optional fields may stay empty: no message, no value. */
    for (int i = F_ID; i < N_FIELDS; i++) {
        assert_string_equal(tui_form_error(f, i), "");
        assert_null(tui_form_value(f, i));
    }
    /* Blanks only, the full-width space too, are empty. */
    assert_string_equal(check(f, F_NAME, " \u3000 "), "「姓名」不能为空");
    assert_string_equal(check(f, F_BIRTH, "  "), "「出生日期」不能为空");
}

static void text_is_trimmed_and_limited_in_characters(void **state)
{
    struct tui_form *f = *state;
    assert_string_equal(check(f, F_NAME, " 欧阳修\u3000"), "");
    assert_string_equal(tui_form_value(f, F_NAME), "欧阳修");
    /* The text itself is kept as typed. */
    assert_string_equal(tui_form_text(f, F_NAME), " 欧阳修\u3000");
    /* Typing past the limit of 5 characters is refused with a message. */
    assert_int_equal(tui_form_set(f, F_NAME, ""), 0);
    type(f, "诸葛孔明先");
    assert_string_equal(tui_form_error(f, F_NAME), "");
    type(f, "生");
    assert_string_equal(tui_form_text(f, F_NAME), "诸葛孔明先");
    assert_string_equal(tui_form_error(f, F_NAME), "「姓名」最多填写 5 个字");
    /* The next edit clears the message. */
    key(f, ch(0x7f));
    assert_string_equal(tui_form_error(f, F_NAME), "");
}

static void dates(void **state)
{
    struct tui_form *f = *state;
    assert_string_equal(check(f, F_BIRTH, "2024-01-01"), "");
    assert_string_equal(tui_form_value(f, F_BIRTH), "2024-01-01");
    assert_string_equal(check(f, F_BIRTH, "20240101"), "");
    assert_string_equal(tui_form_value(f, F_BIRTH), "2024-01-01");
    assert_string_equal(check(f, F_BIRTH, "2021.7.1"), "");
    assert_string_equal(tui_form_value(f, F_BIRTH), "2021-07-01");
    assert_int_equal(f->f[F_BIRTH].date.m, 7);
    assert_string_equal(check(f, F_BIRTH, "2023-02-29"),
                        "「出生日期」2023-02-29 不存在：2023年2月只有28天");
    assert_null(tui_form_value(f, F_BIRTH));
    assert_string_equal(check(f, F_BIRTH, "2023-13-01"),
                        "「出生日期」2023-13-01 不存在：月份应在 1 到 12 之间");
    assert_string_equal(
        check(f, F_BIRTH, "明年"),
        "「出生日期」应写成 YYYY-MM-DD（如 2021-07-01），也可写 20210701 或 2021.07.01");
    /* The bad text stays as typed. */
    assert_string_equal(tui_form_text(f, F_BIRTH), "明年");
}

static void leaving_a_field_checks_and_normalises_it(void **state)
{
    struct tui_form *f = *state;
    tui_form_focus(f, F_BIRTH);
    type(f, "20240101");
    key(f, ch('\t'));
    assert_int_equal(f->focus, F_SEX);
    assert_string_equal(tui_form_text(f, F_BIRTH), "2024-01-01");
    assert_string_equal(tui_form_error(f, F_BIRTH), "");
    /* A wrong one keeps its text and gets its message when left. */
    tui_form_focus(f, F_BIRTH);
    key(f, ch('U' - '@'));
    type(f, "2024-02-30");
    key(f, ch('\n')); /* Enter moves on too */
    assert_int_equal(f->focus, F_SEX);
    assert_string_equal(tui_form_text(f, F_BIRTH), "2024-02-30");
    assert_string_equal(tui_form_error(f, F_BIRTH),
                        "「出生日期」2024-02-30 不存在：2024年2月只有29天");
    /* An empty required field waits for the save instead of nagging. */
    tui_form_focus(f, F_NAME);
    tui_form_focus(f, F_ID);
    assert_string_equal(tui_form_error(f, F_NAME), "");
}

static void codes_are_picked_and_filtered(void **state)
{
    struct tui_form *f = *state;
    tui_form_focus(f, F_SEX);
    /* Typing opens the picker, filtered by what was typed. */
    key(f, ch(0x5973)); /* 女 */
    assert_true(tui_form_busy(f));
    assert_int_equal(f->picker.nmatch, 1);
    key(f, ch('\n'));
    assert_false(tui_form_busy(f));
    assert_string_equal(tui_form_text(f, F_SEX), "2");
    assert_string_equal(f->f[F_SEX].code_name, "女");
    assert_true(tui_form_check_field(f, F_SEX));
    assert_string_equal(tui_form_value(f, F_SEX), "2");
    /* Enter opens it on the current value; Esc leaves the value alone. */
    key(f, ch('\n'));
    assert_true(tui_form_busy(f));
    assert_int_equal(f->picker.sel, 1);
    assert_int_equal(key(f, ch(27)), TUI_FORM_HANDLED);
    assert_false(tui_form_busy(f));
    assert_string_equal(tui_form_text(f, F_SEX), "2");
    /* Backspace clears it. */
    key(f, ch(0x7f));
    assert_string_equal(tui_form_text(f, F_SEX), "");
    /* A stored code not in the table is reported. */
    assert_string_equal(check(f, F_SEX, "7"), "「性别」的代码“7”不在代码表中，请重新选择");
    assert_string_equal(check(f, F_SEX, "1"), "");
    assert_string_equal(f->f[F_SEX].code_name, "男");
}

static void code_filter(void **state)
{
    (void)state;
    int out[3];
    assert_int_equal(tui_code_filter(&sex_table, "", out), 3);
    assert_int_equal(tui_code_filter(&sex_table, "9", out), 1);
    assert_int_equal(out[0], 2);
    assert_int_equal(tui_code_filter(&sex_table, "性别", out), 1);
    assert_int_equal(tui_code_filter(&sex_table, " 男 ", out), 1);
    assert_int_equal(out[0], 0);
    assert_int_equal(tui_code_filter(&sex_table, "张", out), 0);
}

static void organizations_come_from_the_hook(void **state)
{
    struct tui_form *f = *state;
    tui_form_focus(f, F_ORG);
    key(f, ch('\n'));
    assert_int_equal(org_picks, 1);
    assert_string_equal(tui_form_text(f, F_ORG), "1001");
    assert_string_equal(f->f[F_ORG].org_name, "第一党支部");
    assert_true(tui_form_check_field(f, F_ORG));
    assert_string_equal(tui_form_value(f, F_ORG), "1001");
    key(f, ch(0x7f));
    assert_string_equal(tui_form_text(f, F_ORG), "");
    assert_false(tui_form_check_field(f, F_ORG));
}

static void id_numbers(void **state)
{
    struct tui_form *f = *state;
    char good[19] = "11010519491231002";
    good[17] = dj_id_check_char(good);
    good[18] = '\0';
    assert_string_equal(check(f, F_ID, good), "");
    assert_string_equal(tui_form_value(f, F_ID), good);
    assert_int_equal(f->f[F_ID].date.y, 1949);
    /* The manual's '#' for a number truly unknown. */
    assert_string_equal(check(f, F_ID, "#"), "");
    assert_string_equal(tui_form_value(f, F_ID), "#");
    /* A wrong check character names the right one. */
    char bad[19];
    memcpy(bad, good, sizeof bad);
    bad[17] = bad[17] == '1' ? '2' : '1';
    char want[256];
    snprintf(want, sizeof want,
             "身份证号码校验码不对：按前17位算，第18位应为「%c」，现在是「%c」；请逐位核对号码",
             good[17], bad[17]);
    assert_string_equal(check(f, F_ID, bad), want);
    assert_string_equal(check(f, F_ID, "1101051949"), "身份证号码应为18位，现在是10位");
    /* Born after "today" (2024-06-01). */
    char future[19] = "11010520240702001";
    future[17] = dj_id_check_char(future);
    future[18] = '\0';
    assert_true(strstr(check(f, F_ID, future), "晚于今天") != NULL);
    /* A lower-case x is written as X when the field is left. */
    char withx[19] = "";
    for (int seq = 0; seq < 1000 && !withx[0]; seq++) {
        char t[24];
        snprintf(t, sizeof t, "31010519800101%03u", (unsigned)seq % 1000u);
        if (dj_id_check_char(t) == 'X') {
            memcpy(withx, t, 17);
            withx[17] = 'x';
            withx[18] = '\0';
        }
    }
    assert_true(withx[0] != '\0');
    tui_form_set(f, F_ID, "");
    tui_form_focus(f, F_ID);
    type(f, withx);
    tui_form_focus(f, F_DUES);
    withx[17] = 'X';
    assert_string_equal(tui_form_text(f, F_ID), withx);
}

static void money_in_fen(void **state)
{
    struct tui_form *f = *state;
    assert_string_equal(check(f, F_DUES, "12.5"), "");
    assert_string_equal(tui_form_value(f, F_DUES), "12.50");
    assert_int_equal(f->f[F_DUES].fen, 1250);
    assert_string_equal(check(f, F_DUES, "54"), "");
    assert_int_equal(f->f[F_DUES].fen, 5400);
    assert_string_equal(check(f, F_DUES, "12.345"), "「党费基数」最多填写两位小数（到分）");
    assert_string_equal(check(f, F_DUES, "-1"), "「党费基数」不能为负数");
    assert_string_equal(check(f, F_DUES, "1,000"),
                        "「党费基数」应填写以元为单位的数字，如 12.34，不要带单位、逗号或其他符号");
    assert_string_equal(tui_form_text(f, F_DUES), "1,000");
}

static void multiline_keeps_line_feeds(void **state)
{
    struct tui_form *f = *state;
    tui_form_focus(f, F_NOTE);
    type(f, "第一行\n第二行");
    assert_int_equal(f->focus, F_NOTE); /* Enter was a new line, not the next field */
    assert_true(tui_form_check_field(f, F_NOTE));
    assert_string_equal(tui_form_value(f, F_NOTE), "第一行\n第二行");
}

static void a_failed_save_keeps_everything(void **state)
{
    struct tui_form *f = *state;
    tui_form_focus(f, F_NAME);
    type(f, "张伟");
    tui_form_focus(f, F_BIRTH);
    type(f, "1990-05-04");
    tui_form_focus(f, F_SEX);
    key(f, ch('1'));
    key(f, ch('\n'));
    tui_form_focus(f, F_ORG);
    key(f, ch('\n'));
    assert_true(tui_form_dirty(f));
    assert_int_equal(tui_form_validate(f), -1);
    /* The database refuses: its message goes beside the field, nothing typed is lost. */
    tui_form_set_error(f, tui_form_find(f, "name"), "同一支部已有同名党员张伟，请核对");
    tui_form_set_error(f, -1, "保存失败，请按提示修改后再保存");
    assert_int_equal(f->focus, F_NAME);
    assert_string_equal(tui_form_text(f, F_NAME), "张伟");
    assert_string_equal(tui_form_text(f, F_BIRTH), "1990-05-04");
    assert_string_equal(tui_form_text(f, F_SEX), "1");
    assert_string_equal(tui_form_text(f, F_ORG), "1001");
    assert_string_equal(tui_form_error(f, F_NAME), "同一支部已有同名党员张伟，请核对");
    assert_string_equal(tui_form_error(f, -1), "保存失败，请按提示修改后再保存");
    assert_true(tui_form_dirty(f));
    /* A value with a message is not handed out. */
    assert_null(tui_form_value(f, F_NAME));
    assert_string_equal(tui_form_value(f, F_BIRTH), "1990-05-04");
}

static void loading_is_not_typing(void **state)
{
    struct tui_form *f = *state;
    tui_form_set(f, F_NAME, "李张");
    tui_form_set(f, F_SEX, "2");
    tui_form_set_org(f, F_ORG, "1001", "第一党支部");
    tui_form_mark_clean(f);
    assert_false(tui_form_dirty(f));
    tui_form_focus(f, F_NAME);
    type(f, "x");
    assert_true(tui_form_dirty(f));
    assert_int_equal(tui_form_find(f, "dues"), F_DUES);
    assert_int_equal(tui_form_find(f, "nope"), -1);
}

static void navigation(void **state)
{
    struct tui_form *f = *state;
    assert_int_equal(f->focus, 0);
    key(f, (struct tui_key){TUI_KEY_FN, KEY_BTAB});
    assert_int_equal(f->focus, N_FIELDS - 1); /* Shift-Tab goes round */
    key(f, ch('\t'));
    assert_int_equal(f->focus, 0);
    key(f, (struct tui_key){TUI_KEY_FN, KEY_UP});
    assert_int_equal(f->focus, 0); /* Up stops at the top */
    key(f, (struct tui_key){TUI_KEY_FN, KEY_DOWN});
    assert_int_equal(f->focus, 1);
    /* Save, the wizard's steps and Esc are not the form's. */
    assert_int_equal(key(f, (struct tui_key){TUI_KEY_FN, KEY_F(2)}), TUI_FORM_IGNORED);
    assert_int_equal(key(f, (struct tui_key){TUI_KEY_FN, KEY_F(8)}), TUI_FORM_IGNORED);
    assert_int_equal(key(f, ch(27)), TUI_FORM_IGNORED);
}

/* ---- the wizard: steps of forms ------------------------------------------ */

static const struct tui_field_def step1[] = {
    {"name", "姓名", TUI_FIELD_TEXT, 0, 20, true, NULL, 0},
    {"birth", "出生日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
};
static const struct tui_field_def step2[] = {
    {"school", "毕业院校", TUI_FIELD_TEXT, 0, 50, false, NULL, 0},
};
static const struct tui_field_def step3[] = {
    {"dues", "党费基数", TUI_FIELD_MONEY, 0, 0, true, NULL, 0},
};
static const struct tui_wizard_step steps[] = {
    {"基本信息", step1, 2}, {"学历学位", step2, 1}, {"党籍信息", step3, 1}};

static enum tui_wizard_event wkey(struct tui_wizard *w, struct tui_key k)
{
    return tui_wizard_handle(w, tui_key_action(&k), &k, NULL);
}

static void wtype(struct tui_wizard *w, const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t len = strlen(s);
    while (len > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, len, &st);
        assert_true(n > 0 && n <= len);
        wkey(w, ch((int)wc));
        s += n;
        len -= n;
    }
}

static const struct tui_key F2 = {TUI_KEY_FN, KEY_F(2)}, F7 = {TUI_KEY_FN, KEY_F(7)},
                            F8 = {TUI_KEY_FN, KEY_F(8)};

static void wizard_checks_each_step_and_keeps_text(void **state)
{
    (void)state;
    struct tui_wizard w;
    assert_int_equal(tui_wizard_init(&w, "新增党员", steps, 3, &hooks), 0);
    /* 下一步 with nothing typed: the step's messages, no move. */
    assert_int_equal(wkey(&w, F8), TUI_WIZARD_HANDLED);
    assert_int_equal(w.cur, 0);
    assert_string_equal(tui_form_error(tui_wizard_form(&w, 0), 0), "「姓名」不能为空");
    /* 保存 before the last step is refused with a hint. */
    assert_int_equal(wkey(&w, F2), TUI_WIZARD_HANDLED);
    assert_string_equal(tui_form_error(tui_wizard_form(&w, 0), -1),
                        "请按 F8 下一步，填完后面各步再保存");
    wtype(&w, "张伟");
    wkey(&w, ch('\t'));
    wtype(&w, "19900504");
    assert_int_equal(wkey(&w, F8), TUI_WIZARD_HANDLED);
    assert_int_equal(w.cur, 1);
    /* The optional step passes empty; 上一步 keeps what was typed. */
    wtype(&w, "北京大学");
    assert_int_equal(wkey(&w, F7), TUI_WIZARD_HANDLED);
    assert_int_equal(w.cur, 0);
    assert_string_equal(tui_form_text(tui_wizard_form(&w, 0), 0), "张伟");
    assert_string_equal(tui_form_text(tui_wizard_form(&w, 0), 1), "1990-05-04");
    wkey(&w, F8);
    assert_string_equal(tui_form_text(tui_wizard_form(&w, 1), 0), "北京大学");
    wkey(&w, F8);
    assert_int_equal(w.cur, 2);
    /* 下一步 on the last step does nothing; 保存 checks every step. */
    assert_int_equal(wkey(&w, F8), TUI_WIZARD_HANDLED);
    assert_int_equal(wkey(&w, F2), TUI_WIZARD_HANDLED);
    assert_string_equal(tui_form_error(tui_wizard_form(&w, 2), 0), "「党费基数」不能为空");
    wtype(&w, "54");
    assert_int_equal(wkey(&w, F2), TUI_WIZARD_SAVE);
    assert_string_equal(tui_form_value(tui_wizard_form(&w, 2), 0), "54.00");
    /* The database refuses: back to the step, the message beside the field. */
    tui_wizard_fail(&w, 0, 0, "同一支部已有同名党员张伟");
    assert_int_equal(w.cur, 0);
    assert_string_equal(tui_form_error(tui_wizard_form(&w, 0), 0), "同一支部已有同名党员张伟");
    assert_string_equal(tui_form_text(tui_wizard_form(&w, 0), 0), "张伟");
    assert_string_equal(tui_form_text(tui_wizard_form(&w, 2), 0), "54.00"); /* tidied */
    /* Saved: the blue message, then Enter closes. */
    tui_wizard_done(&w, "党员信息添加成功！");
    assert_int_equal(w.dlg.kind, TUI_DIALOG_SUCCESS);
    assert_string_equal(w.dlg.text, "党员信息添加成功！");
    assert_false(tui_wizard_dirty(&w));
    assert_int_equal(wkey(&w, ch('\n')), TUI_WIZARD_CLOSE);
    tui_wizard_free(&w);
}

static void wizard_back_asks_when_something_was_typed(void **state)
{
    (void)state;
    struct tui_wizard w;
    assert_int_equal(tui_wizard_init(&w, "新增党员", steps, 3, &hooks), 0);
    /* Nothing typed: Esc leaves at once. */
    assert_int_equal(wkey(&w, ch(27)), TUI_WIZARD_CLOSE);
    wtype(&w, "李");
    assert_int_equal(wkey(&w, ch(27)), TUI_WIZARD_HANDLED);
    assert_int_equal(w.dlg.kind, TUI_DIALOG_CONFIRM);
    assert_string_equal(w.dlg.text, "已填写的内容尚未保存。确定放弃这些内容并返回吗？");
    /* 取消 (Esc): still here, text kept. */
    assert_int_equal(wkey(&w, ch(27)), TUI_WIZARD_HANDLED);
    assert_false(tui_dialog_is_open(&w.dlg));
    assert_string_equal(tui_form_text(tui_wizard_form(&w, 0), 0), "李");
    /* F1 and F10 pass through an open dialog to the loop. */
    wkey(&w, ch(27));
    assert_int_equal(wkey(&w, (struct tui_key){TUI_KEY_FN, KEY_F(1)}), TUI_WIZARD_IGNORED);
    /* Right then Enter chooses 取消 too; Enter on 确定 leaves. */
    wkey(&w, (struct tui_key){TUI_KEY_FN, KEY_RIGHT});
    assert_int_equal(wkey(&w, ch('\n')), TUI_WIZARD_HANDLED);
    wkey(&w, ch(27));
    assert_int_equal(wkey(&w, ch('\n')), TUI_WIZARD_CLOSE);
    tui_wizard_free(&w);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
        fprintf(stderr, "test_form: the C.UTF-8 locale is missing\n");
        return 1;
    }
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(required_fields_say_so),
        T(text_is_trimmed_and_limited_in_characters),
        T(dates),
        T(leaving_a_field_checks_and_normalises_it),
        T(codes_are_picked_and_filtered),
        cmocka_unit_test(code_filter),
        T(organizations_come_from_the_hook),
        T(id_numbers),
        T(money_in_fen),
        T(multiline_keeps_line_feeds),
        T(a_failed_save_keeps_everything),
        T(loading_is_not_typing),
        T(navigation),
        cmocka_unit_test(wizard_checks_each_step_and_keeps_text),
        cmocka_unit_test(wizard_back_asks_when_something_was_typed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
