/*
 * 申请人管理 (manual 1.1-1.4): the applicants, activists and development
 * targets of the clerk's scope (its first scope organization and everything
 * under it), in pinyin order, a page at a time, with their category (申请者,
 * 入党积极分子, 发展对象) and the dates that matter: 申请日期, 列为积极分子
 * 日期, 列为发展对象日期.
 *
 * Keys: F3 or / the search line (as in 党员管理: a part of the name, pinyin
 * initials, or the start of an ID number; over every scope organization),
 * F4 the category filter, Space ticks a row, Ins or a 新增 (1.1), p 培养发展
 * (1.2, 1.3) of the current row, x 吸收 the ticked development targets (1.4),
 * r 提醒, Enter the person's details, Esc back.  The forms opened from here
 * reload the list when they close.
 *
 * The whole list comes from dj_applicants_page, dates included.  A filtered
 * or searched list comes from dj_members_page (which searches and filters by
 * stage) and reads each row's dates with dj_dev_status_load: those lists are
 * short, a page is the rows on screen.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/development.h"
#include "db/members.h"
#include "db/orgs.h"
#include "tui/clerk_screens.h"
#include "tui/dev_screens.h"
#include "tui/draw.h"
#include "tui/list.h"
#include "tui/session.h"

#define PAGE_ROWS 50
#define COUNT_CAP 200000

/* At 80 columns the pane holds the name, the category and two dates: the
 * optional columns go from the right (ID, birth, organization, sex), then
 * 申请日期. */
enum {
    COL_NAME,
    COL_STAGE,
    COL_APPLIED,
    COL_ACTIVIST,
    COL_TARGET,
    COL_SEX,
    COL_ORG,
    COL_BIRTH,
    COL_ID,
    NCOLS
};

static const struct tui_list_column columns[NCOLS] = {
    [COL_NAME] = {"姓名", 8, 6, 0},
    [COL_STAGE] = {"人员类别", 12, 12, 0},
    [COL_APPLIED] = {"申请日期", 10, 10, TUI_COL_OPTIONAL},
    [COL_ACTIVIST] = {"积极分子日期", 12, 10, 0},
    [COL_TARGET] = {"发展对象日期", 12, 10, 0},
    [COL_SEX] = {"性别", 4, 4, TUI_COL_OPTIONAL},
    [COL_ORG] = {"所在组织", 16, 8, TUI_COL_FLEX | TUI_COL_OPTIONAL},
    [COL_BIRTH] = {"出生日期", 10, 10, TUI_COL_OPTIONAL},
    [COL_ID] = {"身份证号", 18, 18, TUI_COL_OPTIONAL},
};

/* The category filter, in the order F4 steps through it. */
static const struct {
    const char *label;
    unsigned stages;
} filters[] = {
    {"全部", 0},
    {"申请者", DJ_STAGE(1)},
    {"入党积极分子", DJ_STAGE(2)},
    {"发展对象", DJ_STAGE(3)},
};
#define NFILTERS ((int)(sizeof filters / sizeof filters[0]))

struct alist {
    long long org_id; /* the clerk's first scope organization */
    char org_name[DJ_NAME_BYTES];
    int nscopes;
    int filter;
    enum dj_member_search search;
    char text[TUI_LIST_SEARCH_CHARS * 4 + 1];
    struct tui_list list;
    struct dj_applicant_row *rows; /* one page of the whole list */
    struct dj_member_row *mrows;   /* one page of a filtered or searched list */
    int rows_cap;
    struct dj_dev_status st; /* a searched row's dates */
    bool untick;             /* a workflow was opened: its people may have moved */
};

/* The manual calls stage 1 申请者. */
static const char *category(const char *stage_code, const char *stage)
{
    if (strcmp(stage_code, DJ_DEV_APPLICANT) == 0 || strcmp(stage, "入党申请人") == 0)
        return "申请者";
    return stage;
}

static bool whole_list(const struct alist *a)
{
    return a->filter == 0 && a->search == DJ_SEARCH_NONE;
}

static struct dj_member_query query_of(const struct alist *a)
{
    struct dj_member_query q = {
        .org_id = a->search != DJ_SEARCH_NONE && a->nscopes > 1 ? 0 : a->org_id,
        .subtree = true,
        .search = a->search,
        .text = a->text,
        .stages = a->filter ? filters[a->filter].stages : DJ_STAGES_APPLICANTS,
        .history = DJ_HISTORY_CURRENT,
    };
    return q;
}

/* A row's key: the name (split in two parts when long) and the id. */
static void key_of(const char *name, long long id, struct tui_rowkey *rk)
{
    size_t len = strlen(name), cut = len;
    if (cut > TUI_ROWKEY_LEN - 1) {
        cut = TUI_ROWKEY_LEN - 1;
        while (cut > 0 && ((unsigned char)name[cut] & 0xC0) == 0x80)
            cut--;
    }
    char head[TUI_ROWKEY_LEN], ids[24];
    memcpy(head, name, cut);
    head[cut] = '\0';
    snprintf(ids, sizeof ids, "%lld", id);
    tui_rowkey_set(rk, head, ids, name + cut);
}

static int grow(struct alist *a, int limit, char *err, size_t errlen)
{
    if (limit <= a->rows_cap)
        return 0;
    struct dj_applicant_row *r = realloc(a->rows, (size_t)limit * sizeof *r);
    if (r)
        a->rows = r;
    struct dj_member_row *m = realloc(a->mrows, (size_t)limit * sizeof *m);
    if (m)
        a->mrows = m;
    if (r == NULL || m == NULL) {
        snprintf(err, errlen, "内存不足，无法读取申请人列表");
        return -1;
    }
    a->rows_cap = limit;
    return 0;
}

static int add_whole(struct alist *a, enum dj_page_dir dir, const struct dj_member_key *k,
                     int limit, struct tui_page *page, struct dj_db_error *e)
{
    int n = 0;
    if (dj_applicants_page(tui_session_db(), a->org_id, true, dir, k, a->rows, limit, &n, e) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const struct dj_applicant_row *r = &a->rows[i];
        struct tui_rowkey rk;
        key_of(r->name, r->id, &rk);
        const char *cells[NCOLS] = {
            [COL_NAME] = r->name,
            [COL_SEX] = r->sex,
            [COL_STAGE] = category(r->stage_code, r->stage),
            [COL_APPLIED] = r->applied_on,
            [COL_ACTIVIST] = r->activist_on,
            [COL_TARGET] = r->target_on,
            [COL_ORG] = r->org_name,
            [COL_BIRTH] = r->birth_date,
            [COL_ID] = r->id_number,
        };
        if (tui_page_add(page, &rk, cells) < 0)
            break;
    }
    return 0;
}

static int add_found(struct alist *a, enum dj_page_dir dir, const struct dj_member_key *k,
                     int limit, struct tui_page *page, struct dj_db_error *e)
{
    int n = 0;
    struct dj_member_query q = query_of(a);
    if (dj_members_page(tui_session_db(), &q, dir, k, a->mrows, limit, &n, e) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const struct dj_member_row *r = &a->mrows[i];
        struct dj_dev_status *st = &a->st;
        if (dj_dev_status_load(tui_session_db(), r->id, st, e) != 0)
            memset(st, 0, sizeof *st); /* the row without its dates */
        struct tui_rowkey rk;
        key_of(r->name, r->id, &rk);
        const char *cells[NCOLS] = {
            [COL_NAME] = r->name,
            [COL_SEX] = r->sex,
            [COL_STAGE] = category(st->stage_code, r->stage),
            [COL_APPLIED] = st->applied_on,
            [COL_ACTIVIST] = st->activist_on,
            [COL_TARGET] = st->target_on,
            [COL_ORG] = r->org_name,
            [COL_BIRTH] = r->birth_date,
            [COL_ID] = r->id_number,
        };
        if (tui_page_add(page, &rk, cells) < 0)
            break;
    }
    return 0;
}

static int fetch(void *ctx, enum tui_fetch_dir dir, const struct tui_rowkey *key, int limit,
                 struct tui_page *page, char *err, size_t errlen)
{
    struct alist *a = ctx;
    if (limit > DJ_PAGE_MAX)
        limit = DJ_PAGE_MAX;
    if (grow(a, limit, err, errlen) < 0)
        return -1;
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
    struct dj_db_error e;
    for (int attempt = 0;; attempt++) {
        int rc = whole_list(a) ? add_whole(a, dirs[dir], key ? &k : NULL, limit, page, &e)
                               : add_found(a, dirs[dir], key ? &k : NULL, limit, page, &e);
        if (rc == 0) {
            if (attempt > 0 && errlen > 0)
                err[0] = '\0';
            return 0;
        }
        if (!tui_session_fail(&e, err, errlen) || attempt > 0)
            return -1;
        tui_session_note(TUI_SESSION_RECONNECTED, false);
    }
}

static long count(void *ctx)
{
    struct alist *a = ctx;
    struct dj_db_error e;
    long long n;
    if (whole_list(a)) {
        n = dj_applicants_count(tui_session_db(), a->org_id, true, COUNT_CAP, &e);
    } else {
        struct dj_member_query q = query_of(a);
        n = dj_members_count(tui_session_db(), &q, COUNT_CAP, &e);
    }
    if (n < 0) {
        char msg[256];
        tui_session_fail(&e, msg, sizeof msg);
        tui_session_note(msg, true);
        return -1;
    }
    return n > COUNT_CAP ? -1 : (long)n;
}

/* As 党员管理: digits (perhaps a final X) an ID number, ASCII letters the
 * initials, anything else a part of the name. */
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
    struct alist *a = ctx;
    while (*text == ' ')
        text++;
    snprintf(a->text, sizeof a->text, "%s", text);
    size_t n = strlen(a->text);
    while (n > 0 && a->text[n - 1] == ' ')
        a->text[--n] = '\0';
    a->search = a->text[0] ? kind_of(a->text) : DJ_SEARCH_NONE;
    return 0;
}

static int al_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    struct alist *a = calloc(1, sizeof *a);
    if (a == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开申请人管理");
        return -1;
    }
    s->data = a;
    snprintf(s->title, sizeof s->title, "%s", "申请人管理");
    struct dj_org_row roots[DJ_ORG_MAX_ROOTS];
    int n = 0;
    struct dj_db_error e;
    if (dj_orgs_roots(tui_session_db(), false, roots, &n, &e) < 0) {
        tui_session_fail_ctx(&e, ctx);
        return -1;
    }
    if (n == 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "您没有管理任何党组织，没有可以列出的申请人");
        return -1;
    }
    a->org_id = roots[0].id;
    a->nscopes = n;
    snprintf(a->org_name, sizeof a->org_name, "%s", roots[0].name);
    char err[128];
    struct tui_pager_source src = {fetch, count, set_filter, a};
    if (grow(a, PAGE_ROWS, err, sizeof err) < 0 ||
        tui_list_init(&a->list, columns, NCOLS, &src, TUI_LIST_MULTI, PAGE_ROWS) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开申请人管理");
        return -1;
    }
    a->list.empty_text = "没有申请人";
    if (tui_list_reload(&a->list) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&a->list));
        return -1;
    }
    return 0;
}

static void al_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct alist *a = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    char head[512], line[256], key[16];
    if (a->nscopes > 1)
        snprintf(head, sizeof head,
                 "申请人管理　%s（含下级组织；共管理 %d 个组织，查找时包括全部）", a->org_name,
                 a->nscopes);
    else
        snprintf(head, sizeof head, "申请人管理　%s（含下级组织）", a->org_name);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, head);
    struct tui_key k = tui_action_key(TUI_A_FILTER);
    const struct tui_rowkey *ck = NULL;
    int nchecked = tui_list_checked(&a->list, &ck);
    int len = snprintf(line, sizeof line, "人员类别：%s（%s 切换）", filters[a->filter].label,
                       tui_key_name(&k, key, sizeof key));
    if (nchecked > 0 && len > 0 && (size_t)len < sizeof line)
        snprintf(line + len, sizeof line - (size_t)len, "　已勾选 %d 人", nchecked);
    tui_draw_text(win, 1, 1, cols - 1, TUI_ROLE_NORMAL, line);
    tui_session_show_stats(tui_list_stats(&a->list));
    tui_list_draw(&a->list, win, 2, 0, rows - 2, cols, focused);
}

static long long current_id(const struct alist *a)
{
    const struct tui_rowkey *k = tui_list_current(&a->list);
    return k ? strtoll(k->part[1], NULL, 10) : 0;
}

static unsigned admit(struct alist *a, struct tui_ctx *ctx)
{
    const struct tui_rowkey *keys = NULL;
    int n = tui_list_checked(&a->list, &keys);
    if (n == 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR,
                        "请先用空格键勾选要吸收的发展对象（可勾选多人），再按 x 吸收");
        return TUI_R_HANDLED;
    }
    /* The form copies the ids when it opens, which is after this returns:
     * keep them here until then. */
    static long long *ids;
    static struct tui_dev_admit_arg arg;
    free(ids);
    ids = calloc((size_t)n, sizeof *ids);
    if (ids == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return TUI_R_HANDLED;
    }
    for (int i = 0; i < n; i++)
        ids[i] = strtoll(keys[i].part[1], NULL, 10);
    arg.count = n;
    arg.ids = ids;
    a->untick = true;
    tui_ctx_open(ctx, &tui_admit_ops, &arg);
    return TUI_R_HANDLED;
}

static unsigned action(struct alist *a, enum tui_action act, struct tui_ctx *ctx)
{
    long long id = current_id(a);
    switch (act) {
    case TUI_A_ADD: {
        static struct tui_dev_org_arg arg; /* copied by the form's open */
        static char name[DJ_NAME_BYTES];
        snprintf(name, sizeof name, "%s", a->org_name);
        arg.org_id = a->org_id;
        arg.org_name = name;
        a->untick = true;
        tui_ctx_open(ctx, &tui_applicant_add_ops, &arg);
        return TUI_R_HANDLED;
    }
    case TUI_A_DEVELOP:
    case TUI_A_OPEN:
        if (id == 0) {
            tui_ctx_message(ctx, TUI_MSG_ERROR, "列表中没有人员，请先选择一名人员");
            return TUI_R_HANDLED;
        }
        if (act == TUI_A_OPEN) {
            static struct tui_person_arg parg; /* copied by the details' open */
            parg.person_id = id;
            tui_ctx_open(ctx, &tui_member_detail_ops, &parg);
        } else {
            static struct tui_dev_person_arg darg;
            darg.person_id = id;
            a->untick = true;
            tui_ctx_open(ctx, &tui_develop_ops, &darg);
        }
        return TUI_R_HANDLED;
    case TUI_A_ADMIT:
        return admit(a, ctx);
    case TUI_A_REMIND:
        tui_ctx_open(ctx, &tui_remind_ops, NULL);
        return TUI_R_HANDLED;
    case TUI_A_BACK:
        return TUI_R_CLOSE;
    default:
        return TUI_R_IGNORED;
    }
}

static unsigned al_handle(struct tui_screen *s, enum tui_action act, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct alist *a = s->data;
    if (!a->list.searching && act == TUI_A_FILTER) {
        a->filter = (a->filter + 1) % NFILTERS;
        if (tui_list_reload(&a->list) < 0)
            tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&a->list));
        return TUI_R_HANDLED;
    }
    switch (tui_list_handle(&a->list, act, key)) {
    case TUI_LIST_ERROR:
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&a->list));
        return TUI_R_HANDLED;
    case TUI_LIST_ACTIVATE:
        return action(a, TUI_A_OPEN, ctx);
    case TUI_LIST_HANDLED:
        return TUI_R_HANDLED;
    default:
        return action(a, act, ctx);
    }
}

/* A form opened from here has closed: show what it changed. */
static void al_resume(struct tui_screen *s, struct tui_ctx *ctx)
{
    struct alist *a = s->data;
    if (a->untick)
        tui_list_clear_checked(&a->list);
    a->untick = false;
    if (tui_list_reload(&a->list) < 0)
        tui_ctx_message(ctx, TUI_MSG_ERROR, tui_list_error(&a->list));
}

static void al_close(struct tui_screen *s)
{
    struct alist *a = s->data;
    if (a == NULL)
        return;
    tui_session_show_stats(NULL);
    tui_list_free(&a->list);
    free(a->rows);
    free(a->mrows);
    free(a);
    s->data = NULL;
}

static const enum tui_action al_hints[] = {TUI_A_ADD,    TUI_A_DEVELOP, TUI_A_TOGGLE, TUI_A_ADMIT,
                                           TUI_A_REMIND, TUI_A_SEARCH,  TUI_A_FILTER, TUI_A_OPEN,
                                           TUI_A_BACK,   TUI_A_NONE};

const struct tui_screen_ops tui_applicant_list_ops = {
    .name = "applicant_list",
    .open = al_open,
    .draw = al_draw,
    .handle = al_handle,
    .close = al_close,
    .resume = al_resume,
    .hints = al_hints,
};
