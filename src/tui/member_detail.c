/*
 * A person's details, read-only, in the manual's tabs (1.9.1.2): 基本信息,
 * 学历学位, 工作岗位, 职务信息, 技术职务, 党籍信息, 组织关系, 培养发展,
 * 民主评议, 奖惩.  Tab / Shift-Tab (or Left / Right) change the tab; a tab's
 * rows are read from src/db/members.h when it is first shown and kept.
 * Up/Down/PgUp/PgDn scroll.  Esc goes back to the list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/members.h"
#include "tui/clerk_screens.h"
#include "tui/detail_view.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/session.h"
#include "tui/tabs.h"

#define NTABS (1 + DJ_REC_COUNT)

struct mdetail {
    struct dj_member_detail d;
    const char *titles[NTABS];
    struct tui_tabs tabs;
    struct tui_detail_view view; /* 基本信息 */
    struct dj_recset_rows rec[DJ_REC_COUNT];
    bool loaded[DJ_REC_COUNT];
    int top[DJ_REC_COUNT]; /* first row shown of each table */
    int height;            /* table rows shown at the last draw */
};

/* Reads the rows of the active tab if it has none yet. */
static int load_tab(struct mdetail *m, char *msg, size_t msglen)
{
    int t = m->tabs.active - 1;
    if (t < 0 || m->loaded[t])
        return 0;
    struct dj_db_error e;
    if (dj_member_records_load(tui_session_db(), m->d.id, (enum dj_recset)t, &m->rec[t], &e) < 0) {
        tui_session_fail(&e, msg, msglen);
        return -1;
    }
    m->loaded[t] = true;
    return 0;
}

static int md_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_person_arg *a = arg;
    struct mdetail *m = calloc(1, sizeof *m);
    if (m == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开人员信息");
        return -1;
    }
    s->data = m;
    struct dj_db_error e;
    int rc = dj_member_detail_load(tui_session_db(), a->person_id, &m->d, &e);
    if (rc < 0) {
        tui_session_fail_ctx(&e, ctx);
        return -1;
    }
    if (rc > 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "该人员不存在或不在您的管理范围内");
        return -1;
    }
    m->titles[0] = "基本信息";
    for (int i = 0; i < DJ_REC_COUNT; i++)
        m->titles[i + 1] = dj_recsets[i].title;
    tui_tabs_init(&m->tabs, m->titles, NTABS);
    snprintf(s->title, sizeof s->title, "%s", "人员信息");
    return 0;
}

static void draw_table(struct mdetail *m, WINDOW *win, int y, int rows, int cols)
{
    int t = m->tabs.active - 1;
    const struct dj_recset_def *def = &dj_recsets[t];
    if (!m->loaded[t]) {
        tui_draw_text(win, y, 2, cols - 2, TUI_ROLE_NORMAL,
                      "（未能读取，请按 Ctrl-L 或换一个标签再试）");
        return;
    }
    const struct dj_recset_rows *r = &m->rec[t];
    struct tui_list_column lc[DJ_RECSET_MAX_COLS];
    int widths[DJ_RECSET_MAX_COLS];
    for (int c = 0; c < def->ncols; c++)
        lc[c] = (struct tui_list_column){
            .title = def->cols[c].label,
            .width = def->cols[c].width,
            .min = def->cols[c].width <= 10 ? def->cols[c].width : 8,
            .flags = c == def->ncols - 1 ? TUI_COL_FLEX : 0,
        };
    tui_list_layout(lc, def->ncols, cols - 2, widths);
    int x = 1;
    for (int c = 0; c < def->ncols; c++) {
        if (widths[c] == 0)
            continue;
        tui_draw_field(win, y, x, widths[c], TUI_ROLE_HEADING, lc[c].title);
        x += widths[c] + 1;
    }
    if (r->nrows == 0) {
        char msg[96];
        snprintf(msg, sizeof msg, "没有%s记录", def->title);
        tui_draw_text(win, y + 1, 1, cols - 1, TUI_ROLE_NORMAL, msg);
        return;
    }
    m->height = rows - 2;
    int top = m->top[t];
    if (top > (int)r->nrows - m->height)
        top = (int)r->nrows - m->height;
    if (top < 0)
        top = 0;
    m->top[t] = top;
    for (int i = 0; i < m->height && (size_t)(top + i) < r->nrows; i++) {
        x = 1;
        for (int c = 0; c < def->ncols; c++) {
            if (widths[c] == 0)
                continue;
            tui_draw_field(win, y + 1 + i, x, widths[c], TUI_ROLE_NORMAL,
                           dj_recset_cell(r, (size_t)(top + i), c));
            x += widths[c] + 1;
        }
    }
    char count[64];
    snprintf(count, sizeof count, "共 %zu 条", r->nrows);
    tui_draw_text(win, y + rows - 1, 1, cols - 1, TUI_ROLE_HINT, count);
}

static void md_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct mdetail *m = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    char head[800];
    snprintf(head, sizeof head, "人员信息　%s　%s　%s%s", m->d.name, m->d.stage, m->d.org_name,
             m->d.in_transit ? "（组织关系转接中）" : "");
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, head);
    tui_tabs_draw(&m->tabs, win, 1, 1, cols - 2, focused);
    if (m->tabs.active == 0)
        tui_detail_draw(&m->view, win, 3, 1, rows - 3, cols - 2, &m->d, dj_member_detail_fields,
                        dj_member_detail_field_count);
    else
        draw_table(m, win, 3, rows - 3, cols);
}

static bool scroll_table(struct mdetail *m, enum tui_action a)
{
    int t = m->tabs.active - 1;
    int page = m->height > 1 ? m->height - 1 : 1;
    switch (a) {
    case TUI_A_UP:
        m->top[t]--;
        break;
    case TUI_A_DOWN:
        m->top[t]++;
        break;
    case TUI_A_PAGE_UP:
        m->top[t] -= page;
        break;
    case TUI_A_PAGE_DOWN:
        m->top[t] += page;
        break;
    case TUI_A_HOME:
        m->top[t] = 0;
        break;
    case TUI_A_END:
        m->top[t] = (int)m->rec[t].nrows;
        break;
    default:
        return false;
    }
    if (m->top[t] < 0)
        m->top[t] = 0; /* the upper end is kept by the next draw */
    return true;
}

static unsigned md_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct mdetail *m = s->data;
    if (tui_tabs_handle(&m->tabs, action, key)) {
        char msg[256];
        if (load_tab(m, msg, sizeof msg) < 0)
            tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return TUI_R_HANDLED;
    }
    if (action == TUI_A_REDRAW && m->tabs.active > 0 && !m->loaded[m->tabs.active - 1]) {
        char msg[256];
        if (load_tab(m, msg, sizeof msg) < 0)
            tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return TUI_R_IGNORED; /* and the loop redraws the screen as well */
    }
    if (m->tabs.active == 0 ? tui_detail_handle(&m->view, action) : scroll_table(m, action))
        return TUI_R_HANDLED;
    if (action == TUI_A_BACK)
        return TUI_R_CLOSE;
    return TUI_R_IGNORED;
}

static void md_close(struct tui_screen *s)
{
    struct mdetail *m = s->data;
    if (m == NULL)
        return;
    for (int i = 0; i < DJ_REC_COUNT; i++)
        dj_recset_rows_free(&m->rec[i]);
    free(m);
    s->data = NULL;
}

static const enum tui_action md_hints[] = {TUI_A_FOCUS, TUI_A_PREV_FIELD, TUI_A_DOWN, TUI_A_BACK,
                                           TUI_A_NONE};

const struct tui_screen_ops tui_member_detail_ops = {
    .name = "member_detail",
    .open = md_open,
    .draw = md_draw,
    .handle = md_handle,
    .close = md_close,
    .hints = md_hints,
};
