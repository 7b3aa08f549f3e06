#ifndef DJ_TUI_TABS_H
#define DJ_TUI_TABS_H
/*
 * A row of tab titles (a member's record sets: 基本信息, 学历学位, ... 奖惩).
 * The active tab is shown as [基本信息] so it is visible without colour;
 * Tab / Shift-Tab move to the next / previous tab (round), Left / Right too
 * but stop at the ends (so Left on the first tab still reaches the menu).
 * When the titles do not fit, the row scrolls to keep the active one in view
 * and shows < or > where tabs are hidden.  Nothing here refreshes.
 */
#include <curses.h>
#include <stdbool.h>

#include "tui/keys.h"

struct tui_tabs {
    const char *const *titles; /* must outlive the tabs */
    int n;
    int active;
    int first; /* the first title shown at the last draw */
};

void tui_tabs_init(struct tui_tabs *t, const char *const *titles, int n);

/* Returns true when the key changed the active tab (the screen then shows
 * the new tab's content), false when it was not for the tabs. */
bool tui_tabs_handle(struct tui_tabs *t, enum tui_action a, const struct tui_key *k);

/* Draws the row at (y, x), cols wide. */
void tui_tabs_draw(struct tui_tabs *t, WINDOW *win, int y, int x, int cols, bool focused);

#endif
