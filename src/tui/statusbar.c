#include "tui/statusbar.h"

#include <stdio.h>

#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/width.h"

void tui_status_set(struct tui_status *st, enum tui_msg_kind kind, const char *text)
{
    st->kind = kind;
    snprintf(st->text, sizeof st->text, "%s", text ? text : "");
}

void tui_status_clear(struct tui_status *st)
{
    st->kind = TUI_MSG_NONE;
    st->text[0] = '\0';
}

/* The columns "KEY label" takes, with the gap after it. */
static int hint_width(enum tui_action a)
{
    const struct tui_action_info *info = tui_action_info(a);
    if (info == NULL)
        return 0;
    char name[32];
    struct tui_key k = tui_action_key(a);
    tui_key_name(&k, name, sizeof name);
    return tui_width(name) + 1 + tui_width(info->label) + 2;
}

/* Draws "KEY label" at x if it fits before column right; returns the new x,
 * or -1 when it did not fit. */
static int draw_hint(WINDOW *w, int x, int right, enum tui_action a)
{
    const struct tui_action_info *info = tui_action_info(a);
    if (info == NULL)
        return x;
    char name[32];
    struct tui_key k = tui_action_key(a);
    tui_key_name(&k, name, sizeof name);
    if (x + hint_width(a) - 2 > right)
        return -1;
    x += tui_draw_text(w, 0, x, getmaxx(w) - x, TUI_ROLE_KEY, name);
    x += 1;
    x += tui_draw_text(w, 0, x, getmaxx(w) - x, TUI_ROLE_HINT, info->label);
    return x + 2;
}

void tui_status_draw(const struct tui_status *st, WINDOW *w, const enum tui_action *hints)
{
    if (st->kind != TUI_MSG_NONE) {
        enum tui_role role = st->kind == TUI_MSG_SUCCESS ? TUI_ROLE_SUCCESS : TUI_ROLE_ERROR;
        tui_draw_row(w, 0, role);
        tui_draw_text(w, 0, 1, getmaxx(w) - 1, role, st->text);
        return;
    }
    tui_draw_row(w, 0, TUI_ROLE_HINT);
    /* F1 and F10 always: a screen's own keys give way to them when a list
     * offers more buttons than the line holds. */
    int cols = getmaxx(w);
    int reserve = hint_width(TUI_A_HELP) + hint_width(TUI_A_QUIT);
    int x = 1;
    for (const enum tui_action *a = hints; a && *a != TUI_A_NONE; a++) {
        if (*a == TUI_A_HELP || *a == TUI_A_QUIT)
            continue;
        int next = draw_hint(w, x, cols - reserve, *a);
        if (next < 0)
            break;
        x = next;
    }
    x = draw_hint(w, x, cols, TUI_A_HELP);
    if (x >= 0)
        draw_hint(w, x, cols, TUI_A_QUIT);
}
