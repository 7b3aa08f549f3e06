/* F1: every action with its keys, generated from the one action list, the
 * current screen's first (contract: help.h). */
#include "tui/help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/draw.h"
#include "tui/screen.h"
#include "tui/width.h"

#define KEYS_COLS  14
#define LABEL_COLS 11
#define MAX_ROWS   (4 * (TUI_A_COUNT + 3)) /* a help text wraps to a few rows */
#define FIRST_ROW  2                       /* rows above the list: heading, column names */

/* The keys the loop (app.c's global_action) and every list answer, wherever
 * the keyboard is. */
static const enum tui_action global_keys[] = {
    TUI_A_HELP,    TUI_A_QUIT,      TUI_A_PASSWORD, TUI_A_FOCUS, TUI_A_LEFT,
    TUI_A_RIGHT,   TUI_A_BACK,      TUI_A_REDRAW,   TUI_A_UP,    TUI_A_DOWN,
    TUI_A_PAGE_UP, TUI_A_PAGE_DOWN, TUI_A_HOME,     TUI_A_END,   TUI_A_NONE};

/* One line of the help: a part's heading (action NONE) or an action. */
struct line {
    enum tui_action action;
    char heading[96];
};

/* One screen row: a line, and for an action the part of its help text on
 * this row (the first row also shows the keys and the label). */
struct row {
    int line;
    size_t off, len;
};

struct help {
    struct line lines[TUI_A_COUNT + 3];
    int n;
    struct row rows[MAX_ROWS];
    int nrows;
    int wrap;   /* the help column's width the rows were cut for */
    int top;    /* first row shown */
    int height; /* rows shown at the last draw */
};

/* Cuts the lines into rows whose help text fits `width` columns. */
static void layout_rows(struct help *h, int width)
{
    if (width < 8)
        width = 8;
    h->wrap = width;
    h->nrows = 0;
    for (int i = 0; i < h->n && h->nrows < MAX_ROWS; i++) {
        if (h->lines[i].action == TUI_A_NONE) {
            h->rows[h->nrows++] = (struct row){i, 0, 0};
            continue;
        }
        const char *t = tui_action_info(h->lines[i].action)->help;
        size_t len = strlen(t), start = 0, at = 0, brk = 0; /* brk: a row may start there */
        int used = 0;
        while (h->nrows < MAX_ROWS) {
            wchar_t wc;
            int w;
            size_t n = tui_width_next(t + at, len - at, &wc, &w);
            /* Closing punctuation stays with the text before it: it hangs in
             * the two columns kept free, or the row ends before the character
             * it follows.  A last character or two are no orphans either. */
            bool closing = n > 0 && wc != 0 && wcschr(L"，。、；：！？）」』…", wc) != NULL;
            bool hangs = n > 0 && (closing || tui_width_n(t + at, len - at) <= 2);
            if (n == 0 || (used + w > width && !(hangs && used + w <= width + 2))) {
                size_t cut = n > 0 && closing && brk > start ? brk : at;
                used = tui_width_n(t + cut, at - cut);
                h->rows[h->nrows++] = (struct row){i, start, cut - start};
                if (n == 0)
                    break;
                start = cut;
                continue;
            }
            if (!closing)
                brk = at;
            at += n;
            used += w;
        }
    }
}

static void add_heading(struct help *h, const char *text)
{
    struct line *l = &h->lines[h->n++];
    l->action = TUI_A_NONE;
    snprintf(l->heading, sizeof l->heading, "%s", text);
}

/* Adds the actions of list (ending with NONE) not listed yet. */
static void add_actions(struct help *h, const enum tui_action *list, bool listed[TUI_A_COUNT])
{
    for (const enum tui_action *a = list; a && *a != TUI_A_NONE; a++) {
        if (*a <= TUI_A_NONE || *a >= TUI_A_COUNT || listed[*a])
            continue;
        listed[*a] = true;
        h->lines[h->n++].action = *a;
    }
}

static int help_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    const struct tui_help_arg *ha = arg;
    struct help *h = calloc(1, sizeof *h);
    if (h == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开帮助");
        return -1;
    }
    bool listed[TUI_A_COUNT] = {false};
    /* F1 and F10 are in every hint line; here they lead the global part. */
    listed[TUI_A_HELP] = listed[TUI_A_QUIT] = true;
    char text[96];
    if (ha != NULL && ha->hints != NULL && ha->hints[0] != TUI_A_NONE) {
        snprintf(text, sizeof text, "本画面%s%s%s的按键", ha->title ? "「" : "",
                 ha->title ? ha->title : "", ha->title ? "」" : "");
        add_heading(h, text);
        add_actions(h, ha->hints, listed);
    }
    listed[TUI_A_HELP] = listed[TUI_A_QUIT] = false;
    add_heading(h, "通用按键（任何画面）");
    add_actions(h, global_keys, listed);
    enum tui_action rest[TUI_A_COUNT];
    int nr = 0;
    for (int a = TUI_A_NONE + 1; a < TUI_A_COUNT; a++)
        rest[nr++] = (enum tui_action)a;
    rest[nr] = TUI_A_NONE;
    int before = h->n;
    add_heading(h, "其他画面的按键");
    add_actions(h, rest, listed);
    if (h->n == before + 1) /* nothing left: no empty part */
        h->n = before;
    snprintf(s->title, sizeof s->title, "%s", "帮助");
    s->data = h;
    return 0;
}

static void clamp(struct help *h)
{
    int max_top = h->nrows - h->height;
    if (h->top > max_top)
        h->top = max_top;
    if (h->top < 0)
        h->top = 0;
}

static void help_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    (void)focused;
    struct help *h = s->data;
    int cols = getmaxx(win);
    h->height = getmaxy(win) - FIRST_ROW;
    clamp(h);
    tui_draw_text(win, 0, 1, cols - 1, TUI_ROLE_HEADING, "帮助：全部按键（本画面的在前）");
    int x_label = 1 + KEYS_COLS, x_help = x_label + LABEL_COLS;
    if (cols - x_help - 2 != h->wrap) {
        layout_rows(h, cols - x_help - 2);
        clamp(h);
    }
    tui_draw_text(win, 1, 1, KEYS_COLS, TUI_ROLE_MENU_HEAD, "按键");
    tui_draw_text(win, 1, x_label, LABEL_COLS, TUI_ROLE_MENU_HEAD, "名称");
    tui_draw_text(win, 1, x_help, cols - x_help, TUI_ROLE_MENU_HEAD, "作用");
    for (int row = 0; row < h->height && h->top + row < h->nrows; row++) {
        const struct row *r = &h->rows[h->top + row];
        const struct line *l = &h->lines[r->line];
        int y = FIRST_ROW + row;
        if (l->action == TUI_A_NONE) {
            char text[128];
            snprintf(text, sizeof text, "── %s ──", l->heading);
            tui_draw_text(win, y, 1, cols - 1, TUI_ROLE_HEADING, text);
            continue;
        }
        const struct tui_action_info *info = tui_action_info(l->action);
        if (r->off == 0) {
            char keys[64];
            tui_draw_text(win, y, 1, KEYS_COLS - 1, TUI_ROLE_KEY,
                          tui_action_keys(l->action, keys, sizeof keys));
            tui_draw_text(win, y, x_label, LABEL_COLS - 1, TUI_ROLE_NORMAL, info->label);
        }
        char part[256];
        snprintf(part, sizeof part, "%.*s", (int)r->len, info->help + r->off);
        tui_draw_text(win, y, x_help, cols - x_help, TUI_ROLE_NORMAL, part);
    }
}

static unsigned help_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                            struct tui_ctx *ctx)
{
    (void)key;
    (void)ctx;
    struct help *h = s->data;
    int page = h->height > 1 ? h->height - 1 : 1;
    switch (action) {
    case TUI_A_BACK:
        return TUI_R_CLOSE;
    case TUI_A_HELP: /* already here */
        return TUI_R_HANDLED;
    case TUI_A_UP:
        h->top--;
        break;
    case TUI_A_DOWN:
        h->top++;
        break;
    case TUI_A_PAGE_UP:
        h->top -= page;
        break;
    case TUI_A_PAGE_DOWN:
        h->top += page;
        break;
    case TUI_A_HOME:
        h->top = 0;
        break;
    case TUI_A_END:
        h->top = h->nrows;
        break;
    default:
        return TUI_R_IGNORED;
    }
    clamp(h);
    return TUI_R_HANDLED;
}

static void help_close(struct tui_screen *s)
{
    free(s->data);
    s->data = NULL;
}

static const enum tui_action help_hints[] = {TUI_A_BACK, TUI_A_DOWN, TUI_A_PAGE_DOWN, TUI_A_NONE};

const struct tui_screen_ops tui_help_ops = {
    .name = "help",
    .open = help_open,
    .draw = help_draw,
    .handle = help_handle,
    .close = help_close,
    .hints = help_hints,
};
