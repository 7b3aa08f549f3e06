/*
 * 出党 (1.9.2, with its kind), 死亡 (1.9.3), 停止党籍 (1.9.4) on 党员管理,
 * and 恢复 on 历史党员: a form with the date and the reason, F2 确定, Esc
 * 返回.  The person's version is read when the form opens and carried by
 * the call, so a change someone saved in between is refused with who and
 * when, the form kept.  On success the manual's message ("党员出党操作成
 * 功!", "停止党籍操作成功!") shows; the person leaves the list (or, restored,
 * leaves 历史党员).  Only an administrator may restore: the database decides
 * and its refusal is shown as it says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/record_form.h"
#include "tui/record_screens.h"
#include "tui/session.h"
#include "tui/wizard.h"

#define REASON(label, req)                                                                         \
    {                                                                                              \
        "reason", label, TUI_FIELD_MULTILINE, 0, 500, req, NULL, 3                                 \
    }

static const struct tui_field_def leave[] = {
    {"on", "出党日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"exit_kind", "出党方式", TUI_FIELD_CODE, 0, 0, true, "exit_kind", 0},
    REASON("情况说明", false),
};
static const struct tui_field_def death[] = {
    {"on", "死亡日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    REASON("情况说明", false),
};
static const struct tui_field_def suspend[] = {
    {"on", "停止党籍日期", TUI_FIELD_DATE, 0, 0, true, NULL, 0},
    {"suspend_reason", "停止党籍原因", TUI_FIELD_CODE, 30, 0, true, "suspend_reason", 0},
    REASON("情况说明", false),
};
static const struct tui_field_def restore[] = {
    REASON("恢复原因", true),
};

#define STEP(title, f)                                                                             \
    {                                                                                              \
        title, f, (int)(sizeof f / sizeof f[0])                                                    \
    }

static const struct {
    struct tui_wizard_step step;
    const char *done;
} kinds[] = {
    [TUI_END_LEAVE] = {STEP("党员出党", leave), DJ_MSG_MEMBER_LEFT},
    [TUI_END_DEATH] = {STEP("党员死亡", death), DJ_MSG_MEMBER_DIED},
    [TUI_END_SUSPEND] = {STEP("停止党籍", suspend), DJ_MSG_SUSPENDED},
    [TUI_END_RESTORE] = {STEP("恢复党籍", restore), DJ_MSG_RESTORED},
};

struct mend {
    enum tui_member_end kind;
    long long person_id;
    struct tui_wizard wiz;
    struct rec_codes codes;
    struct rec_io_stamp stamp;
    bool saved;
};

static int me_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_member_end_arg *a = arg;
    struct mend *m = calloc(1, sizeof *m);
    if (m == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return -1;
    }
    s->data = m;
    m->kind = a->kind;
    m->person_id = a->person_id;
    struct rec_io_error e;
    if (rec_io_person_stamp(m->person_id, &m->stamp, &e) != 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, e.msg);
        return -1;
    }
    char title[96], who[48];
    rec_cut(who, sizeof who, a->name ? a->name : "");
    snprintf(title, sizeof title, "%s：%s", kinds[m->kind].step.title, who);
    struct tui_form_hooks hooks = {&m->codes, rec_codes_hook, NULL};
    if (tui_wizard_init(&m->wiz, title, &kinds[m->kind].step, 1, &hooks) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足");
        return -1;
    }
    tui_wizard_set_labels(&m->wiz, "确定", "返回");
    snprintf(s->title, sizeof s->title, "%s", title);
    return 0;
}

static void me_close(struct tui_screen *s)
{
    struct mend *m = s->data;
    if (m == NULL)
        return;
    tui_wizard_free(&m->wiz);
    rec_codes_free(&m->codes);
    free(m);
    s->data = NULL;
}

static void me_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct mend *m = s->data;
    tui_wizard_draw(&m->wiz, win, focused);
}

static void save(struct mend *m)
{
    struct tui_form *f = tui_wizard_form(&m->wiz, 0);
    int on = tui_form_find(f, "on");
    if (on >= 0 && dj_date_cmp(f->f[on].date, dj_date_today()) > 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "「%s」不能晚于今天", f->defs[on].label);
        tui_wizard_fail(&m->wiz, 0, on, msg);
        return;
    }
    struct rec_io_error e;
    if (rec_io_end(m->kind, m->person_id, &m->stamp, f, &e) < 0) {
        int field = e.field[0] ? tui_form_find(f, e.field) : -1;
        tui_wizard_fail(&m->wiz, 0, field, e.msg);
        tui_dialog_message(&m->wiz.dlg, TUI_DIALOG_ERROR, e.msg); /* whole, wrapped */
        return;
    }
    m->saved = true;
    tui_wizard_done(&m->wiz, kinds[m->kind].done);
}

static unsigned me_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct mend *m = s->data;
    bool overlay = rec_wizard_overlay(&m->wiz);
    enum tui_wizard_event ev = tui_wizard_handle(&m->wiz, action, key, ctx);
    rec_overlay_closed(overlay, rec_wizard_overlay(&m->wiz));
    switch (ev) {
    case TUI_WIZARD_SAVE:
        save(m);
        return TUI_R_HANDLED;
    case TUI_WIZARD_CLOSE:
        if (m->saved)
            tui_ctx_message(ctx, TUI_MSG_SUCCESS, kinds[m->kind].done);
        return TUI_R_CLOSE;
    case TUI_WIZARD_HANDLED:
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

static const enum tui_action me_hints[] = {TUI_A_FOCUS, TUI_A_PREV_FIELD, TUI_A_SAVE, TUI_A_BACK,
                                           TUI_A_NONE};

const struct tui_screen_ops tui_member_end_ops = {
    .name = "member_end",
    .open = me_open,
    .draw = me_draw,
    .handle = me_handle,
    .close = me_close,
    .hints = me_hints,
};
