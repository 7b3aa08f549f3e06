#include "tui/list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/width.h"

#define MARK_COLS  2 /* "> " before the selected row */
#define CHECK_COLS 4 /* "[x] " */
#define SEP_COLS   1

static int pref_width(const struct tui_list_column *c)
{
    int w = c->width > 0 ? c->width : tui_width(c->title);
    return w > 0 ? w : 1;
}

static int min_width(const struct tui_list_column *c)
{
    int p = pref_width(c);
    int m = c->min > 0 ? c->min : (p < 4 ? p : 4);
    return m < p ? m : p;
}

/* Narrows the shown columns by need columns, flexible ones first, each from
 * the right, none below its minimum; returns what is still missing. */
static int shrink(const struct tui_list_column *cols, int ncols, int *w, int need)
{
    for (int pass = 0; pass < 2 && need > 0; pass++)
        for (int i = ncols - 1; i >= 0 && need > 0; i--) {
            bool flex = (cols[i].flags & TUI_COL_FLEX) != 0;
            if (w[i] == 0 || flex != (pass == 0))
                continue;
            int give = w[i] - min_width(&cols[i]);
            if (give > need)
                give = need;
            if (give > 0) {
                w[i] -= give;
                need -= give;
            }
        }
    return need;
}

static int used_cols(const int *w, int ncols)
{
    int sum = 0, shown = 0;
    for (int i = 0; i < ncols; i++)
        if (w[i] > 0) {
            sum += w[i];
            shown++;
        }
    return shown ? sum + (shown - 1) * SEP_COLS : 0;
}

int tui_list_layout(const struct tui_list_column *cols, int ncols, int avail, int *widths)
{
    bool hidden[TUI_PAGER_MAX_COLS] = {false};
    if (ncols > TUI_PAGER_MAX_COLS)
        ncols = TUI_PAGER_MAX_COLS;
    for (;;) {
        int shown = 0, last_optional = -1, last_shown = -1;
        for (int i = 0; i < ncols; i++) {
            widths[i] = hidden[i] ? 0 : pref_width(&cols[i]);
            if (hidden[i])
                continue;
            shown++;
            last_shown = i;
            if (cols[i].flags & TUI_COL_OPTIONAL)
                last_optional = i;
        }
        if (shown == 0)
            return 0;
        int sum = used_cols(widths, ncols);
        if (sum <= avail) {
            /* Spare width goes to the flexible columns, the remainder to the last. */
            int extra = avail - sum, nflex = 0, lastflex = -1;
            for (int i = 0; i < ncols; i++)
                if (widths[i] > 0 && (cols[i].flags & TUI_COL_FLEX)) {
                    nflex++;
                    lastflex = i;
                }
            for (int i = 0; i < ncols && nflex > 0; i++)
                if (widths[i] > 0 && (cols[i].flags & TUI_COL_FLEX))
                    widths[i] += extra / nflex + (i == lastflex ? extra % nflex : 0);
            return used_cols(widths, ncols);
        }
        if (shrink(cols, ncols, widths, sum - avail) == 0)
            return used_cols(widths, ncols);
        /* Even the narrowest layout is too wide: drop an optional column,
         * else the rightmost, and lay out again. */
        if (last_optional >= 0) {
            hidden[last_optional] = true;
        } else if (shown > 1) {
            hidden[last_shown] = true;
        } else {
            widths[last_shown] = avail > 0 ? avail : 0;
            return widths[last_shown];
        }
    }
}

int tui_list_init(struct tui_list *l, const struct tui_list_column *cols, int ncols,
                  const struct tui_pager_source *src, unsigned flags, int page_rows)
{
    memset(l, 0, sizeof *l);
    l->cols = cols;
    l->ncols = ncols;
    l->flags = flags;
    if (tui_pager_init(&l->pager, src, ncols, page_rows > 0 ? page_rows : 100) < 0)
        return -1;
    if (tui_edit_init(&l->search, TUI_LIST_SEARCH_CHARS, false) < 0)
        return -1;
    return 0;
}

void tui_list_free(struct tui_list *l)
{
    tui_pager_free(&l->pager);
    tui_edit_free(&l->search);
    free(l->checked);
    l->checked = NULL;
    l->nchecked = l->checked_cap = 0;
}

int tui_list_reload(struct tui_list *l)
{
    return tui_pager_reload(&l->pager);
}

const char *tui_list_error(const struct tui_list *l)
{
    return l->pager.err;
}

const struct tui_pager_stats *tui_list_stats(const struct tui_list *l)
{
    return &l->pager.stats;
}

const struct tui_rowkey *tui_list_current(const struct tui_list *l)
{
    return tui_pager_current(&l->pager);
}

const char *tui_list_current_cell(const struct tui_list *l, int col)
{
    return l->pager.nrows > 0 ? tui_pager_cell(&l->pager, l->pager.cur, col) : NULL;
}

static int find_checked(const struct tui_list *l, const struct tui_rowkey *k)
{
    for (int i = 0; i < l->nchecked; i++)
        if (tui_rowkey_equal(&l->checked[i], k))
            return i;
    return -1;
}

bool tui_list_is_checked(const struct tui_list *l, const struct tui_rowkey *k)
{
    return k && find_checked(l, k) >= 0;
}

int tui_list_checked(const struct tui_list *l, const struct tui_rowkey **keys)
{
    if (keys)
        *keys = l->checked;
    return l->nchecked;
}

void tui_list_clear_checked(struct tui_list *l)
{
    l->nchecked = 0;
}

static bool toggle(struct tui_list *l, const struct tui_rowkey *k)
{
    int i = find_checked(l, k);
    if (i >= 0) {
        l->checked[i] = l->checked[--l->nchecked];
        return true;
    }
    if (l->nchecked == l->checked_cap) {
        int cap = l->checked_cap ? l->checked_cap * 2 : 16;
        struct tui_rowkey *p = realloc(l->checked, (size_t)cap * sizeof *p);
        if (p == NULL)
            return false;
        l->checked = p;
        l->checked_cap = cap;
    }
    l->checked[l->nchecked++] = *k;
    return true;
}

static bool can_search(const struct tui_list *l)
{
    return l->pager.src.set_filter != NULL && !(l->flags & TUI_LIST_NO_SEARCH);
}

static enum tui_list_event result(const struct tui_list *l, int rc)
{
    return rc < 0 || l->pager.err[0] ? TUI_LIST_ERROR : TUI_LIST_HANDLED;
}

static enum tui_list_event handle_search(struct tui_list *l, enum tui_action a,
                                         const struct tui_key *k)
{
    if (tui_edit_is_text_key(k)) {
        tui_edit_key(&l->search, a, k);
        return TUI_LIST_HANDLED;
    }
    switch (a) {
    case TUI_A_OPEN: {
        const char *text = tui_edit_text(&l->search);
        int rc = tui_pager_filter(&l->pager, text);
        if (rc == 0) {
            snprintf(l->filter, sizeof l->filter, "%s", text);
            l->searching = false;
        }
        return result(l, rc);
    }
    case TUI_A_BACK:
        l->searching = false;
        return TUI_LIST_HANDLED;
    case TUI_A_HELP:
    case TUI_A_QUIT:
        return TUI_LIST_IGNORED;
    default:
        tui_edit_key(&l->search, a, k);
        return TUI_LIST_HANDLED; /* the search line keeps the keyboard */
    }
}

enum tui_list_event tui_list_handle(struct tui_list *l, enum tui_action a, const struct tui_key *k)
{
    struct tui_pager *p = &l->pager;
    if (l->searching)
        return handle_search(l, a, k);
    bool slash = k && k->kind == TUI_KEY_CHAR && k->code == '/';
    if ((a == TUI_A_SEARCH || slash) && can_search(l)) {
        l->searching = true;
        tui_edit_set(&l->search, l->filter);
        return TUI_LIST_HANDLED;
    }
    switch (a) {
    case TUI_A_UP:
        return result(l, tui_pager_move(p, -1));
    case TUI_A_DOWN:
        return result(l, tui_pager_move(p, 1));
    case TUI_A_PAGE_UP:
        return result(l, tui_pager_page_up(p));
    case TUI_A_PAGE_DOWN:
        return result(l, tui_pager_page_down(p));
    case TUI_A_HOME:
        return result(l, tui_pager_home(p));
    case TUI_A_END:
        return result(l, tui_pager_end(p));
    case TUI_A_TOGGLE: {
        const struct tui_rowkey *cur = tui_pager_current(p);
        if (!(l->flags & TUI_LIST_MULTI) || cur == NULL)
            return TUI_LIST_IGNORED;
        toggle(l, cur);
        /* Ticking moves on, so several rows are ticked with Space Space ... */
        return result(l, tui_pager_move(p, 1));
    }
    case TUI_A_OPEN:
        return tui_pager_current(p) ? TUI_LIST_ACTIVATE : TUI_LIST_HANDLED;
    default:
        return TUI_LIST_IGNORED;
    }
}

/* Draws one cell, aligned, exactly width columns wide. */
static void draw_cell(WINDOW *win, int y, int x, int width, enum tui_role role, const char *s,
                      bool right)
{
    if (right) {
        int w = tui_width(s);
        if (w < width) {
            tui_draw_field(win, y, x, width - w, role, "");
            tui_draw_field(win, y, x + width - w, w, role, s);
            return;
        }
    }
    tui_draw_field(win, y, x, width, role, s);
}

/* The cursor of a field being typed into, drawn as the cell in reverse of
 * its role so it shows without colour (the terminal's own cursor stays off). */
static void soft_cursor(WINDOW *win, int y, int x, int w, enum tui_role role)
{
    attr_t a = tui_role_attr(role);
    mvwchgat(win, y, x, w, (a & ~A_COLOR) ^ A_REVERSE, (short)PAIR_NUMBER(a), NULL);
}

static void draw_footer(struct tui_list *l, WINDOW *win, int y, int x, int cols)
{
    const struct tui_pager *p = &l->pager;
    if (l->searching) {
        const char *label = "查找：";
        int lw = tui_width(label);
        char hint[96], open[16], back[16];
        struct tui_key ko = tui_action_key(TUI_A_OPEN), kb = tui_action_key(TUI_A_BACK);
        snprintf(hint, sizeof hint, " %s 查找  %s 取消", tui_key_name(&ko, open, sizeof open),
                 tui_key_name(&kb, back, sizeof back));
        int hw = tui_width(hint);
        int fw = cols - lw - hw;
        if (fw < 10)
            fw = cols - lw;
        char view[TUI_LIST_SEARCH_CHARS * 4 + 64];
        int cx, cw;
        tui_edit_view(&l->search, fw, view, sizeof view, &cx, &cw);
        tui_draw_text(win, y, x, lw, TUI_ROLE_HEADING, label);
        tui_draw_field(win, y, x + lw, fw, TUI_ROLE_KEY, view);
        soft_cursor(win, y, x + lw + cx, cw, TUI_ROLE_KEY);
        if (fw + lw < cols)
            tui_draw_text(win, y, x + lw + fw, cols - lw - fw, TUI_ROLE_HINT, hint);
        return;
    }
    if (p->err[0]) {
        tui_draw_field(win, y, x, cols, TUI_ROLE_ERROR, p->err);
        return;
    }
    char text[320], pos[96];
    tui_pager_position(p, pos, sizeof pos);
    int n = snprintf(text, sizeof text, "%s", pos);
    if (l->filter[0] && n >= 0 && (size_t)n < sizeof text)
        n += snprintf(text + n, sizeof text - (size_t)n, "%s查找“%s”", n ? "　" : "", l->filter);
    if (l->nchecked > 0 && n >= 0 && (size_t)n < sizeof text)
        snprintf(text + n, sizeof text - (size_t)n, "%s已勾选 %d 条", n ? "　" : "", l->nchecked);
    tui_draw_field(win, y, x, cols, TUI_ROLE_HINT, text);
}

void tui_list_draw(struct tui_list *l, WINDOW *win, int y, int x, int rows, int cols, bool focused)
{
    struct tui_pager *p = &l->pager;
    bool multi = (l->flags & TUI_LIST_MULTI) != 0;
    if (rows < 3 || cols < MARK_COLS + 2)
        return;
    int lead = MARK_COLS + (multi ? CHECK_COLS : 0);
    tui_list_layout(l->cols, l->ncols, cols - lead, l->widths);
    int body = rows - 2; /* header and count line */
    tui_pager_set_height(p, body);

    int cx = x + lead;
    for (int c = 0; c < l->ncols; c++) {
        l->xs[c] = cx;
        if (l->widths[c] == 0)
            continue;
        draw_cell(win, y, cx, l->widths[c], TUI_ROLE_HEADING, l->cols[c].title,
                  (l->cols[c].flags & TUI_COL_RIGHT) != 0);
        cx += l->widths[c] + SEP_COLS;
    }

    for (int r = 0; r < body; r++) {
        int i = p->top + r, ry = y + 1 + r;
        if (i >= p->nrows)
            break;
        bool sel = i == p->cur;
        enum tui_role role =
            sel ? (focused ? TUI_ROLE_MENU_SEL : TUI_ROLE_MENU_SEL_IDLE) : TUI_ROLE_NORMAL;
        if (sel)
            tui_draw_field(win, ry, x, cols, role, "");
        tui_draw_text(win, ry, x, MARK_COLS, role, sel ? ">" : " ");
        if (multi)
            tui_draw_text(win, ry, x + MARK_COLS, CHECK_COLS, role,
                          tui_list_is_checked(l, tui_pager_key(p, i)) ? "[x]" : "[ ]");
        for (int c = 0; c < l->ncols; c++)
            if (l->widths[c] > 0)
                draw_cell(win, ry, l->xs[c], l->widths[c], role, tui_pager_cell(p, i, c),
                          (l->cols[c].flags & TUI_COL_RIGHT) != 0);
    }
    if (p->nrows == 0 && !p->err[0] && p->loaded) {
        char msg[320];
        if (l->filter[0])
            snprintf(msg, sizeof msg, "没有找到符合“%s”的记录", l->filter);
        else
            snprintf(msg, sizeof msg, "%s", l->empty_text ? l->empty_text : "没有记录");
        tui_draw_text(win, y + 1, x + lead, cols - lead, TUI_ROLE_NORMAL, msg);
    }
    draw_footer(l, win, y + rows - 1, x, cols);
}
