/*
 * 提醒 (r in 申请人管理): what app.remind finds in the clerk's scope as of a
 * date: talks overdue, activists who reach a year, probations ending in the
 * next 30 days or overdue, approvals overdue, each with the person, the
 * organization and the date (dj_remind).  The date is today; F3 (or /) sets
 * another one (截至日期, e.g. 2025-07-01; empty: today).  Enter opens the
 * person's details; Esc goes back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"
#include "tui/clerk_screens.h"
#include "tui/dev_screens.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/session.h"

#define NCOLS 5

static const struct tui_list_column columns[NCOLS] = {
    {"提醒", 14, 8, 0},
    {"姓名", 10, 6, 0},
    {"日期", 10, 10, 0},
    {"所在组织", 16, 8, TUI_COL_FLEX},
    {"说明", 30, 10, TUI_COL_OPTIONAL},
};

struct remind {
    struct dj_remind_row *rows;
    size_t n;
    char as_of[DJ_DATE_STRLEN]; /* "" today */
    struct tui_list list;
};

static int load(struct remind *r, const char *as_of, char *err, size_t errlen)
{
    struct dj_remind_row *rows = NULL;
    size_t n = 0;
    struct dj_db_error e;
    if (dj_remind(tui_session_db(), as_of, &rows, &n, &e) < 0) {
        tui_session_fail(&e, err, errlen);
        return -1;
    }
    free(r->rows);
    r->rows = rows;
    r->n = n;
    snprintf(r->as_of, sizeof r->as_of, "%s", as_of ? as_of : "");
    return 0;
}

/* Rows by index: the key is the index, zero-padded. */
static int fetch(void *ctx, enum tui_fetch_dir dir, const struct tui_rowkey *key, int limit,
                 struct tui_page *page, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    struct remind *r = ctx;
    long from = 0, n = (long)r->n;
    switch (dir) {
    case TUI_FETCH_FIRST:
        from = 0;
        break;
    case TUI_FETCH_AFTER:
        from = atol(key->part[0]) + 1;
        break;
    case TUI_FETCH_BEFORE:
        from = atol(key->part[0]) - limit;
        break;
    case TUI_FETCH_LAST:
        from = n - limit;
        break;
    }
    long to = dir == TUI_FETCH_BEFORE ? atol(key->part[0]) : from + limit;
    if (from < 0)
        from = 0;
    if (to > n)
        to = n;
    for (long i = from; i < to; i++) {
        const struct dj_remind_row *row = &r->rows[i];
        char idx[24], id[24];
        snprintf(idx, sizeof idx, "%010ld", i);
        snprintf(id, sizeof id, "%lld", row->person_id);
        struct tui_rowkey k;
        tui_rowkey_set(&k, idx, id, NULL);
        const char *cells[NCOLS] = {row->kind_name, row->name, row->due_on, row->org_name,
                                    row->note};
        if (tui_page_add(page, &k, cells) < 0)
            break;
    }
    return 0;
}

static long count(void *ctx)
{
    return (long)((struct remind *)ctx)->n;
}

/* The search line sets the as-of date. */
static int set_date(void *ctx, const char *text, char *err, size_t errlen)
{
    struct remind *r = ctx;
    while (*text == ' ')
        text++;
    if (*text == '\0')
        return load(r, NULL, err, errlen);
    struct dj_date d;
    char buf[DJ_DATE_STRLEN];
    if (dj_date_parse("截至日期", text, &d, err, errlen) < 0)
        return -1;
    return load(r, dj_date_format(d, buf), err, errlen);
}

static int rm_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    struct remind *r = calloc(1, sizeof *r);
    if (r == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开提醒");
        return -1;
    }
    s->data = r;
    snprintf(s->title, sizeof s->title, "%s", "到期提醒");
    char err[256];
    if (load(r, NULL, err, sizeof err) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, err);
        return -1;
    }
    struct tui_pager_source src = {fetch, count, set_date, r};
    if (tui_list_init(&r->list, columns, NCOLS, &src, 0, 50) < 0 || tui_list_reload(&r->list) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开提醒");
        return -1;
    }
    r->list.empty_text = "没有需要提醒的事项";
    return 0;
}

static void rm_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct remind *r = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    char head[192], today[DJ_DATE_STRLEN], key[16];
    struct tui_key k = tui_action_key(TUI_A_SEARCH);
    snprintf(head, sizeof head, "到期提醒　截至 %s（%s 改日期）",
             r->as_of[0] ? r->as_of : dj_date_format(dj_date_today(), today),
             tui_key_name(&k, key, sizeof key));
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, head);
    tui_session_show_stats(tui_list_stats(&r->list));
    /* The current row's organization and note in full under the list: the
     * columns cut them at 80 columns. */
    int below = rows >= 12 ? 2 : 0;
    tui_list_draw(&r->list, win, 1, 0, rows - 1 - below, cols, focused);
    const char *org = tui_list_current_cell(&r->list, 3),
               *note = tui_list_current_cell(&r->list, 4);
    if (below == 0 || org == NULL)
        return;
    char text[DJ_NAME_BYTES + DJ_DEV_WARN_BYTES + 32];
    snprintf(text, sizeof text, "%s：%s", org, note ? note : "");
    struct tui_wrap_line lines[2];
    int n = tui_wrap(text, cols - 2, lines, 2);
    for (int i = 0; i < n && i < 2; i++) {
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)lines[i].len, text + lines[i].start);
        tui_draw_text(win, rows - below + i, 1, cols - 2, TUI_ROLE_HINT, line);
    }
}

static unsigned rm_handle(struct tui_screen *s, enum tui_action a, const struct tui_key *k,
                          struct tui_ctx *ctx)
{
    struct remind *r = s->data;
    switch (tui_list_handle(&r->list, a, k)) {
    case TUI_LIST_ACTIVATE: {
        const struct tui_rowkey *key = tui_list_current(&r->list);
        if (key) {
            static struct tui_person_arg arg; /* copied by the details' open */
            arg.person_id = strtoll(key->part[1], NULL, 10);
            tui_ctx_open(ctx, &tui_member_detail_ops, &arg);
        }
        return TUI_R_HANDLED;
    }
    case TUI_LIST_ERROR:
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&r->list));
        return TUI_R_HANDLED;
    case TUI_LIST_HANDLED:
        return TUI_R_HANDLED;
    default:
        break;
    }
    return a == TUI_A_BACK ? TUI_R_CLOSE : TUI_R_IGNORED;
}

static void rm_close(struct tui_screen *s)
{
    struct remind *r = s->data;
    if (r == NULL)
        return;
    tui_session_show_stats(NULL);
    tui_list_free(&r->list);
    free(r->rows);
    free(r);
    s->data = NULL;
}

static const enum tui_action rm_hints[] = {TUI_A_OPEN, TUI_A_SEARCH, TUI_A_BACK, TUI_A_NONE};

const struct tui_screen_ops tui_remind_ops = {
    .name = "remind",
    .open = rm_open,
    .draw = rm_draw,
    .handle = rm_handle,
    .close = rm_close,
    .hints = rm_hints,
};
