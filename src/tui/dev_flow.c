/*
 * What every development form does on 保存 / 确定 (contract: dev_screens.h):
 * ask the database without confirmation; a refusal goes beside the field its
 * message names (the longest field label found in it) or above the form, and
 * on the status line; warnings go into a confirmation dialog whose 确定 asks
 * again with confirmation; success closes the form with the manual's
 * message on the status line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/dev_screens.h"
#include "tui/draw.h"
#include "tui/session.h"
#include "tui/width.h"

enum { TAG_WARN = 1, TAG_ERROR };

static const struct tui_code_table *flow_codes(void *ctx, const char *kind)
{
    struct tui_dev_flow *fl = ctx;
    return tui_dev_codes_get(&fl->codes, kind);
}

static void flow_pick_org(void *ctx, struct tui_ctx *tctx, struct tui_form *form, int field)
{
    (void)ctx;
    static struct tui_dev_org_pick_arg arg; /* copied by the picker's open */
    arg.form = form;
    arg.field = field;
    tui_ctx_open(tctx, &tui_dev_org_pick_ops, &arg);
}

int tui_dev_flow_init(struct tui_dev_flow *fl, const char *title,
                      const struct tui_wizard_step *steps, int n, tui_dev_save_fn save,
                      const char *success_msg)
{
    struct tui_form_hooks hooks = {fl, flow_codes, flow_pick_org};
    fl->save = save;
    fl->success_msg = success_msg;
    if (tui_wizard_init(&fl->wiz, title, steps, n, &hooks) < 0)
        return -1;
    if (n == 1)
        tui_wizard_set_labels(&fl->wiz, "确定", "返回");
    return 0;
}

void tui_dev_flow_free(struct tui_dev_flow *fl)
{
    tui_wizard_free(&fl->wiz);
    tui_dev_codes_free(&fl->codes);
}

void tui_dev_flow_screen_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    tui_dev_flow_draw(s->data, win, focused);
}

unsigned tui_dev_flow_screen_handle(struct tui_screen *s, enum tui_action a,
                                    const struct tui_key *k, struct tui_ctx *ctx)
{
    return tui_dev_flow_handle(s->data, a, k, ctx);
}

void tui_dev_flow_screen_close(struct tui_screen *s)
{
    struct tui_dev_flow *fl = s->data;
    if (fl == NULL)
        return;
    free(fl->data);
    tui_dev_flow_free(fl);
    free(fl);
    s->data = NULL;
}

const char *tui_dev_value(struct tui_dev_flow *fl, int step, const char *name)
{
    struct tui_form *f = tui_wizard_form(&fl->wiz, step);
    if (f == NULL)
        return "";
    const char *v = tui_form_value(f, tui_form_find(f, name));
    return v ? v : "";
}

int tui_dev_int(struct tui_dev_flow *fl, int step, const char *name)
{
    return atoi(tui_dev_value(fl, step, name));
}

/* How well label names the field a message is about: its width when the
 * message holds it whole, else the width of its stem (without 日期 or a
 * final 一 / 二: "入党介绍人", "列为发展对象") when that is at least three
 * characters, halved so a whole label wins; 0 when neither is there. */
static int score(const char *msg, const char *label)
{
    if (strstr(msg, label))
        return 2 * tui_width(label);
    char stem[128];
    snprintf(stem, sizeof stem, "%s", label);
    size_t n = strlen(stem);
    static const char *const tails[] = {"日期", "一", "二"};
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        size_t tl = strlen(tails[t]);
        if (n > tl && strcmp(stem + n - tl, tails[t]) == 0) {
            stem[n - tl] = '\0';
            break;
        }
    }
    int w = tui_width(stem);
    return w >= 6 && strcmp(stem, label) != 0 && strstr(msg, stem) ? w : 0;
}

/* The field a refusal is about: the best label its message names. */
static void place_error(struct tui_dev_flow *fl, const char *msg)
{
    int best_step = -1, best_field = -1, best = 0;
    for (int s = 0; s < fl->wiz.n; s++) {
        const struct tui_wizard_step *st = &fl->wiz.steps[s];
        for (int i = 0; i < st->nfields; i++) {
            int w = score(msg, st->fields[i].label);
            if (w > best) {
                best = w;
                best_step = s;
                best_field = i;
            }
        }
    }
    tui_wizard_fail(&fl->wiz, best_step, best_field, msg);
    if (best_field >= 0) /* and above the form, so it is seen whatever the scroll */
        tui_wizard_fail(&fl->wiz, best_step, -1, "保存失败：请按提示修改后再保存");
}

/* Appends s to buf (len bytes used, size in all), whole characters only. */
static void append(char *buf, size_t size, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > size) {
        n = size - *len - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

static void ask_warnings(struct tui_dev_flow *fl, const struct dj_dev_result *r)
{
    char text[sizeof fl->warn.text];
    static const char tail[] = "\n确定继续保存吗？";
    size_t len = 0, room = sizeof text - (sizeof tail - 1);
    text[0] = '\0';
    for (int i = 0; i < r->nwarnings; i++) {
        if (i > 0)
            append(text, room, &len, "\n");
        append(text, room, &len, r->warnings[i]);
    }
    append(text, sizeof text, &len, tail);
    tui_dialog_confirm(&fl->warn, TAG_WARN, "请注意", text);
}

/* Runs the save; returns the loop's result bits. */
static unsigned run_save(struct tui_dev_flow *fl, bool confirm, struct tui_ctx *ctx)
{
    struct dj_dev_result r;
    struct dj_db_error e;
    memset(&r, 0, sizeof r);
    if (fl->save(fl, confirm, &r, &e) < 0) {
        char msg[256];
        tui_session_fail(&e, msg, sizeof msg);
        place_error(fl, msg);
        /* The whole message, wrapped: a rule's names and dates do not fit
         * beside a field at 80 columns.  The form is kept behind it. */
        tui_dialog_message(&fl->warn, TUI_DIALOG_ERROR, msg);
        fl->warn.tag = TAG_ERROR;
        tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
        return TUI_R_HANDLED;
    }
    if (!r.done && r.nwarnings > 0 && !confirm) {
        ask_warnings(fl, &r);
        return TUI_R_HANDLED;
    }
    if (!r.done) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "没有保存：数据库未确认，请再保存一次");
        return TUI_R_HANDLED;
    }
    for (int i = 0; i < fl->wiz.n; i++)
        tui_form_mark_clean(tui_wizard_form(&fl->wiz, i));
    tui_ctx_message(ctx, TUI_MSG_SUCCESS, fl->success_msg);
    return TUI_R_CLOSE;
}

unsigned tui_dev_flow_handle(struct tui_dev_flow *fl, enum tui_action a, const struct tui_key *k,
                             struct tui_ctx *ctx)
{
    if (tui_dialog_is_open(&fl->warn)) {
        int tag = fl->warn.tag;
        switch (tui_dialog_handle(&fl->warn, a, k)) {
        case TUI_DIALOG_OK:
            return tag == TAG_WARN ? run_save(fl, true, ctx) : TUI_R_HANDLED;
        case TUI_DIALOG_PASS:
            return TUI_R_IGNORED;
        default:
            return TUI_R_HANDLED;
        }
    }
    switch (tui_wizard_handle(&fl->wiz, a, k, ctx)) {
    case TUI_WIZARD_SAVE:
        return run_save(fl, false, ctx);
    case TUI_WIZARD_CLOSE:
        return TUI_R_CLOSE;
    case TUI_WIZARD_HANDLED:
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

void tui_dev_flow_draw(struct tui_dev_flow *fl, WINDOW *win, bool focused)
{
    tui_wizard_draw(&fl->wiz, win, focused && !tui_dialog_is_open(&fl->warn));
    if (fl->head[0] && fl->wiz.n == 1 && !tui_dialog_is_open(&fl->wiz.dlg))
        tui_draw_text(win, 1, 1, getmaxx(win) - 2, TUI_ROLE_HINT, fl->head);
    tui_dialog_draw(&fl->warn, win);
}

const enum tui_action tui_dev_form_hints[] = {TUI_A_SAVE, TUI_A_FOCUS, TUI_A_PREV_FIELD, TUI_A_BACK,
                                              TUI_A_NONE};

const enum tui_action tui_dev_flow_hints[] = {TUI_A_SAVE,  TUI_A_PREV_STEP, TUI_A_NEXT_STEP,
                                              TUI_A_FOCUS, TUI_A_BACK,      TUI_A_NONE};
