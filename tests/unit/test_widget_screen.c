/* The widgets drawn on a virtual terminal (script mode's, no tty), through
 * the widget demo screen, and read back as the clerk would see them
 * (tui_dump_screen): a list of Chinese names whose columns start at the same
 * display column on every row, tabs, check boxes, the row count, a
 * confirmation box whose wrapped CJK lines fit its border, and a wizard that
 * keeps what was typed after a refused save.  At 80x24 and at 200x60. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <unistd.h>

#include "tui/dump.h"
#include "tui/layout.h"
#include "tui/list.h"
#include "tui/term.h"
#include "tui/theme.h"
#include "tui/widget_demo.h"
#include "tui/width.h"

#define MENU_COLS 22
#define MAX_ROWS  64

struct rig {
    struct tui_term term;
    WINDOW *pane;
    struct tui_screen screen;
    char dump[256];
    char line[MAX_ROWS][1024];
    int nlines;
};

static void make_pane(struct rig *r)
{
    if (r->pane)
        delwin(r->pane);
    r->pane = newwin(LINES - 2, COLS - MENU_COLS, 1, MENU_COLS);
    assert_non_null(r->pane);
}

static void dump_to_stderr(const struct rig *r)
{
    for (int i = 0; i < r->nlines; i++)
        fprintf(stderr, "#   |%s\n", r->line[i]);
}

/* Draws the screen as the loop does and reads the terminal back. */
static void show(struct rig *r)
{
    werase(stdscr);
    wnoutrefresh(stdscr);
    werase(r->pane);
    r->screen.ops->draw(&r->screen, r->pane, true);
    wnoutrefresh(r->pane);
    doupdate();
    char err[256];
    assert_int_equal(tui_dump_screen(r->dump, err, sizeof err), 0);
    FILE *fp = fopen(r->dump, "r");
    assert_non_null(fp);
    r->nlines = 0;
    while (r->nlines < MAX_ROWS && fgets(r->line[r->nlines], sizeof r->line[0], fp)) {
        r->line[r->nlines][strcspn(r->line[r->nlines], "\n")] = '\0';
        r->nlines++;
    }
    fclose(fp);
    if (getenv("DJ_TEST_SHOW"))
        dump_to_stderr(r);
}

static unsigned press(struct rig *r, enum tui_key_kind kind, int code)
{
    struct tui_key k = {kind, code};
    struct tui_ctx ctx = {0};
    unsigned res = r->screen.ops->handle(&r->screen, tui_key_action(&k), &k, &ctx);
    assert_null(ctx.open_ops);
    return res;
}

static void type(struct rig *r, const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t len = strlen(s);
    while (len > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, len, &st);
        assert_true(n > 0 && n <= len);
        press(r, TUI_KEY_CHAR, (int)wc);
        s += n;
        len -= n;
    }
}

/* The display column where needle starts in a line, -1 if it is not there. */
static int col_of(const char *line, const char *needle)
{
    const char *p = strstr(line, needle);
    return p ? tui_width_n(line, (size_t)(p - line)) : -1;
}

static int find_line(const struct rig *r, const char *needle)
{
    for (int i = 0; i < r->nlines; i++)
        if (strstr(r->line[i], needle))
            return i;
    return -1;
}

static bool screen_has(const struct rig *r, const char *needle)
{
    return find_line(r, needle) >= 0;
}

static int setup(void **state)
{
    struct rig *r = calloc(1, sizeof *r);
    assert_non_null(r);
    setenv("DANGJIAN_SCRIPT_SIZE", "80x24", 1);
    setenv("NO_COLOR", "1", 1);
    char err[512];
    if (tui_term_open(&r->term, true, err, sizeof err) < 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    tui_theme_init();
    snprintf(r->dump, sizeof r->dump, "/tmp/test_widget_screen.%ld.txt", (long)getpid());
    make_pane(r);
    r->screen.ops = &tui_widget_demo_ops;
    struct tui_ctx ctx = {0};
    assert_int_equal(r->screen.ops->open(&r->screen, NULL, &ctx), 0);
    *state = r;
    return 0;
}

static int teardown(void **state)
{
    struct rig *r = *state;
    r->screen.ops->close(&r->screen);
    delwin(r->pane);
    tui_term_close(&r->term);
    remove(r->dump);
    free(r);
    return 0;
}

/* Every list row (between the header and the count line) has its birth date
 * and its branch at the header's columns.  Returns the rows checked. */
static int check_aligned(struct rig *r)
{
    int head = find_line(r, "出生日期");
    assert_true(head >= 0);
    int c_date = col_of(r->line[head], "出生日期");
    int c_branch = col_of(r->line[head], "所在党支部");
    int c_sex = col_of(r->line[head], "性别");
    int rows = 0;
    for (int i = head + 1; i < r->nlines; i++) {
        if (strstr(r->line[i], "共 ") || strstr(r->line[i], "没有"))
            break;
        if (strstr(r->line[i], "党支部") == NULL)
            break;
        int c = col_of(r->line[i], " 19") + 1;
        if (c != c_date || col_of(r->line[i], "第") != c_branch) {
            dump_to_stderr(r);
            fail_msg("row %d: date at %d, branch at %d; header at %d, %d", i + 1, c,
                     col_of(r->line[i], "第"), c_date, c_branch);
        }
        int sex = col_of(r->line[i], " 男 ") >= 0 ? col_of(r->line[i], " 男 ") + 1
                                                  : col_of(r->line[i], " 女 ") + 1;
        assert_int_equal(sex, c_sex);
        rows++;
    }
    return rows;
}

static void list_columns_stay_aligned(void **state)
{
    struct rig *r = *state;
    show(r);
    assert_int_equal(check_aligned(r), 24 - 2 - 4); /* the pane less tabs, header, count */
    assert_true(screen_has(r, "欧阳修文"));
    /* A long name is cut with a mark, never in the middle of a character. */
    int cut = find_line(r, "诸葛孔明");
    assert_true(cut >= 0);
    assert_non_null(strstr(r->line[cut], "…"));
    assert_null(strstr(r->line[cut], "后人"));
    assert_true(screen_has(r, "共 300 条，第 1 条"));
    assert_true(screen_has(r, "> [ ] 张伟"));
    /* Every row of the screen is at most 80 columns. */
    for (int i = 0; i < r->nlines; i++)
        assert_true(tui_width(r->line[i]) <= 80);
    /* PgDn, End: still aligned; End shows the last row. */
    press(r, TUI_KEY_FN, KEY_NPAGE);
    show(r);
    check_aligned(r);
    press(r, TUI_KEY_FN, KEY_END);
    show(r);
    check_aligned(r);
    assert_true(screen_has(r, "共 300 条，第 300 条"));
    /* Larger terminal: more rows, the same alignment. */
    assert_int_equal(tui_term_resize(&r->term, 200, 60), 0);
    make_pane(r);
    press(r, TUI_KEY_FN, KEY_HOME);
    show(r);
    assert_int_equal(check_aligned(r), 60 - 2 - 4);
    assert_true(screen_has(r, "诸葛孔明先生后人")); /* room for the whole name now */
    assert_int_equal(tui_term_resize(&r->term, 80, 24), 0);
    make_pane(r);
    show(r);
    assert_int_equal(check_aligned(r), 18);
}

static void tabs_checks_and_search(void **state)
{
    struct rig *r = *state;
    show(r);
    assert_true(screen_has(r, "[基本信息]"));
    press(r, TUI_KEY_FN, KEY_RIGHT);
    show(r);
    assert_true(screen_has(r, "[学历学位]"));
    assert_false(screen_has(r, "[基本信息]"));
    /* Far right: the row scrolls and marks what is hidden on the left. */
    for (int i = 0; i < 9; i++)
        press(r, TUI_KEY_FN, KEY_RIGHT);
    show(r);
    int t = find_line(r, "[奖惩]");
    assert_true(t >= 0);
    assert_int_equal(col_of(r->line[t], "<"), MENU_COLS + 1);
    /* Space ticks and moves on. */
    press(r, TUI_KEY_CHAR, ' ');
    press(r, TUI_KEY_CHAR, ' ');
    show(r);
    assert_true(screen_has(r, "  [x] 张伟"));
    assert_true(screen_has(r, "  [x] 欧阳修文"));
    assert_true(screen_has(r, "> [ ] 李张"));
    assert_true(screen_has(r, "已勾选 2 条"));
    /* F3, 张, Enter: the source filters. */
    press(r, TUI_KEY_FN, KEY_F(3));
    type(r, "张");
    show(r);
    assert_true(screen_has(r, "查找：张"));
    press(r, TUI_KEY_CHAR, '\n');
    show(r);
    assert_true(screen_has(r, "共 60 条，第 1 条"));
    assert_true(screen_has(r, "查找“张”"));
    assert_false(screen_has(r, "欧阳修文"));
    check_aligned(r);
}

static void confirmation_fits_its_text(void **state)
{
    struct rig *r = *state;
    press(r, TUI_KEY_FN, KEY_DOWN);
    press(r, TUI_KEY_CHAR, '\n');
    show(r);
    int top = find_line(r, "请确认");
    assert_true(top >= 0);
    int left = col_of(r->line[top], "┌"), right = col_of(r->line[top], "┐");
    assert_true(left > 0 && right > left);
    /* Every line of the box has its borders in the same two columns, the
     * wrapped Chinese text inside. */
    int i = top + 1;
    for (; i < r->nlines && col_of(r->line[i], "└") < 0; i++) {
        const char *l = r->line[i];
        const char *a = strstr(l, "│");
        assert_non_null(a);
        assert_int_equal(tui_width_n(l, (size_t)(a - l)), left);
        const char *b = strstr(a + strlen("│"), "│");
        assert_non_null(b);
        assert_int_equal(tui_width_n(l, (size_t)(b - l)), right);
    }
    assert_int_equal(col_of(r->line[i], "┘"), right);
    assert_true(screen_has(r, "欧阳修文"));
    assert_true(screen_has(r, "[确定(Enter)]"));
    assert_true(screen_has(r, "取消(Esc)"));
    /* Esc cancels; nothing opened. */
    press(r, TUI_KEY_CHAR, 27);
    show(r);
    assert_false(screen_has(r, "请确认"));
    assert_false(screen_has(r, "新增党员"));
}

static void wizard_keeps_text_after_a_refused_save(void **state)
{
    struct rig *r = *state;
    press(r, TUI_KEY_CHAR, '\n');
    press(r, TUI_KEY_CHAR, '\n'); /* 确定 */
    show(r);
    assert_true(screen_has(r, "新增党员（第 1 步，共 2 步：基本信息）"));
    assert_true(screen_has(r, "[F8 下一步]"));
    assert_true(screen_has(r, "[Esc 返回]"));
    assert_false(screen_has(r, "上一步"));
    /* 下一步 with nothing typed: the messages beside the fields. */
    press(r, TUI_KEY_FN, KEY_F(8));
    show(r);
    assert_true(screen_has(r, "「姓名」不能为空"));
    assert_true(screen_has(r, "请选择「性别」"));
    /* Labels are right-aligned: the colons line up. */
    int a = find_line(r, "*姓名："), b = find_line(r, "公民身份号码：");
    assert_true(a >= 0 && b >= 0);
    assert_int_equal(col_of(r->line[a], "："), col_of(r->line[b], "："));
    type(r, "重名");
    press(r, TUI_KEY_CHAR, '\t');
    type(r, "女"); /* opens the picker, filtered */
    show(r);
    assert_true(screen_has(r, "第 1 项，共 1 项"));
    press(r, TUI_KEY_CHAR, '\n');
    press(r, TUI_KEY_CHAR, '\t');
    type(r, "19900504");
    press(r, TUI_KEY_FN, KEY_F(8));
    show(r);
    assert_true(screen_has(r, "第 2 步，共 2 步：党籍信息"));
    assert_true(screen_has(r, "[F7 上一步]"));
    assert_true(screen_has(r, "[F2 保存]"));
    type(r, "54");
    press(r, TUI_KEY_FN, KEY_F(2));
    show(r);
    /* Refused: back on step 1, the message beside 姓名, everything typed there. */
    assert_true(screen_has(r, "第 1 步"));
    assert_true(screen_has(r, "保存失败：请按提示修改后再保存"));
    assert_true(screen_has(r, "同一党支部已有同名的人"));
    assert_true(screen_has(r, "[重名"));
    assert_true(screen_has(r, "[女"));
    assert_true(screen_has(r, "[1990-05-04"));
    press(r, TUI_KEY_FN, KEY_F(8));
    show(r);
    assert_true(screen_has(r, "[54.00"));
    /* A new name, and the save succeeds with the blue message. */
    press(r, TUI_KEY_FN, KEY_F(7));
    press(r, TUI_KEY_CHAR, 'U' - '@');
    type(r, "张伟");
    press(r, TUI_KEY_FN, KEY_F(8));
    press(r, TUI_KEY_FN, KEY_F(2));
    show(r);
    assert_true(screen_has(r, "党员信息添加成功！"));
    press(r, TUI_KEY_CHAR, '\n');
    show(r);
    assert_true(screen_has(r, "控件演示：人员列表"));
}

static void wizard_back_asks_first(void **state)
{
    struct rig *r = *state;
    press(r, TUI_KEY_CHAR, '\n');
    press(r, TUI_KEY_CHAR, '\n');
    type(r, "李");
    press(r, TUI_KEY_CHAR, 27);
    show(r);
    assert_true(screen_has(r, "已填写的内容尚未保存。确定放弃这些内容并返回吗？") ||
                (screen_has(r, "已填写的内容尚未保存") && screen_has(r, "返回吗？")));
    press(r, TUI_KEY_CHAR, 27); /* 取消 */
    show(r);
    assert_true(screen_has(r, "[李"));
    press(r, TUI_KEY_CHAR, 27);
    press(r, TUI_KEY_CHAR, '\n'); /* 确定 */
    show(r);
    assert_true(screen_has(r, "控件演示：人员列表"));
}

/* Column widths for the room there is: spare width to the flexible column,
 * shrinking flexible columns first, then hiding the optional one, then the
 * rightmost; never wider than the room. */
static void column_layout_shrinks_sensibly(void **state)
{
    (void)state;
    static const struct tui_list_column cols[] = {
        {"姓名", 10, 4, 0},
        {"出生日期", 10, 10, 0},
        {"所在党支部", 12, 6, TUI_COL_FLEX},
        {"人员类别", 8, 4, TUI_COL_OPTIONAL},
    };
    int w[4];
    /* 10+10+12+8 and three gaps = 43: the spare 17 go to 所在党支部. */
    assert_int_equal(tui_list_layout(cols, 4, 60, w), 60);
    assert_int_equal(w[0], 10);
    assert_int_equal(w[1], 10);
    assert_int_equal(w[2], 29);
    assert_int_equal(w[3], 8);
    /* 40: 所在党支部 gives 3 (of its 6 to spare). */
    assert_int_equal(tui_list_layout(cols, 4, 40, w), 40);
    assert_int_equal(w[2], 9);
    assert_int_equal(w[3], 8);
    /* 33: every column at its narrowest is 4+10+6+4+3 = 27, so nothing hides yet. */
    assert_int_equal(tui_list_layout(cols, 4, 33, w), 33);
    assert_int_equal(w[2], 6);
    assert_true(w[3] >= 4);
    /* 25: too narrow for all: the optional column goes, the rest fit again. */
    assert_int_equal(tui_list_layout(cols, 4, 25, w), 25);
    assert_int_equal(w[3], 0);
    assert_true(w[0] >= 4 && w[1] == 10 && w[2] >= 6);
    /* 14: only what fits from the left. */
    assert_true(tui_list_layout(cols, 4, 14, w) <= 14);
    assert_true(w[0] > 0);
    assert_int_equal(w[2], 0);
    assert_int_equal(w[3], 0);
    /* 3: the first column, cut to the room. */
    assert_int_equal(tui_list_layout(cols, 4, 3, w), 3);
    assert_int_equal(w[0], 3);
}

int main(void)
{
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
        fprintf(stderr, "test_widget_screen: the C.UTF-8 locale is missing\n");
        return 1;
    }
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(column_layout_shrinks_sensibly),
        T(list_columns_stay_aligned),
        T(tabs_checks_and_search),
        T(confirmation_fits_its_text),
        T(wizard_keeps_text_after_a_refused_save),
        T(wizard_back_asks_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
