#ifndef DJ_TUI_FORM_H
#define DJ_TUI_FORM_H
/*
 * A form of typed fields, declared as a table (struct tui_field_def): text,
 * date, code (picked from a code table, filtered as the clerk types),
 * organization (chosen in the organization tree, which the screens provide
 * through a hook), citizen ID number ('#' when unknown), money (yuan typed,
 * fen kept) and multi-line text.  Labels are right-aligned by display width,
 * required fields are marked *, and a field that is wrong shows the
 * validator's Chinese message beside it (or under it when there is no room).
 *
 * Keys: Tab / Down / Enter to the next field, Shift-Tab / Up to the previous
 * one (Enter in a multi-line field starts a new line); in a code field Enter
 * or typing opens the picker and Backspace clears it; in an organization
 * field Enter opens the tree.  Save, 下一步, Esc are not the form's: its
 * handler returns TUI_FORM_IGNORED for them, and the screen or wizard
 * validates and saves.
 *
 * The typed text is never lost: validation writes normalised values beside
 * the text (tui_form_value) and messages beside the fields; a failed save
 * (tui_form_set_error with the database's message) leaves everything as it
 * was typed.  Leaving a field checks it if it is not empty; a valid date,
 * amount or ID number is rewritten in its normal form (20240101 becomes
 * 2024-01-01).
 */
#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "model/date.h"
#include "tui/code_picker.h"
#include "tui/field_edit.h"
#include "tui/keys.h"

enum tui_field_kind {
    TUI_FIELD_TEXT,
    TUI_FIELD_DATE,      /* YYYY-MM-DD, also 20240101 and 2024.1.1 */
    TUI_FIELD_CODE,      /* a code of code_kind, chosen in the picker */
    TUI_FIELD_ORG,       /* an organization, chosen through hooks.pick_org */
    TUI_FIELD_ID,        /* GB 11643 citizen ID number, or '#' */
    TUI_FIELD_MONEY,     /* yuan with at most two decimals */
    TUI_FIELD_MULTILINE, /* text with line feeds */
};

struct tui_field_def {
    const char *name;  /* the caller's id for the field (say, its column) */
    const char *label; /* as the manual names it: "姓名" */
    enum tui_field_kind kind;
    int width;             /* display columns of the input box; 0: the kind's default */
    int max_chars;         /* input limit in characters; 0: the kind's default */
    bool required;         /* marked *; empty is refused */
    const char *code_kind; /* TUI_FIELD_CODE: the kind in code.all_codes */
    int rows;              /* TUI_FIELD_MULTILINE: lines shown; 0: 3 */
};

struct tui_form;
struct tui_ctx;

struct tui_form_hooks {
    void *ctx;
    /* The codes of a kind that are in use, in their sort order.  NULL when
     * the kind is unknown.  The table must stay valid while the form lives. */
    const struct tui_code_table *(*codes)(void *ctx, const char *kind);
    /* Opens the organization tree for field `field` (e.g. with
     * tui_ctx_open).  When the clerk chooses, the picker calls
     * tui_form_set_org(form, field, id, name); leaving it changes nothing.
     * The form outlives the picker: it is on the screen below. */
    void (*pick_org)(void *ctx, struct tui_ctx *tctx, struct tui_form *form, int field);
};

struct tui_form_field {
    struct tui_edit edit; /* what was typed (not used by code and org fields) */
    char code[32];        /* TUI_FIELD_CODE: the chosen code, "" if none */
    char code_name[128];
    char org_id[64]; /* TUI_FIELD_ORG: the chosen organization, "" if none */
    char org_name[192];
    char *value;         /* the normalised value after a good check; NULL if empty */
    bool checked;        /* value is up to date with what was typed */
    bool changed;        /* anything typed or chosen since load / mark_clean */
    char msg[256];       /* why the field is wrong, "" if it is not */
    char derived[32];    /* the text last filled in from another field (form_id.h), so a
                          * later fill may replace it while the clerk has not changed it */
    int64_t fen;         /* TUI_FIELD_MONEY after a good check */
    struct dj_date date; /* TUI_FIELD_DATE (and the ID's birth date) after a good check */
};

enum tui_form_event {
    TUI_FORM_IGNORED = 0, /* not the form's key (save, steps, Esc ...) */
    TUI_FORM_HANDLED,
};

struct tui_form {
    const struct tui_field_def *defs;
    int n;
    struct tui_form_field *f;
    int focus;
    int top; /* first row drawn (the form scrolls when it is taller than its area) */
    struct tui_form_hooks hooks;
    struct dj_date today; /* ID numbers' birth dates are judged on this day */
    struct tui_code_picker picker;
    int picking;   /* the field whose picker is open, -1 if none */
    char msg[256]; /* a message for the whole form (a failed save), "" if none */
};

/* defs must outlive the form.  hooks may be NULL.  Returns 0 or -1. */
int tui_form_init(struct tui_form *f, const struct tui_field_def *defs, int n,
                  const struct tui_form_hooks *hooks);
void tui_form_free(struct tui_form *f);

/* The index of the field named name, or -1. */
int tui_form_find(const struct tui_form *f, const char *name);

/* Loads a stored value into field i (text, "YYYY-MM-DD", a code, yuan
 * "12.34", an ID number).  For an organization use tui_form_set_org.
 * The field is then unchanged (not dirty).  Returns 0 or -1. */
int tui_form_set(struct tui_form *f, int i, const char *value);

/* Sets an organization field (from the picker, or when loading); id NULL or
 * "" clears it. */
void tui_form_set_org(struct tui_form *f, int i, const char *id, const char *name);

/* What field i holds as typed (the code or the organization id for those). */
const char *tui_form_text(const struct tui_form *f, int i);

/* Checks field i, sets or clears its message; returns true when good. */
bool tui_form_check_field(struct tui_form *f, int i);

/* Checks every field; returns -1 when all are good, else the first bad
 * field, which gets the focus.  Nothing typed is changed. */
int tui_form_validate(struct tui_form *f);

/* Rewrites every field that checked good in its normal form (2024-01-01,
 * 54.00, an upper-case X), as leaving the field does. */
void tui_form_tidy(struct tui_form *f);

/* After a good check: the normalised value of field i (trimmed text,
 * "YYYY-MM-DD", the code, the organization id, "12.34", the 18-character
 * ID number or "#"), NULL when the field is empty. */
const char *tui_form_value(const struct tui_form *f, int i);

/* Shows msg beside field i (i = -1: above the form, for what belongs to no
 * one field, e.g. the database's error).  msg NULL clears it.  The field
 * with a message gets the focus. */
void tui_form_set_error(struct tui_form *f, int i, const char *msg);

/* The message of field i ("" if none). */
const char *tui_form_error(const struct tui_form *f, int i);

/* True when anything was typed or chosen since loading. */
bool tui_form_dirty(const struct tui_form *f);
void tui_form_mark_clean(struct tui_form *f);

/* Judges ID numbers on this date instead of today (tests). */
void tui_form_set_today(struct tui_form *f, struct dj_date today);

void tui_form_focus(struct tui_form *f, int i);

/* One key.  ctx is handed to hooks.pick_org (may be NULL when there is no
 * organization field). */
enum tui_form_event tui_form_handle(struct tui_form *f, enum tui_action a, const struct tui_key *k,
                                    struct tui_ctx *ctx);

/* True while the code picker is open (it takes Esc and Enter). */
static inline bool tui_form_busy(const struct tui_form *f)
{
    return f->picking >= 0;
}

/* Draws the form in rows x cols at (y, x) of win (the picker over it). */
void tui_form_draw(struct tui_form *f, WINDOW *win, int y, int x, int rows, int cols, bool focused);

#endif
