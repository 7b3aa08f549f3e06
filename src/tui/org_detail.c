/*
 * An organization's details, read-only: every field of app.org with its
 * codes by their names (src/db/orgs.h), the parent and district, and the
 * counts of sub-organizations and people.  F5 lists its own people, F6 those
 * of its whole subtree; Esc goes back to the tree.
 */
#include <stdio.h>
#include <stdlib.h>

#include "db/orgs.h"
#include "tui/clerk_screens.h"
#include "tui/detail_view.h"
#include "tui/draw.h"
#include "tui/session.h"

struct odetail {
    struct dj_org_detail d;
    struct tui_detail_view view;
};

static int od_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_org_arg *a = arg;
    struct odetail *o = calloc(1, sizeof *o);
    if (o == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开组织信息");
        return -1;
    }
    s->data = o;
    struct dj_db_error e;
    int rc = dj_org_detail_load(tui_session_db(), a->org_id, &o->d, &e);
    if (rc < 0) {
        tui_session_fail_ctx(&e, ctx);
        return -1;
    }
    if (rc > 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "该组织不存在或不在您的管理范围内");
        return -1;
    }
    snprintf(s->title, sizeof s->title, "%s", "组织信息");
    return 0;
}

static void od_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    (void)focused;
    struct odetail *o = s->data;
    int rows = getmaxy(win), cols = getmaxx(win);
    char head[320], counts[160];
    snprintf(head, sizeof head, "组织信息　%s", o->d.name);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, head);
    snprintf(counts, sizeof counts, "下级组织 %lld 个　党员 %lld 人　人员 %lld 人（本组织）",
             o->d.children, o->d.members, o->d.people);
    tui_draw_text(win, 1, 1, cols - 1, TUI_ROLE_NORMAL, counts);
    /* 撤销日期 and 撤销原因 (the last two fields) only for a dissolved one. */
    size_t n = dj_org_detail_field_count;
    if (o->d.dissolved_on[0] == '\0' && n > 2)
        n -= 2;
    tui_detail_draw(&o->view, win, 3, 1, rows - 3, cols - 2, &o->d, dj_org_detail_fields, n);
}

static unsigned od_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    (void)key;
    struct odetail *o = s->data;
    if (tui_detail_handle(&o->view, action))
        return TUI_R_HANDLED;
    switch (action) {
    case TUI_A_MEMBERS:
    case TUI_A_SUBTREE: {
        static struct tui_member_list_arg arg; /* copied by the list's open */
        static char name[DJ_NAME_BYTES];
        snprintf(name, sizeof name, "%s", o->d.name);
        arg = (struct tui_member_list_arg){
            .scope = action == TUI_A_MEMBERS ? TUI_MEMBERS_OF_ORG : TUI_MEMBERS_OF_SUBTREE,
            .org_id = o->d.id,
            .org_name = name,
            .title = "人员列表",
        };
        tui_ctx_open(ctx, &tui_member_list_ops, &arg);
        return TUI_R_HANDLED;
    }
    case TUI_A_BACK:
        return TUI_R_CLOSE;
    default:
        return TUI_R_IGNORED;
    }
}

static void od_close(struct tui_screen *s)
{
    free(s->data);
    s->data = NULL;
}

static const enum tui_action od_hints[] = {TUI_A_MEMBERS, TUI_A_SUBTREE, TUI_A_BACK, TUI_A_NONE};

const struct tui_screen_ops tui_org_detail_ops = {
    .name = "org_detail",
    .open = od_open,
    .draw = od_draw,
    .handle = od_handle,
    .close = od_close,
    .hints = od_hints,
};
