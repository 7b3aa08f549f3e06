#ifndef DJ_TUI_RECORD_SCREENS_H
#define DJ_TUI_RECORD_SCREENS_H
/*
 * The member's file (manual 1.9), one screen a file:
 *   member_add.c     新增: the six-step wizard (基本信息, 学历, 岗位, 党籍,
 *                    转移, 保存) that writes a member in one call;
 *   member_edit.c    修改: the ten tabs, each a list of its rows;
 *   record_form.c    one row of a tab (or 基本信息, the person) as a form;
 *   member_end.c     出党, 死亡, 停止党籍, and 恢复 on 历史党员;
 * and what they share: record_codes.c (the pickers' code tables, loaded once
 * per screen), record_fields.c (every tab's fields from model/record_form.h,
 * the manual's messages, the checks across fields) and record_io.c (the
 * forms' values to and from db/records.h).
 *
 * The database decides (src/db/records.h): a screen checks what a form can
 * check, shows the database's refusal beside the form and keeps everything
 * typed.  A save refused because someone saved first names who and when.
 */
#include <stdbool.h>
#include <stddef.h>

#include "model/member.h"
#include "tui/code_picker.h"
#include "tui/form.h"
#include "tui/screen.h"
#include "tui/wizard.h"

/* ---- the screens ---------------------------------------------------------- */

struct tui_member_add_arg {
    long long org_id; /* the organization the list shows: the default 所在党组织 */
};

struct tui_member_edit_arg {
    long long person_id;
};

/* Which ending member_end.c carries out. */
enum tui_member_end {
    TUI_END_LEAVE,   /* 出党, with its kind */
    TUI_END_DEATH,   /* 死亡 */
    TUI_END_SUSPEND, /* 停止党籍, with its reason */
    TUI_END_RESTORE, /* 恢复 a historical member (administrators) */
};

struct tui_member_end_arg {
    enum tui_member_end kind;
    long long person_id;
    const char *name; /* for the heading (copied) */
};

/* One row of a tab, or the person (set < 0), opened by member_edit.c. */
struct tui_record_form_arg {
    long long person_id;
    int set;          /* enum dj_recset, or -1 for 基本信息 */
    long long row_id; /* 0: a new row (添加) */
    const char *name; /* the person's name, for the heading (copied) */
};

extern const struct tui_screen_ops tui_member_add_ops;  /* arg tui_member_add_arg */
extern const struct tui_screen_ops tui_member_edit_ops; /* arg tui_member_edit_arg */
extern const struct tui_screen_ops tui_member_end_ops;  /* arg tui_member_end_arg */
extern const struct tui_screen_ops tui_record_form_ops; /* arg tui_record_form_arg */

/* ---- code tables for the pickers (record_codes.c) ------------------------ */

/* The kinds of code.all_codes are loaded when first asked for.  Besides:
 * a kind written "value=label;value=label" (model/record_form.h's choices)
 * is that list; "member_stage" is 预备党员 / 正式党员; "org" is the
 * organizations of the clerk's scope (code = the organization's id).  A kind must be a
 * string that outlives the table (the forms' static tables). */
#define REC_CODES_MAX_KINDS 24

struct rec_code_kind {
    const char *kind;
    bool tried;
    struct tui_code_item *items;
    char *text;     /* the items' strings */
    long long *ids; /* "org": each item's organization id */
    struct tui_code_table table;
};

struct rec_codes {
    struct rec_code_kind k[REC_CODES_MAX_KINDS];
    int n;
    char error[256]; /* why the last load failed, "" if none */
};

/* The table of kind, loading it if needed; NULL when it cannot be read
 * (rec_codes.error says why). */
const struct tui_code_table *rec_codes_get(struct rec_codes *c, const char *kind);

/* The form hook: ctx is a struct rec_codes. */
const struct tui_code_table *rec_codes_hook(void *ctx, const char *kind);

/* The organization id of an "org" code, 0 if unknown; and the code of an
 * organization id ("" if not in the clerk's scope). */
long long rec_codes_org_id(struct rec_codes *c, const char *code);
const char *rec_codes_org_code(struct rec_codes *c, long long id);

void rec_codes_free(struct rec_codes *c);

/* ---- the tabs' fields (record_fields.c) ---------------------------------- */

struct rec_form_def {
    const char *key;     /* model/record_form.h's form: "education", "person" ... */
    const char *title;   /* 学历学位 */
    const char *saved;   /* the manual's message: "学历学位信息保存成功！" */
    const char *deleted; /* "学历学位信息删除成功！" */
    const struct tui_field_def *fields;
    int nfields;
};

/* The form of a tab (set < 0: 基本信息, the person); NULL for 组织关系,
 * which only the transfer workflows change.  The fields are those of
 * model/record_form.h, as the form widget's. */
const struct rec_form_def *rec_form_def(int set);

/* A form by its key ("person", "membership", "transfer" ...), for the wizard. */
const struct rec_form_def *rec_form_page(const char *key);

/* Checks across fields of the form key (a date range in order, a year in
 * range ...) after every field checked good.  Sets the message on the
 * field at fault and returns false, or returns true. */
bool rec_form_cross_check(const char *key, struct tui_form *f);

/* An overlay (a code picker, a dialog) that covered half of a wide
 * character leaves the terminal and curses disagreeing about that cell once
 * it closes (tmux blanks the whole character); rec_overlay_closed repaints
 * the whole screen on the next update when one was open before a key and
 * is not after it. */
bool rec_wizard_overlay(const struct tui_wizard *w);
void rec_overlay_closed(bool before, bool after);

/* Copies src into dst, cut at a character boundary to fit. */
void rec_cut(char *dst, size_t size, const char *src);

/* The message up to its first "，" or "。" (the whole of it if none). */
void rec_first_clause(char *dst, size_t size, const char *msg);

/* The field of name in f, its checked value (NULL if empty). */
const char *rec_value(const struct tui_form *f, const char *name);

/* ---- reading and saving through db/records.h (record_io.c) -------------- */

/* What a failed call tells the screen: the clerk's message, the form field
 * it concerns (-1: the whole form) and whether someone saved first. */
struct rec_io_error {
    char msg[512];
    char form[64];  /* the form the database named (model/record_form.h), or "" */
    char field[64]; /* a field name of the form, "" for the whole form */
    bool conflict;
};

/* A row's (or the person's) stamp as loaded: the version a save carries. */
struct rec_io_stamp {
    int version;
};

/* Loads a stored row (set < 0: the person) into the form f of that set.
 * Returns 0, 1 when the row is gone, -1 with e. */
int rec_io_load(int set, long long person_id, long long row_id, struct tui_form *f,
                struct rec_codes *codes, struct rec_io_stamp *stamp, struct rec_io_error *e);

/* Saves the form (row_id 0: adds a row).  Returns 0 or -1 with e. */
int rec_io_save(int set, long long person_id, long long row_id, const struct rec_io_stamp *stamp,
                const struct tui_form *f, struct rec_codes *codes, struct rec_io_error *e);

/* A row's stamp now (before asking whether to delete it).  Returns 0, 1
 * when the row is gone (e says so), -1 with e. */
int rec_io_row_stamp(int set, long long row_id, struct rec_io_stamp *stamp, struct rec_io_error *e);

/* Deletes a row of a tab, refused when it changed since stamp.  Returns 0
 * or -1 with e. */
int rec_io_delete(int set, long long row_id, const struct rec_io_stamp *stamp,
                  struct rec_io_error *e);

/* The database's check of one page of a form (key: model/record_form.h's),
 * without writing; skip: a field of f not sent.  Returns 0 or -1 with e. */
int rec_io_check(const char *key, const struct tui_form *f, struct rec_codes *codes,
                 const char *skip, struct rec_io_error *e);

/* The wizard's steps, in order (member_add.c). */
enum {
    REC_STEP_BASIC,
    REC_STEP_EDUCATION,
    REC_STEP_JOB,
    REC_STEP_PARTY,
    REC_STEP_TRANSFER,
    REC_NSTEPS
};

/* Adds the member the wizard's forms describe, all in one call: the 党籍
 * step's form holds "org_id" (an "org" code) besides model/record_form.h's
 * membership fields; an empty 学历, 岗位 or 转移 step is left out.  Returns
 * 0 with *person_id, or -1 with e (*step: the step of e.field, or -1). */
int rec_io_add_member(struct tui_form *const forms[REC_NSTEPS], struct rec_codes *codes,
                      long long *person_id, int *step, struct rec_io_error *e);

/* Carries out an ending (or the restore) with the form of member_end.c:
 * fields "on" (the date), "exit_kind", "suspend_reason", "reason".
 * Returns 0 or -1 with e. */
int rec_io_end(enum tui_member_end kind, long long person_id, const struct rec_io_stamp *stamp,
               const struct tui_form *f, struct rec_io_error *e);

/* The person's stamp and whether they are historical (for the endings). */
int rec_io_person_stamp(long long person_id, struct rec_io_stamp *stamp, struct rec_io_error *e);

#endif
