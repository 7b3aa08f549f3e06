/*
 * Choosing an organization for a form's organization field (所在党组织 of a
 * new applicant): the clerk's tree from the scope organizations down,
 * children read when first opened (src/db/orgs.h).  Right / + / Space open a
 * node, Left / - close it, Enter takes the selected organization into the
 * form (tui_form_set_org) and closes, Esc closes without a choice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/orgs.h"
#include "tui/dev_screens.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/session.h"
#include "tui/tree.h"

#define CHILD_PAGE 500

struct opick {
    struct tui_form *form; /* on the screen below, which outlives this one */
    int field;
    struct tui_tree tree;
    struct dj_org_row *page;
};

static void item_of(const struct dj_org_row *r, struct tui_tree_item *it)
{
    memset(it, 0, sizeof *it);
    it->id = r->id;
    snprintf(it->key, sizeof it->key, "%s", r->code);
    it->has_children = r->has_children;
    snprintf(it->label, sizeof it->label, "%s  %s", r->name, r->code);
}

static int fetch_children(void *ctx, long long parent, struct tui_tree_item **items, char *err,
                          size_t errlen)
{
    struct opick *o = ctx;
    struct tui_tree_item *out = NULL;
    int n = 0, cap = 0;
    char after[DJ_ORG_CODE_BYTES] = "";
    for (;;) {
        int got = 0;
        struct dj_db_error e;
        if (dj_orgs_children(tui_session_db(), parent, false,
                             after[0] ? DJ_PAGE_NEXT : DJ_PAGE_FIRST, after[0] ? after : NULL,
                             o->page, CHILD_PAGE, &got, &e) < 0) {
            tui_session_fail(&e, err, errlen);
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

static int op_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_dev_org_pick_arg *a = arg;
    struct opick *o = calloc(1, sizeof *o);
    if (o == NULL || (o->page = calloc(CHILD_PAGE, sizeof *o->page)) == NULL) {
        free(o);
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开组织树");
        return -1;
    }
    s->data = o;
    o->form = a->form;
    o->field = a->field;
    snprintf(s->title, sizeof s->title, "%s", "选择党组织");
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
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开组织树");
        return -1;
    }
    if (n == 1 && tui_tree_expand(&o->tree, 0) == TUI_TREE_ERROR)
        tui_ctx_message(ctx, TUI_MSG_ERROR, o->tree.err);
    /* Start on the organization the field holds, when it is shown. */
    const char *cur = tui_form_text(o->form, o->field);
    if (cur && *cur) {
        int i = tui_tree_find(&o->tree, strtoll(cur, NULL, 10));
        if (i >= 0)
            o->tree.sel = i;
    }
    return 0;
}

static void op_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct opick *o = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, "选择党组织");
    char line[256], a[16], b[16], c[16], d[16];
    struct tui_key ke = tui_action_key(TUI_A_EXPAND), kc = tui_action_key(TUI_A_COLLAPSE);
    struct tui_key ko = tui_action_key(TUI_A_OPEN), kb = tui_action_key(TUI_A_BACK);
    snprintf(line, sizeof line, "%s 展开  %s 收起  %s 选定  %s 不选返回",
             tui_key_name(&ke, a, sizeof a), tui_key_name(&kc, b, sizeof b),
             tui_key_name(&ko, c, sizeof c), tui_key_name(&kb, d, sizeof d));
    tui_draw_text(win, 1, 1, cols - 1, TUI_ROLE_HINT, line);
    if (o->tree.n == 0)
        tui_draw_text(win, 3, 2, cols - 2, TUI_ROLE_NORMAL, "您没有管理任何党组织");
    tui_tree_draw(&o->tree, win, 2, 0, rows - 2, cols, focused);
}

static unsigned op_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    (void)key;
    struct opick *o = s->data;
    const struct tui_tree_row *r = tui_tree_selected(&o->tree);
    switch (action) {
    case TUI_A_OPEN:
        if (r) {
            char id[24];
            snprintf(id, sizeof id, "%lld", r->item.id);
            /* The label without the code: the name the form shows. */
            char name[TUI_TREE_LABEL];
            snprintf(name, sizeof name, "%s", r->item.label);
            char *gap = strstr(name, "  ");
            if (gap)
                *gap = '\0';
            tui_form_set_org(o->form, o->field, id, name);
            return TUI_R_CLOSE;
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

static void op_close(struct tui_screen *s)
{
    struct opick *o = s->data;
    if (o == NULL)
        return;
    tui_tree_free(&o->tree);
    free(o->page);
    free(o);
    s->data = NULL;
}

static const enum tui_action op_hints[] = {TUI_A_OPEN, TUI_A_EXPAND, TUI_A_COLLAPSE, TUI_A_BACK,
                                           TUI_A_NONE};

const struct tui_screen_ops tui_dev_org_pick_ops = {
    .name = "dev_org_pick",
    .open = op_open,
    .draw = op_draw,
    .handle = op_handle,
    .close = op_close,
    .hints = op_hints,
};
