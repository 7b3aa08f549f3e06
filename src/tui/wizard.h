#ifndef DJ_TUI_WIZARD_H
#define DJ_TUI_WIZARD_H
/*
 * The manual's multi-step forms (新增党员: 基本信息, 学历, 岗位, 党籍, 转移;
 * 外省市转入 in two steps), and with one step its single forms with 确定.
 * Each step is a form (form.h); the steps' forms live as long as the wizard,
 * so what was typed is kept moving back and forth.  Keys, shown in a button
 * row as well: F7 上一步 (no check), F8 下一步 (checks this step first), F2
 * 保存 on the last step (checks every step, goes to the first wrong one),
 * Esc 返回 (asks first if anything was typed).
 *
 * The screen owns the saving: on TUI_WIZARD_SAVE it reads the values
 * (tui_form_value), calls the database, and then either tui_wizard_done with
 * the manual's success message (a blue dialog; Enter closes the wizard) or
 * tui_wizard_fail with the database's message (the wizard stays, everything
 * typed kept).  Nothing here refreshes.
 */
#include <curses.h>
#include <stdbool.h>

#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/tabs.h"

struct tui_wizard_step {
    const char *title; /* 基本信息 */
    const struct tui_field_def *fields;
    int nfields;
};

enum tui_wizard_event {
    TUI_WIZARD_IGNORED = 0, /* not the wizard's key (F1, F10 ...) */
    TUI_WIZARD_HANDLED,
    TUI_WIZARD_SAVE,  /* every step checked good: save now */
    TUI_WIZARD_CLOSE, /* leave: after 返回 (confirmed) or after the success message */
};

#define TUI_WIZARD_MAX_STEPS 8

struct tui_wizard {
    char title[96];
    const struct tui_wizard_step *steps;
    int n, cur;
    struct tui_form *forms;
    struct tui_dialog dlg;
    struct tui_tabs tabs; /* the steps' names, the current one in brackets */
    const char *names[TUI_WIZARD_MAX_STEPS];
    const char *save_label; /* 保存, or 确定 */
    const char *back_label; /* 返回, or 关闭 */
};

/* steps (and their fields) must outlive the wizard; 1..TUI_WIZARD_MAX_STEPS.
 * hooks are given to every step's form.  Returns 0 or -1. */
int tui_wizard_init(struct tui_wizard *w, const char *title, const struct tui_wizard_step *steps,
                    int n, const struct tui_form_hooks *hooks);
void tui_wizard_free(struct tui_wizard *w);

/* The button words: the manual says 确定 / 关闭 on some forms. */
void tui_wizard_set_labels(struct tui_wizard *w, const char *save, const char *back);

/* The form of a step (to load values, to read them when saving). */
struct tui_form *tui_wizard_form(struct tui_wizard *w, int step);

enum tui_wizard_event tui_wizard_handle(struct tui_wizard *w, enum tui_action a,
                                        const struct tui_key *k, struct tui_ctx *ctx);

/* After a good save: shows msg ("党员信息添加成功！") in the blue dialog;
 * Enter or Esc then gives TUI_WIZARD_CLOSE. */
void tui_wizard_done(struct tui_wizard *w, const char *msg);

/* After a failed save: goes to the step, shows msg beside the field (field
 * -1: above the form).  Nothing typed is changed. */
void tui_wizard_fail(struct tui_wizard *w, int step, int field, const char *msg);

/* True when anything was typed in any step. */
bool tui_wizard_dirty(const struct tui_wizard *w);

/* Draws the whole window: title, steps, form, buttons, dialog. */
void tui_wizard_draw(struct tui_wizard *w, WINDOW *win, bool focused);

#endif
