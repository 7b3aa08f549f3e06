#include "tui/wizard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/width.h"

enum { TAG_BACK = 1, TAG_DONE = 2 };

int tui_wizard_init(struct tui_wizard *w, const char *title, const struct tui_wizard_step *steps,
                    int n, const struct tui_form_hooks *hooks)
{
    memset(w, 0, sizeof *w);
    if (n < 1 || n > TUI_WIZARD_MAX_STEPS)
        return -1;
    snprintf(w->title, sizeof w->title, "%s", title ? title : "");
    w->steps = steps;
    w->n = n;
    w->save_label = "保存";
    w->back_label = "返回";
    w->forms = calloc((size_t)n, sizeof *w->forms);
    if (w->forms == NULL)
        return -1;
    for (int i = 0; i < n; i++) {
        w->names[i] = steps[i].title ? steps[i].title : "";
        if (tui_form_init(&w->forms[i], steps[i].fields, steps[i].nfields, hooks) < 0) {
            for (int j = 0; j < i; j++)
                tui_form_free(&w->forms[j]);
            free(w->forms);
            w->forms = NULL;
            return -1;
        }
    }
    tui_tabs_init(&w->tabs, w->names, n);
    return 0;
}

void tui_wizard_free(struct tui_wizard *w)
{
    if (w->forms)
        for (int i = 0; i < w->n; i++)
            tui_form_free(&w->forms[i]);
    free(w->forms);
    w->forms = NULL;
}

void tui_wizard_set_labels(struct tui_wizard *w, const char *save, const char *back)
{
    if (save)
        w->save_label = save;
    if (back)
        w->back_label = back;
}

struct tui_form *tui_wizard_form(struct tui_wizard *w, int step)
{
    return step >= 0 && step < w->n ? &w->forms[step] : NULL;
}

bool tui_wizard_dirty(const struct tui_wizard *w)
{
    for (int i = 0; i < w->n; i++)
        if (tui_form_dirty(&w->forms[i]))
            return true;
    return false;
}

void tui_wizard_done(struct tui_wizard *w, const char *msg)
{
    for (int i = 0; i < w->n; i++)
        tui_form_mark_clean(&w->forms[i]);
    tui_dialog_message(&w->dlg, TUI_DIALOG_SUCCESS, msg);
    w->dlg.tag = TAG_DONE;
}

void tui_wizard_fail(struct tui_wizard *w, int step, int field, const char *msg)
{
    if (step < 0 || step >= w->n)
        step = w->cur;
    w->cur = step;
    tui_form_set_error(&w->forms[step], field, msg);
}

static bool last(const struct tui_wizard *w)
{
    return w->cur == w->n - 1;
}

/* Checks every step in order; the first wrong one becomes the current. */
static bool check_all(struct tui_wizard *w)
{
    for (int i = 0; i < w->n; i++)
        if (tui_form_validate(&w->forms[i]) >= 0) {
            w->cur = i;
            return false;
        }
    return true;
}

static enum tui_wizard_event answer(struct tui_wizard *w, enum tui_action a,
                                    const struct tui_key *k)
{
    int tag = w->dlg.tag;
    switch (tui_dialog_handle(&w->dlg, a, k)) {
    case TUI_DIALOG_OK:
        return tag == TAG_BACK || tag == TAG_DONE ? TUI_WIZARD_CLOSE : TUI_WIZARD_HANDLED;
    case TUI_DIALOG_PASS:
        return TUI_WIZARD_IGNORED;
    default:
        return TUI_WIZARD_HANDLED;
    }
}

enum tui_wizard_event tui_wizard_handle(struct tui_wizard *w, enum tui_action a,
                                        const struct tui_key *k, struct tui_ctx *ctx)
{
    if (tui_dialog_is_open(&w->dlg))
        return answer(w, a, k);
    struct tui_form *f = &w->forms[w->cur];
    if (tui_form_busy(f))
        return tui_form_handle(f, a, k, ctx) == TUI_FORM_HANDLED ? TUI_WIZARD_HANDLED
                                                                 : TUI_WIZARD_IGNORED;
    switch (a) {
    case TUI_A_PREV_STEP:
        if (w->cur > 0)
            w->cur--;
        return TUI_WIZARD_HANDLED;
    case TUI_A_NEXT_STEP:
        if (last(w))
            return TUI_WIZARD_HANDLED;
        tui_form_set_error(f, -1, NULL);
        if (tui_form_validate(f) < 0) {
            tui_form_tidy(f);
            w->cur++;
        }
        return TUI_WIZARD_HANDLED;
    case TUI_A_SAVE:
        if (!last(w)) {
            char msg[128], key[16];
            struct tui_key nk = tui_action_key(TUI_A_NEXT_STEP);
            snprintf(msg, sizeof msg, "请按 %s 下一步，填完后面各步再%s",
                     tui_key_name(&nk, key, sizeof key), w->save_label);
            tui_form_set_error(f, -1, msg);
            return TUI_WIZARD_HANDLED;
        }
        for (int i = 0; i < w->n; i++)
            tui_form_set_error(&w->forms[i], -1, NULL);
        {
            bool good = check_all(w);
            for (int i = 0; i < w->n; i++)
                tui_form_tidy(&w->forms[i]);
            return good ? TUI_WIZARD_SAVE : TUI_WIZARD_HANDLED;
        }
    case TUI_A_BACK:
        if (!tui_wizard_dirty(w))
            return TUI_WIZARD_CLOSE;
        {
            char msg[160];
            snprintf(msg, sizeof msg, "已填写的内容尚未%s。确定放弃这些内容并%s吗？", w->save_label,
                     w->back_label);
            tui_dialog_confirm(&w->dlg, TAG_BACK, NULL, msg);
        }
        return TUI_WIZARD_HANDLED;
    default:
        return tui_form_handle(f, a, k, ctx) == TUI_FORM_HANDLED ? TUI_WIZARD_HANDLED
                                                                 : TUI_WIZARD_IGNORED;
    }
}

/* Draws "[F7 上一步]" at x; returns the columns used (with a gap). */
static int button(WINDOW *win, int y, int x, int room, enum tui_action a, const char *label)
{
    char key[16], buf[64];
    struct tui_key k = tui_action_key(a);
    snprintf(buf, sizeof buf, "[%s %s]", tui_key_name(&k, key, sizeof key), label);
    if (tui_width(buf) > room)
        return room;
    return tui_draw_text(win, y, x, room, TUI_ROLE_KEY, buf) + 2;
}

void tui_wizard_draw(struct tui_wizard *w, WINDOW *win, bool focused)
{
    int rows = getmaxy(win), cols = getmaxx(win);
    char head[192];
    if (w->n > 1)
        snprintf(head, sizeof head, "%s（第 %d 步，共 %d 步：%s）", w->title, w->cur + 1, w->n,
                 w->names[w->cur]);
    else
        snprintf(head, sizeof head, "%s", w->title);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, head);
    int y = 2;
    if (w->n > 1) {
        w->tabs.active = w->cur;
        tui_tabs_draw(&w->tabs, win, 1, 1, cols - 2, false);
        y = 3;
    }
    int by = rows - 1, bx = 1;
    if (w->cur > 0)
        bx += button(win, by, bx, cols - bx, TUI_A_PREV_STEP, "上一步");
    if (!last(w))
        bx += button(win, by, bx, cols - bx, TUI_A_NEXT_STEP, "下一步");
    else
        bx += button(win, by, bx, cols - bx, TUI_A_SAVE, w->save_label);
    button(win, by, bx, cols - bx, TUI_A_BACK, w->back_label);
    /* The form after the buttons: its code picker opens over them. */
    tui_form_draw(&w->forms[w->cur], win, y, 1, rows - y - 2, cols - 2,
                  focused && !tui_dialog_is_open(&w->dlg));
    tui_dialog_draw(&w->dlg, win);
}
