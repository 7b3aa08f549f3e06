#include "tui/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/citizen_id.h"
#include "model/money.h"
#include "model/text.h"
#include "tui/draw.h"
#include "tui/width.h"

#define MARK_COLS 2 /* "> " before the focused field's label */

struct kind_defaults {
    int width, max_chars;
};

/* Fixed-shape fields are one column wider than their longest value, so the
 * cursor after the last character needs no scrolling. */
static const struct kind_defaults defaults[] = {
    [TUI_FIELD_TEXT] = {0, 50},       [TUI_FIELD_DATE] = {11, 10}, [TUI_FIELD_CODE] = {16, 0},
    [TUI_FIELD_ORG] = {30, 0},        [TUI_FIELD_ID] = {19, 18},   [TUI_FIELD_MONEY] = {14, 16},
    [TUI_FIELD_MULTILINE] = {0, 500},
};

static int max_chars_of(const struct tui_field_def *d)
{
    return d->max_chars > 0 ? d->max_chars : defaults[d->kind].max_chars;
}

static int width_of(const struct tui_field_def *d)
{
    if (d->width > 0)
        return d->width;
    if (defaults[d->kind].width > 0)
        return defaults[d->kind].width;
    int w = max_chars_of(d) * 2 + 1;
    return w < 30 ? w : 30;
}

static bool uses_edit(const struct tui_field_def *d)
{
    return d->kind != TUI_FIELD_CODE && d->kind != TUI_FIELD_ORG;
}

int tui_form_init(struct tui_form *f, const struct tui_field_def *defs, int n,
                  const struct tui_form_hooks *hooks)
{
    memset(f, 0, sizeof *f);
    f->defs = defs;
    f->n = n;
    f->picking = -1;
    f->today = dj_date_today();
    if (hooks)
        f->hooks = *hooks;
    f->f = calloc(n > 0 ? (size_t)n : 1, sizeof *f->f);
    if (f->f == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        if (tui_edit_init(&f->f[i].edit, max_chars_of(&defs[i]),
                          defs[i].kind == TUI_FIELD_MULTILINE) < 0) {
            tui_form_free(f);
            return -1;
        }
    return 0;
}

void tui_form_free(struct tui_form *f)
{
    if (f->f)
        for (int i = 0; i < f->n; i++) {
            tui_edit_free(&f->f[i].edit);
            free(f->f[i].value);
        }
    free(f->f);
    f->f = NULL;
    tui_code_picker_close(&f->picker);
    f->picking = -1;
}

int tui_form_find(const struct tui_form *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (f->defs[i].name && name && strcmp(f->defs[i].name, name) == 0)
            return i;
    return -1;
}

void tui_form_set_today(struct tui_form *f, struct dj_date today)
{
    f->today = today;
}

static bool valid_index(const struct tui_form *f, int i)
{
    return f->f && i >= 0 && i < f->n;
}

static const struct tui_code_table *table_of(const struct tui_form *f, int i)
{
    const struct tui_field_def *d = &f->defs[i];
    if (d->kind != TUI_FIELD_CODE || f->hooks.codes == NULL || d->code_kind == NULL)
        return NULL;
    return f->hooks.codes(f->hooks.ctx, d->code_kind);
}

/* Something new was typed or chosen: the old check no longer holds. */
static void touched(struct tui_form_field *fld)
{
    fld->changed = true;
    fld->checked = false;
    fld->msg[0] = '\0';
}

static void set_code(struct tui_form *f, int i, const char *code)
{
    struct tui_form_field *fld = &f->f[i];
    snprintf(fld->code, sizeof fld->code, "%s", code ? code : "");
    const struct tui_code_item *it = tui_code_find(table_of(f, i), fld->code);
    snprintf(fld->code_name, sizeof fld->code_name, "%s", it ? it->name : fld->code);
}

int tui_form_set(struct tui_form *f, int i, const char *value)
{
    if (!valid_index(f, i))
        return -1;
    struct tui_form_field *fld = &f->f[i];
    fld->checked = false;
    fld->msg[0] = '\0';
    if (f->defs[i].kind == TUI_FIELD_CODE) {
        set_code(f, i, value);
        return 0;
    }
    if (f->defs[i].kind == TUI_FIELD_ORG) {
        tui_form_set_org(f, i, value, value);
        fld->changed = false;
        return 0;
    }
    return tui_edit_set(&fld->edit, value);
}

void tui_form_set_org(struct tui_form *f, int i, const char *id, const char *name)
{
    if (!valid_index(f, i))
        return;
    struct tui_form_field *fld = &f->f[i];
    snprintf(fld->org_id, sizeof fld->org_id, "%s", id ? id : "");
    snprintf(fld->org_name, sizeof fld->org_name, "%s", id && *id && name ? name : "");
    touched(fld);
}

const char *tui_form_text(const struct tui_form *f, int i)
{
    if (!valid_index(f, i))
        return "";
    switch (f->defs[i].kind) {
    case TUI_FIELD_CODE:
        return f->f[i].code;
    case TUI_FIELD_ORG:
        return f->f[i].org_id;
    default:
        return tui_edit_text(&f->f[i].edit);
    }
}

static bool blank(const char *s)
{
    /* Blanks as text.h trims them, the full-width space included. */
    while (*s) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (strncmp(s, "\u3000", 3) == 0)
            s += 3;
        else
            return false;
    }
    return true;
}

static bool fail(struct tui_form_field *fld, const char *msg)
{
    if (msg != fld->msg)
        snprintf(fld->msg, sizeof fld->msg, "%s", msg);
    return false;
}

static bool good(struct tui_form_field *fld, const char *value)
{
    fld->value = value ? strdup(value) : NULL;
    if (value && fld->value == NULL)
        return fail(fld, "内存不足，无法检查");
    return true;
}

static bool check_text(struct tui_form_field *fld, const struct tui_field_def *d)
{
    const char *text = tui_edit_text(&fld->edit);
    struct dj_text_rule rule = {d->label, (size_t)max_chars_of(d), d->required,
                                d->kind == TUI_FIELD_MULTILINE};
    size_t size = strlen(text) + 1;
    char *out = malloc(size);
    if (out == NULL)
        return fail(fld, "内存不足，无法检查");
    if (dj_text_check(&rule, text, out, size, fld->msg, sizeof fld->msg) != DJ_TEXT_OK) {
        free(out);
        return false;
    }
    if (*out == '\0') {
        free(out);
        out = NULL;
    }
    fld->value = out;
    return true;
}

bool tui_form_check_field(struct tui_form *f, int i)
{
    if (!valid_index(f, i))
        return false;
    const struct tui_field_def *d = &f->defs[i];
    struct tui_form_field *fld = &f->f[i];
    const char *text = tui_form_text(f, i);
    char msg[256];
    free(fld->value);
    fld->value = NULL;
    fld->msg[0] = '\0';
    fld->checked = true;

    if (d->kind == TUI_FIELD_TEXT || d->kind == TUI_FIELD_MULTILINE)
        return check_text(fld, d);
    if (blank(text)) {
        if (!d->required)
            return good(fld, NULL);
        if (d->kind == TUI_FIELD_ID) {
            dj_id_check("", f->today, NULL, msg, sizeof msg);
            return fail(fld, msg);
        }
        snprintf(msg, sizeof msg,
                 d->kind == TUI_FIELD_CODE || d->kind == TUI_FIELD_ORG ? "请选择「%s」"
                                                                       : "「%s」不能为空",
                 d->label);
        return fail(fld, msg);
    }
    switch (d->kind) {
    case TUI_FIELD_DATE: {
        char buf[DJ_DATE_STRLEN];
        if (dj_date_parse(d->label, text, &fld->date, fld->msg, sizeof fld->msg) < 0)
            return false;
        return good(fld, dj_date_format(fld->date, buf));
    }
    case TUI_FIELD_ID: {
        struct dj_id id;
        enum dj_id_result r = dj_id_check(text, f->today, &id, msg, sizeof msg);
        if (!dj_id_accepted(r))
            return fail(fld, msg);
        fld->date = id.birth;
        return good(fld, id.number);
    }
    case TUI_FIELD_MONEY: {
        char buf[DJ_MONEY_STRLEN];
        if (dj_money_parse(d->label, text, &fld->fen, fld->msg, sizeof fld->msg) < 0)
            return false;
        return good(fld, dj_money_format(fld->fen, buf));
    }
    case TUI_FIELD_CODE: {
        const struct tui_code_table *t = table_of(f, i);
        if (t && tui_code_find(t, text) == NULL) {
            snprintf(msg, sizeof msg, "「%s」的代码“%s”不在代码表中，请重新选择", d->label, text);
            return fail(fld, msg);
        }
        return good(fld, text);
    }
    default: /* TUI_FIELD_ORG */
        return good(fld, text);
    }
}

int tui_form_validate(struct tui_form *f)
{
    int first = -1;
    for (int i = 0; i < f->n; i++)
        if (!tui_form_check_field(f, i) && first < 0)
            first = i;
    if (first >= 0)
        f->focus = first;
    return first;
}

const char *tui_form_value(const struct tui_form *f, int i)
{
    if (!valid_index(f, i) || !f->f[i].checked || f->f[i].msg[0])
        return NULL;
    return f->f[i].value;
}

void tui_form_set_error(struct tui_form *f, int i, const char *msg)
{
    if (i < 0 || !valid_index(f, i)) {
        snprintf(f->msg, sizeof f->msg, "%s", msg ? msg : "");
        return;
    }
    snprintf(f->f[i].msg, sizeof f->f[i].msg, "%s", msg ? msg : "");
    if (msg && *msg)
        f->focus = i;
}

const char *tui_form_error(const struct tui_form *f, int i)
{
    if (i < 0 || !valid_index(f, i))
        return f->msg;
    return f->f[i].msg;
}

bool tui_form_dirty(const struct tui_form *f)
{
    for (int i = 0; i < f->n; i++)
        if (f->f[i].changed)
            return true;
    return false;
}

void tui_form_mark_clean(struct tui_form *f)
{
    for (int i = 0; i < f->n; i++)
        f->f[i].changed = false;
}

/* Writes a good date, amount or ID number in its normal form. */
static void tidy(struct tui_form *f, int i)
{
    const struct tui_field_def *d = &f->defs[i];
    struct tui_form_field *fld = &f->f[i];
    if (!fld->checked || fld->msg[0] || fld->value == NULL)
        return;
    if (d->kind == TUI_FIELD_DATE || d->kind == TUI_FIELD_MONEY || d->kind == TUI_FIELD_ID) {
        if (strcmp(fld->value, tui_edit_text(&fld->edit)) != 0) {
            bool changed = fld->changed;
            tui_edit_set(&fld->edit, fld->value);
            fld->changed = changed;
        }
    }
}

void tui_form_tidy(struct tui_form *f)
{
    for (int i = 0; i < f->n; i++)
        tidy(f, i);
}

/* Leaving a field: check what was typed (an empty field waits for the
 * save) and tidy it. */
static void leave(struct tui_form *f, int i)
{
    if (blank(tui_form_text(f, i)))
        return;
    if (tui_form_check_field(f, i))
        tidy(f, i);
}

void tui_form_focus(struct tui_form *f, int i)
{
    if (!valid_index(f, i) || i == f->focus)
        return;
    if (valid_index(f, f->focus))
        leave(f, f->focus);
    f->focus = i;
}

static enum tui_form_event open_picker(struct tui_form *f, const struct tui_key *first)
{
    int i = f->focus;
    struct tui_form_field *fld = &f->f[i];
    const struct tui_code_table *t = table_of(f, i);
    if (t == NULL) {
        snprintf(fld->msg, sizeof fld->msg, "无法读取「%s」的代码表", f->defs[i].label);
        return TUI_FORM_HANDLED;
    }
    char text[8] = "";
    if (first && tui_edit_is_text_key(first) && first->code != ' ') {
        mbstate_t st;
        memset(&st, 0, sizeof st);
        size_t n = wcrtomb(text, (wchar_t)first->code, &st);
        text[n == (size_t)-1 ? 0 : n] = '\0';
    }
    if (tui_code_picker_open(&f->picker, f->defs[i].label, t, fld->code, text) == 0)
        f->picking = i;
    return TUI_FORM_HANDLED;
}

static enum tui_form_event handle_picker(struct tui_form *f, enum tui_action a,
                                         const struct tui_key *k)
{
    int i = f->picking;
    switch (tui_code_picker_handle(&f->picker, a, k)) {
    case TUI_PICKER_CHOSEN: {
        const struct tui_code_item *it = tui_code_picker_chosen(&f->picker);
        touched(&f->f[i]);
        set_code(f, i, it->code);
        tui_code_picker_close(&f->picker);
        f->picking = -1;
        return TUI_FORM_HANDLED;
    }
    case TUI_PICKER_CANCEL:
        tui_code_picker_close(&f->picker);
        f->picking = -1;
        return TUI_FORM_HANDLED;
    case TUI_PICKER_PASS:
        return TUI_FORM_IGNORED;
    default:
        return TUI_FORM_HANDLED;
    }
}

static bool is_erase(enum tui_action a, const struct tui_key *k)
{
    if (a == TUI_A_ERASE || a == TUI_A_DEL_CHAR || a == TUI_A_CLEAR_FIELD)
        return true;
    return k && k->kind == TUI_KEY_CHAR && (k->code == 0x7f || k->code == 'H' - '@');
}

static enum tui_form_event handle_choice(struct tui_form *f, enum tui_action a,
                                         const struct tui_key *k, struct tui_ctx *ctx)
{
    const struct tui_field_def *d = &f->defs[f->focus];
    struct tui_form_field *fld = &f->f[f->focus];
    if (is_erase(a, k)) {
        if (d->kind == TUI_FIELD_CODE) {
            touched(fld);
            set_code(f, f->focus, "");
        } else {
            tui_form_set_org(f, f->focus, NULL, NULL);
        }
        return TUI_FORM_HANDLED;
    }
    bool text = tui_edit_is_text_key(k);
    if (d->kind == TUI_FIELD_CODE && (a == TUI_A_OPEN || text))
        return open_picker(f, k);
    if (d->kind == TUI_FIELD_ORG && (a == TUI_A_OPEN || (text && k->code == ' '))) {
        if (f->hooks.pick_org == NULL)
            snprintf(fld->msg, sizeof fld->msg, "%s", "此处无法选择组织");
        else
            f->hooks.pick_org(f->hooks.ctx, ctx, f, f->focus);
        return TUI_FORM_HANDLED;
    }
    return text ? TUI_FORM_HANDLED : TUI_FORM_IGNORED;
}

enum tui_form_event tui_form_handle(struct tui_form *f, enum tui_action a, const struct tui_key *k,
                                    struct tui_ctx *ctx)
{
    if (f->n == 0)
        return TUI_FORM_IGNORED;
    if (f->picking >= 0)
        return handle_picker(f, a, k);
    const struct tui_field_def *d = &f->defs[f->focus];
    struct tui_form_field *fld = &f->f[f->focus];
    switch (a) {
    case TUI_A_FOCUS:
        tui_form_focus(f, (f->focus + 1) % f->n);
        return TUI_FORM_HANDLED;
    case TUI_A_PREV_FIELD:
        tui_form_focus(f, (f->focus + f->n - 1) % f->n);
        return TUI_FORM_HANDLED;
    case TUI_A_DOWN:
        tui_form_focus(f, f->focus + 1);
        return TUI_FORM_HANDLED;
    case TUI_A_UP:
        tui_form_focus(f, f->focus - 1);
        return TUI_FORM_HANDLED;
    case TUI_A_OPEN:
        if (d->kind == TUI_FIELD_MULTILINE || d->kind == TUI_FIELD_CODE || d->kind == TUI_FIELD_ORG)
            break;
        tui_form_focus(f, f->focus + 1);
        return TUI_FORM_HANDLED;
    default:
        break;
    }
    if (!uses_edit(d))
        return handle_choice(f, a, k, ctx);
    switch (tui_edit_key(&fld->edit, a, k)) {
    case TUI_EDIT_CHANGED:
        touched(fld);
        return TUI_FORM_HANDLED;
    case TUI_EDIT_FULL:
        snprintf(fld->msg, sizeof fld->msg, "「%s」最多填写 %d 个字", d->label, max_chars_of(d));
        return TUI_FORM_HANDLED;
    case TUI_EDIT_MOVED:
    case TUI_EDIT_REFUSED:
        return TUI_FORM_HANDLED;
    default:
        return TUI_FORM_IGNORED;
    }
}

/* ---- drawing ------------------------------------------------------------ */

static void soft_cursor(WINDOW *win, int y, int x, int w, enum tui_role role)
{
    attr_t a = tui_role_attr(role);
    mvwchgat(win, y, x, w, (a & ~A_COLOR) ^ A_REVERSE, (short)PAIR_NUMBER(a), NULL);
}

struct field_place {
    int row;    /* first row, from the top of the form */
    int height; /* rows of the input box */
    int box_w;  /* columns inside the brackets */
    bool under; /* the message goes on the row under the box */
};

static int label_cols(const struct tui_form *f)
{
    int w = 0;
    for (int i = 0; i < f->n; i++) {
        int lw = tui_width(f->defs[i].label) + (f->defs[i].required ? 1 : 0);
        if (lw > w)
            w = lw;
    }
    return w + tui_width("：");
}

static const char *hint_of(const struct tui_form *f, int i)
{
    switch (f->defs[i].kind) {
    case TUI_FIELD_CODE:
        return "Enter 选择，可输入文字查找";
    case TUI_FIELD_ORG:
        return "Enter 选择组织";
    case TUI_FIELD_DATE:
        return "如 2021-07-01";
    case TUI_FIELD_ID:
        return "不清楚时填 #";
    case TUI_FIELD_MONEY:
        return "元";
    default:
        return "";
    }
}

/* Places every field for a form cols wide; returns the rows needed. */
static int place(const struct tui_form *f, int cols, struct field_place *pl)
{
    int box_x = MARK_COLS + label_cols(f) + 1;
    int room = cols - box_x - 2; /* the brackets */
    int row = f->msg[0] ? 2 : 0;
    for (int i = 0; i < f->n; i++) {
        const struct tui_field_def *d = &f->defs[i];
        int w = d->kind == TUI_FIELD_MULTILINE ? room : width_of(d);
        pl[i].box_w = w > room ? room : w;
        if (pl[i].box_w < 1)
            pl[i].box_w = 1;
        pl[i].row = row;
        pl[i].height = d->kind == TUI_FIELD_MULTILINE ? (d->rows > 0 ? d->rows : 3) : 1;
        int after = box_x + pl[i].box_w + 2 + 1;
        pl[i].under = f->f[i].msg[0] && tui_width(f->f[i].msg) > cols - after;
        row += pl[i].height + (pl[i].under ? 1 : 0);
    }
    return row;
}

static void draw_box(struct tui_form *f, int i, WINDOW *win, int y, int x,
                     const struct field_place *pl, bool focus)
{
    const struct tui_field_def *d = &f->defs[i];
    struct tui_form_field *fld = &f->f[i];
    enum tui_role role = focus ? TUI_ROLE_KEY : TUI_ROLE_NORMAL;
    int w = pl->box_w;
    for (int r = 0; r < pl->height; r++) {
        tui_draw_text(win, y + r, x, 1, TUI_ROLE_NORMAL, "[");
        tui_draw_text(win, y + r, x + 1 + w, 1, TUI_ROLE_NORMAL, "]");
    }
    if (d->kind == TUI_FIELD_CODE || d->kind == TUI_FIELD_ORG) {
        tui_draw_field(win, y, x + 1, w, role,
                       d->kind == TUI_FIELD_CODE ? fld->code_name : fld->org_name);
        return;
    }
    if (d->kind == TUI_FIELD_MULTILINE) {
        size_t linesz = (size_t)w * 4 + 8;
        char *lines = malloc(linesz * (size_t)pl->height);
        if (lines == NULL)
            return;
        int cy, cx;
        tui_edit_view_lines(&fld->edit, w, pl->height, lines, linesz, &cy, &cx);
        for (int r = 0; r < pl->height; r++)
            tui_draw_field(win, y + r, x + 1, w, role, lines + (size_t)r * linesz);
        if (focus)
            soft_cursor(win, y + cy, x + 1 + cx, 1, role);
        free(lines);
        return;
    }
    if (!focus) {
        tui_draw_field(win, y, x + 1, w, role, tui_edit_text(&fld->edit));
        return;
    }
    char view[512];
    int cx, cw;
    tui_edit_view(&fld->edit, w, view, sizeof view, &cx, &cw);
    tui_draw_field(win, y, x + 1, w, role, view);
    soft_cursor(win, y, x + 1 + cx, cw, role);
}

void tui_form_draw(struct tui_form *f, WINDOW *win, int y, int x, int rows, int cols, bool focused)
{
    if (f->n == 0 || rows < 1 || cols < 20)
        return;
    struct field_place *pl = calloc((size_t)f->n, sizeof *pl);
    if (pl == NULL)
        return;
    int total = place(f, cols, pl);
    /* Scroll so the focused field, its box and its message, are in view. */
    const struct field_place *fp = &pl[f->focus];
    int need_end = fp->row + fp->height + (fp->under ? 1 : 0);
    if (fp->row < f->top)
        f->top = fp->row;
    if (need_end > f->top + rows)
        f->top = need_end - rows;
    if (f->top > total - rows)
        f->top = total - rows > 0 ? total - rows : 0;
    if (f->msg[0] && f->top == 0)
        tui_draw_field(win, y, x, cols, TUI_ROLE_ERROR, f->msg);

    int lcols = label_cols(f), box_x = x + MARK_COLS + lcols + 1;
    for (int i = 0; i < f->n; i++) {
        const struct tui_field_def *d = &f->defs[i];
        struct tui_form_field *fld = &f->f[i];
        int fy = y + pl[i].row - f->top;
        if (pl[i].row < f->top || pl[i].row + pl[i].height > f->top + rows)
            continue; /* only whole fields are drawn */
        bool focus = focused && i == f->focus;
        char label[160];
        snprintf(label, sizeof label, "%s%s：", d->required ? "*" : "", d->label);
        int lw = tui_width(label);
        if (i == f->focus)
            tui_draw_text(win, fy, x, 1, focused ? TUI_ROLE_HEADING : TUI_ROLE_NORMAL, ">");
        tui_draw_text(win, fy, x + MARK_COLS + lcols - lw, lw,
                      fld->msg[0] ? TUI_ROLE_ERROR : TUI_ROLE_NORMAL, label);
        draw_box(f, i, win, fy, box_x, &pl[i], focus);
        int after = box_x + pl[i].box_w + 2 + 1;
        if (fld->msg[0]) {
            if (pl[i].under) {
                if (pl[i].row + pl[i].height < f->top + rows)
                    tui_draw_text(win, fy + pl[i].height, box_x, x + cols - box_x, TUI_ROLE_ERROR,
                                  fld->msg);
            } else {
                tui_draw_text(win, fy, after, x + cols - after, TUI_ROLE_ERROR, fld->msg);
            }
        } else if (focus && tui_width(hint_of(f, i)) <= x + cols - after) {
            tui_draw_text(win, fy, after, x + cols - after, TUI_ROLE_HINT, hint_of(f, i));
        }
    }
    free(pl);
    tui_code_picker_draw(&f->picker, win);
}
