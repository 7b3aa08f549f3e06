/*
 * 新增 (manual 1.9.1.1): a new member in the manual's steps — 基本信息,
 * 学历, 岗位, 党籍, 转移 (may stay empty) and 保存 on the last.  F8 下一步
 * checks the step (each field, then across fields: the birth date and sex
 * must agree with the ID number, which fills them when they are empty; then
 * the database's own check of the page) before moving on; F7 上一步 and
 * going forward again keep everything typed; Esc 返回 asks before dropping
 * it.  F2 保存 on the last step checks every step and adds the member in one
 * call; a refusal goes to the step and field it names, nothing typed lost.
 * "党员信息添加成功！" then shows, and the member list reloads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/records.h"
#include "model/record_form.h"
#include "tui/form_id.h"
#include "tui/record_screens.h"
#include "tui/session.h"
#include "tui/wizard.h"

#define ADDED DJ_MSG_MEMBER_ADDED

/* The forms of model/record_form.h behind each step. */
static const char *const step_form[REC_NSTEPS] = {"person", "education", "job", "membership",
                                                  "transfer"};
static const char *const step_title[REC_NSTEPS] = {"基本信息", "学历", "岗位", "党籍",
                                                   "转移（可不填）"};

/* The person's fields that later steps fill (学历, 岗位) or that follow from
 * membership (政治面貌) are not asked on the first page. */
static bool asked_later(const char *name)
{
    static const char *const later[] = {"education", "degree", "political_status",
                                        "person_category"};
    for (size_t i = 0; i < sizeof later / sizeof later[0]; i++)
        if (strcmp(name, later[i]) == 0)
            return true;
    return false;
}

/* The keys of the step shown: no 上一步 on the first, 保存 only on the last. */
static const enum tui_action first_hints[] = {TUI_A_FOCUS, TUI_A_NEXT_STEP, TUI_A_BACK, TUI_A_NONE};
static const enum tui_action middle_hints[] = {TUI_A_FOCUS, TUI_A_PREV_STEP, TUI_A_NEXT_STEP,
                                               TUI_A_BACK, TUI_A_NONE};
static const enum tui_action last_hints[] = {TUI_A_FOCUS, TUI_A_PREV_STEP, TUI_A_SAVE, TUI_A_BACK,
                                             TUI_A_NONE};

static void set_hints(struct tui_screen *s, int cur)
{
    s->hints = cur == 0 ? first_hints : cur == REC_NSTEPS - 1 ? last_hints : middle_hints;
}

struct madd {
    long long org_id;
    struct tui_field_def fields[REC_NSTEPS][DJ_FIELDS_MAX + 1];
    struct tui_wizard_step steps[REC_NSTEPS];
    struct tui_wizard wiz;
    struct rec_codes codes;
    bool saved;
};

static void build_steps(struct madd *m)
{
    for (int s = 0; s < REC_NSTEPS; s++) {
        const struct rec_form_def *def = rec_form_page(step_form[s]);
        int n = 0;
        if (s == REC_STEP_PARTY)
            m->fields[s][n++] = (struct tui_field_def){"org_id", "所在党组织", TUI_FIELD_CODE, 30,
                                                       0,        true,         "org",          0};
        for (int i = 0; def && i < def->nfields && n < DJ_FIELDS_MAX + 1; i++)
            if (s != REC_STEP_BASIC || !asked_later(def->fields[i].name))
                m->fields[s][n++] = def->fields[i];
        m->steps[s] = (struct tui_wizard_step){step_title[s], m->fields[s], n};
    }
}

static int ma_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_member_add_arg *a = arg;
    struct madd *m = calloc(1, sizeof *m);
    if (m == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法新增党员");
        return -1;
    }
    s->data = m;
    m->org_id = a ? a->org_id : 0;
    build_steps(m);
    struct tui_form_hooks hooks = {&m->codes, rec_codes_hook, NULL};
    if (tui_wizard_init(&m->wiz, "新增党员", m->steps, REC_NSTEPS, &hooks) < 0) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法新增党员");
        return -1;
    }
    snprintf(s->title, sizeof s->title, "%s", "新增党员");
    set_hints(s, 0);
    /* The organization listed is where the member most likely belongs. */
    struct tui_form *party = tui_wizard_form(&m->wiz, REC_STEP_PARTY);
    const char *code = m->org_id ? rec_codes_org_code(&m->codes, m->org_id) : "";
    if (code[0])
        tui_form_set(party, tui_form_find(party, "org_id"), code);
    return 0;
}

static void ma_close(struct tui_screen *s)
{
    struct madd *m = s->data;
    if (m == NULL)
        return;
    tui_wizard_free(&m->wiz);
    rec_codes_free(&m->codes);
    free(m);
    s->data = NULL;
}

static void ma_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct madd *m = s->data;
    tui_wizard_draw(&m->wiz, win, focused);
}

/* The checks of one step beyond its fields'; false when the step is wrong
 * (the message is beside the field). */
static bool step_ok(struct madd *m, int step)
{
    struct tui_form *f = tui_wizard_form(&m->wiz, step);
    if (!rec_form_cross_check(step_form[step], f))
        return false;
    struct rec_io_error e;
    if (rec_io_check(step_form[step], f, &m->codes, step == REC_STEP_PARTY ? "org_id" : NULL, &e) <
        0) {
        int field = e.field[0] ? tui_form_find(f, e.field) : -1;
        tui_form_set_error(f, field, e.msg);
        tui_dialog_message(&m->wiz.dlg, TUI_DIALOG_ERROR, e.msg); /* whole, wrapped */
        return false;
    }
    return true;
}

static void save(struct madd *m)
{
    for (int s = 0; s < REC_NSTEPS; s++)
        if (!rec_form_cross_check(step_form[s], tui_wizard_form(&m->wiz, s))) {
            tui_wizard_fail(&m->wiz, s, -1, "请按提示修改后再保存");
            return;
        }
    struct tui_form *forms[REC_NSTEPS];
    for (int s = 0; s < REC_NSTEPS; s++)
        forms[s] = tui_wizard_form(&m->wiz, s);
    long long id = 0;
    int step = -1;
    struct rec_io_error e;
    if (rec_io_add_member(forms, &m->codes, &id, &step, &e) < 0) {
        /* The message beside its field (on its step) and, whole, in a dialog. */
        if (step >= 0 && e.field[0]) {
            tui_wizard_fail(&m->wiz, step, tui_form_find(forms[step], e.field), e.msg);
            tui_wizard_fail(&m->wiz, step, -1, "保存失败，请按提示修改后再保存");
        } else {
            tui_wizard_fail(&m->wiz, -1, -1, e.msg);
        }
        tui_dialog_message(&m->wiz.dlg, TUI_DIALOG_ERROR, e.msg);
        return;
    }
    m->saved = true;
    tui_wizard_done(&m->wiz, ADDED);
}

static unsigned ma_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct madd *m = s->data;
    int cur = m->wiz.cur;
    struct tui_form *f = tui_wizard_form(&m->wiz, cur);
    /* 下一步: the wizard checks the fields; the steps' own checks first. */
    if (action == TUI_A_NEXT_STEP && !tui_dialog_is_open(&m->wiz.dlg) && !tui_form_busy(f) &&
        cur < REC_NSTEPS - 1) {
        tui_form_set_error(f, -1, NULL);
        if (tui_form_validate(f) < 0) {
            tui_form_tidy(f);
            if (!step_ok(m, cur))
                return TUI_R_HANDLED;
        }
    }
    bool overlay = rec_wizard_overlay(&m->wiz);
    enum tui_wizard_event ev = tui_wizard_handle(&m->wiz, action, key, ctx);
    rec_overlay_closed(overlay, rec_wizard_overlay(&m->wiz));
    if (m->wiz.cur == REC_STEP_BASIC)
        tui_form_fill_from_id(tui_wizard_form(&m->wiz, REC_STEP_BASIC));
    set_hints(s, m->wiz.cur);
    switch (ev) {
    case TUI_WIZARD_SAVE:
        save(m);
        set_hints(s, m->wiz.cur); /* a refusal may go back to an earlier step */
        return TUI_R_HANDLED;
    case TUI_WIZARD_CLOSE:
        if (m->saved)
            tui_ctx_message(ctx, TUI_MSG_SUCCESS, ADDED);
        return TUI_R_CLOSE;
    case TUI_WIZARD_HANDLED:
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

const struct tui_screen_ops tui_member_add_ops = {
    .name = "member_add",
    .open = ma_open,
    .draw = ma_draw,
    .handle = ma_handle,
    .close = ma_close,
    .hints = middle_hints,
};
