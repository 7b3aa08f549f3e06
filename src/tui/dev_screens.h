#ifndef DJ_TUI_DEV_SCREENS_H
#define DJ_TUI_DEV_SCREENS_H
/*
 * Member development, applicant to full member (the manual's 1.1-1.5): the
 * screens, one file each, and what they share.  Every workflow goes through
 * src/db/development.h: a save is first called without confirmation; the
 * database's warnings are shown in a confirmation dialog and 确定 calls again
 * with confirmation; a refusal keeps the form open with what was typed and
 * the message beside the field it is about (or above the form).  Success
 * closes the form and leaves the manual's blue message on the status line;
 * the list below reloads (its resume).
 *
 * Arguments are copied by each screen's open, so callers may pass locals.
 */
#include <stdbool.h>
#include <stddef.h>

#include "db/code_list.h"
#include "db/development.h"
#include "tui/code_picker.h"
#include "tui/dialog.h"
#include "tui/screen.h"
#include "tui/wizard.h"

struct tui_form;

/* 新增 (1.1): org_id the organization proposed (the clerk's). */
struct tui_dev_org_arg {
    long long org_id;
    const char *org_name;
};

/* 培养发展 (1.2, 1.3) and the endings of 党员管理: one person. */
struct tui_dev_person_arg {
    long long person_id;
};

/* 吸收 (1.4): the ticked people. */
struct tui_dev_admit_arg {
    int count;
    const long long *ids;
};

/* 转正 / 延长预备期 / 取消预备党员资格. */
enum tui_dev_end { TUI_DEV_END_CONFIRM, TUI_DEV_END_EXTEND, TUI_DEV_END_CANCEL };
struct tui_dev_end_arg {
    enum tui_dev_end kind;
    long long person_id;
};

/* The organization tree opened by a form's organization field. */
struct tui_dev_org_pick_arg {
    struct tui_form *form; /* must outlive the picker (it is on the screen below) */
    int field;
};

extern const struct tui_screen_ops tui_applicant_list_ops; /* applicant_list.c: 申请人管理 */
extern const struct tui_screen_ops tui_applicant_add_ops;  /* applicant_add.c: tui_dev_org_arg */
extern const struct tui_screen_ops tui_develop_ops;        /* dev_develop.c: tui_dev_person_arg */
extern const struct tui_screen_ops tui_admit_ops;          /* dev_admit.c: tui_dev_admit_arg */
extern const struct tui_screen_ops tui_dev_end_ops;        /* dev_end.c: tui_dev_end_arg */
extern const struct tui_screen_ops tui_remind_ops;         /* dev_remind.c: no argument */
extern const struct tui_screen_ops tui_dev_org_pick_ops;   /* dev_org_pick.c */

/* ---- shared by the forms (dev_codes.c, dev_flow.c) ---- */

/* The code tables a form picks from, read on first use and kept. */
#define TUI_DEV_CODE_KINDS 12
struct tui_dev_code_kind {
    char kind[32];
    struct dj_code_list list;
    struct tui_code_item *items;
    struct tui_code_table table;
};
struct tui_dev_codes {
    struct tui_dev_code_kind kinds[TUI_DEV_CODE_KINDS];
    int n;
};
/* The table of kind, NULL when it cannot be read (the status line says why). */
const struct tui_code_table *tui_dev_codes_get(struct tui_dev_codes *c, const char *kind);
void tui_dev_codes_free(struct tui_dev_codes *c);

/* A one-form or multi-step workflow screen: the wizard, its code tables, the
 * warning dialog and the save function.  save(ctx, confirm, out, err) calls
 * the database; the flow runs it unconfirmed, asks about warnings, runs it
 * confirmed, and on success closes with success_msg. */
struct tui_dev_flow;
typedef int (*tui_dev_save_fn)(struct tui_dev_flow *fl, bool confirm, struct dj_dev_result *out,
                               struct dj_db_error *err);
struct tui_dev_flow {
    struct tui_wizard wiz;
    struct tui_dev_codes codes;
    struct tui_dialog warn; /* the database's warnings, 确定 goes on */
    tui_dev_save_fn save;
    const char *success_msg;
    void *data;     /* the screen's own */
    char head[768]; /* a line under the title (who, what stage), "" if none */
};

/* Sets up the flow with its steps (the wizard's), labels 保存 or 确定. */
int tui_dev_flow_init(struct tui_dev_flow *fl, const char *title,
                      const struct tui_wizard_step *steps, int n, tui_dev_save_fn save,
                      const char *success_msg);
void tui_dev_flow_free(struct tui_dev_flow *fl);
void tui_dev_flow_draw(struct tui_dev_flow *fl, WINDOW *win, bool focused);
unsigned tui_dev_flow_handle(struct tui_dev_flow *fl, enum tui_action a, const struct tui_key *k,
                             struct tui_ctx *ctx);

/* The screen ops of a screen whose data is a heap tui_dev_flow: draw and
 * handle pass to the flow; close frees the flow and its data with free()
 * (a screen whose data owns more memory frees that first). */
void tui_dev_flow_screen_draw(struct tui_screen *s, WINDOW *win, bool focused);
unsigned tui_dev_flow_screen_handle(struct tui_screen *s, enum tui_action a,
                                    const struct tui_key *k, struct tui_ctx *ctx);
void tui_dev_flow_screen_close(struct tui_screen *s);

/* The value of the field named name in step step ("" when empty). */
const char *tui_dev_value(struct tui_dev_flow *fl, int step, const char *name);
/* The value as a number (0 when empty). */
int tui_dev_int(struct tui_dev_flow *fl, int step, const char *name);

/* Key hints: of a wizard (F7, F8 as well) and of a one-form screen. */
extern const enum tui_action tui_dev_flow_hints[];
extern const enum tui_action tui_dev_form_hints[];

#endif
