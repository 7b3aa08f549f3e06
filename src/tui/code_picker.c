#include "tui/code_picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/width.h"

#define CODE_COLS 6
#define MIN_WIDTH 30

static int fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Byte-wise, so UTF-8 text matches whole characters; ASCII letters fold. */
static bool starts_with(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (*s == '\0' || fold((unsigned char)*s) != fold((unsigned char)*prefix))
            return false;
    return true;
}

static bool contains(const char *s, const char *needle)
{
    if (*needle == '\0')
        return true;
    for (; *s; s++)
        if (starts_with(s, needle))
            return true;
    return false;
}

int tui_code_filter(const struct tui_code_table *table, const char *text, int *out)
{
    int n = 0;
    /* Blanks around the text are what an input method leaves, not a filter. */
    while (*text == ' ')
        text++;
    char t[256];
    snprintf(t, sizeof t, "%s", text);
    size_t len = strlen(t);
    while (len > 0 && t[len - 1] == ' ')
        t[--len] = '\0';
    for (size_t i = 0; i < table->n; i++) {
        const struct tui_code_item *it = &table->items[i];
        if (starts_with(it->code ? it->code : "", t) || contains(it->name ? it->name : "", t))
            out[n++] = (int)i;
    }
    return n;
}

const struct tui_code_item *tui_code_find(const struct tui_code_table *table, const char *code)
{
    if (code == NULL || *code == '\0' || table == NULL)
        return NULL;
    for (size_t i = 0; i < table->n; i++)
        if (table->items[i].code && strcmp(table->items[i].code, code) == 0)
            return &table->items[i];
    return NULL;
}

static void refilter(struct tui_code_picker *p)
{
    struct tui_code_table t = {p->items, p->n};
    p->nmatch = tui_code_filter(&t, tui_edit_text(&p->filter), p->match);
    p->sel = 0;
    p->top = 0;
}

int tui_code_picker_open(struct tui_code_picker *p, const char *title,
                         const struct tui_code_table *table, const char *current_code,
                         const char *text)
{
    memset(p, 0, sizeof *p);
    snprintf(p->title, sizeof p->title, "%s", title ? title : "请选择");
    p->items = table ? table->items : NULL;
    p->n = table ? table->n : 0;
    p->match = malloc((p->n ? p->n : 1) * sizeof *p->match);
    if (p->match == NULL || tui_edit_init(&p->filter, 20, false) < 0) {
        free(p->match);
        p->match = NULL;
        return -1;
    }
    tui_edit_set(&p->filter, text ? text : "");
    refilter(p);
    /* Start on the current value when nothing is typed yet. */
    if (current_code && *tui_edit_text(&p->filter) == '\0')
        for (int i = 0; i < p->nmatch; i++)
            if (strcmp(p->items[p->match[i]].code, current_code) == 0)
                p->sel = i;
    p->height = 10;
    p->open = true;
    return 0;
}

void tui_code_picker_close(struct tui_code_picker *p)
{
    if (!p->open && p->match == NULL)
        return;
    free(p->match);
    p->match = NULL;
    tui_edit_free(&p->filter);
    p->open = false;
}

static void select_by(struct tui_code_picker *p, int delta)
{
    p->sel += delta;
    if (p->sel >= p->nmatch)
        p->sel = p->nmatch - 1;
    if (p->sel < 0)
        p->sel = 0;
}

enum tui_picker_answer tui_code_picker_handle(struct tui_code_picker *p, enum tui_action a,
                                              const struct tui_key *k)
{
    if (!p->open)
        return TUI_PICKER_PASS;
    if (tui_edit_is_text_key(k)) {
        if (tui_edit_key(&p->filter, a, k) == TUI_EDIT_CHANGED)
            refilter(p);
        return TUI_PICKER_PENDING;
    }
    int page = p->height > 1 ? p->height - 1 : 1;
    switch (a) {
    case TUI_A_HELP:
    case TUI_A_QUIT:
    case TUI_A_REDRAW:
        return TUI_PICKER_PASS;
    case TUI_A_OPEN:
        if (p->nmatch == 0)
            return TUI_PICKER_PENDING;
        p->chosen = &p->items[p->match[p->sel]];
        p->open = false;
        return TUI_PICKER_CHOSEN;
    case TUI_A_BACK:
        p->open = false;
        return TUI_PICKER_CANCEL;
    case TUI_A_UP:
        select_by(p, -1);
        return TUI_PICKER_PENDING;
    case TUI_A_DOWN:
        select_by(p, 1);
        return TUI_PICKER_PENDING;
    case TUI_A_PAGE_UP:
        select_by(p, -page);
        return TUI_PICKER_PENDING;
    case TUI_A_PAGE_DOWN:
        select_by(p, page);
        return TUI_PICKER_PENDING;
    case TUI_A_HOME:
        p->sel = 0;
        return TUI_PICKER_PENDING;
    case TUI_A_END:
        select_by(p, p->nmatch);
        return TUI_PICKER_PENDING;
    default:
        /* Backspace, Delete, Ctrl-U, Left, Right edit the filter. */
        if (tui_edit_key(&p->filter, a, k) == TUI_EDIT_CHANGED)
            refilter(p);
        return TUI_PICKER_PENDING;
    }
}

static void frame(WINDOW *win, int y, int x, int h, int w)
{
    attr_t old;
    short pair;
    wattr_get(win, &old, &pair, NULL);
    wattrset(win, (int)tui_role_attr(TUI_ROLE_BORDER));
    mvwaddch(win, y, x, ACS_ULCORNER);
    mvwhline(win, y, x + 1, ACS_HLINE, w - 2);
    mvwaddch(win, y, x + w - 1, ACS_URCORNER);
    mvwvline(win, y + 1, x, ACS_VLINE, h - 2);
    mvwvline(win, y + 1, x + w - 1, ACS_VLINE, h - 2);
    mvwaddch(win, y + h - 1, x, ACS_LLCORNER);
    mvwhline(win, y + h - 1, x + 1, ACS_HLINE, w - 2);
    mvwaddch(win, y + h - 1, x + w - 1, ACS_LRCORNER);
    wattr_set(win, old, pair, NULL);
}

void tui_code_picker_draw(struct tui_code_picker *p, WINDOW *win)
{
    if (!p->open)
        return;
    int maxy = getmaxy(win), maxx = getmaxx(win);
    int widest = tui_width(p->title) + 4;
    for (size_t i = 0; i < p->n; i++) {
        int w = CODE_COLS + 1 + tui_width(p->items[i].name);
        if (w > widest)
            widest = w;
    }
    int w = widest + 4 + 2; /* marker, padding, border */
    if (w < MIN_WIDTH)
        w = MIN_WIDTH;
    if (w > maxx - 2)
        w = maxx - 2;
    int rows = (int)p->n < 12 ? (int)p->n : 12;
    if (rows < 3)
        rows = 3;
    int h = rows + 5; /* border, filter, rule, rows, count, border */
    if (h > maxy)
        h = maxy;
    rows = h - 5;
    if (rows < 1 || w < 12)
        return;
    p->height = rows;
    int y0 = (maxy - h) / 2, x0 = (maxx - w) / 2, inner = w - 2;
    for (int r = 0; r < h; r++)
        tui_draw_field(win, y0 + r, x0, w, TUI_ROLE_NORMAL, "");
    frame(win, y0, x0, h, w);
    char title[96];
    snprintf(title, sizeof title, " %s ", p->title);
    tui_draw_text(win, y0, x0 + 2, w - 4, TUI_ROLE_HEADING, title);

    /* The filter line, with its soft cursor. */
    const char *label = "查找：";
    int lw = tui_width(label), fw = inner - 2 - lw;
    char view[128];
    int cx, cw;
    tui_edit_view(&p->filter, fw, view, sizeof view, &cx, &cw);
    tui_draw_text(win, y0 + 1, x0 + 2, lw, TUI_ROLE_NORMAL, label);
    tui_draw_field(win, y0 + 1, x0 + 2 + lw, fw, TUI_ROLE_KEY, view);
    attr_t ka = tui_role_attr(TUI_ROLE_KEY);
    mvwchgat(win, y0 + 1, x0 + 2 + lw + cx, cw, (ka & ~A_COLOR) ^ A_REVERSE, (short)PAIR_NUMBER(ka),
             NULL);

    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + rows)
        p->top = p->sel - rows + 1;
    for (int r = 0; r < rows && p->top + r < p->nmatch; r++) {
        int i = p->top + r;
        const struct tui_code_item *it = &p->items[p->match[i]];
        bool sel = i == p->sel;
        enum tui_role role = sel ? TUI_ROLE_MENU_SEL : TUI_ROLE_NORMAL;
        int y = y0 + 2 + r;
        tui_draw_field(win, y, x0 + 1, inner, role, sel ? ">" : "");
        tui_draw_field(win, y, x0 + 3, CODE_COLS, role, it->code);
        tui_draw_text(win, y, x0 + 3 + CODE_COLS + 1, inner - 3 - CODE_COLS, role, it->name);
    }
    char count[64];
    if (p->nmatch == 0)
        snprintf(count, sizeof count, "%s", "没有符合的项");
    else
        snprintf(count, sizeof count, "第 %d 项，共 %d 项", p->sel + 1, p->nmatch);
    tui_draw_text(win, y0 + h - 2, x0 + 2, inner - 2, TUI_ROLE_HINT, count);
}
