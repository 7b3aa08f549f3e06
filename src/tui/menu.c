#include "tui/menu.h"

#include <stdlib.h>

#include "tui/clerk_screens.h"
#include "tui/dev_screens.h"
#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/width.h"

#define HEAD_X 1
#define ITEM_X 3

struct entry {
    const char *label;
    bool head;                        /* a module name, not selectable */
    const struct tui_screen_ops *ops; /* the function's screen; NULL: not built yet */
    const void *arg;                  /* for ops->open; NULL: the label */
};

#define MODULE(label)                                                                              \
    {                                                                                              \
        label, true, NULL, NULL                                                                    \
    }
#define FUNCTION(label, ops)                                                                       \
    {                                                                                              \
        label, false, ops, NULL                                                                    \
    }
#define FUNCTION_ARG(label, ops, arg)                                                              \
    {                                                                                              \
        label, false, ops, arg                                                                     \
    }

/* 党员管理 and 历史党员: the clerk's whole scope, current or historical. */
static const struct tui_member_list_arg members_current = {
    .scope = TUI_MEMBERS_OF_CLERK, .historical = false, .title = "党员管理"};
static const struct tui_member_list_arg members_historical = {
    .scope = TUI_MEMBERS_OF_CLERK, .historical = true, .title = "历史党员"};

/* The manual's modules and functions, in its order. */
static const struct entry entries[] = {
    MODULE("党员管理"),
    FUNCTION("申请人管理", &tui_applicant_list_ops),
    FUNCTION_ARG("党员管理", &tui_member_list_ops, &members_current),
    FUNCTION("组织关系转出", NULL),
    FUNCTION("组织关系转入", NULL),
    FUNCTION_ARG("历史党员", &tui_member_list_ops, &members_historical),
    MODULE("党组织管理"),
    FUNCTION("组织管理", &tui_org_tree_ops),
    FUNCTION("已撤销组织管理", NULL),
    FUNCTION("组织通报和评议", NULL),
    FUNCTION("组织双结对", NULL),
    MODULE("党务管理"),
    FUNCTION("换届选举", NULL),
    FUNCTION("换届选举查询", NULL),
    FUNCTION("党员党费设置", NULL),
    FUNCTION("党员党费缴纳管理", NULL),
    FUNCTION("党员缴纳党费情况查询", NULL),
    FUNCTION("党员党费设置查询", NULL),
};

#define N_ENTRIES ((int)(sizeof entries / sizeof entries[0]))

struct menu {
    int sel;    /* index into entries, never a module */
    int top;    /* first entry shown */
    int height; /* rows at the last draw, for paging */
};

int tui_menu_width(void)
{
    int w = 0;
    for (int i = 0; i < N_ENTRIES; i++) {
        int x = (entries[i].head ? HEAD_X : ITEM_X) + tui_width(entries[i].label);
        if (x > w)
            w = x;
    }
    return w + 2; /* a margin and the border */
}

/* The selectable entry nearest to i in direction dir (+1/-1), or -1. */
static int find_item(int i, int dir)
{
    for (; i >= 0 && i < N_ENTRIES; i += dir)
        if (!entries[i].head)
            return i;
    return -1;
}

static int menu_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    struct menu *m = calloc(1, sizeof *m);
    if (m == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开菜单");
        return -1;
    }
    m->sel = find_item(0, 1);
    s->data = m;
    return 0;
}

static void scroll_to_sel(struct menu *m)
{
    int h = m->height > 0 ? m->height : 1;
    /* Keep a function's module name in view when moving up to its first function. */
    int want_top = m->sel > 0 && entries[m->sel - 1].head ? m->sel - 1 : m->sel;
    if (want_top < m->top)
        m->top = want_top;
    if (m->sel >= m->top + h)
        m->top = m->sel - h + 1;
    if (m->top > N_ENTRIES - h)
        m->top = N_ENTRIES - h > 0 ? N_ENTRIES - h : 0;
}

static void menu_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct menu *m = s->data;
    int h = getmaxy(win), w = getmaxx(win) - 1; /* the last column is the border */
    m->height = h;
    scroll_to_sel(m);
    for (int row = 0; row < h && m->top + row < N_ENTRIES; row++) {
        int i = m->top + row;
        if (entries[i].head) {
            tui_draw_text(win, row, HEAD_X, w - HEAD_X, TUI_ROLE_MENU_HEAD, entries[i].label);
        } else if (i == m->sel) {
            enum tui_role r = focused ? TUI_ROLE_MENU_SEL : TUI_ROLE_MENU_SEL_IDLE;
            /* The mark keeps the choice visible without colour or reverse video. */
            tui_draw_field(win, row, 0, w, r, "");
            tui_draw_text(win, row, ITEM_X - 2, 1, r, ">");
            tui_draw_text(win, row, ITEM_X, w - ITEM_X, r, entries[i].label);
        } else {
            tui_draw_text(win, row, ITEM_X, w - ITEM_X, TUI_ROLE_MENU_ITEM, entries[i].label);
        }
    }
    wattrset(win, (int)tui_role_attr(TUI_ROLE_BORDER));
    mvwvline(win, 0, w, ACS_VLINE, h);
    wattrset(win, A_NORMAL);
}

static void move_sel(struct menu *m, int steps)
{
    int dir = steps < 0 ? -1 : 1;
    for (int n = steps < 0 ? -steps : steps; n > 0; n--) {
        int next = find_item(m->sel + dir, dir);
        if (next < 0)
            break;
        m->sel = next;
    }
}

static unsigned menu_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                            struct tui_ctx *ctx)
{
    (void)key;
    struct menu *m = s->data;
    int page = m->height > 1 ? m->height - 1 : 1;
    switch (action) {
    case TUI_A_UP:
        move_sel(m, -1);
        return TUI_R_HANDLED;
    case TUI_A_DOWN:
        move_sel(m, 1);
        return TUI_R_HANDLED;
    case TUI_A_PAGE_UP:
        move_sel(m, -page);
        return TUI_R_HANDLED;
    case TUI_A_PAGE_DOWN:
        move_sel(m, page);
        return TUI_R_HANDLED;
    case TUI_A_HOME:
        m->sel = find_item(0, 1);
        return TUI_R_HANDLED;
    case TUI_A_END:
        m->sel = find_item(N_ENTRIES - 1, -1);
        return TUI_R_HANDLED;
    case TUI_A_OPEN: {
        const struct entry *e = &entries[m->sel];
        if (e->ops)
            tui_ctx_open(ctx, e->ops, e->arg ? e->arg : e->label);
        else
            tui_ctx_open(ctx, &tui_placeholder_ops, e->label);
        return TUI_R_HANDLED;
    }
    default:
        return TUI_R_IGNORED;
    }
}

static void menu_close(struct tui_screen *s)
{
    free(s->data);
    s->data = NULL;
}

static const enum tui_action menu_hints[] = {TUI_A_OPEN, TUI_A_FOCUS, TUI_A_NONE};

const struct tui_screen_ops tui_menu_ops = {
    .name = "menu",
    .open = menu_open,
    .draw = menu_draw,
    .handle = menu_handle,
    .close = menu_close,
    .hints = menu_hints,
};
