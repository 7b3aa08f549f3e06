/*
 * One row of a member's tab, or the person's 基本信息, as a form (manual
 * 1.9.1.2, 第四步): the fields of record_fields.c, F2 确定 saves, Esc 返回
 * (asking first when something was typed).  A row being changed is loaded
 * with its version; the save carries it, so when another clerk saved first
 * the database refuses and the form stays open with everything typed and
 * the message naming who saved and when.  On success the manual's message
 * ("工作职务信息保存成功！") shows in the blue dialog and, after Enter, on the
 * status line of the tabs, which reload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/form_id.h"
#include "tui/record_screens.h"
#include "tui/session.h"
#include "tui/wizard.h"

struct rform {
    struct tui_record_form_arg arg;
    char name[DJ_NAME_BYTES];
    const struct rec_form_def *def;
    struct tui_wizard_step step;
    struct tui_wizard wiz;
    struct rec_codes codes;
    struct rec_io_stamp stamp;
    bool saved;
};

static int rf_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_record_form_arg *a = arg;
    struct rform *r = calloc(1, sizeof *r);
    if (r == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开表单");
        return -1;
    }
    s->data = r;
    r->arg = *a;
    snprintf(r->name, sizeof r->name, "%s", a->name ? a->name : "");
    r->arg.name = r->name;
    r->def = rec_form_def(a->set);
    if (r->def == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "组织关系只能通过组织关系转出、转入变更，不能在此修改");
        return -1;
    }
    r->step = (struct tui_wizard_step){r->def->title, r->def->fields, r->def->nfields};
    char title[96], who[48];
    rec_cut(who, sizeof who, r->name);
    snprintf(title, sizeof title, "%s%s：%s", a->set < 0 || a->row_id ? "修改" : "添加",
             r->def->title, who);
    struct tui_form_hooks hooks = {&r->codes, rec_codes_hook, NULL};
    if (tui_wizard_init(&r->wiz, title, &r->step, 1, &hooks) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开表单");
        return -1;
    }
    tui_wizard_set_labels(&r->wiz, "确定", "返回");
    snprintf(s->title, sizeof s->title, "%s", title);
    if (a->set < 0 || a->row_id) {
        struct rec_io_error e;
        int rc = rec_io_load(a->set, a->person_id, a->row_id, tui_wizard_form(&r->wiz, 0),
                             &r->codes, &r->stamp, &e);
        if (rc != 0) {
            tui_ctx_message(ctx, TUI_MSG_ERROR,
                            rc > 0 ? "该记录已被他人删除，请返回后刷新再操作" : e.msg);
            return -1;
        }
        tui_form_mark_clean(tui_wizard_form(&r->wiz, 0));
    }
    return 0;
}

static void rf_close(struct tui_screen *s)
{
    struct rform *r = s->data;
    if (r == NULL)
        return;
    tui_wizard_free(&r->wiz);
    rec_codes_free(&r->codes);
    free(r);
    s->data = NULL;
}

static void rf_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct rform *r = s->data;
    tui_wizard_draw(&r->wiz, win, focused);
}

static void save(struct rform *r)
{
    struct tui_form *f = tui_wizard_form(&r->wiz, 0);
    if (!rec_form_cross_check(r->def->key, f)) {
        tui_wizard_fail(&r->wiz, 0, -1, "请按提示修改后再确定");
        return;
    }
    struct rec_io_error e;
    if (rec_io_save(r->arg.set, r->arg.person_id, r->arg.row_id, &r->stamp, f, &r->codes, &e) < 0) {
        int field = e.field[0] ? tui_form_find(f, e.field) : -1;
        if (field >= 0) {
            tui_wizard_fail(&r->wiz, 0, field, e.msg);
            tui_wizard_fail(&r->wiz, 0, -1, "保存失败，请按提示修改后再确定");
        } else if (e.conflict) { /* above the form: who and when */
            char first[sizeof e.msg];
            rec_first_clause(first, sizeof first, e.msg);
            tui_wizard_fail(&r->wiz, 0, -1, first);
        } else {
            tui_wizard_fail(&r->wiz, 0, -1, e.msg);
        }
        /* The whole message in a dialog: the lines beside the form may cut it. */
        tui_dialog_message(&r->wiz.dlg, TUI_DIALOG_ERROR, e.msg);
        return;
    }
    r->saved = true;
    tui_wizard_done(&r->wiz, r->def->saved);
}

static unsigned rf_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct rform *r = s->data;
    bool overlay = rec_wizard_overlay(&r->wiz);
    enum tui_wizard_event ev = tui_wizard_handle(&r->wiz, action, key, ctx);
    rec_overlay_closed(overlay, rec_wizard_overlay(&r->wiz));
    if (r->arg.set < 0)
        tui_form_fill_from_id(tui_wizard_form(&r->wiz, 0));
    switch (ev) {
    case TUI_WIZARD_SAVE:
        save(r);
        return TUI_R_HANDLED;
    case TUI_WIZARD_CLOSE:
        if (r->saved)
            tui_ctx_message(ctx, TUI_MSG_SUCCESS, r->def->saved);
        return TUI_R_CLOSE;
    case TUI_WIZARD_HANDLED:
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

static const enum tui_action rf_hints[] = {TUI_A_FOCUS, TUI_A_PREV_FIELD, TUI_A_SAVE, TUI_A_BACK,
                                           TUI_A_NONE};

const struct tui_screen_ops tui_record_form_ops = {
    .name = "record_form",
    .open = rf_open,
    .draw = rf_draw,
    .handle = rf_handle,
    .close = rf_close,
    .hints = rf_hints,
};
