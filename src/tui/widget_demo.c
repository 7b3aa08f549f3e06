/* The widgets on made-up data, for the UI tests only (see widget_demo.h). */
#include "tui/widget_demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/tabs.h"
#include "tui/wizard.h"

#define N_ROWS 300
#define NCOLS  5

/* Names of every width: two and four CJK characters, a long one that must
 * be cut, one with ASCII letters. */
static const char *const names[] = {
    "张伟", "欧阳修文", "李张", "王芳",       "诸葛孔明先生后人",
    "赵敏", "安然",     "陈静", "Li Na 李娜", "孙悟",
};
#define N_NAMES ((int)(sizeof names / sizeof names[0]))

static const char *const tab_titles[] = {"基本信息", "学历学位", "工作岗位", "职务信息", "技术职务",
                                         "党籍信息", "组织关系", "培养发展", "民主评议", "奖惩"};

static const struct tui_list_column columns[NCOLS] = {
    {"姓名", 10, 4, TUI_COL_FLEX},
    {"性别", 4, 4, 0},
    {"出生日期", 10, 10, 0},
    {"所在党支部", 12, 6, TUI_COL_FLEX},
    {"人员类别", 8, 4, TUI_COL_OPTIONAL},
};

static const struct tui_code_item sex_items[] = {{"1", "男"}, {"2", "女"}, {"9", "未说明的性别"}};
static const struct tui_code_table sex_table = {sex_items, 3};

static const struct tui_field_def basic[] = {
    {"name", "姓名", TUI_FIELD_TEXT, 0, 10, true, NULL, 0},
    {"sex", "性别", TUI_FIELD_CODE, 0, 0, true, "sex", 0},
    {"birth", "出生日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"id", "公民身份号码", TUI_FIELD_ID, 0, 0, false, NULL, 0},
    {"org", "所在党组织", TUI_FIELD_ORG, 0, 0, false, NULL, 0},
};
static const struct tui_field_def party[] = {
    {"dues", "党费基数", TUI_FIELD_MONEY, 0, 0, false, NULL, 0},
    {"note", "备注", TUI_FIELD_MULTILINE, 0, 100, false, NULL, 2},
};
static const struct tui_wizard_step steps[] = {{"基本信息", basic, 5}, {"党籍信息", party, 2}};

enum { TAG_ADD = 1 };

struct demo {
    struct tui_tabs tabs;
    struct tui_list list;
    char filter[256];
    struct tui_dialog dlg;
    struct tui_wizard wiz;
    bool wizard;
    char chosen[64]; /* the name the wizard was opened for */
};

static void row_cells(int r, char cells[NCOLS][64])
{
    snprintf(cells[0], 64, "%s", names[r % N_NAMES]);
    snprintf(cells[1], 64, "%s", r % 3 == 1 ? "女" : "男");
    snprintf(cells[2], 64, "19%02d-%02d-%02d", 50 + r % 50, 1 + r % 12, 1 + r % 28);
    snprintf(cells[3], 64, "第%d党支部", 1 + r % 7);
    snprintf(cells[4], 64, "%s", r % 4 ? "正式党员" : "预备党员");
}

static bool passes(const struct demo *d, int r)
{
    return d->filter[0] == '\0' || strstr(names[r % N_NAMES], d->filter) != NULL;
}

static int demo_fetch(void *ctx, enum tui_fetch_dir dir, const struct tui_rowkey *key, int limit,
                      struct tui_page *page, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    struct demo *d = ctx;
    int from = 0, step = 1, got = 0, rows[512];
    if (limit > 512)
        limit = 512;
    switch (dir) {
    case TUI_FETCH_FIRST:
        from = 0;
        break;
    case TUI_FETCH_AFTER:
        from = atoi(key->part[0]) + 1;
        break;
    case TUI_FETCH_BEFORE:
        from = atoi(key->part[0]) - 1;
        step = -1;
        break;
    case TUI_FETCH_LAST:
        from = N_ROWS - 1;
        step = -1;
        break;
    }
    for (int r = from; r >= 0 && r < N_ROWS && got < limit; r += step)
        if (passes(d, r))
            rows[got++] = r;
    for (int i = 0; i < got; i++) {
        int r = step > 0 ? rows[i] : rows[got - 1 - i]; /* always ascending */
        char cells[NCOLS][64], id[16];
        const char *cp[NCOLS];
        row_cells(r, cells);
        for (int c = 0; c < NCOLS; c++)
            cp[c] = cells[c];
        snprintf(id, sizeof id, "%05d", r);
        struct tui_rowkey k;
        tui_rowkey_set(&k, id, NULL, NULL);
        if (tui_page_add(page, &k, cp) < 0)
            return -1;
    }
    return 0;
}

static long demo_count(void *ctx)
{
    struct demo *d = ctx;
    long n = 0;
    for (int r = 0; r < N_ROWS; r++)
        n += passes(d, r);
    return n;
}

static int demo_filter(void *ctx, const char *text, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    struct demo *d = ctx;
    snprintf(d->filter, sizeof d->filter, "%s", text);
    return 0;
}

static const struct tui_code_table *demo_codes(void *ctx, const char *kind)
{
    (void)ctx;
    return strcmp(kind, "sex") == 0 ? &sex_table : NULL;
}

/* The screens open the organization tree here; the demo just chooses one. */
static void demo_pick_org(void *ctx, struct tui_ctx *tctx, struct tui_form *form, int field)
{
    (void)ctx;
    (void)tctx;
    tui_form_set_org(form, field, "1001", "第一党支部");
}

static int demo_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    struct demo *d = calloc(1, sizeof *d);
    if (d == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return -1;
    }
    s->data = d;
    snprintf(s->title, sizeof s->title, "%s", "控件演示");
    tui_tabs_init(&d->tabs, tab_titles, (int)(sizeof tab_titles / sizeof tab_titles[0]));
    struct tui_pager_source src = {demo_fetch, demo_count, demo_filter, d};
    if (tui_list_init(&d->list, columns, NCOLS, &src, TUI_LIST_MULTI, 40) < 0 ||
        tui_list_reload(&d->list) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "无法建立演示列表");
        return -1;
    }
    return 0;
}

static void demo_close(struct tui_screen *s)
{
    struct demo *d = s->data;
    if (d == NULL)
        return;
    tui_list_free(&d->list);
    if (d->wizard)
        tui_wizard_free(&d->wiz);
    free(d);
    s->data = NULL;
}

static void demo_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct demo *d = s->data;
    if (d->wizard) {
        tui_wizard_draw(&d->wiz, win, focused);
        return;
    }
    int rows = getmaxy(win), cols = getmaxx(win);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, "控件演示：人员列表");
    tui_tabs_draw(&d->tabs, win, 1, 1, cols - 2, focused);
    tui_list_draw(&d->list, win, 2, 0, rows - 2, cols, focused);
    tui_dialog_draw(&d->dlg, win);
}

static void open_wizard(struct demo *d, struct tui_ctx *ctx)
{
    struct tui_form_hooks hooks = {d, demo_codes, demo_pick_org};
    if (tui_wizard_init(&d->wiz, "新增党员", steps, 2, &hooks) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return;
    }
    d->wizard = true;
}

/* What a screen does on 保存: here a made-up database that refuses 重名. */
static void save(struct demo *d)
{
    struct tui_form *f = tui_wizard_form(&d->wiz, 0);
    int name = tui_form_find(f, "name");
    const char *v = tui_form_value(f, name);
    if (v && strcmp(v, "重名") == 0) {
        tui_wizard_fail(&d->wiz, 0, name, "同一党支部已有同名的人，请核对后再保存");
        tui_wizard_fail(&d->wiz, 0, -1, "保存失败：请按提示修改后再保存");
        return;
    }
    tui_wizard_done(&d->wiz, "党员信息添加成功！");
}

static unsigned handle_wizard(struct demo *d, enum tui_action a, const struct tui_key *k,
                              struct tui_ctx *ctx)
{
    switch (tui_wizard_handle(&d->wiz, a, k, ctx)) {
    case TUI_WIZARD_SAVE:
        save(d);
        return TUI_R_HANDLED;
    case TUI_WIZARD_CLOSE:
        tui_wizard_free(&d->wiz);
        d->wizard = false;
        return TUI_R_HANDLED;
    case TUI_WIZARD_HANDLED:
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

static unsigned demo_handle(struct tui_screen *s, enum tui_action a, const struct tui_key *k,
                            struct tui_ctx *ctx)
{
    struct demo *d = s->data;
    if (d->wizard)
        return handle_wizard(d, a, k, ctx);
    if (tui_dialog_is_open(&d->dlg)) {
        switch (tui_dialog_handle(&d->dlg, a, k)) {
        case TUI_DIALOG_OK:
            open_wizard(d, ctx);
            return TUI_R_HANDLED;
        case TUI_DIALOG_PASS:
            return TUI_R_IGNORED;
        default:
            return TUI_R_HANDLED;
        }
    }
    if ((a == TUI_A_LEFT || a == TUI_A_RIGHT) && tui_tabs_handle(&d->tabs, a, k))
        return TUI_R_HANDLED;
    switch (tui_list_handle(&d->list, a, k)) {
    case TUI_LIST_ACTIVATE: {
        char msg[160];
        snprintf(d->chosen, sizeof d->chosen, "%s", tui_list_current_cell(&d->list, 0));
        snprintf(msg, sizeof msg, "确定要为「%s」所在党支部新增一名党员吗？", d->chosen);
        tui_dialog_confirm(&d->dlg, TAG_ADD, NULL, msg);
        return TUI_R_HANDLED;
    }
    case TUI_LIST_ERROR:
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&d->list));
        return TUI_R_HANDLED;
    case TUI_LIST_HANDLED:
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

static const enum tui_action demo_hints[] = {
    TUI_A_OPEN, TUI_A_SEARCH, TUI_A_TOGGLE, TUI_A_NEXT_STEP, TUI_A_SAVE, TUI_A_BACK, TUI_A_NONE};

const struct tui_screen_ops tui_widget_demo_ops = {
    .name = "widget_demo",
    .open = demo_open,
    .draw = demo_draw,
    .handle = demo_handle,
    .close = demo_close,
    .hints = demo_hints,
};

const struct tui_screen_ops *tui_widget_demo(void)
{
    const char *script = getenv("DANGJIAN_SCRIPT");
    const char *demo = getenv("DANGJIAN_WIDGET_DEMO");
    if (script == NULL || *script == '\0' || demo == NULL || strcmp(demo, "1") != 0)
        return NULL;
    return &tui_widget_demo_ops;
}
