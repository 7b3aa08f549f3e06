/*
 * 修改 (manual 1.9.1.2): the member's file in ten tabs, 基本信息, 学历学位,
 * 工作岗位, 职务信息, 技术职务, 党籍信息, 组织关系, 培养发展, 民主评议, 奖惩.
 * Tab / Shift-Tab (or Left / Right) change the tab.  基本信息 shows the
 * person; e or Enter opens the person's form.  Every other tab is a list of
 * its rows: a or Ins 添加, e or Enter 修改 (record_form.c), d 删除 after a
 * confirmation, with the manual's message for that tab.  组织关系 is shown
 * read-only: it changes through the transfer workflows.  A tab's rows are
 * read when it is first shown, and again when a form opened from here closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/members.h"
#include "tui/detail_view.h"
#include "tui/dialog.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/record_screens.h"
#include "tui/session.h"
#include "tui/tabs.h"

#define NTABS (1 + DJ_REC_COUNT)

enum { TAG_DELETE = 1 };

struct tab {
    struct dj_recset_rows rows;
    bool loaded;
    bool list_ready;
    struct tui_list_column cols[DJ_RECSET_MAX_COLS];
    struct tui_list list;
};

struct medit {
    long long person_id;
    struct dj_member_detail d;
    const char *titles[NTABS];
    struct tui_tabs tabs;
    struct tui_detail_view view;
    struct tab tab[DJ_REC_COUNT];
    struct tui_dialog dlg;
    long long delete_id; /* the row the confirmation is about */
    struct rec_io_stamp delete_stamp;
    enum tui_action hints[12];
};

/* ---- a tab's rows as a list (in memory: a tab holds at most 500) --------- */

static int rows_fetch(void *ctx, enum tui_fetch_dir dir, const struct tui_rowkey *key, int limit,
                      struct tui_page *page, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    struct tab *t = ctx;
    int n = (int)t->rows.nrows, from = 0, to = 0;
    switch (dir) {
    case TUI_FETCH_FIRST:
        from = 0;
        to = limit < n ? limit : n;
        break;
    case TUI_FETCH_AFTER:
        from = atoi(key->part[0]) + 1;
        to = from + limit < n ? from + limit : n;
        break;
    case TUI_FETCH_BEFORE:
        to = atoi(key->part[0]);
        from = to - limit > 0 ? to - limit : 0;
        break;
    case TUI_FETCH_LAST:
        to = n;
        from = n - limit > 0 ? n - limit : 0;
        break;
    }
    int ncols = dj_recsets[t->rows.set].ncols;
    for (int r = from; r < to; r++) {
        const char *cells[DJ_RECSET_MAX_COLS];
        for (int c = 0; c < ncols; c++)
            cells[c] = dj_recset_cell(&t->rows, (size_t)r, c);
        char idx[16], id[24];
        snprintf(idx, sizeof idx, "%06d", r);
        snprintf(id, sizeof id, "%lld", t->rows.ids[r]);
        struct tui_rowkey k;
        tui_rowkey_set(&k, idx, id, NULL);
        if (tui_page_add(page, &k, cells) < 0)
            break;
    }
    return 0;
}

static long rows_count(void *ctx)
{
    struct tab *t = ctx;
    return (long)t->rows.nrows;
}

static int tab_list_init(struct tab *t, enum dj_recset set)
{
    const struct dj_recset_def *def = &dj_recsets[set];
    for (int c = 0; c < def->ncols; c++)
        t->cols[c] = (struct tui_list_column){
            .title = def->cols[c].label,
            .width = def->cols[c].width,
            .min = def->cols[c].width <= 10 ? def->cols[c].width : 8,
            .flags = c == def->ncols - 1 ? TUI_COL_FLEX : 0,
        };
    struct tui_pager_source src = {rows_fetch, rows_count, NULL, t};
    if (tui_list_init(&t->list, t->cols, def->ncols, &src, TUI_LIST_NO_SEARCH, 50) < 0)
        return -1;
    t->list_ready = true;
    return 0;
}

/* Reads the rows of tab set (again) and shows the list from its top, or at
 * the row keep_id when it is still there. */
static int load_tab(struct medit *m, int set, long long keep_id, char *msg, size_t msglen)
{
    struct tab *t = &m->tab[set];
    struct dj_recset_rows rows;
    struct dj_db_error e;
    if (dj_member_records_load(tui_session_db(), m->person_id, (enum dj_recset)set, &rows, &e) <
        0) {
        tui_session_fail(&e, msg, msglen);
        return -1;
    }
    dj_recset_rows_free(&t->rows);
    t->rows = rows;
    t->loaded = true;
    if (!t->list_ready && tab_list_init(t, (enum dj_recset)set) < 0) {
        snprintf(msg, msglen, "内存不足，无法显示%s", dj_recsets[set].title);
        return -1;
    }
    t->list.empty_text = NULL;
    if (tui_list_reload(&t->list) < 0) {
        snprintf(msg, msglen, "%s", tui_list_error(&t->list));
        return -1;
    }
    for (size_t i = 0; keep_id && i < t->rows.nrows; i++)
        if (t->rows.ids[i] == keep_id) {
            tui_pager_move(&t->list.pager, (int)i);
            break;
        }
    return 0;
}

static int load_person(struct medit *m, char *msg, size_t msglen)
{
    struct dj_db_error e;
    int rc = dj_member_detail_load(tui_session_db(), m->person_id, &m->d, &e);
    if (rc < 0)
        tui_session_fail(&e, msg, msglen);
    else if (rc > 0)
        snprintf(msg, msglen, "该人员不存在或不在您的管理范围内");
    return rc == 0 ? 0 : -1;
}

static int active_set(const struct medit *m)
{
    return m->tabs.active - 1; /* -1: 基本信息 */
}

static void set_hints(struct tui_screen *s, struct medit *m)
{
    int set = active_set(m), n = 0;
    m->hints[n++] = TUI_A_FOCUS;
    if (set < 0) {
        m->hints[n++] = TUI_A_EDIT;
    } else if (set != DJ_REC_ORG_RELATION) {
        m->hints[n++] = TUI_A_ADD;
        m->hints[n++] = TUI_A_EDIT;
        m->hints[n++] = TUI_A_DELETE;
    }
    m->hints[n++] = TUI_A_BACK;
    m->hints[n] = TUI_A_NONE;
    s->hints = m->hints;
}

static int me_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_member_edit_arg *a = arg;
    struct medit *m = calloc(1, sizeof *m);
    if (m == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开党员信息");
        return -1;
    }
    s->data = m;
    m->person_id = a->person_id;
    char msg[256];
    if (load_person(m, msg, sizeof msg) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return -1;
    }
    m->titles[0] = "基本信息";
    for (int i = 0; i < DJ_REC_COUNT; i++) {
        m->titles[i + 1] = dj_recsets[i].title;
        m->tab[i].rows.set = (enum dj_recset)i;
    }
    tui_tabs_init(&m->tabs, m->titles, NTABS);
    snprintf(s->title, sizeof s->title, "%s", "修改党员信息");
    set_hints(s, m);
    return 0;
}

static void me_close(struct tui_screen *s)
{
    struct medit *m = s->data;
    if (m == NULL)
        return;
    for (int i = 0; i < DJ_REC_COUNT; i++) {
        dj_recset_rows_free(&m->tab[i].rows);
        if (m->tab[i].list_ready)
            tui_list_free(&m->tab[i].list);
    }
    free(m);
    s->data = NULL;
}

static void me_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct medit *m = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    char head[800];
    snprintf(head, sizeof head, "修改党员信息　%s　%s　%s%s", m->d.name, m->d.stage, m->d.org_name,
             m->d.in_transit ? "（组织关系转接中，不能修改）" : "");
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, head);
    tui_tabs_draw(&m->tabs, win, 1, 1, cols - 2, focused);
    int set = active_set(m);
    if (set < 0) {
        tui_detail_draw(&m->view, win, 3, 1, rows - 3, cols - 2, &m->d, dj_member_detail_fields,
                        dj_member_detail_field_count);
    } else {
        struct tab *t = &m->tab[set];
        int y = 3;
        if (set == DJ_REC_ORG_RELATION) {
            tui_draw_text(win, y++, 1, cols - 2, TUI_ROLE_HINT,
                          "组织关系只能通过组织关系转出、转入变更，此处只供查看");
        }
        if (!t->loaded) {
            tui_draw_text(win, y, 2, cols - 2, TUI_ROLE_NORMAL,
                          "（未能读取，请按 Ctrl-L 或换一个标签再试）");
        } else {
            char empty[96];
            snprintf(empty, sizeof empty, "没有%s记录", dj_recsets[set].title);
            t->list.empty_text = empty;
            tui_list_draw(&t->list, win, y, 0, rows - y, cols,
                          focused && !tui_dialog_is_open(&m->dlg));
            t->list.empty_text = NULL;
        }
    }
    tui_dialog_draw(&m->dlg, win);
}

static void open_form(struct medit *m, int set, long long row_id, struct tui_ctx *ctx)
{
    static struct tui_record_form_arg arg; /* copied by the form's open */
    arg = (struct tui_record_form_arg){
        .person_id = m->person_id, .set = set, .row_id = row_id, .name = m->d.name};
    tui_ctx_open(ctx, &tui_record_form_ops, &arg);
}

static long long current_row(struct medit *m, int set)
{
    const struct tui_rowkey *k = tui_list_current(&m->tab[set].list);
    return k ? strtoll(k->part[1], NULL, 10) : 0;
}

static unsigned row_action(struct medit *m, int set, enum tui_action action, struct tui_ctx *ctx)
{
    if (set == DJ_REC_ORG_RELATION) {
        if (action == TUI_A_ADD || action == TUI_A_EDIT || action == TUI_A_DELETE) {
            tui_ctx_message(ctx, TUI_MSG_ERROR,
                            "组织关系只能通过组织关系转出、转入变更，不能在此添加、修改或删除");
            return TUI_R_HANDLED;
        }
        return TUI_R_IGNORED;
    }
    long long row = current_row(m, set);
    switch (action) {
    case TUI_A_ADD:
        open_form(m, set, 0, ctx);
        return TUI_R_HANDLED;
    case TUI_A_EDIT:
    case TUI_A_DELETE:
        if (row == 0) {
            tui_ctx_message(ctx, TUI_MSG_ERROR, "没有可以修改或删除的记录；按 a 或 Ins 添加");
            return TUI_R_HANDLED;
        }
        if (action == TUI_A_EDIT) {
            open_form(m, set, row, ctx);
        } else {
            char msg[512];
            const char *first = tui_list_current_cell(&m->tab[set].list, 0);
            snprintf(msg, sizeof msg, "确定删除%.150s的这条%s记录（%.150s）吗？删除后不能恢复。",
                     m->d.name, dj_recsets[set].title, first && *first ? first : "—");
            struct rec_io_error e;
            if (rec_io_row_stamp(set, row, &m->delete_stamp, &e) != 0) {
                tui_ctx_message(ctx, TUI_MSG_ERROR, e.msg);
                return TUI_R_HANDLED;
            }
            m->delete_id = row;
            tui_dialog_confirm(&m->dlg, TAG_DELETE, "删除记录", msg);
        }
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

static void delete_row(struct medit *m, struct tui_ctx *ctx)
{
    int set = active_set(m);
    struct rec_io_error e;
    if (rec_io_delete(set, m->delete_id, &m->delete_stamp, &e) < 0) {
        tui_dialog_message(&m->dlg, TUI_DIALOG_ERROR, e.msg);
        return;
    }
    char msg[256];
    if (load_tab(m, set, 0, msg, sizeof msg) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return;
    }
    const struct rec_form_def *def = rec_form_def(set);
    tui_dialog_message(&m->dlg, TUI_DIALOG_SUCCESS, def->deleted);
    tui_ctx_message(ctx, TUI_MSG_SUCCESS, def->deleted);
}

static unsigned me_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct medit *m = s->data;
    if (tui_dialog_is_open(&m->dlg)) {
        int tag = m->dlg.tag;
        enum tui_dialog_answer ans = tui_dialog_handle(&m->dlg, action, key);
        rec_overlay_closed(true, tui_dialog_is_open(&m->dlg));
        switch (ans) {
        case TUI_DIALOG_OK:
            if (tag == TAG_DELETE)
                delete_row(m, ctx);
            return TUI_R_HANDLED;
        case TUI_DIALOG_PASS:
            return TUI_R_IGNORED;
        default:
            return TUI_R_HANDLED;
        }
    }
    char msg[256];
    if (tui_tabs_handle(&m->tabs, action, key)) {
        int set = active_set(m);
        set_hints(s, m);
        if (set >= 0 && !m->tab[set].loaded && load_tab(m, set, 0, msg, sizeof msg) < 0)
            tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return TUI_R_HANDLED;
    }
    int set = active_set(m);
    if (action == TUI_A_REDRAW && set >= 0 && !m->tab[set].loaded) {
        if (load_tab(m, set, 0, msg, sizeof msg) < 0)
            tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return TUI_R_IGNORED; /* and the loop redraws the screen as well */
    }
    if (action == TUI_A_BACK)
        return TUI_R_CLOSE;
    if (set < 0) {
        if (action == TUI_A_EDIT || action == TUI_A_OPEN) {
            open_form(m, -1, 0, ctx);
            return TUI_R_HANDLED;
        }
        return tui_detail_handle(&m->view, action) ? TUI_R_HANDLED : TUI_R_IGNORED;
    }
    if (!m->tab[set].loaded)
        return TUI_R_IGNORED;
    switch (tui_list_handle(&m->tab[set].list, action, key)) {
    case TUI_LIST_ACTIVATE:
        return row_action(m, set, TUI_A_EDIT, ctx);
    case TUI_LIST_ERROR:
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&m->tab[set].list));
        return TUI_R_HANDLED;
    case TUI_LIST_HANDLED:
        return TUI_R_HANDLED;
    default:
        return row_action(m, set, action, ctx);
    }
}

/* A form opened from here closed: show what it saved. */
static void me_resume(struct tui_screen *s, struct tui_ctx *ctx)
{
    struct medit *m = s->data;
    char msg[256];
    int set = active_set(m);
    if (load_person(m, msg, sizeof msg) < 0 ||
        (set >= 0 && load_tab(m, set, current_row(m, set), msg, sizeof msg) < 0))
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
}

const struct tui_screen_ops tui_member_edit_ops = {
    .name = "member_edit",
    .open = me_open,
    .draw = me_draw,
    .handle = me_handle,
    .close = me_close,
    .resume = me_resume,
};
