#include "tui/tabs.h"

#include <stdio.h>

#include "tui/draw.h"
#include "tui/width.h"

void tui_tabs_init(struct tui_tabs *t, const char *const *titles, int n)
{
    t->titles = titles;
    t->n = n > 0 ? n : 0;
    t->active = 0;
    t->first = 0;
}

bool tui_tabs_handle(struct tui_tabs *t, enum tui_action a, const struct tui_key *k)
{
    (void)k;
    if (t->n < 2)
        return false;
    switch (a) {
    case TUI_A_FOCUS:
        t->active = (t->active + 1) % t->n;
        return true;
    case TUI_A_PREV_FIELD:
        t->active = (t->active + t->n - 1) % t->n;
        return true;
    case TUI_A_RIGHT:
        if (t->active + 1 >= t->n)
            return false;
        t->active++;
        return true;
    case TUI_A_LEFT:
        if (t->active == 0)
            return false;
        t->active--;
        return true;
    default:
        return false;
    }
}

/* A title's cell: the title and a bracket or space on each side. */
static int cell_cols(const struct tui_tabs *t, int i)
{
    return tui_width(t->titles[i]) + 2;
}

void tui_tabs_draw(struct tui_tabs *t, WINDOW *win, int y, int x, int cols, bool focused)
{
    if (t->n == 0 || cols < 4)
        return;
    int total = 0;
    for (int i = 0; i < t->n; i++)
        total += cell_cols(t, i);
    if (total <= cols) {
        t->first = 0;
    } else {
        /* Room for the < and > marks; scroll just enough to show the active tab. */
        int room = cols - 2;
        if (t->active < t->first)
            t->first = t->active;
        for (;;) {
            int w = 0;
            for (int i = t->first; i <= t->active; i++)
                w += cell_cols(t, i);
            if (w <= room || t->first == t->active)
                break;
            t->first++;
        }
    }
    bool scrolled = total > cols;
    int cx = x + (scrolled ? 1 : 0), end = x + cols - (scrolled ? 1 : 0);
    if (scrolled && t->first > 0)
        tui_draw_text(win, y, x, 1, TUI_ROLE_HINT, "<");
    int i = t->first;
    for (; i < t->n; i++) {
        int w = cell_cols(t, i);
        if (cx + w > end)
            break;
        char buf[96];
        bool on = i == t->active;
        snprintf(buf, sizeof buf, on ? "[%s]" : " %s ", t->titles[i]);
        enum tui_role role =
            on ? (focused ? TUI_ROLE_MENU_SEL : TUI_ROLE_MENU_SEL_IDLE) : TUI_ROLE_NORMAL;
        cx += tui_draw_text(win, y, cx, w, role, buf);
    }
    if (scrolled && i < t->n)
        tui_draw_text(win, y, x + cols - 1, 1, TUI_ROLE_HINT, ">");
}
