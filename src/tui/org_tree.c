/*
 * 组织管理: the organization tree from the clerk's scope organizations down
 * (the city for the superuser).  Right / + / Space open a node, Left / -
 * close it; F3 or / jumps to an organization by code (digits and dots: the
 * code starts with it) or by name (the name contains it); pressing it again
 * (F3 then Enter, the text unchanged) goes on to the next match, from the
 * top after the last.
 * Enter opens the organization's details, F5 its own people, F6 the people of
 * its whole subtree.  Children come from src/db/orgs.h when first opened.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/orgs.h"
#include "tui/clerk_screens.h"
#include "tui/draw.h"
#include "tui/field_edit.h"
#include "tui/session.h"
#include "tui/tree.h"
#include "tui/width.h"

#define CHILD_PAGE 500
#define FIND_CHARS 50

struct otree {
    struct tui_tree tree;
    bool finding; /* the jump line has the keyboard */
    struct tui_edit find;
    char last_text[FIND_CHARS * 4 + 1]; /* the last jump, for "next match" */
    char last_path[DJ_ORG_KEY_BYTES];
    struct dj_org_row *page; /* one page of children or matches */
};

static void item_of(const struct dj_org_row *r, struct tui_tree_item *it)
{
    memset(it, 0, sizeof *it);
    it->id = r->id;
    snprintf(it->key, sizeof it->key, "%s", r->code);
    it->has_children = r->has_children;
    snprintf(it->label, sizeof it->label, "%s  %s%s", r->name, r->code,
             r->dissolved ? "（已撤销）" : "");
}

/* Every child of parent, a page of CHILD_PAGE at a time. */
static int fetch_children(void *ctx, long long parent, struct tui_tree_item **items, char *err,
                          size_t errlen)
{
    struct otree *o = ctx;
    struct tui_tree_item *out = NULL;
    int n = 0, cap = 0;
    char after[DJ_ORG_CODE_BYTES] = "";
    for (;;) {
        int got = 0;
        struct dj_db_error e;
        int rc;
        for (int attempt = 0;; attempt++) {
            rc = dj_orgs_children(tui_session_db(), parent, false,
                                  after[0] ? DJ_PAGE_NEXT : DJ_PAGE_FIRST, after[0] ? after : NULL,
                                  o->page, CHILD_PAGE, &got, &e);
            if (rc == 0 && attempt > 0 && errlen > 0)
                err[0] = '\0'; /* the first try's message is history */
            if (rc == 0 || !tui_session_fail(&e, err, errlen) || attempt > 0)
                break;
            tui_session_note(TUI_SESSION_RECONNECTED, false);
        }
        if (rc < 0) {
            free(out);
            return -1;
        }
        if (n + got > cap) {
            cap = n + got + 16;
            struct tui_tree_item *grown = realloc(out, (size_t)cap * sizeof *out);
            if (grown == NULL) {
                free(out);
                snprintf(err, errlen, "内存不足，无法展开");
                return -1;
            }
            out = grown;
        }
        for (int i = 0; i < got; i++)
            item_of(&o->page[i], &out[n + i]);
        n += got;
        if (got < CHILD_PAGE)
            break;
        snprintf(after, sizeof after, "%s", o->page[got - 1].code);
    }
    *items = out;
    return n;
}

static int ot_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    struct otree *o = calloc(1, sizeof *o);
    if (o == NULL || (o->page = calloc(CHILD_PAGE, sizeof *o->page)) == NULL ||
        tui_edit_init(&o->find, FIND_CHARS, false) < 0) {
        if (o)
            free(o->page);
        free(o);
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开组织管理");
        return -1;
    }
    s->data = o;
    snprintf(s->title, sizeof s->title, "%s", "组织管理");
    tui_tree_init(&o->tree, fetch_children, o);

    struct dj_org_row roots[DJ_ORG_MAX_ROOTS];
    struct tui_tree_item items[DJ_ORG_MAX_ROOTS];
    int n = 0;
    struct dj_db_error e;
    if (dj_orgs_roots(tui_session_db(), false, roots, &n, &e) < 0) {
        tui_session_fail_ctx(&e, ctx);
        return -1;
    }
    for (int i = 0; i < n; i++)
        item_of(&roots[i], &items[i]);
    if (tui_tree_set_roots(&o->tree, items, n) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开组织管理");
        return -1;
    }
    /* One scope organization: show its children straight away. */
    if (n == 1 && tui_tree_expand(&o->tree, 0) == TUI_TREE_ERROR)
        tui_ctx_message(ctx, TUI_MSG_ERROR, o->tree.err);
    return 0;
}

static void ot_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct otree *o = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, "组织管理　党组织树");
    char line[256], a[16], b[16], c[16], d[16];
    struct tui_key ke = tui_action_key(TUI_A_EXPAND), kc = tui_action_key(TUI_A_COLLAPSE);
    struct tui_key kf = tui_action_key(TUI_A_SEARCH), ko = tui_action_key(TUI_A_OPEN);
    snprintf(line, sizeof line, "%s 展开  %s 收起  %s 查找代码或名称  %s 详细信息",
             tui_key_name(&ke, a, sizeof a), tui_key_name(&kc, b, sizeof b),
             tui_key_name(&kf, c, sizeof c), tui_key_name(&ko, d, sizeof d));
    tui_draw_text(win, 1, 1, cols - 1, TUI_ROLE_HINT, line);
    if (o->tree.n == 0)
        tui_draw_text(win, 3, 2, cols - 2, TUI_ROLE_NORMAL, "您没有管理任何党组织");
    tui_tree_draw(&o->tree, win, 2, 0, rows - 3, cols, focused && !o->finding);

    int y = rows - 1;
    if (o->finding) {
        const char *label = "查找组织（代码或名称）：";
        int lw = tui_width(label);
        char view[FIND_CHARS * 4 + 64];
        int cx, cw;
        int fw = cols - lw - 1;
        tui_edit_view(&o->find, fw, view, sizeof view, &cx, &cw);
        tui_draw_text(win, y, 0, lw, TUI_ROLE_HEADING, label);
        tui_draw_field(win, y, lw, fw, TUI_ROLE_KEY, view);
        attr_t at = tui_role_attr(TUI_ROLE_KEY);
        mvwchgat(win, y, lw + cx, cw, (at & ~A_COLOR) ^ A_REVERSE, (short)PAIR_NUMBER(at), NULL);
    } else if (o->last_text[0]) {
        snprintf(line, sizeof line, "查找“%s”：按 %s 再按 %s 找下一个", o->last_text,
                 tui_key_name(&kf, c, sizeof c), tui_key_name(&ko, d, sizeof d));
        tui_draw_text(win, y, 1, cols - 1, TUI_ROLE_HINT, line);
    }
}

/* "001.001_001.001_001_001." -> its codes, outermost first. */
static int codes_of_path(const char *path, char codes[][DJ_ORG_CODE_BYTES], int max)
{
    int n = 0;
    const char *p = path;
    while (*p && n < max) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (len > 0 && len < DJ_ORG_CODE_BYTES) {
            memcpy(codes[n], p, len);
            codes[n][len] = '\0';
            for (char *c = codes[n]; *c; c++)
                if (*c == '_')
                    *c = '.';
            n++;
        }
        if (dot == NULL)
            break;
        p = dot + 1;
    }
    return n;
}

static bool looks_like_code(const char *t)
{
    if (!isdigit((unsigned char)*t))
        return false;
    for (; *t; t++)
        if (!isdigit((unsigned char)*t) && *t != '.')
            return false;
    return true;
}

/* Shows the organization found in the tree. */
static void reveal(struct otree *o, const struct dj_org_row *r, struct tui_ctx *ctx)
{
    enum { MAX_DEPTH = 16 };
    char codes[MAX_DEPTH][DJ_ORG_CODE_BYTES];
    const char *chain[MAX_DEPTH];
    int n = codes_of_path(r->path_key, codes, MAX_DEPTH), first = -1;
    /* The outermost of its ancestors that is shown: a root of the clerk's
     * tree (the ones above it are outside the scope). */
    for (int i = 0; i < n && first < 0; i++)
        if (tui_tree_find_key(&o->tree, codes[i]) >= 0)
            first = i;
    if (first < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "找到的组织不在您的组织树中");
        return;
    }
    for (int i = first; i < n; i++)
        chain[i - first] = codes[i];
    if (tui_tree_reveal(&o->tree, chain, n - first) == TUI_TREE_ERROR)
        tui_ctx_message(ctx, TUI_MSG_ERROR, o->tree.err);
}

static void jump(struct otree *o, struct tui_ctx *ctx)
{
    char text[FIND_CHARS * 4 + 1];
    snprintf(text, sizeof text, "%s", tui_edit_text(&o->find));
    char *t = text;
    while (*t == ' ')
        t++;
    size_t len = strlen(t);
    while (len > 0 && t[len - 1] == ' ')
        t[--len] = '\0';
    if (*t == '\0') {
        o->last_text[0] = '\0';
        return;
    }
    bool again = strcmp(t, o->last_text) == 0 && o->last_path[0];
    enum dj_org_find by = looks_like_code(t) ? DJ_ORG_FIND_CODE : DJ_ORG_FIND_NAME;
    int n = 0;
    struct dj_db_error e;
    if (dj_orgs_find(tui_session_db(), by, t, false, again ? o->last_path : NULL, o->page, 1, &n,
                     &e) < 0) {
        tui_session_fail_ctx(&e, ctx);
        return;
    }
    if (n == 0 && again) { /* past the last one: from the top again */
        if (dj_orgs_find(tui_session_db(), by, t, false, NULL, o->page, 1, &n, &e) < 0) {
            tui_session_fail_ctx(&e, ctx);
            return;
        }
        if (n > 0)
            tui_ctx_message(ctx, TUI_MSG_SUCCESS, "已找到最后一个，从头再找");
    }
    snprintf(o->last_text, sizeof o->last_text, "%s", t);
    if (n == 0) {
        char msg[320];
        if (by == DJ_ORG_FIND_CODE)
            snprintf(msg, sizeof msg, "没有找到代码以“%s”开头的组织", t);
        else
            snprintf(msg, sizeof msg, "没有找到名称含“%s”的组织", t);
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        o->last_path[0] = '\0';
        return;
    }
    snprintf(o->last_path, sizeof o->last_path, "%s", o->page[0].path_key);
    reveal(o, &o->page[0], ctx);
}

static unsigned handle_find(struct otree *o, enum tui_action a, const struct tui_key *k,
                            struct tui_ctx *ctx)
{
    if (tui_edit_is_text_key(k)) {
        tui_edit_key(&o->find, a, k);
        return TUI_R_HANDLED;
    }
    switch (a) {
    case TUI_A_OPEN:
    case TUI_A_SEARCH:
        o->finding = false;
        jump(o, ctx);
        return TUI_R_HANDLED;
    case TUI_A_BACK:
        o->finding = false;
        return TUI_R_HANDLED;
    case TUI_A_HELP:
    case TUI_A_QUIT:
        return TUI_R_IGNORED;
    default:
        tui_edit_key(&o->find, a, k);
        return TUI_R_HANDLED;
    }
}

static unsigned ot_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct otree *o = s->data;
    if (o->finding)
        return handle_find(o, action, key, ctx);
    bool slash = key && key->kind == TUI_KEY_CHAR && key->code == '/';
    if (action == TUI_A_SEARCH || slash) {
        o->finding = true;
        tui_edit_set(&o->find, o->last_text);
        return TUI_R_HANDLED;
    }
    const struct tui_tree_row *r = tui_tree_selected(&o->tree);
    switch (action) {
    case TUI_A_OPEN:
        if (r) {
            static struct tui_org_arg arg; /* copied by the details' open */
            arg.org_id = r->item.id;
            tui_ctx_open(ctx, &tui_org_detail_ops, &arg);
        }
        return TUI_R_HANDLED;
    case TUI_A_MEMBERS:
    case TUI_A_SUBTREE:
        if (r) {
            static struct tui_member_list_arg arg; /* copied by the list's open */
            arg = (struct tui_member_list_arg){
                .scope = action == TUI_A_MEMBERS ? TUI_MEMBERS_OF_ORG : TUI_MEMBERS_OF_SUBTREE,
                .org_id = r->item.id,
                .title = "人员列表",
            };
            tui_ctx_open(ctx, &tui_member_list_ops, &arg);
        }
        return TUI_R_HANDLED;
    case TUI_A_BACK:
        return TUI_R_CLOSE;
    default:
        break;
    }
    switch (tui_tree_handle(&o->tree, action)) {
    case TUI_TREE_HANDLED:
        return TUI_R_HANDLED;
    case TUI_TREE_ERROR:
        tui_ctx_message(ctx, TUI_MSG_ERROR, o->tree.err);
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

static void ot_close(struct tui_screen *s)
{
    struct otree *o = s->data;
    if (o == NULL)
        return;
    tui_tree_free(&o->tree);
    tui_edit_free(&o->find);
    free(o->page);
    free(o);
    s->data = NULL;
}

static const enum tui_action ot_hints[] = {TUI_A_OPEN,    TUI_A_SEARCH, TUI_A_MEMBERS,
                                           TUI_A_SUBTREE, TUI_A_EXPAND, TUI_A_COLLAPSE,
                                           TUI_A_BACK,    TUI_A_NONE};

const struct tui_screen_ops tui_org_tree_ops = {
    .name = "org_tree",
    .open = ot_open,
    .draw = ot_draw,
    .handle = ot_handle,
    .close = ot_close,
    .hints = ot_hints,
};
