/*
 * The member list (党员管理, 历史党员, and an organization's people from the
 * tree): one organization, its whole subtree, or the clerk's scope, in pinyin
 * order, a page at a time through the list widget (keyset paging, at most a
 * few pages held).
 *
 * The search line (F3 or /) is the manual's 模糊查询: what is typed decides
 * the search — digits (and a final X) are the start of an ID number, ASCII
 * letters pinyin initials (zw finds 张伟), anything else a part of the name
 * (张 finds 张伟 and 李张).  A list or search of the clerk's scope covers
 * every scope organization; an empty line lists again.  F4 steps through the stage
 * filter: 全部, 申请人, 积极分子, 发展对象, 预备党员, 正式党员.  Enter opens
 * the person's details.  All the SQL is src/db/members.h's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/members.h"
#include "db/orgs.h"
#include "tui/clerk_screens.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/member_actions.h"
#include "tui/session.h"

#define PAGE_ROWS 50
#define COUNT_CAP 200000

/* The columns, in the manual's order; the optional ones go first when the
 * pane is narrow (from the right). */
static const struct {
    enum dj_member_col col;
    unsigned flags;
    int min;
} shown_cols[] = {
    {DJ_MCOL_NAME, 0, 8},
    {DJ_MCOL_SEX, 0, 4},
    {DJ_MCOL_BIRTH_DATE, TUI_COL_OPTIONAL, 10},
    {DJ_MCOL_JOINED, TUI_COL_OPTIONAL, 10},
    {DJ_MCOL_FULL, TUI_COL_OPTIONAL, 10},
    {DJ_MCOL_STAGE, 0, 12},
    {DJ_MCOL_EDUCATION, TUI_COL_OPTIONAL, 10},
    {DJ_MCOL_ORG, TUI_COL_FLEX, 8},
    {DJ_MCOL_CATEGORY, TUI_COL_OPTIONAL, 16},
    {DJ_MCOL_ID_NUMBER, TUI_COL_OPTIONAL, 18},
};
#define NCOLS ((int)(sizeof shown_cols / sizeof shown_cols[0]))

/* The stage filter, in the order F4 steps through it. */
static const struct {
    const char *label;
    unsigned stages;
} stage_filters[] = {
    {"全部", 0},
    {"申请人", DJ_STAGE(1)},
    {"积极分子", DJ_STAGE(2)},
    {"发展对象", DJ_STAGE(3)},
    {"预备党员", DJ_STAGE(4)},
    {"正式党员", DJ_STAGE(5)},
};
#define NFILTERS ((int)(sizeof stage_filters / sizeof stage_filters[0]))

struct mlist {
    enum tui_member_scope scope;
    bool historical;
    long long
        org_id; /* the organization listed (for the clerk's scope: the first, for the heading) */
    char org_name[DJ_NAME_BYTES];
    int nscopes; /* the clerk's scope organizations, when listing the scope */
    int filter;  /* index into stage_filters */
    enum dj_member_search search;
    char text[TUI_LIST_SEARCH_CHARS * 4 + 1];
    struct tui_list_column cols[NCOLS];
    struct tui_list list;
    struct dj_member_row *rows; /* one page, reused by every fetch */
    int rows_cap;
    enum tui_action hints[24]; /* the list's keys, then the buttons of this kind of list */
};

static struct dj_member_query query_of(const struct mlist *m)
{
    struct dj_member_query q = {
        .org_id = m->org_id,
        .subtree = m->scope != TUI_MEMBERS_OF_ORG,
        .search = m->search,
        .text = m->text,
        .stages = stage_filters[m->filter].stages,
        .history = m->historical ? DJ_HISTORY_ONLY : DJ_HISTORY_CURRENT,
    };
    /* The clerk's scope is all of it, however many organizations it is
     * made of, for a list as for a search. */
    if (m->scope == TUI_MEMBERS_OF_CLERK && (m->search != DJ_SEARCH_NONE || m->nscopes > 1))
        q.org_id = 0;
    return q;
}

/* A row's key: the name (in two parts when it is longer than one part
 * holds, split between characters) and the id. */
static void key_of(const struct dj_member_row *r, const char *id, struct tui_rowkey *rk)
{
    size_t len = strlen(r->name), cut = len;
    if (cut > TUI_ROWKEY_LEN - 1) {
        cut = TUI_ROWKEY_LEN - 1;
        while (cut > 0 && ((unsigned char)r->name[cut] & 0xC0) == 0x80)
            cut--;
    }
    char head[TUI_ROWKEY_LEN];
    memcpy(head, r->name, cut);
    head[cut] = '\0';
    tui_rowkey_set(rk, head, id, r->name + cut);
}

static int fetch(void *ctx, enum tui_fetch_dir dir, const struct tui_rowkey *key, int limit,
                 struct tui_page *page, char *err, size_t errlen)
{
    struct mlist *m = ctx;
    /* The list asks for one page: PAGE_ROWS, or as many rows as a taller
     * view shows. */
    if (limit > DJ_PAGE_MAX)
        limit = DJ_PAGE_MAX;
    if (limit > m->rows_cap) {
        struct dj_member_row *grown = realloc(m->rows, (size_t)limit * sizeof *grown);
        if (grown == NULL) {
            snprintf(err, errlen, "内存不足，无法读取人员列表");
            return -1;
        }
        m->rows = grown;
        m->rows_cap = limit;
    }
    static const enum dj_page_dir dirs[] = {
        [TUI_FETCH_FIRST] = DJ_PAGE_FIRST,
        [TUI_FETCH_AFTER] = DJ_PAGE_NEXT,
        [TUI_FETCH_BEFORE] = DJ_PAGE_PREV,
        [TUI_FETCH_LAST] = DJ_PAGE_LAST,
    };
    struct dj_member_key k = {0};
    if (key) {
        char full[2 * TUI_ROWKEY_LEN];
        snprintf(full, sizeof full, "%s%s", key->part[0], key->part[2]);
        snprintf(k.name, sizeof k.name, "%.*s", (int)sizeof k.name - 1, full);
        k.id = strtoll(key->part[1], NULL, 10);
    }
    struct dj_member_query q = query_of(m);
    struct dj_db_error e;
    int n = 0;
    /* A read may simply be asked again once a lost connection is back. */
    for (int attempt = 0;; attempt++) {
        if (dj_members_page(tui_session_db(), &q, dirs[dir], key ? &k : NULL, m->rows, limit, &n,
                            &e) == 0) {
            if (attempt > 0 && errlen > 0)
                err[0] = '\0'; /* the first try's message is history */
            break;
        }
        if (!tui_session_fail(&e, err, errlen) || attempt > 0)
            return -1;
        tui_session_note(TUI_SESSION_RECONNECTED, false);
    }
    for (int i = 0; i < n; i++) {
        const struct dj_member_row *r = &m->rows[i];
        char id[24];
        snprintf(id, sizeof id, "%lld", r->id);
        struct tui_rowkey rk;
        key_of(r, id, &rk);
        const char *cells[NCOLS];
        for (int c = 0; c < NCOLS; c++)
            cells[c] = dj_member_cell(r, shown_cols[c].col);
        if (tui_page_add(page, &rk, cells) < 0)
            break;
    }
    return 0;
}

static long count(void *ctx)
{
    struct mlist *m = ctx;
    struct dj_member_query q = query_of(m);
    struct dj_db_error e;
    long long n = dj_members_count(tui_session_db(), &q, COUNT_CAP, &e);
    if (n < 0 && e.connection_lost) {
        char msg[256];
        if (tui_session_fail(&e, msg, sizeof msg)) {
            tui_session_note(TUI_SESSION_RECONNECTED, false);
            n = dj_members_count(tui_session_db(), &q, COUNT_CAP, &e);
        }
    }
    if (n < 0) {
        char msg[256];
        tui_session_fail(&e, msg, sizeof msg);
        tui_session_note(msg, true);
        return -1;
    }
    return n > COUNT_CAP ? -1 : (long)n;
}

/* Digits with perhaps a final X: an ID number; ASCII letters: initials. */
static enum dj_member_search kind_of(const char *text)
{
    size_t len = strlen(text), digits = 0, letters = 0, blanks = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (isdigit(c))
            digits++;
        else if (c < 0x80 && isalpha(c))
            letters++;
        else if (c == ' ')
            blanks++;
    }
    if (digits > 0 && digits + blanks == len)
        return DJ_SEARCH_ID_NUMBER;
    if (digits > 0 && digits + blanks + 1 == len && toupper((unsigned char)text[len - 1]) == 'X')
        return DJ_SEARCH_ID_NUMBER;
    if (letters > 0 && letters + blanks == len)
        return DJ_SEARCH_INITIALS;
    return DJ_SEARCH_NAME;
}

static int set_filter(void *ctx, const char *text, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    struct mlist *m = ctx;
    const char *t = text;
    while (*t == ' ')
        t++;
    snprintf(m->text, sizeof m->text, "%s", t);
    size_t n = strlen(m->text);
    while (n > 0 && m->text[n - 1] == ' ')
        m->text[--n] = '\0';
    m->search = m->text[0] ? kind_of(m->text) : DJ_SEARCH_NONE;
    /* An ID-number search shows the numbers it matched, even at 80
     * columns: the other optional columns give way, and the organization
     * may be cut shorter. */
    bool by_id = m->search == DJ_SEARCH_ID_NUMBER;
    for (int c = 0; c < NCOLS; c++) {
        m->cols[c].flags = shown_cols[c].flags;
        m->cols[c].min = shown_cols[c].min;
        if (by_id && shown_cols[c].col == DJ_MCOL_ID_NUMBER)
            m->cols[c].flags &= ~(unsigned)TUI_COL_OPTIONAL;
        if (by_id && shown_cols[c].col == DJ_MCOL_ORG)
            m->cols[c].min = 4;
    }
    return 0;
}

/* The organization a list of the clerk's scope starts from. */
static int scope_root(struct mlist *m, struct tui_ctx *ctx)
{
    struct dj_org_row roots[DJ_ORG_MAX_ROOTS];
    int n = 0;
    struct dj_db_error e;
    if (dj_orgs_roots(tui_session_db(), false, roots, &n, &e) < 0) {
        tui_session_fail_ctx(&e, ctx);
        return -1;
    }
    if (n == 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "您没有管理任何党组织，没有可以列出的人员");
        return -1;
    }
    m->org_id = roots[0].id;
    m->nscopes = n;
    snprintf(m->org_name, sizeof m->org_name, "%s", roots[0].name);
    return 0;
}

/* The heading's organization name, when the opener did not give it. */
static int org_name(struct mlist *m, struct tui_ctx *ctx)
{
    struct dj_org_detail *d = malloc(sizeof *d);
    struct dj_db_error e;
    if (d == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开人员列表");
        return -1;
    }
    int rc = dj_org_detail_load(tui_session_db(), m->org_id, d, &e);
    if (rc == 0)
        snprintf(m->org_name, sizeof m->org_name, "%s", d->name);
    free(d);
    if (rc < 0)
        tui_session_fail_ctx(&e, ctx);
    else if (rc > 0)
        tui_ctx_message(ctx, TUI_MSG_ERROR, "该组织不存在或不在您的管理范围内");
    return rc == 0 ? 0 : -1;
}

static unsigned list_kind(const struct mlist *m)
{
    return m->historical ? TUI_MA_HISTORICAL : TUI_MA_CURRENT;
}

/* A button of the manual (新增, 转正, 出党 ...): member_actions.h. */
static unsigned run_action(struct mlist *m, const struct tui_member_action *ma, struct tui_ctx *ctx)
{
    const struct tui_rowkey *k = tui_list_current(&m->list);
    const struct tui_rowkey *keys = NULL;
    int n = tui_list_checked(&m->list, &keys);
    long long *ids = n > 0 ? calloc((size_t)n, sizeof *ids) : NULL;
    if (n > 0 && ids == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return TUI_R_HANDLED;
    }
    for (int i = 0; i < n; i++)
        ids[i] = strtoll(keys[i].part[1], NULL, 10);
    struct tui_member_action_arg a = {
        .person_id = k ? strtoll(k->part[1], NULL, 10) : 0,
        .org_id = m->org_id,
        .name = k ? tui_list_current_cell(&m->list, 0) : "",
        .nchecked = n,
        .checked = ids,
    };
    if (a.name == NULL)
        a.name = "";
    if (ma->needs_row && a.person_id == 0)
        tui_ctx_message(ctx, TUI_MSG_ERROR, "列表中没有人员，请先选择一名人员");
    else
        ma->run(&a, ctx);
    free(ids);
    return TUI_R_HANDLED;
}

static int ml_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_member_list_arg *a = arg;
    struct mlist *m = calloc(1, sizeof *m);
    if (m == NULL || (m->rows = calloc(PAGE_ROWS, sizeof *m->rows)) == NULL) {
        free(m);
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开人员列表");
        return -1;
    }
    m->rows_cap = PAGE_ROWS;
    s->data = m;
    m->scope = a->scope;
    m->historical = a->historical;
    m->org_id = a->org_id;
    snprintf(m->org_name, sizeof m->org_name, "%s", a->org_name ? a->org_name : "");
    snprintf(s->title, sizeof s->title, "%s",
             a->title ? a->title : (m->historical ? "历史党员" : "人员列表"));
    if (m->scope == TUI_MEMBERS_OF_CLERK && scope_root(m, ctx) < 0)
        return -1;
    if (m->scope != TUI_MEMBERS_OF_CLERK && m->org_name[0] == '\0' && org_name(m, ctx) < 0)
        return -1;

    for (int c = 0; c < NCOLS; c++) {
        const struct dj_column *dc = &dj_member_columns[shown_cols[c].col];
        m->cols[c] = (struct tui_list_column){.title = dc->label,
                                              .width = dc->width,
                                              .min = shown_cols[c].min,
                                              .flags = shown_cols[c].flags};
    }
    struct tui_pager_source src = {
        .fetch = fetch, .count = count, .set_filter = set_filter, .ctx = m};
    if (tui_list_init(&m->list, m->cols, NCOLS, &src, 0, PAGE_ROWS) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开人员列表");
        return -1;
    }
    m->list.empty_text = m->historical ? "没有历史党员" : "没有人员";
    static const enum tui_action base[] = {TUI_A_OPEN, TUI_A_SEARCH, TUI_A_FILTER, TUI_A_BACK};
    int nb = (int)(sizeof base / sizeof base[0]);
    for (int i = 0; i < nb; i++)
        m->hints[i] = base[i];
    tui_member_action_hints(list_kind(m), m->hints + nb,
                            (int)(sizeof m->hints / sizeof m->hints[0]) - nb);
    s->hints = m->hints;
    if (tui_list_reload(&m->list) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&m->list));
        return -1;
    }
    return 0;
}

static void ml_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct mlist *m = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    char head[512], line[256], key[16];
    const char *range = m->scope == TUI_MEMBERS_OF_ORG ? "本组织" : "含下级组织";
    if (m->scope == TUI_MEMBERS_OF_CLERK && m->nscopes > 1)
        snprintf(head, sizeof head, "%s　%s 等 %d 个组织（含下级组织）", s->title, m->org_name,
                 m->nscopes);
    else
        snprintf(head, sizeof head, "%s　%s（%s）", s->title, m->org_name, range);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, head);
    struct tui_key k = tui_action_key(TUI_A_FILTER);
    snprintf(line, sizeof line, "人员类别：%s（%s 切换）", stage_filters[m->filter].label,
             tui_key_name(&k, key, sizeof key));
    tui_draw_text(win, 1, 1, cols - 1, TUI_ROLE_NORMAL, line);
    tui_session_show_stats(tui_list_stats(&m->list));
    tui_list_draw(&m->list, win, 2, 0, rows - 2, cols, focused);
}

static unsigned list_result(struct mlist *m, enum tui_list_event ev, struct tui_ctx *ctx)
{
    if (ev == TUI_LIST_ERROR) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&m->list));
        return TUI_R_HANDLED;
    }
    if (ev == TUI_LIST_ACTIVATE) {
        const struct tui_rowkey *k = tui_list_current(&m->list);
        if (k) {
            static struct tui_person_arg arg; /* copied by the details' open */
            arg.person_id = strtoll(k->part[1], NULL, 10);
            tui_ctx_open(ctx, &tui_member_detail_ops, &arg);
        }
        return TUI_R_HANDLED;
    }
    return ev == TUI_LIST_IGNORED ? TUI_R_IGNORED : TUI_R_HANDLED;
}

static unsigned ml_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct mlist *m = s->data;
    if (!m->list.searching && action == TUI_A_FILTER) {
        m->filter = (m->filter + 1) % NFILTERS;
        if (tui_list_reload(&m->list) < 0)
            tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&m->list));
        return TUI_R_HANDLED;
    }
    enum tui_list_event ev = tui_list_handle(&m->list, action, key);
    if (ev != TUI_LIST_IGNORED)
        return list_result(m, ev, ctx);
    if (action == TUI_A_BACK)
        return TUI_R_CLOSE;
    const struct tui_member_action *ma = tui_member_action_find(action, list_kind(m));
    if (ma)
        return run_action(m, ma, ctx);
    return TUI_R_IGNORED;
}

/* A workflow opened from this list has closed: show what it changed. */
static void ml_resume(struct tui_screen *s, struct tui_ctx *ctx)
{
    struct mlist *m = s->data;
    tui_list_clear_checked(&m->list);
    if (tui_list_reload(&m->list) < 0)
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&m->list));
}

static void ml_close(struct tui_screen *s)
{
    struct mlist *m = s->data;
    if (m == NULL)
        return;
    tui_session_show_stats(NULL);
    tui_list_free(&m->list);
    free(m->rows);
    free(m);
    s->data = NULL;
}

static const enum tui_action ml_hints[] = {TUI_A_OPEN, TUI_A_SEARCH, TUI_A_FILTER, TUI_A_BACK,
                                           TUI_A_NONE};

const struct tui_screen_ops tui_member_list_ops = {
    .name = "member_list",
    .open = ml_open,
    .draw = ml_draw,
    .handle = ml_handle,
    .close = ml_close,
    .resume = ml_resume,
    .hints = ml_hints,
};
